//! What each ministry owes (`pan due`): terminal tables, Markdown, CSV and JSON, and the
//! message sent with a ministry's workbook (plain text and `.eml`).

use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use super::csv_safe;
use super::markdown::{self, Align};
use super::table::{self, Column, Styled};
use super::term::{Style, Term, sanitize};
use super::words::{self, Message};
use crate::config::Lang;
use crate::model::Plan;
use crate::report::due::{Completeness, DueReport, MinistryDue, Owed, Standing};

fn style(s: Standing) -> Style {
    match s {
        Standing::Late => Style::Error,
        Standing::DueSoon => Style::Warning,
        Standing::Received => Style::Good,
    }
}

fn label<'p>(plan: &'p Plan, o: &Owed) -> (&'p str, &'p str, String) {
    let a = &plan.actions[o.action];
    let ind = &a.indicators[o.indicator];
    (ind.id.as_str(), ind.label.as_str(), a.code.to_string())
}

fn title(m: &MinistryDue, plan: &Plan, lang: Lang) -> String {
    if m.acronym.is_empty() {
        words::group_title(&crate::report::status::GroupKey::NoMinistry, plan, lang)
    } else {
        format!("{} — {}", m.acronym, m.name)
    }
}

/// The listing for a terminal: one table per ministry, its completeness under it.
pub fn text(
    report: &DueReport,
    groups: &[MinistryDue],
    plan: &Plan,
    term: &Term,
    lang: Lang,
) -> String {
    let w = &words::of(lang).due;
    let mut out = String::new();
    if groups.iter().all(|g| g.owed.is_empty()) {
        let _ = writeln!(out, "{}", (w.nothing)(&words::date(report.as_of, lang)));
    }
    // The indicator's id, then its label (the column that gives way).
    let columns = [
        Column::new(w.action, 0, 12),
        Column::new(w.indicator, 1, 28),
        Column::flexible(""),
        Column::new(w.period, 0, 10),
        Column::new(w.due, 0, 10),
        Column::new(w.standing, 1, 18),
        Column::new(w.last, 2, 12),
    ];
    for g in groups {
        let heading = format!(
            "{} · {}{} {}",
            sanitize(&title(g, plan, lang)),
            w.completeness,
            words::of(lang).colon,
            (w.completeness_of)(&g.completeness)
        );
        let _ = writeln!(out, "{}", term.paint(Style::Bold, &heading));
        if g.owed.is_empty() {
            out.push('\n');
            continue;
        }
        let rows: Vec<Vec<Styled>> = g
            .owed
            .iter()
            .map(|&k| {
                let o = &report.items[k];
                let (id, lab, code) = label(plan, o);
                vec![
                    Styled::from(code),
                    Styled::from(id),
                    Styled::from(lab),
                    Styled::from(o.period.to_string()),
                    Styled::from(o.due.to_string()),
                    Styled {
                        text: (w.standing_of)(o.standing).to_string(),
                        style: Some(style(o.standing)),
                    },
                    Styled::from(o.last.map(|p| p.to_string()).unwrap_or_else(|| "—".into())),
                ]
            })
            .collect();
        out.push_str(&table::draw(&columns, &rows, term));
        out.push('\n');
    }
    out
}

/// The listing as Markdown: a section per ministry.
pub fn markdown(report: &DueReport, groups: &[MinistryDue], plan: &Plan, lang: Lang) -> String {
    let w = &words::of(lang).due;
    let e = markdown::escape;
    let mut out = String::new();
    if groups.iter().all(|g| g.owed.is_empty()) {
        let _ = writeln!(
            out,
            "{}\n",
            e(&(w.nothing)(&words::date(report.as_of, lang)))
        );
    }
    let header = [w.action, w.indicator, w.period, w.due, w.standing, w.last];
    for g in groups {
        let _ = writeln!(
            out,
            "### {}\n\n{}{} {}\n",
            e(&title(g, plan, lang)),
            w.completeness,
            words::of(lang).colon,
            e(&(w.completeness_of)(&g.completeness))
        );
        if g.owed.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = g
            .owed
            .iter()
            .map(|&k| {
                let o = &report.items[k];
                let (id, lab, code) = label(plan, o);
                vec![
                    code,
                    e(&format!("{id} — {lab}")),
                    o.period.to_string(),
                    words::date(o.due, lang),
                    (w.standing_of)(o.standing).to_string(),
                    o.last.map(|p| p.to_string()).unwrap_or_else(|| "—".into()),
                ]
            })
            .collect();
        out.push_str(&markdown::table(&header, &[Align::Left; 6], &rows));
        out.push('\n');
    }
    out
}

fn standing_code(s: Standing) -> &'static str {
    match s {
        Standing::Late => "late",
        Standing::DueSoon => "due_soon",
        Standing::Received => "received",
    }
}

