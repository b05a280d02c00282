//! One word catalogue per language: nothing in `src/` asks which language it writes but
//! the catalogue (`src/render/words/`) and the settings that define and read `Lang`
//! (`src/config/`). Anywhere else a word comes from `words::of(lang)`, so a third
//! language is a new catalogue file, not a hunt through the renderers.
//!
//! The check reads the source: a named language (`Lang::Fr`), a `match` or `matches!`
//! on a language, a language's code compared (`== "fr"`), or a flag standing for one
//! (`let fr = …lang…`, `if fr`, `fr: bool`). `Lang::ALL`, `Lang::INTERFACE`,
//! `Lang::default()`, `lang.code()` and two languages compared (is the page in the
//! plan's language?) name no language and pass.

use std::path::Path;

use regex::Regex;

/// Where language branches belong.
const ALLOWED: [&str; 2] = ["render/words/", "config/"];

/// Every language branch of a source text, as (line number, line).
fn branches(text: &str) -> Vec<(usize, String)> {
    let lang = r"[\w.]*\b(?:lang|language)\b";
    let patterns = [
        // A language named: `Lang::Fr`, `Lang::En`, `Lang::De` (not `Lang::ALL`).
        r"\bLang::[A-Z][a-z]".to_string(),
        // `match lang`, `match (lang, x)`, `match self.settings.plan.language`.
        format!(r"\bmatch\s*\(?\s*&?{lang}"),
        // `matches!(lang, …)`.
        format!(r"\bmatches!\s*\(\s*&?{lang}"),
        // A language's code compared: `== "fr"`, `"en" ==`, `.code() == …`.
        r#"[!=]=\s*"(?:fr|en|de|lb)""#.to_string(),
        r#""(?:fr|en|de|lb)"\s*[!=]="#.to_string(),
        r"\.code\(\)\s*[!=]=".to_string(),
        // A flag standing for a language.
        format!(r"\blet\s+(?:fr|en|french|english)\s*=.*{lang}"),
        r"\bif\s+!?(?:fr|en|french|english)\b".to_string(),
        r"\b(?:fr|en|french|english)\s*:\s*bool\b".to_string(),
    ];
    let patterns: Vec<Regex> = patterns.iter().map(|p| Regex::new(p).unwrap()).collect();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| patterns.iter().any(|p| p.is_match(l)))
        .map(|(i, l)| (i + 1, l.trim().to_string()))
        .collect()
}

#[test]
fn no_language_branch_outside_the_catalogue() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ALLOWED.iter().any(|a| rel.starts_with(a)) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (line, what) in branches(&text) {
            problems.push(format!("src/{rel}:{line}: {what}"));
        }
    }
    assert!(
        problems.is_empty(),
        "language branches outside src/render/words/ (put the words in the catalogue):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_a_planted_branch() {
    for planted in [
        "let t = if lang == Lang::Fr { \"Cible\" } else { \"Target\" };",
        "match lang { Lang::En => \"x\", _ => \"y\" }",
        "let title = match settings.plan.language {",
        "if matches!(ctx.lang, Lang::Fr) {",
        "let fr = s.lang == Lang::Fr;",
        "    let fr = o.language.is_french();",
        "        if fr { \"texte\" } else { \"text\" }",
        "struct Words { fr: bool }",
        "if l.code() == \"fr\" { \"Français\" } else { \"English\" }",
        "(if code == \"fr\" { \"FRA\" } else { \"ENG\" })",
        "words::health(h, Lang::Fr)",
        "for lang in [Lang::Fr, Lang::En] {",
    ] {
        assert_eq!(branches(planted).len(), 1, "not caught: {planted}");
    }
}

#[test]
fn the_checker_lets_the_catalogue_s_users_be() {
    for fine in [
        "let w = words::of(lang);",
        "for lang in Lang::ALL {",
        "words::reason(&r.why, Lang::INTERFACE)",
        "#[arg(long, value_enum, default_value_t = Lang::default())]",
        "put(&format!(\"{}/{path}\", lang.code()), html.as_bytes())",
        "let fr = state.finish();",
        "let fr = fr.unwrap();",
        "// if lang == Lang::Fr, the words are French",
        "let english = words::of(Lang::INTERFACE);",
        "(content != self.lang).then(|| content.code())",
        ".filter(|l| *l != ctx.lang)",
    ] {
        assert!(branches(fine).is_empty(), "wrongly caught: {fine}");
    }
}
