//! Reading a plan kept as a table (`pan init --from plan.csv|plan.xlsx`): one row per
//! action with its code, objective, text, responsible actors, partners, indicators and
//! calendar, as most plans exist before they are code. Every row is checked and every
//! problem returned with the line (CSV) or cell (workbook) and the fix.
//!
//! Cells: `responsible` and `partners` list names separated by `,`, `;` or line breaks;
//! `indicators` lists labels separated by `;` or line breaks, each optionally followed by
//! its kind in brackets (`Nombre de participants [count]`), otherwise guessed from its
//! first words; `objective` holds the objective's title, optionally preceded by its code
//! (`B-11 — Soutenir …`); an optional `lever` column holds the lever's title.

use std::collections::HashMap;
use std::path::Path;

use crate::config::limits;
use crate::files::{self, ReadError};
use crate::model::calendar::parse_label;
use crate::model::{
    Action, ActionCode, Actor, ActorKind, CodeFormat, Indicator, IndicatorKind, Lever, Objective,
};

/// A problem with the table: where (`line 4`, `cell C4`, or none for the whole file),
/// what, and the fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, in words.
    pub place: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Problem {
    fn new(place: Option<String>, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            place,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// The plan a table describes.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// Levers and objectives, in the order of their first action.
    pub levers: Vec<Lever>,
    /// Actors named by the actions (responsible, and partners that look like acronyms).
    pub actors: Vec<Actor>,
    /// Actions, in code order.
    pub actions: Vec<Action>,
    /// Where each action is in the table (`line 4`).
    pub places: HashMap<ActionCode, String>,
    /// What was read but should be looked at (guessed indicator kinds, calendars not
    /// understood, empty texts), with their place.
    pub notes: Vec<String>,
}

/// The columns, by the names people give them (folded: lower case, no accents).
const COLUMNS: &[(&str, &[&str])] = &[
    (
        "code",
        &[
            "code",
            "code action",
            "action code",
            "n°",
            "no",
            "numero",
            "ref",
            "reference",
        ],
    ),
    (
        "lever",
        &["lever", "levier", "axe", "axis", "pillar", "pilier"],
    ),
    (
        "objective",
        &[
            "objective",
            "objectif",
            "objective title",
            "titre de l'objectif",
        ],
    ),
    (
        "action",
        &[
            "action",
            "text",
            "texte",
            "description",
            "intitule",
            "libelle",
            "mesure",
        ],
    ),
    (
        "responsible",
        &[
            "responsible",
            "responsable",
            "responsables",
            "lead",
            "pilote",
            "porteur",
        ],
    ),
    (
        "partners",
        &[
            "partners",
            "partner",
            "partenaires",
            "partenaire",
            "autres parties prenantes",
            "parties prenantes",
            "other parties",
        ],
    ),
    (
        "indicators",
        &[
            "indicators",
            "indicator",
            "indicateurs",
            "indicateur",
            "kpi",
        ],
    ),
    (
        "calendar",
        &[
            "calendar",
            "calendrier",
            "echeance",
            "echeancier",
            "timeline",
            "deadline",
        ],
    ),
];

/// Columns a table must have.
const REQUIRED: [&str; 5] = ["code", "action", "responsible", "indicators", "calendar"];

fn column_of(name: &str) -> Option<&'static str> {
    let n = crate::text::fold(name.trim().trim_start_matches('\u{feff}'));
    let n = n.trim_end_matches([' ', ':', '*']);
    COLUMNS
        .iter()
        .find(|(_, names)| names.contains(&n))
        .map(|(c, _)| *c)
}

/// A row of cells and where it is.
struct Record {
    /// The row's number: its line (CSV) or sheet row.
    number: u64,
    cells: Vec<String>,
}

/// How places are named: lines of a CSV file, cells of a workbook.
#[derive(Clone, Copy)]
enum Kind {
    Csv,
    Sheet,
}

fn place(kind: Kind, row: u64, col: Option<usize>) -> String {
    match (kind, col) {
        (Kind::Csv, _) | (Kind::Sheet, None) => format!("line {row}"),
        (Kind::Sheet, Some(c)) => format!("cell {}{row}", column_letters(c)),
    }
}

