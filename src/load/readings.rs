//! Reading the measured record: `indicators/<lever>/<code>.csv` and `indicators/context.csv`.

use super::decode::parse_date;
use crate::diag::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::reading::{HEADER, parse_value};
use crate::model::{Dimension, IndicatorKind, Owner, Period, Plan, Reading, Strings, Sym, Value};

/// The breakdown cells of one file's readings, as read: for each reading that is a cell,
/// its line and where its (dimension, value) pairs end in a flat list. No table per file:
/// cells are interned once, when the file joins the store ([`merge`]).
#[derive(Clone, Debug, Default)]
pub struct FileCells {
    lines: Vec<(u32, u32)>,
    pairs: Vec<(u16, u16)>,
}

impl FileCells {
    fn push(&mut self, line: u32, cell: &crate::model::dimension::Cell) {
        self.pairs.extend_from_slice(cell);
        self.lines
            .push((line, crate::model::index32(self.pairs.len())));
    }

    /// Each cell reading: its line and its pairs, in line order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &crate::model::dimension::Cell)> {
        let mut start = 0usize;
        self.lines.iter().map(move |&(line, end)| {
            let cell = &self.pairs[start..end as usize];
            start = end as usize;
            (line, cell)
        })
    }

    /// The cell of the reading at `line` (empty for a total).
    pub fn at(&self, line: u32) -> &crate::model::dimension::Cell {
        match self.lines.binary_search_by_key(&line, |e| e.0) {
            Ok(i) => {
                let start = if i == 0 {
                    0
                } else {
                    self.lines[i - 1].1 as usize
                };
                &self.pairs[start..self.lines[i].1 as usize]
            }
            Err(_) => &[],
        }
    }
}

/// The most dimension columns a readings file may have (see [`super::dimensions::MAX`]).
pub const MAX_COLUMNS: usize = super::dimensions::MAX;

/// What a readings file is about: its owner and the indicators it may name.
pub struct Subject<'a> {
    /// Whose readings these are.
    pub owner: Owner,
    /// `(id, kind)` of each indicator, in declaration order.
    pub indicators: Vec<(&'a str, IndicatorKind)>,
    /// The plan's dimensions (`plan/dimensions.yaml`).
    pub dimensions: &'a [Dimension],
    /// The dimensions each indicator may be broken down by (ids), aligned with
    /// `indicators`; missing entries declare none.
    pub breakdowns: Vec<&'a [String]>,
}

