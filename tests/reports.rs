//! `pan digest` and `pan report`: valid GitHub-flavoured Markdown (checked with a real
//! parser), valid Mermaid dates, deterministic bytes, counts that add up.

mod common;

use common::{ACTION_PATH, Fixture, stderr, stdout};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

const AS_OF: &str = "2026-11-23";

fn bundled(args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("pan")
        .unwrap()
        .env("PAN_TODAY", "2026-11-30")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PAN_ROOT")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// Every table's rows have exactly the header's number of cells; returns the tables'
/// sizes as (columns, body rows).
fn tables(md: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut cols, mut rows, mut cells) = (0usize, 0usize, 0usize);
    let mut in_head = false;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match e {
            Event::Start(Tag::Table(align)) => {
                cols = align.len();
                rows = 0;
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                cells = 0;
            }
            Event::End(TagEnd::TableHead) => {
                assert_eq!(cells, cols, "header cells");
                in_head = false;
            }
            Event::Start(Tag::TableRow) => cells = 0,
            Event::End(TagEnd::TableRow) => {
                assert_eq!(cells, cols, "a row has {cells} cells, the table {cols}");
                if !in_head {
                    rows += 1;
                }
            }
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::Table) => out.push((cols, rows)),
            _ => {}
        }
    }
    out
}

