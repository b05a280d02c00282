//! The workbook a focal point fills in, in the plan's language or in English: what it
//! says and how it is laid out, once, for both formats — [`xlsx`] (Excel) and [`ods`]
//! (LibreOffice) only write it down.
//!
//! A sheet of readings, one row per indicator: the columns pan reads back (code,
//! indicator; period, value, source, note to fill in, tinted), then what helps a person
//! fill them in (label, expected value, latest reading, responsible actors, the action's
//! text). Each value cell accepts what its indicator's kind accepts and says so when
//! selected; the period and text cells are formatted as text, so that `2026-05` stays
//! what was typed and a text from the plan is never taken for a formula. The sheet is
//! protected without a password: only the cells to fill in can be typed in. A second
//! sheet explains how to fill it in and send it back; a third, hidden, holds the
//! template's stamp (the plan it was made from, the key of every row) for the import.

pub mod ods;
pub mod xlsx;

use jiff::civil::Date;

use crate::config::Lang;
use crate::load::import::stamp as hidden;
use crate::load::workbook::Row as SheetRow;
use crate::model::{Frequency, IndicatorKind};
use crate::render::words;
use crate::report::template::Template;

/// What a column is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Filled in by pan, read back: which indicator the row is about.
    Given,
    /// Filled in by the focal point.
    Input,
    /// Filled in by pan to help; not read back.
    Info,
}

/// A column of the readings sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Its header.
    pub header: &'static str,
    /// Its width, in characters.
    pub width: f64,
    /// What it is for.
    pub role: Role,
    /// Whether long texts wrap.
    pub wrap: bool,
    /// Whether its cells are formatted as text (what is typed stays as typed).
    pub text: bool,
}

/// The column of the period.
pub const PERIOD: usize = 3;
/// The column of the value.
pub const VALUE: usize = 4;
/// The column of the source.
pub const SOURCE: usize = 5;
/// The column of the note.
pub const NOTE: usize = 6;

/// What a value cell accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Accept {
    /// A whole number, at least `min`.
    Whole {
        /// The least value.
        min: i32,
    },
    /// A decimal number between two bounds.
    Decimal {
        /// The least value.
        min: f64,
        /// The greatest value.
        max: f64,
    },
    /// One of a list of words.
    List(&'static str),
    /// Anything.
    Any,
}

/// The help a cell shows when selected: a short title (at most 32 characters, Excel's
/// limit) and a message (at most 255).
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    /// Title.
    pub title: &'static str,
    /// Message.
    pub message: &'static str,
}

/// What a value cell of one kind accepts, what it says when selected and when refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    /// What it accepts.
    pub accept: Accept,
    /// What it says when selected.
    pub prompt: Prompt,
    /// What it says when it refuses a value (title, message).
    pub error: Prompt,
}

/// A row of the readings sheet: a cell per column (empty where the focal point writes,
/// but for the period asked for), the kind of its indicator, and the note on its
/// indicator cell (the published label and what a value is).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The cells.
    pub cells: Vec<String>,
    /// The indicator's kind.
    pub kind: IndicatorKind,
    /// The note on the indicator cell.
    pub note: String,
}

/// The column of the indicator, which carries the note.
pub const INDICATOR: usize = 1;

impl Line {
    /// How many lines of text the row needs for its wrapped cells to show in full
    /// (estimated from the column widths, as a spreadsheet does not do it on opening).
    pub fn height(&self, columns: &[Column]) -> usize {
        self.cells
            .iter()
            .zip(columns)
            .filter(|(_, c)| c.wrap)
            .map(|(text, c)| {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "a column width of a few dozen characters; a float cast saturates"
                )]
                let per_line = (c.width as usize).saturating_sub(2).max(1);
                text.split('\n')
                    .map(|l| l.chars().count().div_ceil(per_line).max(1))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(1)
            .max(1)
    }
}

/// A line of the help sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Help {
    /// The title.
    Title(String),
    /// A heading.
    Heading(&'static str),
    /// A paragraph.
    Text(String),
    /// An empty line.
    Blank,
}