impl<'a> Subject<'a> {
    /// The plan's context indicators.
    pub fn context(plan: &'a Plan) -> Subject<'a> {
        Subject {
            owner: Owner::Context,
            indicators: plan
                .context
                .iter()
                .map(|c| (c.id.as_str(), c.kind))
                .collect(),
            dimensions: &plan.dimensions,
            breakdowns: plan
                .context
                .iter()
                .map(|c| c.breakdowns.as_slice())
                .collect(),
        }
    }

    /// The indicators of the action at `index` in [`Plan::actions`].
    pub fn action(plan: &'a Plan, index: usize) -> Subject<'a> {
        let a = &plan.actions[index];
        Subject {
            owner: Owner::action(index),
            indicators: a
                .indicators
                .iter()
                .map(|i| (i.id.as_str(), i.kind))
                .collect(),
            dimensions: &plan.dimensions,
            breakdowns: a
                .indicators
                .iter()
                .map(|i| i.breakdowns.as_slice())
                .collect(),
        }
    }

    /// A subject without dimensions (tests, tools).
    pub fn plain(owner: Owner, indicators: Vec<(&'a str, IndicatorKind)>) -> Subject<'a> {
        Subject {
            owner,
            indicators,
            dimensions: &[],
            breakdowns: Vec::new(),
        }
    }
}

/// The readings of one file, with strings interned in a table of its own.
pub struct FileReadings {
    /// The readings.
    pub items: Vec<Reading>,
    /// Their strings.
    pub strings: Strings,
    /// Which of them are breakdown cells.
    pub cuts: FileCells,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
}

/// Strip a UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Where a row of a readings file is: the line it starts on, and the byte just after its
/// line ending (where a row written after it goes: a quoted note may span several lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowAt {
    /// 1-based line the row starts on.
    pub line: u32,
    /// Byte offset just after the row and its line ending (in the text without a BOM).
    pub end: usize,
}

/// Stream the rows of a readings file to `f` (where, cells), reporting a wrong header,
/// ragged rows and invalid UTF-8; no row is kept in memory. Returns the end of the
/// header row, or `None` when the header is wrong or missing.
pub fn for_each_row(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    mut f: impl FnMut(RowAt, [&str; 7]),
) -> Option<usize> {
    for_each_row_with(file, text, diags, |line| {
        if let Line::Row(at, cells, _) = line {
            f(at, cells)
        }
    })
}

/// What [`for_each_row_with`] hands over: the dimension columns of the header (once,
/// first), then each row with its seven cells and its dimension cells.
pub enum Line<'r> {
    /// The names of the dimension columns (after the seven of [`HEADER`]).
    Header(&'r [String]),
    /// A row: where it is, its seven cells, its dimension cells.
    Row(RowAt, [&'r str; 7], &'r [&'r str]),
}

/// Like [`for_each_row`], for a file that may have dimension columns after the seven of
/// [`HEADER`]: `header` gets their names (once, before any row), `f` each row's cells
/// and its dimension cells (no allocation per row).
pub fn for_each_row_with(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    mut f: impl FnMut(Line),
) -> Option<usize> {
    let text = strip_bom(text);
    let mut records = Records::new(text.as_bytes());
    let Some(header) = records.next() else {
        diags.push(Diagnostic::new(
            &rules::EMPTY_FILE,
            file,
            Span::file(),
            "the readings file is empty",
        ));
        return None;
    };
    let header_end = header.end;
    let got: Vec<String> = header
        .fields()
        .map(|c| String::from_utf8_lossy(c).trim().to_string())
        .collect();
    let extra = header_extras(&got);
    if got.len() < HEADER.len() || got[..HEADER.len()] != HEADER || extra.is_err() {
        let width = text
            .lines()
            .next()
            .map(|l| crate::model::index32(l.chars().count()))
            .unwrap_or(0);
        diags.push(
            Diagnostic::new(
                &rules::READING_BAD_HEADER,
                file,
                Span::at(1, 1, width),
                match &extra {
                    Err(why) if got.len() >= HEADER.len() && got[..HEADER.len()] == HEADER => {
                        format!("the header is `{}`: {why}", got.join(","))
                    }
                    _ => format!("the header is `{}`", got.join(",")),
                },
            )
            .hint(format!(
                "make the first line: {}, then one column per dimension recorded in the file (ids of plan/dimensions.yaml)",
                HEADER.join(",")
            )),
        );
        return None;
    }
    let width = got.len();
    f(Line::Header(&got[HEADER.len()..]));
    while let Some(rec) = records.next() {
        let line = rec.line;
        let n = rec.len();
        if n == 1 && rec.field(0).iter().all(u8::is_ascii_whitespace) {
            continue; // blank line
        }
        if n != width {
            diags.push(
                Diagnostic::new(
                    &rules::READING_RAGGED_ROW,
                    file,
                    Span::at(line, 1, 0),
                    format!("the row has {n} cells, the header {width}"),
                )
                .hint(format!("give every row exactly {width} cells; quote a cell that contains a comma: \"Rapport, 2024\"")),
            );
            continue;
        }
        let mut cells: [&str; 7] = [""; 7];
        let mut dims: [&str; MAX_COLUMNS] = [""; MAX_COLUMNS];
        let mut bad_utf8 = false;
        for (i, c) in rec.fields().enumerate() {
            match std::str::from_utf8(c) {
                Ok(s) if i < 7 => cells[i] = s,
                Ok(s) => dims[i - 7] = s,
                Err(_) => bad_utf8 = true,
            }
        }
        if bad_utf8 {
            diags.push(Diagnostic::new(
                &rules::NOT_UTF8,
                file,
                Span::at(line, 1, 0),
                "the row is not valid UTF-8",
            ));
            continue;
        }
        f(Line::Row(
            RowAt { line, end: rec.end },
            cells,
            &dims[..width - HEADER.len()],
        ));
    }
    Some(header_end)
}

/// Check the dimension columns of a header (after the seven of [`HEADER`]): identifiers,
/// each once, at most [`MAX_COLUMNS`].
fn header_extras(got: &[String]) -> Result<(), String> {
    let extra = got.get(HEADER.len()..).unwrap_or(&[]);
    if extra.len() > MAX_COLUMNS {
        return Err(format!("more than {MAX_COLUMNS} dimension columns"));
    }
    for (i, c) in extra.iter().enumerate() {
        if !super::decode::is_id(c) {
            return Err(format!("`{c}` is not a dimension identifier"));
        }
        if extra[..i].contains(c) {
            return Err(format!("the column `{c}` appears twice"));
        }
    }
    Ok(())
}

thread_local! {
    /// The CSV parser of this thread, between files.
    static PARSER: std::cell::RefCell<Option<csv_core::Reader>> = const { std::cell::RefCell::new(None) };
}

/// A CSV record: its fields, unescaped, and the line it starts on.
struct Record<'a> {
    line: u32,
    end: usize,
    data: &'a [u8],
    ends: &'a [usize],
}

impl Record<'_> {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn field(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.data[start..self.ends[i]]
    }

    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(|i| self.field(i))
    }
}

/// Records of a CSV text, read with `csv-core` directly: its parser is built once per
/// thread and reset for each file (building it costs more than reading a small file), and
/// no per-row allocation is made.
struct Records<'t> {
    reader: Option<csv_core::Reader>,
    input: &'t [u8],
    pos: usize,
    line: u32,
    data: Vec<u8>,
    ends: Vec<usize>,
    done: bool,
}

impl Drop for Records<'_> {
    fn drop(&mut self) {
        if let Some(mut reader) = self.reader.take() {
            reader.reset();
            PARSER.with(|p| *p.borrow_mut() = Some(reader));
        }
    }
}

