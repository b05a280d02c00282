//! The cells of an Excel workbook (`.xlsx`, Office Open XML): the workbook part lists
//! the sheets, the relationships say which part holds each, the shared strings hold
//! the texts and the styles say which numbers are dates or percentages.

use std::collections::{HashMap, HashSet};

use super::xml::{Ev, Ns, Tag, Xml};
use super::{
    Archive, CELL_TEXT, Cell, Error, NumberFormat, Rows, Sheet, classify_format, parse_ref,
};

/// Every sheet of the workbook, in tab order (chart sheets left out).
pub(super) fn read(archive: &mut Archive) -> Result<Vec<Sheet>, Error> {
    let book_part = office_document(archive)?;
    let dir = folder_of(&book_part);
    let most = archive.limits.parts;
    let (listed, date1904) = archive.required(&book_part, |x| sheets_listed(x, most))?;
    let rels_part = format!("{dir}_rels/{}.rels", file_of(&book_part));
    let rels = archive
        .parse(&rels_part, |x| relationships(x, &dir))?
        .unwrap_or_default();
    let by_id: HashMap<&str, &Relationship> = rels.iter().map(|r| (r.id.as_str(), r)).collect();
    let target = |kind: &str| {
        rels.iter()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| r.target.clone())
    };
    let limits = archive.limits;
    let strings = match target("/sharedStrings") {
        Some(p) => archive
            .parse(&p, |x| shared_strings(x, limits))?
            .unwrap_or_default(),
        None => Strings::default(),
    };
    let formats = match target("/styles") {
        Some(p) => archive.parse(&p, styles)?.unwrap_or_default(),
        None => Vec::new(),
    };
    let context = Context {
        strings,
        formats,
        date1904,
    };
    let mut budget = super::Budget::new(archive.limits);
    let mut sheets = Vec::new();
    // Each part is read once: sheets naming the same part would read it again and again.
    let mut parts_read: HashSet<String> = HashSet::new();
    for (name, id, hidden) in listed {
        let Some(rel) = by_id.get(id.as_str()) else {
            return Err(Error::broken(format!(
                "sheet {name} names a part ({id}) the workbook does not have"
            )));
        };
        if !rel.kind.ends_with("/worksheet") {
            continue;
        }
        let part = rel.target.clone();
        if !parts_read.insert(part.to_ascii_lowercase()) {
            return Err(Error::broken(format!(
                "sheet {name} names the part {part}, which another sheet names too"
            )));
        }
        let mut sheet = archive.required(&part, |x| sheet(x, &part, &context, &mut budget))?;
        sheet.name = name;
        sheet.hidden = hidden;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// The workbook part, as the package's relationships name it.
fn office_document(archive: &mut Archive) -> Result<String, Error> {
    if let Some(rels) = archive.parse("_rels/.rels", |x| relationships(x, ""))?
        && let Some(r) = rels.iter().find(|r| r.kind.ends_with("/officeDocument"))
    {
        return Ok(r.target.clone());
    }
    Ok("xl/workbook.xml".to_string())
}

fn folder_of(part: &str) -> String {
    match part.rfind('/') {
        Some(i) => part[..=i].to_string(),
        None => String::new(),
    }
}

fn file_of(part: &str) -> &str {
    part.rsplit('/').next().unwrap_or(part)
}

/// The sheets the workbook lists (name, relationship id, hidden), at most `most`, and
/// whether its dates count from 1904.
type Listed = (Vec<(String, String, bool)>, bool);

fn sheets_listed(x: &mut Xml, most: usize) -> Result<Listed, Error> {
    let mut out = Vec::new();
    let mut date1904 = false;
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Sml, "sheet") => {
                if out.len() == most {
                    return Err(Error::broken(format!("it lists more than {most} sheets")));
                }
                let name = t.attr(Ns::None, "name").unwrap_or_default().to_string();
                let id = t.attr(Ns::Rel, "id").unwrap_or_default().to_string();
                // `hidden` (unhidden from the menu) and `veryHidden` (only by a macro).
                let hidden = matches!(t.attr(Ns::None, "state"), Some("hidden" | "veryHidden"));
                out.push((name, id, hidden));
            }
            Ev::Open(t) if t.is(Ns::Sml, "workbookPr") => {
                date1904 = matches!(t.attr(Ns::None, "date1904"), Some("1" | "true"));
            }
            Ev::Eof => return Ok((out, date1904)),
            _ => {}
        }
    }
}