/// The whole workbook, ready to be written in either format.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The language.
    pub lang: Lang,
    /// The document's title.
    pub title: String,
    /// The day it was prepared.
    pub created: Date,
    /// The name of the readings sheet.
    pub sheet: &'static str,
    /// The name of the help sheet.
    pub help_sheet: &'static str,
    /// The columns of the readings sheet.
    pub columns: Vec<Column>,
    /// Its rows.
    pub lines: Vec<Line>,
    /// What the period cells say when selected.
    pub period: Prompt,
    /// What a period cell says when what is typed is not in its list.
    pub period_error: Prompt,
    /// The periods a period cell offers, as a range of the hidden sheet (`$F$10:$F$28`).
    pub period_list: Option<String>,
    /// What the source cells say.
    pub source: Prompt,
    /// What the note cells say.
    pub note: Prompt,
    /// The help sheet.
    pub help: Vec<Help>,
    /// The name of the hidden sheet.
    pub hidden_sheet: &'static str,
    /// The hidden sheet's rows: the stamp the import recognises the workbook by.
    pub hidden: Vec<SheetRow>,
}

fn column(header: &'static str, width: f64, role: Role) -> Column {
    Column {
        header,
        width,
        role,
        wrap: false,
        text: role != Role::Input,
    }
}

/// The columns, in the plan's language or English. The headers of the columns read
/// back are names `pan reading import` knows.
fn columns(lang: Lang) -> Vec<Column> {
    let fr = lang == Lang::Fr;
    let h = |f: &'static str, e: &'static str| if fr { f } else { e };
    let mut c = vec![
        column("Code", 12.0, Role::Given),
        column(h("Indicateur", "Indicator"), 22.0, Role::Given),
        column(
            h("Libellé de l'indicateur", "Indicator label"),
            45.0,
            Role::Info,
        ),
        column(h("Période", "Period"), 12.0, Role::Input),
        column(h("Valeur", "Value"), 12.0, Role::Input),
        column("Source", 30.0, Role::Input),
        column("Note", 30.0, Role::Input),
        column(h("Valeur attendue", "Expected value"), 26.0, Role::Info),
        column(h("Dernier relevé", "Latest reading"), 18.0, Role::Info),
        column(h("Responsable(s)", "Responsible"), 18.0, Role::Info),
        column(h("Texte de l'action", "Action text"), 60.0, Role::Info),
    ];
    c[2].wrap = true;
    for i in [PERIOD, SOURCE, NOTE] {
        c[i].text = true;
    }
    c
}

/// How the value of an indicator of `kind` is described in the "expected value" column.
fn expected(kind: IndicatorKind, frequency: Option<Frequency>, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let what = match (kind, fr) {
        (IndicatorKind::Count, true) => "Nombre entier ≥ 0",
        (IndicatorKind::Count, false) => "Whole number ≥ 0",
        (IndicatorKind::Number, true) => "Nombre",
        (IndicatorKind::Number, false) => "Number",
        (IndicatorKind::Percent, true) => "Pourcentage (0 à 100)",
        (IndicatorKind::Percent, false) => "Percentage (0 to 100)",
        (IndicatorKind::Deliverable, true) => "done, une fois réalisé",
        (IndicatorKind::Deliverable, false) => "done, once delivered",
        (IndicatorKind::Qualitative, true) => "Texte (appréciation)",
        (IndicatorKind::Qualitative, false) => "Text (assessment)",
    };
    let how_often = frequency.map(|f| match (f, fr) {
        (Frequency::Annual, true) => "chaque année",
        (Frequency::Annual, false) => "every year",
        (Frequency::HalfYearly, true) => "chaque semestre",
        (Frequency::HalfYearly, false) => "every half-year",
        (Frequency::Quarterly, true) => "chaque trimestre",
        (Frequency::Quarterly, false) => "every quarter",
        (Frequency::Monthly, true) => "chaque mois",
        (Frequency::Monthly, false) => "every month",
    });
    match how_often {
        Some(h) => format!("{what}, {h}"),
        None => what.to_string(),
    }
}