/// `A`, …, `Z`, `AA`, … for a 0-based column.
fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"[c % 26]);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// Read the table at `path` (`shown` names it in messages) into a plan written in
/// `codes`. Every problem is returned, not only the first.
pub fn read(path: &Path, shown: &str, codes: &'static CodeFormat) -> Result<Draft, Vec<Problem>> {
    let whole = |m: String, h: &str| vec![Problem::new(None, m, h)];
    let bytes = match files::read(path, limits::TABLE_FILE_BYTES, true) {
        Ok(b) => b,
        Err(ReadError::TooLarge(n)) => {
            return Err(whole(
                format!(
                    "{shown} is {n} bytes; the limit is {}",
                    limits::TABLE_FILE_BYTES
                ),
                "a plan's table is a few megabytes at most; remove what is not the plan",
            ));
        }
        Err(e) => {
            return Err(whole(
                format!("cannot read {shown}: {e}"),
                "give the path of the plan's table (.csv, .xlsx or .ods)",
            ));
        }
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (kind, records) = match ext.as_str() {
        "csv" | "txt" => (Kind::Csv, csv_records(shown, bytes)?),
        "xlsx" | "xlsm" | "xls" | "ods" => (Kind::Sheet, sheet_records(shown, bytes)?),
        _ => {
            return Err(whole(
                format!("{shown} is not a .csv, .xlsx or .ods file"),
                "save the table as CSV (UTF-8) or as an Excel or OpenDocument workbook",
            ));
        }
    };
    interpret(kind, records, codes)
}

/// Read a table already in memory (for tests and the CSV path).
pub fn read_csv_text(text: &str, codes: &'static CodeFormat) -> Result<Draft, Vec<Problem>> {
    interpret(Kind::Csv, csv_lines(text)?, codes)
}

fn csv_records(shown: &str, bytes: Vec<u8>) -> Result<Vec<Record>, Vec<Problem>> {
    let text = super::text_of(shown, bytes).map_err(|d| {
        vec![Problem::new(
            Some(format!("line {}", d.span.line)),
            d.message,
            "save the table as \"CSV UTF-8\"",
        )]
    })?;
    csv_lines(&text)
}

fn csv_lines(text: &str) -> Result<Vec<Record>, Vec<Problem>> {
    let text = text.replace("\r\n", "\n");
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    let sep = if count(';') > count(',') {
        b';'
    } else if count('\t') > count(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in reader.records() {
        match rec {
            Ok(r) => out.push(Record {
                number: r.position().map(|p| p.line()).unwrap_or(0),
                cells: r.iter().map(str::to_string).collect(),
            }),
            Err(e) => {
                return Err(vec![Problem::new(
                    e.position().map(|p| format!("line {}", p.line())),
                    format!("cannot read the row: {e}"),
                    "check the quotes of this row: a cell that starts with \" must end with \"",
                )]);
            }
        }
    }
    Ok(out)
}

/// The rows of the workbook's first sheet, through the same bounded reader as an import
/// (the archive's size, what it unpacks to, its cells and texts all limited).
fn sheet_records(shown: &str, bytes: Vec<u8>) -> Result<Vec<Record>, Vec<Problem>> {
    use super::workbook::{self, Cell};
    let book = workbook::read(&bytes).map_err(|e| {
        vec![Problem::new(
            None,
            format!("{shown}: {}", e.message),
            e.hint,
        )]
    })?;
    let Some(sheet) = book.sheets.into_iter().next() else {
        return Err(vec![Problem::new(
            None,
            format!("{shown} has no sheet"),
            "put the plan's table on the first sheet of the workbook",
        )]);
    };
    if sheet.hidden {
        return Err(vec![Problem::new(
            None,
            format!("the first sheet of {shown}, {}, is hidden", sheet.name),
            "unhide it and check it, or move the plan's table to a visible first sheet",
        )]);
    }
    let mut out = Vec::with_capacity(sheet.rows.len());
    for row in &sheet.rows {
        if sheet.row_hidden(row.number) {
            return Err(vec![Problem::new(
                Some(format!("line {}", row.number)),
                "this row is hidden, and holds something nobody sees",
                "unhide the row and check it, or delete it",
            )]);
        }
        let width = row.cells.last().map_or(0, |(c, _)| *c as usize + 1);
        let mut cells = vec![String::new(); width];
        for (c, cell) in &row.cells {
            cells[*c as usize] = match cell {
                Cell::Text(s) => s.clone(),
                Cell::Number(n) => crate::model::reading::format_number(*n),
                Cell::Percent(f) => format!(
                    "{}%",
                    super::import::times_100(&crate::model::reading::format_number(*f))
                ),
                Cell::Date { date, .. } => date.to_string(),
                Cell::Bool(b) => b.to_string(),
                Cell::Error(e) => e.clone(),
                Cell::Uncomputed => String::new(),
            };
        }
        out.push(Record {
            number: u64::from(row.number),
            cells,
        });
    }
    if let Some(&(row, col)) = sheet.covered.first() {
        return Err(vec![Problem::new(
            Some(place(Kind::Sheet, u64::from(row), Some(col as usize))),
            "this cell lies under a merged cell: what it holds is not shown",
            "unmerge the cells and check what each holds, or clear the hidden one",
        )]);
    }
    Ok(out)
}

/// What a person writes in the indicators cell, in order.
fn indicator_items(cell: &str) -> Vec<String> {
    cell.split(['\n', ';'])
        .map(|s| {
            s.trim()
                .trim_start_matches(['•', '-', '*', '–', '·'])
                .trim()
        })
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The kind an indicator's label says, by its first words (the rule the bundled plan was
/// coded by): counts (`Nombre`, `Number`, `Volume`), percentages (`Taux`, `Part`, `%`),
/// deliverables (published, adopted, launched …), and the rest qualitative.
pub fn guess_kind(label: &str) -> IndicatorKind {
    let f = crate::text::fold(label);
    let starts = |w: &[&str]| w.iter().any(|x| f.starts_with(x));
    if starts(&["nombre", "number", "nb ", "volume", "count"]) {
        IndicatorKind::Count
    } else if starts(&[
        "taux",
        "pourcentage",
        "part ",
        "proportion",
        "percentage",
        "share",
        "rate",
    ]) || f.contains('%')
    {
        IndicatorKind::Percent
    } else if [
        "publi",
        "adopt",
        "mise en place",
        "mis en place",
        "lance",
        "launch",
        "realis",
        "elabor",
        "rapport",
        "report",
        "deliver",
        "creat",
        "cree",
        "disponible",
        "available",
        "deploy",
        "deploi",
        "signe",
        "signed",
        "etabli",
    ]
    .iter()
    .any(|w| f.contains(w))
    {
        IndicatorKind::Deliverable
    } else {
        IndicatorKind::Qualitative
    }
}

/// A label and its kind in brackets: `Nombre de séances [count]`.
fn explicit_kind(item: &str) -> Option<(&str, Result<IndicatorKind, String>)> {
    let body = item.strip_suffix(']')?;
    let (label, kind) = body.rsplit_once('[')?;
    let k = crate::text::fold(kind.trim());
    let kind = match k.as_str() {
        "count" | "nombre" | "compte" => Ok(IndicatorKind::Count),
        "number" | "chiffre" | "valeur" => Ok(IndicatorKind::Number),
        "percent" | "pourcentage" | "%" => Ok(IndicatorKind::Percent),
        "deliverable" | "livrable" => Ok(IndicatorKind::Deliverable),
        "qualitative" | "qualitatif" => Ok(IndicatorKind::Qualitative),
        _ => Err(kind.trim().to_string()),
    };
    Some((label.trim(), kind))
}

/// An indicator id from its label: lower case, no accents, words joined by `-`.
fn slug(label: &str) -> String {
    let folded = crate::text::fold(label);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 40 && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "indicateur".into()
    } else {
        out
    }
}

fn names(cell: &str) -> Vec<String> {
    cell.split([',', ';', '\n'])
        .map(|s| s.trim().trim_start_matches(['•', '-', '*']).trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The columns a table's header names, by their canonical name, and the names of the
/// columns not read; the header is the first row with something in it.
type Columns = HashMap<&'static str, usize>;

fn header(
    kind: Kind,
    rows: &mut impl Iterator<Item = Record>,
) -> Result<(Columns, Vec<String>), Vec<Problem>> {
    let Some(header) = rows.find(|r| r.cells.iter().any(|c| !c.trim().is_empty())) else {
        return Err(vec![Problem::new(
            None,
            "the table is empty",
            "the first row names the columns: code, objective, action, responsible, partners, indicators, calendar",
        )]);
    };
    let mut col: Columns = HashMap::new();
    let mut ignored = Vec::new();
    for (i, name) in header.cells.iter().enumerate() {
        match column_of(name) {
            Some(c) => {
                col.entry(c).or_insert(i);
            }
            None if !name.trim().is_empty() => ignored.push(name.trim().to_string()),
            None => {}
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !col.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![Problem::new(
            Some(place(kind, header.number, None)),
            format!(
                "the header has no column {} (it has: {})",
                missing.join(", "),
                header
                    .cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "name the columns code, objective, action, responsible, partners, indicators, calendar (French names work too: objectif, responsable, partenaires, indicateurs, calendrier)",
        )]);
    }
    Ok((col, ignored))
}

/// The indicators of an indicators cell (at `at`), each with an id of its own: a kind
/// in brackets is taken, otherwise guessed from the label (and the guess noted).
fn indicators(
    cell: &str,
    at: &str,
    code: ActionCode,
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> Vec<Indicator> {
    let mut indicators: Vec<Indicator> = Vec::new();
    for item in indicator_items(cell) {
        let (label, kind_of) = match explicit_kind(&item) {
            Some((label, Ok(k))) => (label.to_string(), k),
            Some((_, Err(k))) => {
                problems.push(Problem::new(
                    Some(at.to_string()),
                    format!("`[{k}]` is not an indicator kind"),
                    "write [count], [number], [percent], [deliverable] or [qualitative] after the label, or nothing",
                ));
                continue;
            }
            None => {
                let k = guess_kind(&item);
                notes.push(format!("{at}: {code} `{item}` read as {}", k.as_str()));
                (item.clone(), k)
            }
        };
        let base = slug(&label);
        let mut id = base.clone();
        let mut n = 2;
        while indicators.iter().any(|i| i.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        indicators.push(Indicator {
            id,
            label,
            kind: kind_of,
            measure: None,
            frequency: None,
            breakdowns: Vec::new(),
            targets: Default::default(),
        });
    }
    indicators
}

/// What reading the rows of a table builds up.
#[derive(Default)]
struct Building {
    problems: Vec<Problem>,
    draft: Draft,
    /// Each code, with the row that gave it first.
    seen: HashMap<ActionCode, String>,
    /// Objective and lever titles, with where they were first given.
    objective_titles: HashMap<String, (String, String)>,
    lever_titles: HashMap<String, (String, String)>,
    /// The objectives, in the order of their first action, with their lever.
    order: Vec<(u16, String)>,
}

/// A cell of a row by its column's canonical name: its text, trimmed, and its place.
fn cell(kind: Kind, r: &Record, col: &Columns, name: &str) -> (String, String) {
    let i = col.get(name).copied();
    let text = i
        .and_then(|i| r.cells.get(i))
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    (text, place(kind, r.number, i))
}

impl Building {
    /// Keep the title of an objective or a lever, refusing one that differs from the
    /// title given before.
    fn title(&mut self, lever: bool, key: String, value: String, at: String) {
        let (map, what) = if lever {
            (&mut self.lever_titles, "lever")
        } else {
            (&mut self.objective_titles, "objective")
        };
        if value.is_empty() {
            return;
        }
        match map.get(&key) {
            Some((t, first)) if *t != value => self.problems.push(Problem::new(
                Some(at),
                format!("{what} {key} is titled `{value}` here and `{t}` on {first}"),
                format!("give {what} {key} one title"),
            )),
            Some(_) => {}
            None => {
                map.insert(key, (value, at));
            }
        }
    }

    /// The code of a row, refused when it cannot be read or was given before.
    fn code(
        &mut self,
        kind: Kind,
        r: &Record,
        col: &Columns,
        codes: &'static CodeFormat,
    ) -> Option<ActionCode> {
        let (code_text, code_at) = cell(kind, r, col, "code");
        let code = match codes.parse(&code_text) {
            Ok(c) => c,
            Err(e) => {
                self.problems.push(Problem::new(
                    Some(code_at),
                    if code_text.is_empty() {
                        "the action has no code".to_string()
                    } else {
                        e.to_string()
                    },
                    format!(
                        "write the code as {} says, e.g. {} (or choose another format with --code-format)",
                        codes.code_format(),
                        codes.example()
                    ),
                ));
                return None;
            }
        };
        if let Some(first) = self.seen.get(&code) {
            self.problems.push(Problem::new(
                Some(code_at),
                format!("{code} is also the code of the action on {first}"),
                "give each action its own code",
            ));
            return None;
        }
        self.seen.insert(code, place(kind, r.number, None));
        Some(code)
    }

    /// Read one row: an action, or problems.
    fn row(&mut self, kind: Kind, r: &Record, col: &Columns, codes: &'static CodeFormat) {
        let get = |c: &str| cell(kind, r, col, c);
        let Some(code) = self.code(kind, r, col, codes) else {
            return;
        };
        let row_at = place(kind, r.number, None);
        let objective = code.objective_code();
        let (obj_cell, obj_at) = get("objective");
        let title = match strip_objective_code(&obj_cell, codes) {
            Some((c, _)) if c != objective => {
                self.problems.push(Problem::new(
                    Some(obj_at.clone()),
                    format!(
                        "the objective cell names {c}, but {code} belongs to objective {objective}"
                    ),
                    format!("write the title of objective {objective}, or fix the code"),
                ));
                return;
            }
            Some((_, title)) => title,
            None => obj_cell.clone(),
        };
        self.title(false, objective.clone(), title, obj_at);
        let (lever_title, lever_at) = get("lever");
        self.title(true, code.lever_code(), lever_title, lever_at);
        if !self.order.iter().any(|(_, o)| *o == objective) {
            self.order.push((code.lever(), objective.clone()));
        }
        let (text, text_at) = get("action");
        if text.is_empty() {
            self.draft
                .notes
                .push(format!("{text_at}: {code} has no text"));
        }
        let (resp_cell, resp_at) = get("responsible");
        let responsible = names(&resp_cell);
        if responsible.is_empty() {
            self.problems.push(Problem::new(
                Some(resp_at),
                format!("{code} has no responsible actor"),
                "name the actor carrying the action, by its acronym (e.g. MinDigital); several are separated by commas",
            ));
        }
        let (ind_cell, ind_at) = get("indicators");
        let indicators = indicators(
            &ind_cell,
            &ind_at,
            code,
            &mut self.problems,
            &mut self.draft.notes,
        );
        let (cal_cell, cal_at) = get("calendar");
        let (calendar, understood) = parse_label(&cal_cell);
        if !understood {
            self.draft.notes.push(format!(
                "{cal_at}: {code} calendar `{cal_cell}` is kept as written, without dates"
            ));
        }
        self.draft.places.insert(code, row_at);
        self.draft.actions.push(Action {
            code,
            objective,
            action: text,
            responsible,
            partners: names(&get("partners").0),
            indicators,
            calendar,
            states: Vec::new(),
        });
    }

    /// The draft, its actions in code order under their levers and objectives.
    fn finish(mut self, codes: &CodeFormat) -> Draft {
        let draft = &mut self.draft;
        draft.actions.sort_by_key(|a| a.code);
        self.order.sort_by_key(|(l, _)| *l);
        for (_, objective) in self.order {
            let Some(a) = draft.actions.iter().find(|a| a.objective == objective) else {
                continue;
            };
            let lever = a.code.lever_code();
            let title = self
                .objective_titles
                .remove(&objective)
                .map(|t| t.0)
                .unwrap_or_default();
            let o = Objective {
                code: objective,
                title,
                note: String::new(),
            };
            match draft.levers.iter_mut().find(|l| l.code == lever) {
                Some(l) => l.objectives.push(o),
                None => draft.levers.push(Lever {
                    title: self
                        .lever_titles
                        .get(&lever)
                        .map(|t| t.0.clone())
                        .unwrap_or_default(),
                    code: lever,
                    objectives: vec![o],
                }),
            }
        }
        for l in &mut draft.levers {
            l.objectives.sort_by_key(|o| codes.parse_objective(&o.code));
        }
        draft.actors = actors_of(&draft.actions);
        self.draft
    }
}

fn interpret(
    kind: Kind,
    records: Vec<Record>,
    codes: &'static CodeFormat,
) -> Result<Draft, Vec<Problem>> {
    let mut rows = records.into_iter();
    let (col, ignored) = header(kind, &mut rows)?;
    let mut b = Building::default();
    if !ignored.is_empty() {
        b.draft
            .notes
            .push(format!("columns not read: {}", ignored.join(", ")));
    }
    for r in rows {
        if r.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        b.row(kind, &r, &col, codes);
    }
    if b.draft.actions.is_empty() && b.problems.is_empty() {
        b.problems.push(Problem::new(
            None,
            "the table has no action",
            "write one row per action below the header",
        ));
    }
    if !b.problems.is_empty() {
        return Err(b.problems);
    }
    Ok(b.finish(codes))
}

/// `B-11 — Titre`, `B-11: Titre`, `B-11 Titre` or `B-11`: the objective code and the title.
fn strip_objective_code(cell: &str, codes: &CodeFormat) -> Option<(String, String)> {
    let end = cell
        .find(|c: char| c.is_whitespace() || matches!(c, ':' | '—' | '–'))
        .unwrap_or(cell.len());
    let head = &cell[..end];
    codes.parse_objective(head)?;
    let rest = cell[end..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '—' | '–' | '-'));
    Some((head.to_string(), rest.trim().to_string()))
}

/// The actors the actions name: each responsible actor (a ministry, or the agency of the
/// ministry its acronym starts with, `MENEJ-IFEN`), and partners that look like
/// acronyms. Their full names are left to the owner.
fn actors_of(actions: &[Action]) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    let note = "The table gives only this acronym: write the full name.";
    let add = |out: &mut Vec<Actor>, acronym: &str, kind: ActorKind, ministry: Option<&str>| {
        if !out.iter().any(|a| a.acronym == acronym) {
            out.push(Actor {
                acronym: acronym.to_string(),
                name: acronym.to_string(),
                ministry: ministry.map(str::to_string),
                kind,
                aliases: Vec::new(),
                note: note.into(),
            });
        }
    };
    for a in actions {
        for r in &a.responsible {
            match r.split_once('-') {
                Some((prefix, _)) if !prefix.is_empty() => {
                    add(&mut out, prefix, ActorKind::Ministry, Some(prefix));
                    add(&mut out, r, ActorKind::Agency, Some(prefix));
                }
                _ => add(&mut out, r, ActorKind::Ministry, Some(r)),
            }
        }
    }
    for a in actions {
        for p in &a.partners {
            let ministry_of = |prefix: &str| {
                out.iter()
                    .any(|x| x.acronym == prefix && x.kind == ActorKind::Ministry)
            };
            if !crate::model::actor::looks_like_acronym(p, ministry_of) {
                continue;
            }
            match p.split_once('-') {
                Some((prefix, _)) if ministry_of(prefix) => {
                    let prefix = prefix.to_string();
                    add(&mut out, p, ActorKind::Agency, Some(&prefix));
                }
                _ => add(&mut out, p, ActorKind::External, None),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::code::DEFAULT;

    const HEADER: &str = "code,objectif,action,responsable,partenaires,indicateurs,calendrier\n";

    #[test]
    fn reads_a_good_table() {
        let t = format!(
            "{HEADER}IN-B-11.02,B-11 — Soutenir la formation,Organiser des rencontres,MinDigital,\"MENEJ-IFEN, ErwuesseBildung ASBL\",\"Nombre de séances; Taux de satisfaction [percent]\",2024 – 2026\n\
             IN-B-2.01,Former aux services,Former,MENEJ-IFEN,,Guide publié,Action continue\n"
        );
        let d = read_csv_text(&t, &DEFAULT).unwrap();
        let codes: Vec<String> = d.actions.iter().map(|a| a.code.to_string()).collect();
        assert_eq!(codes, ["IN-B-2.01", "IN-B-11.02"]);
        let a = &d.actions[1];
        assert_eq!(a.indicators[0].kind, IndicatorKind::Count);
        assert_eq!(a.indicators[0].id, "nombre-de-seances");
        assert_eq!(a.indicators[1].kind, IndicatorKind::Percent);
        assert_eq!(
            a.calendar.end.map(|p| p.to_string()).as_deref(),
            Some("2026")
        );
        assert_eq!(d.actions[0].indicators[0].kind, IndicatorKind::Deliverable);
        assert_eq!(d.levers.len(), 1);
        let objectives: Vec<(&str, &str)> = d.levers[0]
            .objectives
            .iter()
            .map(|o| (o.code.as_str(), o.title.as_str()))
            .collect();
        assert_eq!(
            objectives,
            [
                ("B-2", "Former aux services"),
                ("B-11", "Soutenir la formation")
            ]
        );
        let actors: Vec<(&str, ActorKind)> = d
            .actors
            .iter()
            .map(|a| (a.acronym.as_str(), a.kind))
            .collect();
        assert_eq!(
            actors,
            [
                ("MENEJ", ActorKind::Ministry),
                ("MENEJ-IFEN", ActorKind::Agency),
                ("MinDigital", ActorKind::Ministry)
            ]
        );
        assert_eq!(d.places[&a.code], "line 2");
    }

    #[test]
    fn every_bad_row_is_named_with_its_line() {
        let t = format!(
            "{HEADER}IN-B-11.2,x,t,M,,n,2026\n\
             IN-B-1.01,B-2 — x,t,M,,n,2026\n\
             IN-B-1.02,x,t,,,n,2026\n\
             IN-B-1.03,x,t,M,,n [budget],2026\n\
             IN-B-1.03,x,t,M,,n,2026\n"
        );
        let e = read_csv_text(&t, &DEFAULT).unwrap_err();
        let at: Vec<&str> = e.iter().filter_map(|p| p.place.as_deref()).collect();
        assert_eq!(
            at,
            ["line 2", "line 3", "line 4", "line 5", "line 6"],
            "{e:?}"
        );
        assert!(e[0].message.contains("after `IN-B-11.`"), "{e:?}");
        assert!(e[1].message.contains("belongs to objective B-1"), "{e:?}");
        assert!(e[2].message.contains("no responsible"), "{e:?}");
        assert!(e[3].message.contains("[budget]"), "{e:?}");
        assert!(
            e[4].message
                .contains("also the code of the action on line 5"),
            "{e:?}"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = read_csv_text("code;action;responsable\nIN-B-1.01;t;M\n", &DEFAULT).unwrap_err();
        assert!(
            e[0].message.contains("no column indicators, calendar"),
            "{e:?}"
        );
    }

    #[test]
    fn kinds_are_guessed_as_the_bundled_plan_was_coded() {
        for (label, kind) in [
            ("Nombre de participants", IndicatorKind::Count),
            ("Taux de couverture", IndicatorKind::Percent),
            ("Part des écoles équipées", IndicatorKind::Percent),
            ("Rapport publié", IndicatorKind::Deliverable),
            ("Retours des participants", IndicatorKind::Qualitative),
        ] {
            assert_eq!(guess_kind(label), kind, "{label}");
        }
    }

    #[test]
    fn cell_names() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
    }
}