impl<'t> Records<'t> {
    fn new(input: &'t [u8]) -> Records<'t> {
        let reader = PARSER
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| csv_core::ReaderBuilder::new().build());
        Records {
            reader: Some(reader),
            input,
            pos: 0,
            line: 1,
            data: vec![0; 256],
            ends: vec![0; 16],
            done: false,
        }
    }

    /// The next record, or `None` at the end of the input.
    fn next(&mut self) -> Option<Record<'_>> {
        use csv_core::ReadRecordResult as R;
        if self.done {
            return None;
        }
        // Skip the line breaks between records, counting them.
        while self.pos < self.input.len() && matches!(self.input[self.pos], b'\n' | b'\r') {
            if self.input[self.pos] == b'\n' {
                self.line += 1;
            }
            self.pos += 1;
        }
        let start = self.pos;
        let line = self.line;
        let reader = self.reader.as_mut()?;
        let (mut nout, mut nend) = (0, 0);
        loop {
            let (res, nin, o, e) = reader.read_record(
                &self.input[self.pos..],
                &mut self.data[nout..],
                &mut self.ends[nend..],
            );
            self.pos += nin;
            nout += o;
            nend += e;
            match res {
                R::InputEmpty => {
                    if self.pos >= self.input.len() {
                        // Tell the parser the input is over so it completes the last record.
                        let (res, _, o, e) =
                            reader.read_record(&[], &mut self.data[nout..], &mut self.ends[nend..]);
                        nout += o;
                        nend += e;
                        match res {
                            R::Record => break,
                            R::OutputFull => {
                                let len = self.data.len();
                                self.data.resize(len * 2, 0);
                            }
                            R::OutputEndsFull => {
                                let len = self.ends.len();
                                self.ends.resize(len * 2, 0);
                            }
                            _ => {
                                self.done = true;
                                return None;
                            }
                        }
                    }
                }
                R::OutputFull => {
                    let len = self.data.len();
                    self.data.resize(len * 2, 0);
                }
                R::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                R::Record => break,
                R::End => {
                    self.done = true;
                    return None;
                }
            }
        }
        // Line breaks inside the record (quoted cells) count for the lines that follow.
        self.line += crate::model::index32(
            self.input[start..self.pos]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
        );
        if self.pos >= self.input.len() {
            self.done = true;
        }
        // The record's end, past its line ending (the parser may or may not have consumed it).
        let mut end = self.pos;
        if !(end > start && self.input[end - 1] == b'\n') {
            while end < self.input.len() && self.input[end] == b'\r' {
                end += 1;
            }
            if end < self.input.len() && self.input[end] == b'\n' {
                end += 1;
            }
        }
        Some(Record {
            line,
            end,
            data: &self.data[..nout],
            ends: &self.ends[..nend],
        })
    }
}