/// The Mermaid blocks of a document.
fn mermaid_blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if &*lang == "mermaid" => {
                current = Some(String::new())
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(c) = current.take() {
                    out.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

/// Check a gantt chart: every task line has an id and two valid dates in order; ids are
/// unique. Returns the number of tasks.
fn check_gantt(block: &str) -> usize {
    let mut lines = block.lines();
    assert_eq!(lines.next(), Some("gantt"));
    let mut ids = std::collections::HashSet::new();
    let mut n = 0;
    for line in lines {
        let t = line.trim();
        if t.is_empty()
            || [
                "title ",
                "dateFormat ",
                "axisFormat ",
                "todayMarker ",
                "section ",
            ]
            .iter()
            .any(|k| t.starts_with(k))
        {
            continue;
        }
        let (name, rest) = t
            .split_once(" :")
            .unwrap_or_else(|| panic!("not a task line: {t:?}"));
        assert!(!name.is_empty() && !name.contains(':'), "{t}");
        let parts: Vec<&str> = rest.split(", ").collect();
        let (tags, rest) = parts.split_at(parts.len().saturating_sub(3));
        let [id, start, end] = rest else {
            panic!("bad task line: {t:?}");
        };
        for tag in tags {
            assert!(["done", "active", "crit", "milestone"].contains(tag), "{t}");
        }
        let milestone = tags.contains(&"milestone");
        if *id == "asof" {
            assert!(milestone, "the as-of date is a milestone: {t}");
            continue;
        }
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{t}"
        );
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let s: jiff::civil::Date = start
            .parse()
            .unwrap_or_else(|_| panic!("bad start in {t:?}"));
        if milestone {
            assert_eq!(*end, "0d", "{t}");
        } else {
            let e: jiff::civil::Date = end.parse().unwrap_or_else(|_| panic!("bad end in {t:?}"));
            assert!(s <= e, "{t}");
        }
        n += 1;
    }
    n
}

#[test]
fn the_digest_is_valid_gfm_with_valid_mermaid_charts() {
    let md = bundled(&["digest", "--as-of", AS_OF]);
    let tables = tables(&md);
    assert!(tables.len() >= 5, "{tables:?}");
    assert_eq!(tables[0].1, 7, "key figures: the whole plan and six levers");
    let blocks = mermaid_blocks(&md);
    assert!(!blocks.is_empty());
    let tasks: usize = blocks.iter().map(|b| check_gantt(b)).sum();
    // Actions without a published date are listed beside the charts, never drawn.
    let mut undated = Vec::new();
    let mut listing = false;
    for line in md.lines() {
        if line.starts_with("Non représentées") {
            listing = true;
        } else if listing && line.starts_with("- **IN-") {
            undated.push(
                line.trim_start_matches("- **")
                    .split("**")
                    .next()
                    .unwrap()
                    .to_string(),
            );
        } else if listing && !line.is_empty() {
            listing = false;
        }
    }
    assert_eq!(
        tasks + undated.len(),
        249,
        "every action is drawn or listed"
    );
    let drawn: String = blocks.concat();
    for code in [
        "IN-D-4.09",
        "IN-D-5.01",
        "IN-D-3.12",
        "IN-D-3.13",
        "IN-C-4.05",
    ] {
        assert!(
            undated.contains(&code.to_string()),
            "{code} is listed as undated"
        );
        assert!(!drawn.contains(&format!("{code} ")), "{code} is not drawn");
    }
    assert!(
        blocks.iter().all(|b| b
            .lines()
            .filter(|l| l.trim_start().starts_with("IN-"))
            .count()
            <= 30),
        "large levers are split"
    );
    // A bar the plan gives no end is drawn to the plan's end, and says so; a published end
    // is drawn as it is, without the mention.
    let bar = |code: &str| {
        drawn
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{code} ")))
            .unwrap_or_else(|| panic!("{code} is drawn"))
            .to_string()
    };
    assert!(
        bar("IN-B-3.01").contains("→ sans fin publiée :"),
        "{}",
        bar("IN-B-3.01")
    );
    assert!(
        bar("IN-B-3.01").ends_with(", 2030-12-31"),
        "{}",
        bar("IN-B-3.01")
    );
    assert!(
        !bar("IN-A-2.01").contains("sans fin"),
        "{}",
        bar("IN-A-2.01")
    );
    for section in [
        "## Chiffres clés",
        "## Progrès vers les cibles de contexte",
        "## Décisions à prendre",
        "## Par ministère",
        "## Calendrier",
    ] {
        assert!(md.contains(section), "{section}");
    }
    assert!(
        md.contains("[^method]:"),
        "the method is stated in a footnote"
    );
}

#[test]
fn digest_and_report_are_deterministic() {
    for args in [
        &["digest", "--as-of", AS_OF][..],
        &["report", "--as-of", AS_OF, "--group-by", "ministry"][..],
    ] {
        assert_eq!(bundled(args), bundled(args), "{args:?}");
    }
}

#[test]
fn the_digest_in_english() {
    let md = bundled(&["digest", "--as-of", AS_OF, "--lang", "en"]);
    assert!(md.starts_with("# Steering committee (COPIL) digest"));
    assert!(md.contains("## Key figures") && md.contains("not enough data"));
    tables(&md);
}

#[test]
fn report_groups_add_up() {
    let plan = {
        let repo =
            pan::config::Repo::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        pan::load::load(&pan::load::tree::FsTree::new(&repo.root), &repo.settings).plan
    };
    let entries_by_ministry: usize = plan
        .actions
        .iter()
        .map(|a| plan.ministries_of(a).len().max(1))
        .sum();
    for (by, expected) in [
        ("lever", 249),
        ("calendar", 249),
        ("ministry", entries_by_ministry),
    ] {
        let md = bundled(&["report", "--as-of", AS_OF, "--group-by", by]);
        let t = tables(&md);
        // The summary's last row is the whole plan; the groups' rows add up to `expected`.
        let action_tables: usize = md.matches("\n| Code | Action |").count();
        assert!(action_tables >= 6, "{by}");
        let summary = md.split("## ").nth(1).unwrap();
        let counts: Vec<usize> = summary
            .lines()
            .filter(|l| {
                l.starts_with("| ") && !l.starts_with("| Groupe") && !l.starts_with("| ---")
            })
            .map(|l| {
                l.split(" | ")
                    .nth(1)
                    .unwrap()
                    .trim()
                    .parse::<usize>()
                    .unwrap()
            })
            .collect();
        let (total, groups) = counts.split_last().unwrap();
        assert_eq!(*total, 249, "{by}");
        assert_eq!(groups.iter().sum::<usize>(), expected, "{by}");
        let body_rows: usize = t
            .iter()
            .skip(1)
            .filter(|(c, _)| *c == 7)
            .map(|(_, r)| r)
            .sum();
        assert_eq!(body_rows, expected, "{by}: every group entry has its row");
    }
    let md = bundled(&["report", "--as-of", AS_OF, "--group-by", "ministry"]);
    assert!(md.contains(&format!(
        "la somme des groupes ({entries_by_ministry}) dépasse le nombre d'actions (249)"
    )));
}

#[test]
fn text_from_the_plan_cannot_break_the_markdown() {
    let f = Fixture::new();
    f.edit(
        ACTION_PATH,
        "action: Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        "action: \"A | B <script>alert(1)</script> *gras* _x_ [lien](http://x)\\n# titre\"",
    );
    f.edit(ACTION_PATH, "  - MinDigital", "  - \"Min|Digital\"");
    f.write("plan/actors.yaml", &format!("{}  - acronym: Min|Digital\n    name: \"Ministère | <b>\"\n    kind: ministry\n    ministry: Min|Digital\n", common::ACTORS));
    f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "in_progress",
        "--date",
        "2026-03-01",
        "--note",
        "note | <i>x</i>",
    ]);
    for args in [
        &["digest", "--as-of", AS_OF][..],
        &["report", "--as-of", AS_OF][..],
        &["status", "--format", "markdown", "--as-of", AS_OF][..],
        &["show", "IN-B-11.02", "--format", "markdown"][..],
    ] {
        let out = f.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let md = stdout(&out);
        tables(&md);
        for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            if let Event::Html(h) | Event::InlineHtml(h) = &e {
                let h = h.to_string();
                assert!(
                    [
                        "<br>",
                        "<details>",
                        "</details>",
                        "<summary>",
                        "</summary>",
                        "<sub>",
                        "</sub>"
                    ]
                    .iter()
                    .any(|ok| h.trim().starts_with(ok)),
                    "{args:?}: raw HTML {h:?}"
                );
            }
            if let Event::Start(Tag::Heading { .. }) = &e {
                // Only the document's own headings, never one from plan text.
            }
        }
        assert!(!md.contains("\n# titre"), "{args:?}");
    }
}