/// The listing as CSV: one row per ministry and figure owed.
pub fn csv(report: &DueReport, groups: &[MinistryDue], plan: &Plan) -> anyhow::Result<String> {
    let mut w = super::csv_out::Writer::new(Vec::new());
    w.record([
        "ministry",
        "action",
        "indicator",
        "label",
        "period",
        "due",
        "standing",
        "last",
    ])?;
    for g in groups {
        for &k in &g.owed {
            let o = &report.items[k];
            let (id, lab, code) = label(plan, o);
            let rec = [
                g.acronym.clone(),
                code,
                id.to_string(),
                lab.to_string(),
                o.period.to_string(),
                o.due.to_string(),
                standing_code(o.standing).to_string(),
                o.last.map(|p| p.to_string()).unwrap_or_default(),
            ];
            w.record(rec.iter().map(|c| csv_safe(c).into_owned()))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// Completeness in JSON (version 1).
#[derive(Serialize)]
pub struct CompletenessJson {
    expected: usize,
    received: usize,
    late: usize,
    due_soon: usize,
    percent: Option<usize>,
}

impl From<&Completeness> for CompletenessJson {
    fn from(c: &Completeness) -> Self {
        CompletenessJson {
            expected: c.expected,
            received: c.received,
            late: c.late,
            due_soon: c.due_soon,
            percent: c.percent(),
        }
    }
}

#[derive(Serialize)]
struct OwedJson<'a> {
    action: String,
    indicator: &'a str,
    label: &'a str,
    every: &'static str,
    period: String,
    due: String,
    standing: &'static str,
    last: Option<String>,
}

#[derive(Serialize)]
struct MinistryJson<'a> {
    ministry: &'a str,
    name: &'a str,
    completeness: CompletenessJson,
    owed: Vec<OwedJson<'a>>,
}

#[derive(Serialize)]
struct DueJson<'a> {
    version: u32,
    as_of: String,
    horizon: String,
    ministries: Vec<MinistryJson<'a>>,
}

/// The listing as JSON (version 1): per ministry, its completeness and the figures owed.
pub fn json(report: &DueReport, groups: &[MinistryDue], plan: &Plan) -> anyhow::Result<String> {
    let doc = DueJson {
        version: super::readings::JSON_VERSION,
        as_of: report.as_of.to_string(),
        horizon: report.horizon.to_string(),
        ministries: groups
            .iter()
            .map(|g| MinistryJson {
                ministry: &g.acronym,
                name: &g.name,
                completeness: (&g.completeness).into(),
                owed: g
                    .owed
                    .iter()
                    .map(|&k| {
                        let o = &report.items[k];
                        let (id, lab, code) = label(plan, o);
                        OwedJson {
                            action: code,
                            indicator: id,
                            label: lab,
                            every: o.frequency.as_str(),
                            period: o.period.to_string(),
                            due: o.due.to_string(),
                            standing: standing_code(o.standing),
                            last: o.last.map(|p| p.to_string()),
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}

/// A header value: no line break (a CR or LF would start another header), other control
/// characters as spaces.
pub fn header_value(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '\r' && *c != '\n')
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// RFC 2047 encoded-word for a header value that is not plain ASCII.
fn encoded(s: &str) -> String {
    let clean = header_value(s);
    if clean.is_ascii() {
        return clean;
    }
    // Encoded words of at most 75 characters: split the text on character boundaries.
    let mut out = Vec::new();
    let mut chunk = String::new();
    for c in clean.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            out.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        out.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    out.join("\r\n ")
}

/// Standard base64 (RFC 4648) of a few bytes.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The message sent with a ministry's workbook: (subject, body).
pub fn message(m: &Message, deadline: Date, lang: Lang) -> (String, String) {
    let w = &words::of(lang).due;
    let subject = header_value(&(w.subject)(
        m.plan,
        m.ministry,
        &words::date(deadline, lang),
    ));
    (subject, (w.body)(m))
}

/// The message as plain text: its subject, a blank line, its body.
pub fn message_text(subject: &str, body: &str) -> String {
    format!("{subject}\n\n{body}")
}

/// The message as an RFC 5322 draft (UTF-8, CRLF line ends): a subject, a date, a body;
/// no `From:` or `To:` pan does not know. Every header value has its line breaks
/// removed, so nothing from the plan can add a header.
pub fn message_eml(subject: &str, body: &str, date: Date) -> String {
    let mut out = String::new();
    out.push_str("MIME-Version: 1.0\r\n");
    let _ = write!(
        out,
        "Date: {}\r\n",
        header_value(&date.strftime("%a, %d %b %Y 00:00:00 +0000").to_string())
    );
    let _ = write!(out, "Subject: {}\r\n", encoded(subject));
    out.push_str("X-Unsent: 1\r\n");
    out.push_str("Content-Type: text/plain; charset=UTF-8\r\n");
    out.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
    for line in body.lines() {
        // A line of a lone dot ends a message in SMTP: never one.
        if line == "." {
            out.push_str(". \r\n");
        } else {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_header_can_be_injected() {
        let eml = message_eml(
            "Plan\r\nBcc: x@example.org\nX-Evil: 1",
            "Bonjour\n.\nfin",
            jiff::civil::date(2027, 3, 1),
        );
        let headers = eml.split("\r\n\r\n").next().unwrap();
        assert!(!headers.contains("\r\nBcc:"), "{headers}");
        assert!(!headers.contains("\nX-Evil"), "{headers}");
        assert!(headers.contains("Subject: PlanBcc: x@example.orgX-Evil: 1"));
        assert!(!headers.contains("To:"));
        assert!(eml.contains("\r\n. \r\n"));
        assert!(headers.starts_with("MIME-Version: 1.0\r\nDate: Mon, 01 Mar 2027"));
    }

    #[test]
    fn base64_is_the_standard_one() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("é".as_bytes()), "w6k=");
    }

    #[test]
    fn a_french_subject_is_an_encoded_word() {
        let e = encoded("Relevés attendus — MENEJ, à rendre le 1er mars 2027 (très long sujet)");
        assert!(e.starts_with("=?UTF-8?B?"));
        assert!(e.lines().all(|l| l.trim().len() <= 76), "{e}");
    }
}