/// A readings file as it is now, for adding rows to it: its text, where each row ends and
/// what it is about, and the value in effect for each indicator and period.
#[derive(Debug, Default)]
pub struct Current {
    /// The text, without a byte-order mark (empty for a new file).
    pub text: String,
    /// Whether the file starts with a UTF-8 byte-order mark (kept when it is rewritten).
    pub bom: bool,
    /// Where the header row ends.
    pub header_end: usize,
    /// Each data row: where it ends, and its key (indicator position, period).
    pub rows: Vec<(usize, (usize, Period))>,
    /// The value in effect for each (indicator id, period, breakdown cell as
    /// [`cell_key`] writes it; empty for the total).
    pub values:
        std::collections::HashMap<(String, Period, String), crate::model::reading::Recorded>,
    /// The dimension columns of the header.
    pub columns: Vec<String>,
}

/// A breakdown cell as one text, `age=65+;canton=wiltz` (empty for the total): how
/// [`Current::values`] and messages name it. `pairs` come in the plan's dimension order.
pub fn cell_key(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(d, v)| format!("{d}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The (dimension id, value id) pairs of a cell.
pub fn cell_pairs(
    dimensions: &[Dimension],
    cell: &crate::model::dimension::Cell,
) -> Vec<(String, String)> {
    cell.iter()
        .filter_map(|&(d, v)| {
            let dim = dimensions.get(d as usize)?;
            Some((dim.id.clone(), dim.value(v).id.clone()))
        })
        .collect()
}

/// Why a readings file cannot be added to.
#[derive(Debug)]
pub enum CurrentError {
    /// The file cannot be read (too large, a link, not a regular file, I/O).
    Read(crate::files::ReadError),
    /// The file has a problem (the first one found).
    Invalid(Box<Diagnostic>),
}

/// Read the readings file of `subject` at `path` (`shown` names it in messages) as it is
/// now; a missing file is an empty one. A file with any problem is refused: rows are never
/// added to a file `pan validate` would reject.
pub fn current(
    path: &std::path::Path,
    shown: &str,
    subject: &Subject,
) -> Result<Current, CurrentError> {
    let bytes = match crate::files::read(path, crate::config::limits::READINGS_FILE_BYTES, false) {
        Ok(b) => b,
        Err(crate::files::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Current::default());
        }
        Err(e) => return Err(CurrentError::Read(e)),
    };
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let text = super::text_of(shown, bytes).map_err(CurrentError::Invalid)?;
    current_of(shown, subject, text, bom).map_err(CurrentError::Invalid)
}

/// [`current`] of a file's text (without its byte-order mark; `bom` says if it had one).
pub fn current_of(
    shown: &str,
    subject: &Subject,
    text: String,
    bom: bool,
) -> Result<Current, Box<Diagnostic>> {
    let mut out = Current {
        bom,
        ..Current::default()
    };
    if text.is_empty() {
        return Ok(out);
    }
    let mut diags = Vec::new();
    let mut keys: Vec<(usize, RowAt)> = Vec::new();
    let mut state = Interpreter::new(shown, 0, subject);
    let mut columns = Vec::new();
    let header_end = for_each_row_with(shown, &text, &mut diags, |line| match line {
        Line::Header(names) => {
            columns = names.to_vec();
            state.header(names)
        }
        Line::Row(at, cells, dims) => {
            let before = state.items.len();
            state.row(at.line, cells, dims);
            if state.items.len() > before {
                keys.push((before, at));
            }
        }
    });
    let fr = state.finish();
    diags.extend(fr.diags);
    if let Some(d) = diags.into_iter().next() {
        return Err(Box::new(d));
    }
    out.header_end = header_end.unwrap_or(0);
    out.columns = columns;
    for (i, at) in keys {
        let r = &fr.items[i];
        out.rows.push((at.end, (r.indicator as usize, r.period)));
        let id = subject.indicators[r.indicator as usize].0.to_string();
        let cell = cell_key(&cell_pairs(subject.dimensions, fr.cuts.at(r.line)));
        out.values.insert(
            (id, r.period, cell),
            crate::model::reading::Recorded {
                value: crate::model::reading::raw_text(r.value, &fr.strings),
                parsed: r.value,
                line: r.line,
            },
        );
    }
    out.text = text;
    Ok(out)
}

/// Read a whole readings file: stream its rows, interpreting each as it comes.
pub fn read(
    file: &str,
    file_index: u32,
    subject: &Subject,
    text: &str,
) -> (Option<FileReadings>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut state = Interpreter::new(file, file_index, subject);
    let ok = for_each_row_with(file, text, &mut diags, |line| match line {
        Line::Header(names) => state.header(names),
        Line::Row(at, cells, dims) => state.row(at.line, cells, dims),
    });
    if ok.is_none() {
        return (None, diags);
    }
    let fr = state.finish();
    (Some(fr), diags)
}

/// Turns rows into readings, one at a time.
struct Interpreter<'a> {
    file: &'a str,
    file_index: u32,
    subject: &'a Subject<'a>,
    items: Vec<Reading>,
    strings: Strings,
    cuts: FileCells,
    /// The dimension of each dimension column (`None`: not a dimension of the plan).
    columns: Vec<Option<u16>>,
    diags: Vec<Diagnostic>,
}