#[test]
fn digest_lists_changes_since_the_given_date() {
    let f = Fixture::new();
    f.run(&[
        "update",
        "IN-B-11.02",
        "--state",
        "in_progress",
        "--date",
        "2026-03-01",
        "--note",
        "Lancement",
    ]);
    let md = stdout(&f.run(&["digest", "--as-of", AS_OF, "--since", "2026-02-01"]));
    assert!(
        md.contains("**IN-B-11.02**") && md.contains("en cours (1er mars 2026) — Lancement"),
        "{md}"
    );
    let md = stdout(&f.run(&["digest", "--as-of", AS_OF, "--since", "2026-03-01"]));
    assert!(
        !md.contains("## Changements"),
        "sections without content are left out: {md}"
    );
    assert!(
        !md.contains("## Progrès vers les cibles"),
        "no context indicators in this plan"
    );
    let out = f.run(&["digest", "--as-of", "2026-01-01", "--since", "2026-02-01"]);
    assert_eq!(out.status.code(), Some(2), "a wrong command line");
}

#[test]
fn digest_default_since_is_the_previous_copil() {
    let f = Fixture::new();
    f.write(
        "pan.toml",
        &format!(
            "{}[copil]\nmeetings = [\"2026-03-10\", \"2026-10-06\", \"2027-03-01\"]\n",
            common::PAN_TOML
        ),
    );
    let md = stdout(&f.run(&["digest", "--as-of", AS_OF]));
    assert!(
        md.contains("6 octobre 2026 → 23 novembre 2026 (depuis le précédent COPIL)"),
        "{md}"
    );
}