struct Relationship {
    id: String,
    kind: String,
    target: String,
}

/// The relationships of a part; targets resolved against `dir`, the folder of the part
/// they belong to.
fn relationships(x: &mut Xml, dir: &str) -> Result<Vec<Relationship>, Error> {
    let mut out = Vec::new();
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Pkg, "Relationship") => {
                if t.attr(Ns::None, "TargetMode") == Some("External") {
                    continue;
                }
                let target = t.attr(Ns::None, "Target").unwrap_or_default();
                out.push(Relationship {
                    id: t.attr(Ns::None, "Id").unwrap_or_default().to_string(),
                    kind: t.attr(Ns::None, "Type").unwrap_or_default().to_string(),
                    target: resolve(dir, target),
                });
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship's target as a part name: absolute (`/xl/…`) or relative to `dir`,
/// with `..` resolved.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A text longer than a cell may hold.
fn long_text() -> Error {
    Error::new(
        format!("a cell holds more than {CELL_TEXT} bytes of text (1 MiB); pan reads no more"),
        "shorten the longest texts of the workbook",
    )
}

/// The text of a string item (`<si>`, `<is>`): its runs, without phonetic readings.
fn string_item(x: &mut Xml, end: &str) -> Result<String, Error> {
    let mut s = String::new();
    let mut in_t = false;
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Sml, "rPh") => x.skip(&t)?,
            Ev::Open(t) if t.is(Ns::Sml, "t") => in_t = !t.empty,
            Ev::Close(Ns::Sml, n) if n == "t" => in_t = false,
            Ev::Close(Ns::Sml, n) if n == end => return Ok(unescape_ooxml(&s)),
            Ev::Text(t) if in_t => {
                s.push_str(&t);
                if s.len() > CELL_TEXT {
                    return Err(long_text());
                }
            }
            Ev::Eof => {
                return Err(Error::broken(format!(
                    "a text ends before its <{end}> closes"
                )));
            }
            _ => {}
        }
    }
}