impl<'a> Interpreter<'a> {
    fn new(file: &'a str, file_index: u32, subject: &'a Subject<'a>) -> Interpreter<'a> {
        Interpreter {
            file,
            file_index,
            subject,
            items: Vec::new(),
            strings: Strings::default(),
            cuts: FileCells::default(),
            columns: Vec::new(),
            diags: Vec::new(),
        }
    }

    fn finish(self) -> FileReadings {
        FileReadings {
            items: self.items,
            strings: self.strings,
            cuts: self.cuts,
            diags: self.diags,
        }
    }

    /// The dimension columns of the header: each must name a dimension of the plan.
    fn header(&mut self, names: &[String]) {
        let dims = self.subject.dimensions;
        let mut col = HEADER
            .iter()
            .map(|h| crate::model::index32(h.len()) + 1)
            .sum::<u32>()
            + 1;
        for name in names {
            let found = dims.iter().position(|d| d.id == *name);
            if found.is_none() {
                let ids: Vec<&str> = dims.iter().map(|d| d.id.as_str()).collect();
                let hint = match crate::text::suggest(name, &ids) {
                    Some(near) => format!(
                        "did you mean `{near}`? dimensions: {}",
                        crate::text::few(&ids)
                    ),
                    None if ids.is_empty() => {
                        "declare the dimension in plan/dimensions.yaml, or remove the column".into()
                    }
                    None => format!(
                        "dimensions of plan/dimensions.yaml: {}; declare it there, or remove the column",
                        crate::text::few(&ids)
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        &rules::READING_UNKNOWN_DIMENSION,
                        self.file,
                        Span::at(1, col, crate::model::index32(name.chars().count())),
                        format!(
                            "the column `{}` is not a dimension of the plan",
                            crate::text::short(name)
                        ),
                    )
                    .hint(hint),
                );
            }
            col += crate::model::index32(name.chars().count()) + 1;
            self.columns.push(found.and_then(|i| u16::try_from(i).ok()));
        }
    }

    /// The breakdown cell of a row of indicator `index`, from its dimension cells; `None`
    /// (with a diagnostic, unless the header already has one) when a value is not right.
    fn cell(
        &mut self,
        line: u32,
        index: usize,
        dims: &[&str],
    ) -> Option<([(u16, u16); MAX_COLUMNS], usize)> {
        let mut cell = [(0u16, 0u16); MAX_COLUMNS];
        let mut n = 0;
        let indicator = self.subject.indicators[index].0;
        let declared = self.subject.breakdowns.get(index).copied().unwrap_or(&[]);
        for (j, raw) in dims.iter().enumerate() {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let at = Span::at(line, crate::model::index32(HEADER.len() + j + 1), 0);
            // An unknown column was reported at the header; its rows are not read.
            let d = self.columns.get(j).copied().flatten()?;
            let dim = &self.subject.dimensions[d as usize];
            if !declared.contains(&dim.id) {
                self.diags.push(
                    Diagnostic::new(
                        &rules::READING_UNDECLARED_DIMENSION,
                        self.file,
                        at,
                        format!(
                            "`{indicator}` is not broken down by `{}`, but the row gives `{}`",
                            dim.id,
                            crate::text::short(raw)
                        ),
                    )
                    .hint(if declared.is_empty() {
                        format!(
                            "leave the `{}` cell empty, or add `breakdowns: [{}]` to the indicator",
                            dim.id, dim.id
                        )
                    } else {
                        format!(
                            "leave the `{}` cell empty, or add `{}` to the indicator's breakdowns ({})",
                            dim.id,
                            dim.id,
                            crate::text::few(declared)
                        )
                    }),
                );
                return None;
            }
            let Some(v) = dim.value_index(raw) else {
                // Bounded whatever the dimension's size: no list of its values is made
                // for each row, and a label is looked for among a few thousand only.
                let ids = || dim.values.iter().map(|v| v.id.as_str());
                let small = dim.values.len() <= crate::text::SUGGEST_AMONG;
                let near = crate::text::nearest(raw, ids(), 1)
                    .into_iter()
                    .next()
                    .or_else(|| {
                        dim.values
                            .iter()
                            .filter(|_| small)
                            .find(|v| v.label.eq_ignore_ascii_case(raw))
                            .map(|v| v.id.as_str())
                    });
                let listed = crate::text::few_of(ids(), dim.values.len());
                self.diags.push(
                    Diagnostic::new(
                        &rules::READING_UNKNOWN_DIMENSION_VALUE,
                        self.file,
                        at,
                        format!(
                            "`{}` is not a value of the dimension `{}`",
                            crate::text::short(raw),
                            dim.id
                        ),
                    )
                    .hint(match near {
                        Some(near) => format!("did you mean `{near}`? values: {listed}"),
                        None => format!("values: {listed}"),
                    }),
                );
                return None;
            };
            cell[n] = (d, v);
            n += 1;
        }
        cell[..n].sort_unstable();
        Some((cell, n))
    }

    fn row(&mut self, line: u32, cells: [&str; 7], dims: &[&str]) {
        let [indicator, period, value, source, note, recorded, replaces] = cells;
        let file = self.file;
        let at = |col: usize| Span::at(line, crate::model::index32(col), 0);
        let indicator = indicator.trim();
        let Some(index) = self
            .subject
            .indicators
            .iter()
            .position(|(id, _)| *id == indicator)
        else {
            let ids: Vec<&str> = self.subject.indicators.iter().map(|(id, _)| *id).collect();
            let hint = match crate::text::suggest(indicator, &ids) {
                Some(near) => format!(
                    "did you mean `{near}`? indicators: {}",
                    crate::text::few(&ids)
                ),
                None if ids.is_empty() => "this has no indicators to read".to_string(),
                None => format!("indicators: {}", crate::text::few(&ids)),
            };
            self.diags.push(
                Diagnostic::new(
                    &rules::READING_UNKNOWN_INDICATOR,
                    file,
                    at(1),
                    format!("unknown indicator `{}`", crate::text::short(indicator)),
                )
                .hint(hint),
            );
            return;
        };
        let kind = self.subject.indicators[index].1;
        let period = match period.trim().parse::<Period>() {
            Ok(p) => p,
            Err(e) => {
                self.diags.push(Diagnostic::new(
                    &rules::READING_BAD_PERIOD,
                    file,
                    at(2),
                    e.to_string(),
                ));
                return;
            }
        };
        let value = match parse_value(value, kind, &mut self.strings) {
            Ok(v) => v,
            Err(e) => {
                self.diags.push(
                    Diagnostic::new(
                        &rules::READING_BAD_VALUE,
                        file,
                        at(3),
                        format!("{indicator} {period}: {}", e.message),
                    )
                    .hint(e.hint),
                );
                return;
            }
        };
        let source = source.trim();
        if source.is_empty() {
            self.diags.push(Diagnostic::new(
                &rules::READING_NO_SOURCE,
                file,
                at(4),
                format!("the reading {indicator} {period} names no source"),
            ));
            return;
        }
        let recorded = match recorded.trim() {
            "" => None,
            r => match parse_date(r) {
                Some(d) => Some(d),
                None => {
                    self.diags.push(
                        Diagnostic::new(
                            &rules::READING_BAD_PERIOD,
                            file,
                            at(6),
                            format!("`recorded` date `{r}` is not a date"),
                        )
                        .hint("write the date as YYYY-MM-DD"),
                    );
                    return;
                }
            },
        };
        let source = self.strings.intern(source);
        let note = match note.trim() {
            "" => Sym::EMPTY,
            n => self.strings.intern(n),
        };
        let replaces = match replaces.trim() {
            "" => None,
            r => Some(self.strings.intern(r)),
        };
        if !dims.is_empty() {
            let Some((cell, n)) = self.cell(line, index, dims) else {
                return;
            };
            if n > 0 {
                self.cuts.push(line, &cell[..n]);
            }
        }
        self.items.push(Reading {
            owner: self.subject.owner,
            indicator: crate::model::index32(index),
            period,
            value,
            source,
            note,
            recorded,
            replaces,
            file: self.file_index,
            line,
        });
    }
}

/// Move one file's readings into the global store, re-interning their strings.
pub fn merge(into: &mut crate::model::Readings, file: FileReadings) {
    into.invalidate();
    // The file's symbols are dense (0, 1, 2 …): a vector maps them to the store's.
    let mut map: Vec<Option<Sym>> = vec![None; file.strings.len()];
    let mut remap = |sym: Sym, strings: &mut Strings| -> Sym {
        match map.get(sym.index()).copied().flatten() {
            Some(s) => s,
            None => {
                let s = strings.intern(file.strings.get(sym));
                if let Some(slot) = map.get_mut(sym.index()) {
                    *slot = Some(s);
                }
                s
            }
        }
    };
    into.items.reserve(file.items.len());
    // Every reading of a file carries the file's index.
    let index = file.items.first().map(|r| r.file).unwrap_or(0);
    for (line, cell) in file.cuts.iter() {
        let global = into.cuts.intern(cell);
        into.cuts.record(index, line, global);
    }
    for mut r in file.items {
        r.source = remap(r.source, &mut into.strings);
        r.note = remap(r.note, &mut into.strings);
        r.replaces = r.replaces.map(|s| remap(s, &mut into.strings));
        if let Value::Text(s) = r.value {
            r.value = Value::Text(remap(s, &mut into.strings));
        }
        into.items.push(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "indicator,period,value,source,note,recorded,replaces\n";

    fn subject() -> Subject<'static> {
        Subject::plain(
            Owner::Action(0),
            vec![
                ("participants", IndicatorKind::Count),
                ("taux", IndicatorKind::Percent),
            ],
        )
    }

    fn run(text: &str) -> (Vec<Reading>, Vec<String>) {
        let (fr, mut diags) = read("f.csv", 0, &subject(), text);
        let items = match fr {
            Some(fr) => {
                diags.extend(fr.diags);
                fr.items
            }
            None => Vec::new(),
        };
        diags.sort_by_key(|d| d.span.line);
        (
            items,
            diags
                .iter()
                .map(|d| format!("{}:{}", d.rule.code, d.span.line))
                .collect(),
        )
    }

    #[test]
    fn reads_good_rows() {
        let (items, diags) = run(&format!(
            "\u{feff}{H}participants,2024,182,Rapport,,2026-01-15,\ntaux,2024-Q2,\"60,1\",STATEC,note,,\n"
        ));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].value, Value::Number(60.1));
        assert_eq!(items[1].line, 3);
    }