/// The name of a kind of indicator.
fn kind_name(kind: IndicatorKind, lang: Lang) -> &'static str {
    match (kind, lang == Lang::Fr) {
        (IndicatorKind::Count, true) => "comptage",
        (IndicatorKind::Count, false) => "count",
        (IndicatorKind::Number, true) => "nombre",
        (IndicatorKind::Number, false) => "number",
        (IndicatorKind::Percent, true) => "pourcentage",
        (IndicatorKind::Percent, false) => "percentage",
        (IndicatorKind::Deliverable, true) => "livrable",
        (IndicatorKind::Deliverable, false) => "deliverable",
        (IndicatorKind::Qualitative, true) => "qualitatif",
        (IndicatorKind::Qualitative, false) => "qualitative",
    }
}

/// What the value cells of an indicator of `kind` accept and say.
pub fn validation(kind: IndicatorKind, lang: Lang) -> Validation {
    let fr = lang == Lang::Fr;
    let p = |title, message| Prompt { title, message };
    let refused = if fr {
        "Valeur refusée"
    } else {
        "Value refused"
    };
    match kind {
        IndicatorKind::Count => Validation {
            accept: Accept::Whole { min: 0 },
            prompt: if fr {
                p("Nombre entier", "Un nombre entier, 0 ou plus (par ex. 12).")
            } else {
                p("Whole number", "A whole number, 0 or more (e.g. 12).")
            },
            error: if fr {
                p(
                    refused,
                    "Cet indicateur compte : écrivez un nombre entier, 0 ou plus.",
                )
            } else {
                p(
                    refused,
                    "This indicator counts: write a whole number, 0 or more.",
                )
            },
        },
        IndicatorKind::Number => Validation {
            // Any number: spreadsheets need bounds; a spreadsheet keeps 15 significant
            // digits, so no figure it holds exactly lies beyond these.
            accept: Accept::Decimal {
                min: -1e15,
                max: 1e15,
            },
            prompt: if fr {
                p("Nombre", "Un nombre (par ex. 12,5).")
            } else {
                p("Number", "A number (e.g. 12.5).")
            },
            error: if fr {
                p(refused, "Écrivez un nombre.")
            } else {
                p(refused, "Write a number.")
            },
        },
        IndicatorKind::Percent => Validation {
            accept: Accept::Decimal {
                min: 0.0,
                max: 100.0,
            },
            prompt: if fr {
                p(
                    "Pourcentage",
                    "Un pourcentage entre 0 et 100 (par ex. 60,1 pour 60,1 %).",
                )
            } else {
                p(
                    "Percentage",
                    "A percentage between 0 and 100 (e.g. 60.1 for 60.1%).",
                )
            },
            error: if fr {
                p(refused, "Écrivez un pourcentage entre 0 et 100.")
            } else {
                p(refused, "Write a percentage between 0 and 100.")
            },
        },
        IndicatorKind::Deliverable => Validation {
            accept: Accept::List("done"),
            prompt: if fr {
                p(
                    "Livrable",
                    "done quand le livrable est réalisé, avec la période de sa réalisation.",
                )
            } else {
                p(
                    "Deliverable",
                    "done when it is delivered, with the period it was delivered in.",
                )
            },
            error: if fr {
                p(
                    refused,
                    "Un livrable s'enregistre une fois, par le mot done.",
                )
            } else {
                p(refused, "A deliverable is recorded once, as the word done.")
            },
        },
        IndicatorKind::Qualitative => Validation {
            accept: Accept::Any,
            prompt: if fr {
                p("Appréciation", "Une appréciation, en texte libre.")
            } else {
                p("Assessment", "An assessment, in free text.")
            },
            error: p(refused, ""),
        },
    }
}

/// What a period cell says when selected.
const PERIODS_FR: &str = "Choisissez la période mesurée dans la liste, ou tapez-en une : une année (2025), un semestre (2025-H1), un trimestre (2025-Q2), un mois (2025-05) ou un jour (2025-05-17).";
const PERIODS_EN: &str = "Choose the period measured in the list, or type one: a year (2025), a half-year (2025-H1), a quarter (2025-Q2), a month (2025-05) or a day (2025-05-17).";

