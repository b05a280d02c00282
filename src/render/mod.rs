//! Renderers: values of reports and checks → text for a terminal or Markdown (tables,
//! CSV, JSON of listings) and every word of them. A renderer never reads files.

pub mod card;
pub mod diagnostics;
pub mod explain;
pub mod import;
pub mod markdown;
pub mod readings;
pub mod status;
pub mod table;
pub mod term;

/// Neutralise a CSV cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab or carriage return at the start): prefix it with `'`, as OWASP recommends.
/// Plain numbers such as `-3` stay as they are.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formula_cells_are_neutralised() {
        use super::csv_safe;
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("+33 1"), "'+33 1");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("- item"), "'- item");
        assert_eq!(csv_safe("-3"), "-3");
        assert_eq!(csv_safe("60.1"), "60.1");
        assert_eq!(csv_safe("Nombre de participants"), "Nombre de participants");
    }
}
pub mod diff;
pub mod digest;
pub mod report;
pub mod words;
