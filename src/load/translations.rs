//! Reading `plan/translations/<lang>.yaml`: translations of the plan's own titles (levers,
//! objectives, context indicators) into one of the site's other languages. The file is
//! optional; what it cannot use (an unknown language, section or code, an empty text) is
//! a warning naming its line, and the rest is used.

use super::decode::{self, Ctx};
use crate::config::Lang;
use crate::diag::rules;
use crate::model::{Plan, Translation};
use crate::syntax::yaml::Node;

/// The folder of translation files, in the plan folder.
pub const FOLDER: &str = "translations";

/// The sections a translation file may have.
const SECTIONS: &[&str] = &["by", "levers", "objectives", "context"];

/// Read and decode the translation file `file` (`plan/translations/<lang>.yaml`) against
/// the plan's declared codes.
pub fn read(
    tree: &dyn super::tree::Tree,
    file: &str,
    plan: &Plan,
    settings: &crate::config::Settings,
    diags: &mut Vec<crate::diag::Diagnostic>,
) -> Option<Translation> {
    let (text, node) = super::read_yaml(tree, file, diags)?;
    let mut ctx = Ctx::new(file, &text, settings.plan.codes);
    let lang = file
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".yaml"))
        .unwrap_or("");
    let out = translation(&mut ctx, &node, lang, plan, settings.plan.language);
    diags.append(&mut ctx.diags);
    out
}

/// Decode a translation file into `lang`.
pub fn translation(
    ctx: &mut Ctx,
    root: &Node,
    lang: &str,
    plan: &Plan,
    plan_lang: Lang,
) -> Option<Translation> {
    let others: Vec<&str> = Lang::ALL
        .iter()
        .filter(|l| **l != plan_lang)
        .map(|l| l.code())
        .collect();
    if !others.contains(&lang) {
        let why = if lang == plan_lang.code() {
            format!("`{lang}` is the plan's own language: its texts need no translation")
        } else {
            format!("pan builds no site in `{lang}`")
        };
        ctx.report(
            &rules::UNUSED_TRANSLATION,
            root.span,
            format!("the translation file is not used: {why}"),
            Some(format!(
                "name the file after a language of the site other than the plan's: {}",
                others
                    .iter()
                    .map(|c| format!("{c}.yaml"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        return None;
    }
    let f = decode::mapping(ctx, root, "a translation file")?;
    let mut out = Translation {
        lang: lang.to_string(),
        ..Translation::default()
    };
    for (key, node) in f.entries {
        match key.name.as_str() {
            "by" => out.by = decode::text(ctx, node, "`by`").filter(|s| !s.trim().is_empty()),
            "levers" => {
                let known: Vec<&str> = plan.levers.iter().map(|l| l.code.as_str()).collect();
                out.levers = section(ctx, node, "lever", &known);
            }
            "objectives" => {
                let known: Vec<&str> = plan
                    .levers
                    .iter()
                    .flat_map(|l| l.objectives.iter().map(|o| o.code.as_str()))
                    .collect();
                out.objectives = section(ctx, node, "objective", &known);
            }
            "context" => {
                let known: Vec<&str> = plan.context.iter().map(|c| c.id.as_str()).collect();
                out.context = section(ctx, node, "context indicator", &known);
            }
            other => ctx.report(
                &rules::UNUSED_TRANSLATION,
                key.span,
                format!("`{other}` is not a section of a translation file: it is not used"),
                Some(match crate::text::suggest(other, SECTIONS) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("a translation file has: {}", crate::text::few(SECTIONS)),
                }),
            ),
        }
    }
    Some(out)
}

/// One section: `code: translated text` for codes the plan declares.
fn section(
    ctx: &mut Ctx,
    node: &Node,
    what: &str,
    known: &[&str],
) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let Some(f) = decode::mapping(ctx, node, &format!("the {what} translations")) else {
        return out;
    };
    for (key, value) in f.entries {
        if !known.contains(&key.name.as_str()) {
            unknown(ctx, key.span, what, &key.name, known);
            continue;
        }
        let Some(text) = decode::text(ctx, value, "a translation") else {
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            ctx.report(
                &rules::UNUSED_TRANSLATION,
                value.span,
                format!("the translation of {what} `{}` is empty", key.name),
                Some("write the translation, or remove the line: the site then shows the plan's own text".into()),
            );
            continue;
        }
        if out.insert(key.name.clone(), text.to_string()).is_some() {
            ctx.report(
                &rules::UNUSED_TRANSLATION,
                key.span,
                format!(
                    "{what} `{}` is translated twice; the last one is used",
                    key.name
                ),
                Some("keep one line per code".into()),
            );
        }
    }
    out
}

/// Report a key the plan does not declare.
fn unknown(ctx: &mut Ctx, span: crate::diag::Span, what: &str, name: &str, known: &[&str]) {
    let hint = match crate::text::suggest(name, known) {
        Some(s) => format!("did you mean `{s}`? Otherwise remove the line"),
        None => format!(
            "the plan declares no such {what}: fix the key or remove the line ({})",
            crate::text::few(known)
        ),
    };
    ctx.report(
        &rules::UNUSED_TRANSLATION,
        span,
        format!("`{name}` is not a {what} of the plan: its translation is not used"),
        Some(hint),
    );
}