/// The help sheet, in French.
fn help_fr(t: &Template, l: &HelpFacts) -> Vec<Help> {
    let asked: Vec<String> = t.asked.iter().map(ToString::to_string).collect();
    let periods = if asked.is_empty() {
        format!(
            "Période : choisissez-la dans la liste de la cellule — les périodes de {} et de {} commencées au {} (l'année, ses semestres, trimestres et mois) — ou tapez-en une autre : une année (2025), un semestre (2025-H1), un trimestre (2025-Q2), un mois (2025-05) ou un jour (2025-05-17).",
            t.as_of.year() - 1,
            t.as_of.year(),
            l.date
        )
    } else {
        format!(
            "Période demandée : {} — déjà écrite sur chaque ligne. La liste de la cellule propose aussi les semestres, trimestres et mois qu'elle contient ; une autre période (un jour, 2025-05-17) se tape.",
            asked.join(", ")
        )
    };
    let to = match l.send_to {
        Some(c) => format!("renvoyez-le à {c}"),
        None => "renvoyez-le à la personne qui vous l'a envoyé".into(),
    };
    let mut h = vec![
        Help::Title(l.title.clone()),
        Help::Text(format!(
            "Préparé le {} à partir du plan « {} » : {} ligne(s) pour {} action(s).",
            l.date,
            t.plan,
            t.rows.len(),
            t.actions
        )),
        Help::Blank,
        Help::Heading("Comment remplir"),
        Help::Text(format!("Sur la feuille « {} », une ligne par indicateur{} : remplissez Valeur et Source (les cellules jaunes), vérifiez la Période ; la Note est facultative. Seules les cellules jaunes s'écrivent : les autres sont protégées (sans mot de passe).", l.sheet, if asked.len() > 1 { " et par période demandée" } else { "" })),
        Help::Text(periods),
        Help::Text("Valeur : ce que dit la colonne « Valeur attendue » (et la note de la cellule Indicateur) — un nombre entier ≥ 0 pour ce qui se compte, un pourcentage entre 0 et 100 (60,1 pour 60,1 %), done (dans la liste) pour un livrable réalisé, un nombre pour une mesure, un texte pour une appréciation.".into()),
        Help::Text("Source : obligatoire ; d'où vient le chiffre (rapport, registre, tableau de bord…).".into()),
        Help::Text("Plusieurs périodes pour un même indicateur : demandez un classeur avec une ligne par période, ou envoyez un second classeur.".into()),
        Help::Text("Les lignes laissées vides sont ignorées. N'insérez, ne supprimez ni ne triez de lignes : chaque ligne est reconnue à sa place, et une ligne dont le Code ou l'Indicateur a changé est refusée.".into()),
        Help::Text("Une valeur déjà enregistrée pour la même période n'est pas remplacée : pour la corriger, signalez-le.".into()),
        Help::Blank,
        Help::Heading("Renvoyer le fichier"),
        Help::Text(format!("Enregistrez le classeur (.xlsx ou .ods) et {to}. Il est importé par « pan reading import » : chaque cellule est vérifiée, rien n'est enregistré tant qu'une ligne est refusée, et le message nomme la feuille et la cellule à corriger.")),
        Help::Blank,
        Help::Heading("Ce classeur"),
        Help::Text(format!("Plan : {} (empreinte {}).", t.plan, t.fingerprint)),
        Help::Text(format!("État du plan au {} (dernier relevé connu, indicateurs, actions).", l.date)),
    ];
    if !asked.is_empty() {
        h.push(Help::Text(format!(
            "Périodes demandées : {}.",
            asked.join(", ")
        )));
    }
    h.push(Help::Text(format!(
        "Modèle pan, version {}.",
        crate::model::stamp::VERSION
    )));
    h
}

