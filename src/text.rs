//! Small text helpers every layer shares: folding for searches, and "did you mean"
//! suggestions. No knowledge of plans, no output.

use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents removed: `Compétences` → `competences`.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The edit distance between two names, ignoring case and accents (a transposition
/// counts as one edit).
fn distance(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(&fold(a), &fold(b))
}

/// Whether `distance` is small enough for `known` to be what was meant: two edits, or a
/// third of the name's length for long names.
fn near_enough(d: usize, known: &str) -> bool {
    d <= 2.max(known.chars().count() / 3)
}

/// The known name nearest to `name`, when one is near enough to be a likely typo.
pub fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    nearest(name, known.iter().copied(), 1).into_iter().next()
}

/// Longest name a suggestion is looked for (a typo of a code or an id is short; a cell
/// of a megabyte is not a typo).
const SUGGEST_CHARS: usize = 100;
/// Most known names compared for a suggestion: past it (a dimension of 33,000 values), a
/// hint gives a few values and where the list is, and every bad value costs the same.
pub const SUGGEST_AMONG: usize = 2_000;

/// The known names nearest to `name`, best first, at most `n`, only those near enough to
/// be likely typos. Ties keep the order of `known`. Bounded: nothing is suggested for a
/// name longer than 100 characters or among more than 2,000 names, and names whose
/// length alone rules them out are not compared.
pub fn nearest<'k>(name: &str, known: impl IntoIterator<Item = &'k str>, n: usize) -> Vec<&'k str> {
    let len = name.chars().count();
    if len > SUGGEST_CHARS {
        return Vec::new();
    }
    let known: Vec<&str> = known.into_iter().take(SUGGEST_AMONG + 1).collect();
    if known.len() > SUGGEST_AMONG {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, &str)> = known
        .into_iter()
        .enumerate()
        .filter(|(_, k)| {
            let kl = k.chars().count();
            near_enough(kl.abs_diff(len), k)
        })
        .map(|(i, k)| (distance(name, k), i, k))
        .filter(|(d, _, k)| near_enough(*d, k))
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, _, k)| k).collect()
}

/// Whether XML 1.0 cannot hold `c`, or holds it only with a warning: controls other
/// than tab and line breaks, `U+FFFE`, `U+FFFF` and the other non-characters.
fn xml_cannot_hold(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// `s` as an XML document (a workbook's part) can hold it: every character XML cannot
/// hold is made visible as `\u{fffe}`, as the terminal shows it, instead of making
/// the file one that spreadsheets refuse to open.
pub fn xml_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(xml_cannot_hold) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if xml_cannot_hold(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The file name of a code, an acronym or an id: letters, digits, `-` and `.` as they are
/// (never a leading `.`), anything else as `_` and its hexadecimal code, so that two
/// names never share a file and no name leaves its folder.
pub fn file_slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, c) in name.chars().enumerate() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' => out.push(c),
            '.' if i > 0 => out.push(c),
            c => out.push_str(&format!("_{:x}_", c as u32)),
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// The longest name a code or an acronym may make for a file (its slug), so that with a
/// folder's prefix and an extension it stays within the 255 bytes file systems allow.
pub const FILE_NAME_BYTES: usize = 200;

/// Why `name` cannot name a file on every system pan runs on, if it cannot: a name
/// Windows keeps for a device (`CON`, `NUL`, `COM1`…, with any extension), or a name
/// too long once written as a file name.
pub fn unfit_file_name(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name).trim_end();
    let upper = base.to_ascii_uppercase();
    let device = matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper[3..].bytes().all(|b| (b'1'..=b'9').contains(&b)));
    if device {
        return Some(format!(
            "`{base}` is a name Windows keeps for a device: no file can be named after it there"
        ));
    }
    let len = file_slug(name).len().max(name.len());
    (len > FILE_NAME_BYTES).then(|| {
        format!(
            "it makes a file name of {len} bytes; file names hold at most {FILE_NAME_BYTES} here"
        )
    })
}

/// Most characters of a value quoted back in a message.
const QUOTED_CHARS: usize = 60;

/// A value as a message quotes it: whole when short, otherwise its start, `…` and its
/// length (`xxxxxxxx… (1,200,000 characters)`), so that no message repeats a megabyte.
pub fn short(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= QUOTED_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let count = s.chars().count();
    if count <= QUOTED_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let start: String = s.chars().take(QUOTED_CHARS - 10).collect();
    std::borrow::Cow::Owned(format!("{start}… ({count} characters)"))
}

