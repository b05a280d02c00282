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
    let w = &words::of(lang).template;
    let mut c = vec![
        column(words::of(lang).code, 12.0, Role::Given),
        column(w.indicator, 22.0, Role::Given),
        column(w.label, 45.0, Role::Info),
        column(w.period, 12.0, Role::Input),
        column(w.value, 12.0, Role::Input),
        column(w.source, 30.0, Role::Input),
        column(w.note, 30.0, Role::Input),
        column(w.expected, 26.0, Role::Info),
        column(w.latest, 18.0, Role::Info),
        column(w.responsible, 18.0, Role::Info),
        column(w.action_text, 60.0, Role::Info),
    ];
    c[2].wrap = true;
    for i in [PERIOD, SOURCE, NOTE] {
        c[i].text = true;
    }
    c
}

/// How the value of an indicator of `kind` is described in the "expected value" column.
fn expected(kind: IndicatorKind, frequency: Option<Frequency>, lang: Lang) -> String {
    let w = &words::of(lang).template;
    let what = (w.expected_value)(kind);
    match frequency.map(w.how_often) {
        Some(h) => format!("{what}, {h}"),
        None => what.to_string(),
    }
}

/// What the value cells of an indicator of `kind` accept and say.
pub fn validation(kind: IndicatorKind, lang: Lang) -> Validation {
    let w = &words::of(lang).template;
    let (title, message) = (w.value_prompt)(kind);
    let accept = match kind {
        IndicatorKind::Count => Accept::Whole { min: 0 },
        // Any number: spreadsheets need bounds; a spreadsheet keeps 15 significant
        // digits, so no figure it holds exactly lies beyond these.
        IndicatorKind::Number => Accept::Decimal {
            min: -1e15,
            max: 1e15,
        },
        IndicatorKind::Percent => Accept::Decimal {
            min: 0.0,
            max: 100.0,
        },
        IndicatorKind::Deliverable => Accept::List("done"),
        IndicatorKind::Qualitative => Accept::Any,
    };
    Validation {
        accept,
        prompt: Prompt { title, message },
        error: Prompt {
            title: w.refused,
            message: (w.value_refused)(kind),
        },
    }
}

/// The help sheet: the same paragraphs in every language.
fn help(t: &Template, l: &HelpFacts, lang: Lang) -> Vec<Help> {
    let w = &words::of(lang).template;
    let asked: Vec<String> = t.asked.iter().map(ToString::to_string).collect();
    let asked = asked.join(", ");
    let periods = if t.asked.is_empty() {
        (w.periods_offered)(t.as_of.year() - 1, t.as_of.year(), &l.date)
    } else {
        (w.periods_asked)(&asked)
    };
    let to = (w.send_to)(l.send_to);
    let mut h = vec![
        Help::Title(l.title.clone()),
        Help::Text((w.prepared)(&l.date, &t.plan, t.rows.len(), t.actions)),
        Help::Blank,
        Help::Heading(w.how_to_fill),
        Help::Text((w.on_the_sheet)(l.sheet, t.asked.len() > 1)),
        Help::Text(periods),
        Help::Text(w.value_help.into()),
        Help::Text(w.source_help.into()),
        Help::Text(w.several_periods.into()),
        Help::Text(w.empty_rows.into()),
        Help::Text(w.already_recorded.into()),
        Help::Blank,
        Help::Heading(w.sending_back),
        Help::Text((w.save_and)(&to)),
        Help::Blank,
        Help::Heading(w.about),
        Help::Text((w.plan_line)(&t.plan, &t.fingerprint)),
        Help::Text((w.as_it_stood)(&l.date)),
    ];
    if !t.asked.is_empty() {
        h.push(Help::Text((w.periods_asked_line)(&asked)));
    }
    h.push(Help::Text((w.version)(crate::model::stamp::VERSION)));
    h
}

/// What the help sheet says beside the template.
struct HelpFacts<'a> {
    title: String,
    sheet: &'static str,
    date: String,
    send_to: Option<&'a str>,
}

/// Lay out the workbook of a template; `send_to` says who it goes back to
/// (`pan.toml [readings] send_to`).
pub fn layout(t: &Template, lang: Lang, send_to: Option<&str>) -> Layout {
    let all = words::of(lang);
    let w = &all.template;
    let lines = t
        .rows
        .iter()
        .map(|r| {
            let expected = expected(r.kind, r.frequency, lang);
            let note = format!(
                "{}\n\n{}{} {} — {expected}",
                r.label,
                w.kind,
                all.colon,
                words::kind(r.kind, lang),
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
                            format!("{p}{} {}", all.colon, words::figure(f, r.kind, lang))
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
    let p = |(title, message)| Prompt { title, message };
    let title = (w.title)(&t.plan);
    let facts = HelpFacts {
        title: title.clone(),
        sheet: w.sheet,
        date: words::date(t.as_of, lang),
        send_to,
    };
    Layout {
        lang,
        title,
        created: t.as_of,
        sheet: w.sheet,
        help_sheet: w.help_sheet,
        columns: columns(lang),
        lines,
        period: p(w.period_prompt),
        period_error: p(w.period_error),
        period_list: hidden::offered_range(t.offered.len()),
        source: p(w.source_prompt),
        note: p(w.note_prompt),
        help: help(t, &facts, lang),
        hidden_sheet: hidden::SHEET,
        hidden: hidden::rows(&t.stamp(w.sheet, 2), &t.offered),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::import::{Field, column_of};

    #[test]
    fn the_headers_read_back_are_names_the_import_knows() {
        for lang in Lang::ALL {
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
        for lang in Lang::ALL {
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
