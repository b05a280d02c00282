//! Markdown building blocks: escaping text from the plan for GitHub-flavoured Markdown,
//! and tables whose every row has the header's number of cells.

/// Escape text for a Markdown table cell or a line of prose: characters that would start
/// formatting, links, HTML or a table column are backslash-escaped; line breaks become
/// `<br>` in cells (a cell must stay on one line) and spaces in prose.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_line_start = true;
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => {
                out.push_str("<br>");
                at_line_start = true;
                continue;
            }
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            // A leading `-`, `+` or `=` would turn prose into a list or a heading underline.
            '-' | '+' | '=' if at_line_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        at_line_start = false;
    }
    // Trailing spaces are significant in Markdown (hard line break); drop them.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Escape text for HTML: inside an HTML block of Markdown (`<summary>…</summary>`),
/// backslash escapes do nothing and Markdown is not parsed, so only entities keep text as
/// text (`<img onerror=…>`, an unclosed `<!--`).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for one line of prose (no `<br>`).
pub fn escape_inline(s: &str) -> String {
    escape(&s.replace(['\n', '\r'], " "))
}

/// A GFM table: header, alignment row, rows; every row padded or cut to the header's width.
pub fn table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let mut out = String::new();
    out.push('|');
    for h in header {
        out.push(' ');
        out.push_str(h);
        out.push_str(" |");
    }
    out.push('\n');
    out.push('|');
    for i in 0..n {
        out.push_str(match align.get(i).copied().unwrap_or(Align::Left) {
            Align::Left => " --- |",
            Align::Right => " ---: |",
            Align::Center => " :---: |",
        });
    }
    out.push('\n');
    for row in rows {
        out.push('|');
        for i in 0..n {
            let cell = row.get(i).map(String::as_str).unwrap_or("");
            out.push(' ');
            out.push_str(if cell.is_empty() { " " } else { cell });
            out.push_str(" |");
        }
        out.push('\n');
    }
    out
}

/// Column alignment in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left-aligned (text).
    Left,
    /// Right-aligned (numbers).
    Right,
    /// Centred.
    Center,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_render() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("*x* _y_"), "\\*x\\* \\_y\\_");
        assert_eq!(escape("l1\nl2"), "l1<br>l2");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("a - b"), "a - b");
        assert_eq!(escape("R&D"), "R&amp;D");
        assert_eq!(escape("« Citoyen numérique »"), "« Citoyen numérique »");
        assert_eq!(
            html("<img src=x onerror=alert(1)> <!--"),
            "&lt;img src=x onerror=alert(1)&gt; &lt;!--"
        );
    }

    #[test]
    fn tables_have_a_fixed_width() {
        let t = table(
            &["A", "B"],
            &[Align::Left, Align::Right],
            &[vec!["1".into()], vec!["1".into(), "2".into(), "3".into()]],
        );
        for line in t.lines() {
            assert_eq!(line.matches(" |").count(), 2, "{line}");
        }
    }
}