/// Most values a hint lists.
pub const LISTED: usize = 8;

/// A few of `items` (there are `count` in all) for a hint, without collecting them: see
/// [`few`].
pub fn few_of<'a>(items: impl IntoIterator<Item = &'a str>, count: usize) -> String {
    let shown: Vec<&str> = items.into_iter().take(LISTED + 1).collect();
    let mut out = few(&shown[..shown.len().min(LISTED)]);
    if count > LISTED {
        out.push_str(&format!(", … ({count} in all)"));
    }
    out
}

/// A few of `items` for a hint: all of them when there are at most [`LISTED`], otherwise
/// the first ones and how many there are (`a, b, c, … (33,000 in all)`).
pub fn few<S: AsRef<str>>(items: &[S]) -> String {
    let shown: Vec<&str> = items.iter().take(LISTED).map(|s| s.as_ref()).collect();
    let mut out = shown
        .iter()
        .map(|s| short(s).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > LISTED {
        out.push_str(&format!(", … ({} in all)", items.len()));
    }
    out
}

/// Most characters of a message or a hint: past it, the text is cut (a backstop: every
/// message quotes values with [`short`] and lists with [`few`]).
pub const MESSAGE_CHARS: usize = 2_000;

/// `s` cut to [`MESSAGE_CHARS`] characters, ending with `…` when cut.
pub fn bounded(s: String) -> String {
    if s.len() <= MESSAGE_CHARS {
        return s;
    }
    match s.char_indices().nth(MESSAGE_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Compétences ÉLÈVES"), "competences eleves");
    }

    #[test]
    fn suggests_near_names_only() {
        let known = ["responsible", "partners", "indicators"];
        assert_eq!(suggest("responsable", &known), Some("responsible"));
        assert_eq!(suggest("Partners", &known), Some("partners"));
        assert_eq!(suggest("budget", &known), None);
        let codes = ["IN-F-3.01", "IN-B-11.03", "IN-B-11.02"];
        assert_eq!(nearest("in-b-11.2", codes, 3), ["IN-B-11.02", "IN-B-11.03"]);
    }

    #[test]
    fn names_that_cannot_be_files_everywhere() {
        for bad in ["CON", "nul", "Com1", "LPT9.x", "AUX.2026"] {
            assert!(unfit_file_name(bad).is_some(), "{bad}");
        }
        for ok in ["CONSEIL", "COM10", "IN-B-11.02", "NULL", "MENEJ"] {
            assert!(unfit_file_name(ok).is_none(), "{ok}");
        }
        assert!(unfit_file_name(&"A".repeat(201)).is_some());
        assert!(
            unfit_file_name(&"é".repeat(60)).is_some(),
            "each é is 4 bytes as a slug"
        );
        assert_eq!(file_slug("A B/é"), "A_20_B_2f__e9_");
    }

    #[test]
    fn what_xml_cannot_hold_is_made_visible() {
        assert_eq!(xml_safe("a\u{fffe}b\u{1}c\td"), "a\\u{fffe}b\\u{1}c\td");
        assert_eq!(xml_safe("\u{fdd0}\u{1ffff}é"), "\\u{fdd0}\\u{1ffff}é");
        assert_eq!(xml_safe("ligne\nsuite"), "ligne\nsuite");
    }

    #[test]
    fn messages_stay_short_whatever_they_quote() {
        let long = "x".repeat(1_000_000);
        assert!(suggest(&long, &["xxx"]).is_none());
        let many: Vec<String> = (0..33_000).map(|i| format!("v{i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(suggest("v1", &refs).is_none(), "not among 33,000");
        assert_eq!(suggest("v1x", &refs[..10]), Some("v1"));
        let q = short(&long);
        assert!(q.len() < 100 && q.ends_with("(1000000 characters)"), "{q}");
        assert_eq!(short("abc"), "abc");
        let listed = few(&refs);
        assert!(listed.starts_with("v0, v1,") && listed.ends_with("… (33000 in all)"));
        assert_eq!(few(&["a", "b"]), "a, b");
        let cut = bounded("é".repeat(5_000));
        assert_eq!(cut.chars().count(), MESSAGE_CHARS + 1);
    }
}