/// The help sheet, in English.
fn help_en(t: &Template, l: &HelpFacts) -> Vec<Help> {
    let asked: Vec<String> = t.asked.iter().map(ToString::to_string).collect();
    let periods = if asked.is_empty() {
        format!(
            "Period: choose it in the cell's list — the periods of {} and of {} begun by {} (the year, its halves, quarters and months) — or type another: a year (2025), a half-year (2025-H1), a quarter (2025-Q2), a month (2025-05) or a day (2025-05-17).",
            t.as_of.year() - 1,
            t.as_of.year(),
            l.date
        )
    } else {
        format!(
            "Period asked for: {} — already written on every row. The cell's list also offers the halves, quarters and months it holds; another period (a day, 2025-05-17) can be typed.",
            asked.join(", ")
        )
    };
    let to = match l.send_to {
        Some(c) => format!("send it back to {c}"),
        None => "send it back to the person who sent it to you".into(),
    };
    let mut h = vec![
        Help::Title(l.title.clone()),
        Help::Text(format!(
            "Prepared on {} from the plan \"{}\": {} row(s) for {} action(s).",
            l.date,
            t.plan,
            t.rows.len(),
            t.actions
        )),
        Help::Blank,
        Help::Heading("How to fill it in"),
        Help::Text(format!("On the sheet \"{}\", one row per indicator{}: fill in Value and Source (the yellow cells), check the Period; the Note is optional. Only the yellow cells can be typed in: the others are protected (without a password).", l.sheet, if asked.len() > 1 { " and period asked for" } else { "" })),
        Help::Text(periods),
        Help::Text("Value: what the \"Expected value\" column (and the note on the Indicator cell) says — a whole number ≥ 0 for what is counted, a percentage between 0 and 100 (60.1 for 60.1%), done (in the list) for a deliverable delivered, a number for a measure, a text for an assessment.".into()),
        Help::Text("Source: required; where the figure comes from (a report, a register, a dashboard…).".into()),
        Help::Text("Several periods for one indicator: ask for a workbook with a row per period, or send a second workbook.".into()),
        Help::Text("Rows left empty are skipped. Do not insert, delete or sort rows: each row is recognised by its place, and a row whose Code or Indicator changed is refused.".into()),
        Help::Text("A value already recorded for the same period is not replaced: to correct it, say so.".into()),
        Help::Blank,
        Help::Heading("Sending it back"),
        Help::Text(format!("Save the workbook (.xlsx or .ods) and {to}. It is imported with \"pan reading import\": every cell is checked, nothing is recorded while a row is refused, and the message names the sheet and cell to mend.")),
        Help::Blank,
        Help::Heading("About this workbook"),
        Help::Text(format!("Plan: {} (fingerprint {}).", t.plan, t.fingerprint)),
        Help::Text(format!("The plan as it stood on {} (latest readings known, indicators, actions).", l.date)),
    ];
    if !asked.is_empty() {
        h.push(Help::Text(format!(
            "Periods asked for: {}.",
            asked.join(", ")
        )));
    }
    h.push(Help::Text(format!(
        "pan template, version {}.",
        crate::model::stamp::VERSION
    )));
    h
}

/// What both help sheets say beside the template.
struct HelpFacts<'a> {
    title: String,
    sheet: &'static str,
    date: String,
    send_to: Option<&'a str>,
}

