//! Renderers: values of reports and checks → text for a terminal or Markdown (tables,
//! CSV, JSON of listings) and every word of them. A renderer never reads files.

pub mod card;
pub mod csv_out;
pub mod diagnostics;
pub mod due;
pub mod explain;
pub mod import;
pub mod markdown;
pub mod readings;
pub mod status;
pub mod table;
pub mod term;

/// Neutralise a CSV cell that a spreadsheet would run as a formula, whichever separator
/// the spreadsheet splits it by: a formula prefix (`=`, `+`, `-`, `@`, a tab or a carriage
/// return) at the start, or after a `,`, a `;` or a tab (and spaces) — where a French
/// spreadsheet splitting a comma-separated file by `;` (or the other way round) would
/// start a cell — gets a `'` before it, as OWASP recommends. Plain numbers such as `-3`
/// stay as they are. Every CSV writer of pan passes its text cells through here.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let starts_risky = |s: &str| {
        s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.trim().parse::<f64>().is_err()
    };
    let separated = cell.contains([',', ';', '\t']);
    if !starts_risky(cell) && !separated {
        return std::borrow::Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 2);
    for (i, piece) in cell.split_inclusive([',', ';', '\t']).enumerate() {
        // A cell starts here in one locale or the other: after its spaces.
        let body = piece.trim_start_matches(' ');
        out.push_str(&piece[..piece.len() - body.len()]);
        let alone = body.trim_end_matches([',', ';', '\t']);
        if starts_risky(alone) || (i == 0 && starts_risky(cell)) {
            out.push('\'');
        }
        out.push_str(body);
    }
    if out == cell {
        std::borrow::Cow::Borrowed(cell)
    } else {
        std::borrow::Cow::Owned(out)
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
        // After a separator of either locale, too.
        assert_eq!(csv_safe("Rapport;=2+3;"), "Rapport;'=2+3;");
        assert_eq!(csv_safe("Rapport, =2+3"), "Rapport, '=2+3");
        assert_eq!(csv_safe("a\t@SUM(A1)"), "a\t'@SUM(A1)");
        assert_eq!(csv_safe("1;-3;+4"), "1;-3;+4");
        assert_eq!(csv_safe("Lundi, mardi; jeudi"), "Lundi, mardi; jeudi");
        assert_eq!(csv_safe("=1;=2"), "'=1;'=2");
    }
}
pub mod diff;
pub mod digest;
pub mod report;
pub mod words;