/// The one golden copy of the digest and the report: the committed examples, which
/// readers see on the project's page (a change of output is a reviewed diff of them).
#[test]
fn the_examples_are_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let digest = std::fs::read_to_string(root.join("examples/digest.md")).unwrap();
    assert_eq!(
        digest,
        bundled(&["digest", "--as-of", AS_OF]),
        "run examples/regenerate"
    );
    let report = std::fs::read_to_string(root.join("examples/report.md")).unwrap();
    assert_eq!(
        report,
        bundled(&["report", "--as-of", AS_OF]),
        "run examples/regenerate"
    );
}

#[test]
fn readings_read_as_people_write_them_in_each_language() {
    let fr = bundled(&["digest", "--as-of", AS_OF]);
    let en = bundled(&["digest", "--as-of", AS_OF, "--lang", "en"]);
    assert!(
        fr.contains("60,1\u{a0}%"),
        "French decimal comma and spaced percent"
    );
    assert!(
        en.contains("60.1%") && !en.contains("60,1"),
        "English decimal point"
    );
    // English typography: no space before a colon (in pan's own words; the plan's text
    // stays as published, French spacing included).
    assert!(en.contains("Period covered: "), "{en}");
    assert!(
        !en.contains("\u{a0}:"),
        "no French non-breaking space in English"
    );
    assert!(fr.contains("Période couverte\u{a0}: "), "{fr}");
    // Indicators by their published label, never their id.
    let report = bundled(&["report", "--as-of", AS_OF, "--lever", "A"]);
    assert!(
        report.contains("Nombre de réunions du GT par an"),
        "{report}"
    );
    assert!(!report.contains("reunions-gt-an"), "{report}");
    let status = bundled(&[
        "status", "--as-of", AS_OF, "--lever", "A", "--format", "markdown",
    ]);
    assert!(
        status.contains("Nombre de projets soumis (2024)\u{a0}: 32"),
        "{status}"
    );
    assert!(!status.contains("projets-soumis"), "{status}");

    // A deliverable: `réalisé` in French, `done` in English.
    let f = Fixture::new();
    f.edit(
        common::ACTION_PATH,
        "calendar:",
        "  - id: rapport\n    label: Rapport publié\n    kind: deliverable\ncalendar:",
    );
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nrapport,2025,done,MinDigital,,2026-01-15,\n",
    );
    let fr = stdout(&f.run(&["report", "--as-of", AS_OF]));
    let en = stdout(&f.run(&["report", "--as-of", AS_OF, "--lang", "en"]));
    assert!(
        fr.contains("Rapport publié : réalisé") || fr.contains("Rapport publié\u{a0}: réalisé"),
        "{fr}"
    );
    assert!(en.contains("Rapport publié: done"), "{en}");
}

#[test]
fn a_flow_is_totalled_a_stock_never() {
    let f = Fixture::new();
    f.edit(
        common::ACTION_PATH,
        "    label: Nombre de participants\n    kind: count",
        "    label: Nombre de participants\n    kind: count\n  - id: inscrits\n    label: Nombre d'inscrits sur la plateforme\n    kind: count\n    measure: level",
    );
    f.write(
        common::READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nparticipants,2024,10,S,,2026-01-15,\nparticipants,2025,12,S,,2026-01-15,\ninscrits,2024,100,S,,2026-01-15,\ninscrits,2025,120,S,,2026-01-15,\n",
    );
    let md = stdout(&f.run(&["report", "--as-of", AS_OF]));
    assert!(
        md.contains("Nombre de participants\u{a0}: 12 (2025) · total 2024–2025\u{a0}: 22"),
        "{md}"
    );
    assert!(
        md.contains("Nombre d'inscrits sur la plateforme\u{a0}: 120 (2025)"),
        "{md}"
    );
    assert!(!md.contains("220"), "a stock is never added up: {md}");
}
