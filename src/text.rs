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

/// The known names nearest to `name`, best first, at most `n`, only those near enough to
/// be likely typos. Ties keep the order of `known`.
pub fn nearest<'k>(name: &str, known: impl IntoIterator<Item = &'k str>, n: usize) -> Vec<&'k str> {
    let mut scored: Vec<(usize, usize, &str)> = known
        .into_iter()
        .enumerate()
        .map(|(i, k)| (distance(name, k), i, k))
        .filter(|(d, _, k)| near_enough(*d, k))
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, _, k)| k).collect()
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
}