    #[test]
    fn reports_each_bad_row_with_its_line() {
        let text = format!(
            "{H}participant,2024,1,S,,,\nparticipants,2024-T1,1,S,,,\nparticipants,2024,-1,S,,,\ntaux,2024,101,S,,,\nparticipants,2024,1,,,,\nparticipants,2024,1,S\nparticipants,2024,1,S,,2024-13-01,\n"
        );
        let (items, diags) = run(&text);
        assert!(items.is_empty());
        assert_eq!(
            diags,
            [
                "R002:2", "R004:3", "R003:4", "R003:5", "R011:6", "R008:7", "R004:8"
            ]
        );
    }

    #[test]
    fn rows_filling_an_unknown_column_are_not_read() {
        let dims = vec![crate::model::Dimension {
            id: "canton".into(),
            label: "Canton".into(),
            source: String::new(),
            values: vec![crate::model::DimensionValue {
                id: "wiltz".into(),
                label: "Wiltz".into(),
            }],
        }];
        let declared = vec!["canton".to_string()];
        let mut s = subject();
        s.dimensions = &dims;
        s.breakdowns = vec![&declared, &[]];
        let text = format!(
            "{}commune,canton\nparticipants,2024,10,S,,,,,\nparticipants,2024,4,S,,,,x,\nparticipants,2024,3,S,,,,,wiltz\n",
            H.trim_end().to_string() + ","
        );
        let (fr, diags) = read("f.csv", 0, &s, &text);
        let fr = fr.unwrap();
        let all: Vec<&str> = diags.iter().chain(&fr.diags).map(|d| d.rule.code).collect();
        assert_eq!(all, ["R013"]);
        // The total and the canton cell are read; the row filling `commune` is not.
        assert_eq!(fr.items.len(), 2);
        assert!(fr.cuts.at(2).is_empty());
        assert_eq!(fr.cuts.at(4), &[(0, 0)]);
    }

    #[test]
    fn wrong_header_stops_the_file() {
        let (items, diags) = run("indicateur,période\nx,y\n");
        assert!(items.is_empty());
        assert_eq!(diags, ["R007:1"]);
    }
}

#[cfg(test)]
mod crlf_tests {
    use super::*;

    #[test]
    fn line_numbers_survive_crlf() {
        let mut lines = Vec::new();
        let text = "indicator,period,value,source,note,recorded,replaces\r\na,2024,1,S,,,\r\n\r\nb,2024,\"1\r\n\",S,,,\r\nc,2024,1,S,,,\r\n";
        assert!(
            for_each_row("f.csv", text, &mut Vec::new(), |at, _| lines.push(at.line)).is_some()
        );
        assert_eq!(lines, [2, 4, 6]);
    }
}