/// Lay out the workbook of a template; `send_to` says who it goes back to
/// (`pan.toml [readings] send_to`).
pub fn layout(t: &Template, lang: Lang, send_to: Option<&str>) -> Layout {
    let fr = lang == Lang::Fr;
    let lines = t
        .rows
        .iter()
        .map(|r| {
            let expected = expected(r.kind, r.frequency, lang);
            let note = format!(
                "{}\n\n{}{} {} — {expected}",
                r.label,
                if fr { "Type" } else { "Kind" },
                words::of(lang).colon,
                kind_name(r.kind, lang),
            );
            Line {
                cells: vec![
                    r.code.clone(),
                    r.indicator.clone(),
                    r.label.clone(),
                    r.period.map(|p| p.to_string()).unwrap_or_default(),
                    String::new(),
                    String::new(),
                    String::new(),
                    expected,
                    r.latest
                        .as_ref()
                        .map(|(p, f)| {
                            format!(
                                "{p}{} {}",
                                words::of(lang).colon,
                                words::figure(f, r.kind, lang)
                            )
                        })
                        .unwrap_or_default(),
                    r.responsible.join(", "),
                    r.action.clone(),
                ],
                kind: r.kind,
                note,
            }
        })
        .collect();
    let p = |title, message| Prompt { title, message };
    let (sheet, help_sheet) = if fr {
        ("Relevés", "Mode d'emploi")
    } else {
        ("Readings", "How to fill in")
    };
    let title = if fr {
        format!("Relevés des indicateurs — {}", t.plan)
    } else {
        format!("Indicator readings — {}", t.plan)
    };
    let facts = HelpFacts {
        title: title.clone(),
        sheet,
        date: words::date(t.as_of, lang),
        send_to,
    };
    let help = if fr {
        help_fr(t, &facts)
    } else {
        help_en(t, &facts)
    };
    Layout {
        lang,
        title,
        created: t.as_of,
        sheet,
        help_sheet,
        columns: columns(lang),
        lines,
        period: if fr {
            p("Période", PERIODS_FR)
        } else {
            p("Period", PERIODS_EN)
        },
        period_error: if fr {
            p(
                "Période hors de la liste",
                "Cette période n'est pas dans la liste. La garder ? (une année 2025, un semestre 2025-H1, un trimestre 2025-Q2, un mois 2025-05 ou un jour 2025-05-17)",
            )
        } else {
            p(
                "Period not in the list",
                "This period is not in the list. Keep it? (a year 2025, a half-year 2025-H1, a quarter 2025-Q2, a month 2025-05 or a day 2025-05-17)",
            )
        },
        period_list: hidden::offered_range(t.offered.len()),
        source: if fr {
            p(
                "Source (obligatoire)",
                "D'où vient le chiffre : rapport, registre, tableau de bord…",
            )
        } else {
            p(
                "Source (required)",
                "Where the figure comes from: a report, a register, a dashboard…",
            )
        },
        note: if fr {
            p("Note (facultative)", "Une précision utile sur le chiffre.")
        } else {
            p(
                "Note (optional)",
                "Anything useful to know about the figure.",
            )
        },
        help,
        hidden_sheet: hidden::SHEET,
        hidden: hidden::rows(&t.stamp(sheet, 2), &t.offered),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::import::{Field, column_of};

    #[test]
    fn the_headers_read_back_are_names_the_import_knows() {
        for lang in [Lang::Fr, Lang::En] {
            let cols = columns(lang);
            let read: Vec<Option<Field>> = cols.iter().map(|c| column_of(c.header)).collect();
            assert_eq!(
                &read[..7],
                &[
                    Some(Field::Code),
                    Some(Field::Indicator),
                    None,
                    Some(Field::Period),
                    Some(Field::Value),
                    Some(Field::Source),
                    Some(Field::Note),
                ],
                "{lang:?}"
            );
            assert!(read[7..].iter().all(Option::is_none), "{lang:?}: {read:?}");
        }
    }

    #[test]
    fn prompts_fit_excel_limits() {
        for lang in [Lang::Fr, Lang::En] {
            let mut prompts: Vec<Prompt> = IndicatorKind::ALL
                .into_iter()
                .flat_map(|k| {
                    let v = validation(k, lang);
                    [v.prompt, v.error]
                })
                .collect();
            let t = Template {
                as_of: Date::constant(2026, 1, 1),
                rows: Vec::new(),
                actions: 0,
                asked: Vec::new(),
                offered: Vec::new(),
                plan: "Plan".into(),
                fingerprint: String::new(),
            };
            let l = layout(&t, lang, None);
            prompts.extend([l.period, l.period_error, l.source, l.note]);
            for p in prompts {
                assert!(p.title.encode_utf16().count() <= 32, "{p:?}");
                assert!(p.message.encode_utf16().count() <= 255, "{p:?}");
            }
        }
    }
}
