//! Generates synthetic plan repositories for the benchmark: six levers, objectives,
//! ministries and agencies, actions with calendars of every form the real plan uses,
//! indicators of every kind, state histories, and readings spread over the actions.
//!
//! ```sh
//! cargo run --release --manifest-path benches/generator/Cargo.toml -- --actions 10000 --readings 1000000 --out benches/out/plan
//! ```
//!
//! With `--breakdowns`, the plan declares three dimensions (12 cantons, 4 age groups, 2
//! sexes), its counts, numbers and percentages may be broken down by all three, and their
//! readings are, for each day, the total then one cell per combination of the three (96),
//! each cell small enough that a day's cells never add up to more than its total.
//!
//! The output is deterministic (a fixed seed) and valid: `pan validate` finds no error.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic random generator (xorshift), enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const MINISTRIES: [&str; 15] = [
    "ME",
    "MAINT",
    "MA",
    "MCULT",
    "MinDigital",
    "MECO",
    "MENEJ",
    "MEGA",
    "MFSVA",
    "MFIN",
    "MFP",
    "MMTP",
    "MESR",
    "M3S",
    "MT",
];
const SERVICES: [&str; 4] = ["SFA", "IFEN", "CTIE", "SCRIPT"];
const VERBS: [&str; 10] = [
    "Organiser",
    "Développer",
    "Promouvoir",
    "Mettre en œuvre",
    "Proposer",
    "Renforcer",
    "Élaborer",
    "Faciliter",
    "Sensibiliser",
    "Soutenir",
];
const OBJECTS: [&str; 10] = [
    "des ateliers d'initiation au numérique",
    "une plateforme d'information accessible",
    "des formations pour les personnes âgées",
    "un guide pratique des démarches en ligne",
    "des permanences d'accompagnement numérique",
    "une campagne de sensibilisation aux risques en ligne",
    "des cours de programmation pour les jeunes",
    "un réseau de médiateurs numériques",
    "des espaces publics numériques",
    "un service d'assistance téléphonique",
];
const PUBLICS: [&str; 6] = [
    "à destination des publics éloignés du numérique",
    "pour les demandeurs d'emploi",
    "dans les communes",
    "en partenariat avec les associations",
    "afin de renforcer l'autonomie numérique des citoyens",
    "pour les personnes en situation de handicap",
];
const CALENDARS: [&str; 14] = [
    "2026 – 2030",
    "2026",
    "2027",
    "2026 – 2027",
    "2025 – 2028",
    "2026+",
    "Action continue",
    "Action continue (Intégration complète 2026)",
    "À partir de 2026",
    "À partir de l'année scolaire 2025/2026",
    "À partir du 30 octobre 2025",
    "Tous les 2 ans",
    "Événement annuel",
    "Selon le plan d'implémentation de la « Stratégie nationale de résilience »",
];
const INDICATORS: [(&str, &str, &str); 6] = [
    ("participants", "Nombre de participants", "count"),
    ("sessions", "Nombre de sessions organisées", "count"),
    ("taux-satisfaction", "Taux de satisfaction", "percent"),
    ("budget", "Budget engagé", "number"),
    ("rapport", "Rapport publié", "deliverable"),
    ("retours", "Retours des participants", "qualitative"),
];

fn calendar_yaml(label: &str) -> String {
    let (cal, ok) = pan::model::calendar::parse_label(label);
    assert!(ok, "{label}");
    let mut a = pan::model::Action {
        code: pan::model::code::DEFAULT
            .parse("IN-A-1.01")
            .expect("a valid code"),
        objective: "A-1".into(),
        action: String::new(),
        responsible: vec![],
        partners: vec![],
        indicators: vec![],
        calendar: cal,
        states: vec![],
    };
    a.action = "x".into();
    let text = pan::write::yaml::action(&a);
    let start = text
        .find("calendar:")
        .expect("the emitter writes a calendar");
    let end = text.find("states:").expect("the emitter writes states");
    text[start..end].to_string()
}

