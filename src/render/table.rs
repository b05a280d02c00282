//! Terminal tables that fit the width: columns that do not fit are dropped, lowest
//! priority first, and the one flexible column is shortened with `…`. Drawn by comfy-table.

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ContentArrangement, Table as Comfy, TableStyle,
};
use unicode_width::UnicodeWidthStr;

use super::term::{Style, Term, sanitize, truncate};

/// A column of a table.
#[derive(Clone, Debug)]
pub struct Column {
    /// Header text.
    pub header: std::borrow::Cow<'static, str>,
    /// Right-align (numbers).
    pub right: bool,
    /// Columns with a higher number are dropped first when the table is too wide;
    /// `0` is never dropped.
    pub priority: u8,
    /// The column that takes the remaining width (only one).
    pub flexible: bool,
    /// Never wider than this (cells are shortened).
    pub max: usize,
}

impl Column {
    /// A fixed column.
    pub fn new(
        header: impl Into<std::borrow::Cow<'static, str>>,
        priority: u8,
        max: usize,
    ) -> Column {
        Column {
            header: header.into(),
            right: false,
            priority,
            flexible: false,
            max,
        }
    }

    /// The flexible column.
    pub fn flexible(header: impl Into<std::borrow::Cow<'static, str>>) -> Column {
        Column {
            header: header.into(),
            right: false,
            priority: 0,
            flexible: true,
            max: usize::MAX,
        }
    }

    /// Right-aligned.
    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// A cell: text and an optional style.
#[derive(Clone, Debug)]
pub struct Styled {
    /// The text (from files: sanitised when drawn).
    pub text: String,
    /// Its style, applied only when colours are on.
    pub style: Option<Style>,
}

impl From<String> for Styled {
    fn from(text: String) -> Styled {
        Styled { text, style: None }
    }
}

impl From<&str> for Styled {
    fn from(text: &str) -> Styled {
        Styled {
            text: text.to_string(),
            style: None,
        }
    }
}

/// Minimum width left for the flexible column before optional columns are dropped.
const MIN_FLEX: usize = 24;
/// Minimum width left for it before a column of priority 1 (the one that matters most
/// after the code, such as health) is dropped: the text is shortened first.
const MIN_FLEX_KEY: usize = 10;
/// Width taken by the spacing around each column.
const PAD: usize = 2;

fn color(style: Style) -> (Option<Color>, Option<Attribute>) {
    match style {
        Style::Error => (Some(Color::Red), Some(Attribute::Bold)),
        Style::Warning => (Some(Color::Yellow), None),
        Style::Note => (Some(Color::Cyan), None),
        Style::Good => (Some(Color::Green), None),
        Style::Bold => (None, Some(Attribute::Bold)),
        Style::Dim => (Some(Color::DarkGrey), None),
    }
}

/// Which columns a table keeps and how wide each is: decided once for rows that are
/// drawn as several tables (groups), so that they all have the same columns.
#[derive(Clone, Debug)]
pub struct Layout {
    keep: Vec<bool>,
    widths: Vec<usize>,
}

/// Draw a table that fits `term.width` columns.
pub fn draw(columns: &[Column], rows: &[Vec<Styled>], term: &Term) -> String {
    draw_with(columns, rows, term, &layout(columns, rows, term))
}

/// The layout of a table of `rows` that fits `term.width` columns: optional columns are
/// dropped, lowest priority first, until the flexible one has room; the flexible one
/// takes what is left.
pub fn layout(columns: &[Column], rows: &[Vec<Styled>], term: &Term) -> Layout {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize(&c.text)).collect())
        .collect();
    let natural: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let content = cells
                .iter()
                .map(|r| r.get(i).map(|s| s.width()).unwrap_or(0))
                .max()
                .unwrap_or(0);
            let natural = content.max(c.header.width());
            // Piped or written to a file, a cell is never cut.
            if term.width >= Term::UNLIMITED {
                natural
            } else {
                natural.min(c.max)
            }
        })
        .collect();
    // Drop optional columns, lowest priority first, until the flexible one has room.
    let mut keep: Vec<bool> = vec![true; columns.len()];
    let fixed_width = |keep: &[bool]| -> usize {
        columns
            .iter()
            .enumerate()
            .filter(|(i, c)| keep[*i] && !c.flexible)
            .map(|(i, _)| natural[i] + PAD)
            .sum::<usize>()
    };
    let mut order: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].priority > 0)
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(columns[i].priority));
    for i in order {
        let min_flex = if columns[i].priority == 1 {
            MIN_FLEX_KEY
        } else {
            MIN_FLEX
        };
        if fixed_width(&keep) + min_flex + PAD <= term.width {
            continue;
        }
        keep[i] = false;
    }
    let flex_width = term.width.saturating_sub(fixed_width(&keep) + PAD).max(8);
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.flexible {
                flex_width.min(natural[i].max(c.header.width()))
            } else {
                natural[i]
            }
        })
        .collect();
    Layout { keep, widths }
}