/// Office Open XML writes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a
/// carriage return); `_x005F_` escapes the underscore itself.
fn unescape_ooxml(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shared texts, end to end in one string: a workbook of millions of them costs
/// their bytes and one offset each, and they count against the workbook's budget (as
/// many as it may have cells, as many bytes as it may unpack, a megabyte each).
#[derive(Default)]
struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

fn shared_strings(x: &mut Xml, limits: super::Limits) -> Result<Strings, Error> {
    let mut out = Strings::default();
    let too_many = |what: String| {
        Error::new(
            format!("the workbook's shared texts {what}; pan reads no more"),
            "split the workbook into smaller ones and import each",
        )
    };
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Sml, "si") => {
                if out.ends.len() >= limits.cells {
                    return Err(too_many(format!("are more than {}", limits.cells)));
                }
                if !t.empty {
                    let s = string_item(x, "si")?;
                    if s.len() > CELL_TEXT {
                        return Err(Error::new(
                            format!(
                                "a shared text holds more than {CELL_TEXT} bytes (1 MiB); pan reads no more"
                            ),
                            "shorten the longest texts of the workbook",
                        ));
                    }
                    if (out.text.len() + s.len()) as u64 > limits.unzipped {
                        return Err(too_many(format!(
                            "hold more than {} bytes",
                            limits.unzipped
                        )));
                    }
                    out.text.push_str(&s);
                }
                out.ends.push(out.text.len());
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// How each cell style (`s` of a cell) shows numbers.
fn styles(x: &mut Xml) -> Result<Vec<NumberFormat>, Error> {
    let mut custom: HashMap<u32, NumberFormat> = HashMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Sml, "numFmt") => {
                if let Some(id) = t.attr(Ns::None, "numFmtId").and_then(|s| s.parse().ok()) {
                    let code = t.attr(Ns::None, "formatCode").unwrap_or_default();
                    custom.insert(id, classify_format(code));
                }
            }
            Ev::Open(t) if t.is(Ns::Sml, "cellXfs") => in_xfs = !t.empty,
            Ev::Close(Ns::Sml, n) if n == "cellXfs" => in_xfs = false,
            Ev::Open(t) if in_xfs && t.is(Ns::Sml, "xf") => {
                let id: u32 = t
                    .attr(Ns::None, "numFmtId")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                out.push(custom.get(&id).copied().unwrap_or_else(|| builtin(id)));
                x.skip(&t)?;
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Excel's built-in number formats that show percentages or dates.
fn builtin(id: u32) -> NumberFormat {
    match id {
        9 | 10 => NumberFormat::Percent,
        14 | 15 | 16 | 22 | 27..=31 | 34..=36 | 50..=58 => NumberFormat::Date { day: true },
        17 => NumberFormat::Date { day: false },
        _ => NumberFormat::Plain,
    }
}

struct Context {
    strings: Strings,
    formats: Vec<NumberFormat>,
    date1904: bool,
}

/// A cell as it is read: its type, style, value, and whether it has a formula.
#[derive(Default)]
struct Raw {
    kind: String,
    style: usize,
    value: Option<String>,
    inline: Option<String>,
    formula: bool,
}

impl Raw {
    /// What the cell holds; `None` when it names a shared text the workbook does not
    /// have.
    fn cell(self, ctx: &Context) -> Option<Cell> {
        if self.kind == "inlineStr" {
            return Some(Cell::Text(self.inline.unwrap_or_default()));
        }
        // A formula whose result was never computed: no value, or an empty one where a
        // number is expected (as some libraries write it, `<v/>`).
        let uncomputed = self.formula && self.kind != "str" && self.value.as_deref() == Some("");
        let Some(v) = self.value.filter(|_| !uncomputed) else {
            return Some(if self.formula {
                Cell::Uncomputed
            } else {
                Cell::Text(String::new())
            });
        };
        Some(match self.kind.as_str() {
            "s" => Cell::Text(
                ctx.strings
                    .get(v.trim().parse::<usize>().ok()?)?
                    .to_string(),
            ),
            "str" => Cell::Text(unescape_ooxml(&v)),
            "b" => Cell::Bool(v.trim() == "1" || v.trim().eq_ignore_ascii_case("true")),
            "e" => Cell::Error(v),
            "d" => match v.get(..10).and_then(|d| d.parse().ok()) {
                Some(date) => Cell::Date { date, day: true },
                None => Cell::Text(v),
            },
            _ => match v.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => {
                    match ctx.formats.get(self.style).copied().unwrap_or_default() {
                        NumberFormat::Plain => Cell::Number(n),
                        NumberFormat::Percent => Cell::Percent(n),
                        NumberFormat::Date { day } => match super::serial_date(n, ctx.date1904) {
                            Some(date) => Cell::Date { date, day },
                            None => Cell::Number(n),
                        },
                    }
                }
                _ => Cell::Text(v),
            },
        })
    }
}

/// A sheet's cells, hidden rows and merged cells.
fn sheet(
    x: &mut Xml,
    part: &str,
    ctx: &Context,
    budget: &mut super::Budget,
) -> Result<Sheet, Error> {
    let most = budget.limits.cells;
    let mut rows = Rows::new(budget);
    let mut row: u32 = 0;
    let mut next_col: u32 = 0;
    let mut in_data = false;
    let mut hidden_rows = Vec::new();
    let mut merges: Vec<(u32, u32, u32, u32)> = Vec::new();
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Sml, "sheetData") => in_data = !t.empty,
            Ev::Close(Ns::Sml, n) if n == "sheetData" => in_data = false,
            Ev::Open(t) if in_data && t.is(Ns::Sml, "row") => {
                row = match t.attr(Ns::None, "r") {
                    Some(r) => r
                        .trim()
                        .parse()
                        .map_err(|_| Error::broken(format!("{part} has a row numbered {r:?}")))?,
                    None => row.saturating_add(1),
                };
                if matches!(t.attr(Ns::None, "hidden"), Some("1" | "true")) {
                    super::hide_rows(&mut hidden_rows, row, row);
                }
                next_col = 0;
            }
            Ev::Open(t) if in_data && t.is(Ns::Sml, "c") => {
                let col = match t.attr(Ns::None, "r") {
                    Some(r) => {
                        let (c, r) = parse_ref(r).ok_or_else(|| {
                            Error::broken(format!("{part} has a cell named {r:?}"))
                        })?;
                        row = r;
                        c
                    }
                    None => next_col,
                };
                next_col = col.saturating_add(1);
                let value = cell(x, &t)?.cell(ctx).ok_or_else(|| {
                    Error::broken(format!(
                        "cell {} of {part} names a shared text the workbook does not have",
                        super::cell_name(col, row)
                    ))
                })?;
                rows.push(row, col, value)?;
            }
            Ev::Open(t) if t.is(Ns::Sml, "mergeCell") => {
                if merges.len() >= most {
                    return Err(Error::broken(format!("{part} has too many merged cells")));
                }
                let range = t.attr(Ns::None, "ref").unwrap_or_default();
                let (a, b) = range.split_once(':').unwrap_or((range, range));
                if let (Some((c0, r0)), Some((c1, r1))) = (parse_ref(a), parse_ref(b)) {
                    merges.push((r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1)));
                }
            }
            Ev::Eof => break,
            _ => {}
        }
    }
    hidden_rows.sort_unstable();
    let rows = rows.finish();
    let covered = super::covered_cells(&rows, &merges, most.saturating_mul(2))?;
    Ok(Sheet {
        rows,
        hidden_rows,
        covered,
        ..Sheet::default()
    })
}