/// Write a synthetic plan repository with `actions` actions and `readings` readings (fewer
/// only if the last actions cannot hold them); returns the number of readings written.
pub fn generate(
    out: &Path,
    actions: usize,
    readings: usize,
    breakdowns: bool,
) -> std::io::Result<usize> {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    std::fs::create_dir_all(out)?;
    const CANTONS: [&str; 12] = [
        "capellen",
        "clervaux",
        "diekirch",
        "echternach",
        "esch-sur-alzette",
        "grevenmacher",
        "luxembourg",
        "mersch",
        "redange",
        "remich",
        "vianden",
        "wiltz",
    ];
    const AGES: [&str; 4] = ["16-24", "25-54", "55-74", "75+"];
    const SEXES: [&str; 2] = ["femme", "homme"];
    if breakdowns {
        std::fs::create_dir_all(out.join("plan"))?;
        let mut d = String::from("dimensions:\n");
        for (id, values) in [
            ("canton", &CANTONS[..]),
            ("age", &AGES[..]),
            ("sex", &SEXES[..]),
        ] {
            let _ = writeln!(d, "  - id: {id}\n    label: Dimension {id}\n    values:");
            for v in values {
                let _ = writeln!(d, "      - id: {v}\n        label: Valeur {v}");
            }
        }
        std::fs::write(out.join("plan").join("dimensions.yaml"), d)?;
    }
    let cells: Vec<String> = CANTONS
        .iter()
        .flat_map(|c| {
            AGES.iter()
                .flat_map(move |a| SEXES.iter().map(move |s| format!("{c},{a},{s}")))
        })
        .collect();
    std::fs::write(
        out.join("pan.toml"),
        "[plan]\ntitle = \"Plan synthétique\"\nstart = 2026\nend = 2030\n\n[copil]\nmeetings = [\"2026-06-30\"]\n",
    )?;
    let plan = out.join("plan");
    let levers = ["A", "B", "C", "D", "E", "F"];
    let per_lever = actions.div_ceil(6).max(1);
    let objectives_per_lever = per_lever.div_ceil(40).max(1);
    let mut lv = String::from("levers:\n");
    for l in levers {
        let _ = writeln!(
            lv,
            "  - code: {l}\n    title: Levier {l} du plan synthétique\n    objectives:"
        );
        for o in 1..=objectives_per_lever {
            let _ = writeln!(
                lv,
                "      - code: {l}-{o}\n        title: Objectif {o} du levier {l}"
            );
        }
    }
    std::fs::create_dir_all(&plan)?;
    std::fs::write(plan.join("levers.yaml"), lv)?;
    let mut actors = String::from("actors:\n");
    for m in MINISTRIES {
        let _ = writeln!(
            actors,
            "  - acronym: {m}\n    name: Ministère {m}\n    kind: ministry\n    ministry: {m}"
        );
        for s in SERVICES {
            let _ = writeln!(
                actors,
                "  - acronym: {m}-{s}\n    name: Service {s} du ministère {m}\n    kind: agency\n    ministry: {m}"
            );
        }
    }
    for e in ["LISER", "FEDAS", "CSL", "LIST"] {
        let _ = writeln!(
            actors,
            "  - acronym: {e}\n    name: Organisme {e}\n    kind: external"
        );
    }
    std::fs::write(plan.join("actors.yaml"), actors)?;
    let calendars: Vec<String> = CALENDARS.iter().map(|l| calendar_yaml(l)).collect();

    let readings_per_action = readings / actions.max(1);
    let mut extra = readings % actions.max(1);
    let mut carry = 0usize;
    let mut written = 0usize;
    let mut n = 0usize;
    'levers: for l in levers {
        std::fs::create_dir_all(plan.join(l))?;
        std::fs::create_dir_all(out.join("indicators").join(l))?;
        for o in 1..=objectives_per_lever {
            for a in 1..=40usize {
                if n >= actions {
                    break 'levers;
                }
                if (o - 1) * 40 + a > per_lever {
                    break;
                }
                n += 1;
                let code = format!("IN-{l}-{o}.{a:02}");
                let mut y = String::with_capacity(1200);
                let _ = writeln!(
                    y,
                    "# yaml-language-server: $schema=../action.schema.json\ncode: {code}\nobjective: {l}-{o}\naction: |-"
                );
                let _ = writeln!(
                    y,
                    "  {} {} {}. Cette action vise à réduire la fracture numérique et à accompagner chacun vers plus d'autonomie.",
                    rng.pick(&VERBS),
                    rng.pick(&OBJECTS),
                    rng.pick(&PUBLICS)
                );
                let m = MINISTRIES[rng.below(15)];
                y.push_str("responsible:\n");
                if rng.below(2) == 0 {
                    let _ = writeln!(y, "  - {m}");
                } else {
                    let _ = writeln!(y, "  - {m}-{}", rng.pick(&SERVICES));
                }
                let partners = rng.below(3);
                if partners == 0 {
                    y.push_str("partners: []\n");
                } else {
                    y.push_str("partners:\n");
                    let _ = writeln!(y, "  - {}", rng.pick(&["LISER", "FEDAS", "CSL", "LIST"]));
                    if partners == 2 {
                        y.push_str("  - Acteurs de la société civile\n");
                    }
                }
                let k = 1 + rng.below(3);
                let first = rng.below(INDICATORS.len());
                let inds: Vec<(&str, &str, &str)> = (0..k)
                    .map(|i| INDICATORS[(first + i) % INDICATORS.len()])
                    .collect();
                y.push_str("indicators:\n");
                for (id, label, kind) in &inds {
                    let _ = writeln!(y, "  - id: {id}\n    label: {label}\n    kind: {kind}");
                    if breakdowns && matches!(*kind, "count" | "number" | "percent") {
                        y.push_str("    breakdowns: [canton, age, sex]\n");
                    }
                }
                y.push_str(&calendars[rng.below(calendars.len())]);
                if rng.below(3) == 0 {
                    y.push_str("states:\n  - date: 2026-02-01\n    state: in_progress\n    note: Lancement\n");
                } else {
                    y.push_str("states: []\n");
                }
                std::fs::write(plan.join(l).join(format!("{code}.yaml")), y)?;

                // Readings: one per day from 2021-01-01, per indicator in turn. A
                // deliverable is delivered once; what it cannot take goes to the other
                // indicators, or to the next action, so the total is exact.
                let mut count = readings_per_action + carry;
                carry = 0;
                if extra > 0 {
                    count += 1;
                    extra -= 1;
                }
                if count == 0 {
                    continue;
                }
                let mut csv = String::with_capacity(count * 64 + 64);
                csv.push_str("indicator,period,value,source,note,recorded,replaces");
                csv.push_str(if breakdowns { ",canton,age,sex\n" } else { "\n" });
                let blank = if breakdowns { ",,," } else { "" };
                let start = jiff::civil::date(2021, 1, 1);
                let open = inds.iter().filter(|(_, _, k)| *k != "deliverable").count();
                let delivered = inds.len() - open;
                let mut left = count;
                let mut others = open;
                for (id, _, kind) in &inds {
                    let quota = if *kind == "deliverable" {
                        1.min(left)
                    } else {
                        // The share of what is left after the deliverables' one each.
                        let reserved = delivered.min(left.saturating_sub(1));
                        let share = (left - reserved).div_ceil(others.max(1));
                        others = others.saturating_sub(1);
                        share
                    };
                    let split = breakdowns && matches!(*kind, "count" | "number" | "percent");
                    // With breakdowns: each day, the total then its cells.
                    let per_day = if split { 1 + cells.len() } else { 1 };
                    for d in 0..quota {
                        let day = start
                            .checked_add(jiff::Span::new().days((d / per_day) as i64))
                            .expect("a date in range");
                        let slot = d % per_day;
                        if slot > 0 {
                            let value = match *kind {
                                "count" => rng.below(5).to_string(),
                                "percent" => format!("{}.{}", rng.below(100), rng.below(10)),
                                _ => format!("{}.5", rng.below(100000)),
                            };
                            let _ = writeln!(
                                csv,
                                "{id},{day},{value},Rapport de suivi {},,,,{}",
                                day.year(),
                                cells[slot - 1]
                            );
                            continue;
                        }
                        let value = match *kind {
                            // A total above what its 96 cells (0 to 4 each) can add up to.
                            "count" if split => (500 + rng.below(500)).to_string(),
                            "count" => (rng.below(500)).to_string(),
                            "percent" => format!("{}.{}", rng.below(100), rng.below(10)),
                            "number" => format!("{}.5", rng.below(100000)),
                            "deliverable" => "done".to_string(),
                            _ => "Retours positifs des participants".to_string(),
                        };
                        let _ = writeln!(
                            csv,
                            "{id},{day},{value},Rapport de suivi {},,,{blank}",
                            day.year()
                        );
                    }
                    left -= quota;
                    written += quota;
                }
                carry = left;
                std::fs::write(
                    out.join("indicators").join(l).join(format!("{code}.csv")),
                    csv,
                )?;
            }
        }
    }
    Ok(written)
}

fn main() {
    let mut actions = 1000usize;
    let mut readings = 10_000usize;
    let mut out = std::path::PathBuf::from("benches/out/plan");
    let mut breakdowns = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--actions" => actions = value().parse().expect("--actions takes a number"),
            "--readings" => readings = value().parse().expect("--readings takes a number"),
            "--out" => out = value().into(),
            "--breakdowns" => breakdowns = true,
            "-h" | "--help" => {
                println!("generate [--actions N] [--readings M] [--out DIR] [--breakdowns]");
                return;
            }
            other => panic!("unknown argument {other}"),
        }
    }
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("the output folder can be replaced");
    }
    let written = generate(&out, actions, readings, breakdowns).expect("the plan is written");
    println!(
        "wrote {} ({actions} actions, {written} readings)",
        out.display()
    );
}