/// Draw `rows` with a layout decided before (see [`layout`]).
pub fn draw_with(columns: &[Column], rows: &[Vec<Styled>], term: &Term, layout: &Layout) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize(&c.text)).collect())
        .collect();
    let (keep, widths) = (&layout.keep, &layout.widths);
    // Cells are padded to their column's width, so that tables drawn a thousand rows at a
    // time line up exactly: comfy-table never holds more than that many rows.
    let pad = |text: &str, width: usize, right: bool| -> String {
        let fill = " ".repeat(width.saturating_sub(text.width()));
        if right {
            format!("{fill}{text}")
        } else {
            format!("{text}{fill}")
        }
    };
    let new_table = || {
        let mut table = Comfy::new();
        table.load_style(TableStyle::new());
        table.set_content_arrangement(ContentArrangement::Disabled);
        if term.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table
    };
    let mut s = String::new();
    let chunks: Vec<&[Vec<Styled>]> = if rows.is_empty() {
        vec![rows]
    } else {
        rows.chunks(1000).collect()
    };
    let mut first_row = 0;
    for (n, chunk) in chunks.into_iter().enumerate() {
        let mut table = new_table();
        if n == 0 {
            let header: Vec<Cell> = columns
                .iter()
                .enumerate()
                .filter(|(i, _)| keep[*i])
                .map(|(i, c)| {
                    let mut cell = Cell::new(pad(&c.header, widths[i], c.right));
                    if term.color {
                        cell = cell.add_attribute(Attribute::Bold);
                    }
                    cell
                })
                .collect();
            table.set_header(header);
        }
        for (k, row) in chunk.iter().enumerate() {
            let r = first_row + k;
            let mut out = Vec::new();
            for (i, col) in columns.iter().enumerate() {
                if !keep[i] {
                    continue;
                }
                let text = truncate(cells[r].get(i).map(String::as_str).unwrap_or(""), widths[i]);
                let mut cell = Cell::new(pad(&text, widths[i], col.right));
                if col.right {
                    cell = cell.set_alignment(CellAlignment::Right);
                }
                if term.color
                    && let Some(style) = row.get(i).and_then(|c| c.style)
                {
                    let (fg, attr) = color(style);
                    if let Some(fg) = fg {
                        cell = cell.fg(fg);
                    }
                    if let Some(a) = attr {
                        cell = cell.add_attribute(a);
                    }
                }
                out.push(cell);
            }
            table.add_row(out);
        }
        first_row += chunk.len();
        for line in table.lines() {
            s.push_str(line.trim_end());
            s.push('\n');
        }
    }
    // Underline the header, as wide as the table.
    if let Some(first) = s.lines().next() {
        let w = first.width().min(term.width);
        let rule = "─".repeat(w);
        let rest: String = s.lines().skip(1).map(|l| format!("{l}\n")).collect();
        s = format!("{first}\n{}\n{rest}", term.paint(Style::Dim, &rule));
    }
    s
}