/// Read one `<c>` element, its start `t` just read.
fn cell(x: &mut Xml, t: &Tag) -> Result<Raw, Error> {
    let mut raw = Raw {
        kind: t.attr(Ns::None, "t").unwrap_or("n").to_string(),
        style: t
            .attr(Ns::None, "s")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0),
        ..Raw::default()
    };
    if t.empty {
        return Ok(raw);
    }
    let mut in_v = false;
    loop {
        match x.event()? {
            Ev::Open(t) if t.is(Ns::Sml, "v") => {
                in_v = !t.empty;
                raw.value.get_or_insert_with(String::new);
            }
            Ev::Close(Ns::Sml, n) if n == "v" => in_v = false,
            Ev::Text(s) if in_v => {
                if let Some(v) = raw.value.as_mut() {
                    v.push_str(&s);
                    if v.len() > CELL_TEXT {
                        return Err(long_text());
                    }
                }
            }
            Ev::Open(t) if t.is(Ns::Sml, "f") => {
                raw.formula = true;
                x.skip(&t)?;
            }
            Ev::Open(t) if t.is(Ns::Sml, "is") => {
                raw.inline = Some(if t.empty {
                    String::new()
                } else {
                    string_item(x, "is")?
                });
            }
            Ev::Open(t) => x.skip(&t)?,
            Ev::Close(Ns::Sml, n) if n == "c" => return Ok(raw),
            Ev::Eof => return Err(Error::broken("a cell ends before its <c> closes")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_characters_and_targets() {
        assert_eq!(unescape_ooxml("a_x000D_\nb"), "a\r\nb");
        assert_eq!(unescape_ooxml("_x005F_x0041_"), "_x0041_");
        assert_eq!(unescape_ooxml("_x12_ and _xZZZZ_"), "_x12_ and _xZZZZ_");
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(
            resolve("xl/worksheets/", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(resolve("", "../../../etc/passwd"), "etc/passwd");
    }
}
