//! Search: a page with a form, a small index (a script that sets `window.panSearch`, so it
//! loads from a plain folder as well as from a server) and the site's one script, which
//! filters the index as the reader types. Without JavaScript the page says so and points
//! to the list of every action, where a browser's Find works.

use maud::html;
use serde::Serialize;

use super::Data;
use super::layout::{
    self, Ctx, Section, Shell, Titled, action_url, lever_url, ministry_url, objective_url, short,
    slug,
};
use crate::config::Lang;
use crate::model::ActorKind;
use crate::text::fold;

/// The search page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "search.html";
    let ctx = Ctx::new(data, lang, path);
    let w = ctx.w;
    let body = html! {
        p { (w.search_intro) }
        form id="search-form" class="search-page" role="search" action="search.html" method="get" {
            label for="q" { (w.search_label) }
            div class="field" {
                input id="q" name="q" type="search" autocomplete="off";
                button type="submit" { (w.search) }
            }
        }
        p id="search-status" role="status" aria-live="polite"
            data-none=(w.results_none) data-one=(w.results_one) data-many=(w.results_many) data-more=(w.results_more) {}
        ol id="search-results" class="results" {}
        noscript { p class="note" { (w.search_noscript) } }
        p { a href="actions.html" { (w.all_actions) } }
    };
    let shell = Shell {
        title: w.search,
        section: Section::Search,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![
            format!("{}/search-index.js", lang.code()),
            "assets/search.js".to_string(),
        ],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}

/// The index the script searches.
#[derive(Serialize)]
struct Index {
    /// The language of the plan's text (for the `lang` of results), when it differs
    /// from the page's.
    #[serde(rename = "textLang")]
    text_lang: Option<&'static str>,
    /// Words of each kind of entry.
    kinds: [(&'static str, &'static str); 7],
    /// Entries: kind, code, title, link (from the language folder), folded text.
    items: Vec<[String; 5]>,
}

/// The search index of a language, as a script.
pub fn index(data: &Data, lang: Lang) -> String {
    let ctx = Ctx::new(data, lang, "search.html");
    let w = ctx.w;
    let plan = data.input.plan;
    let mut items: Vec<[String; 5]> = Vec::new();
    let mut push = |kind: &str, code: &str, title: &str, url: String, hay: &[&str]| {
        items.push([
            kind.to_string(),
            code.to_string(),
            title.to_string(),
            url,
            fold(&hay.join(" ")),
        ]);
    };
    for l in &plan.levers {
        push(
            "l",
            &l.code,
            &l.title,
            lever_url(&l.code),
            &[
                &l.code,
                &l.title,
                ctx.translated(Titled::Lever, &l.code).unwrap_or(""),
            ],
        );
        for o in &l.objectives {
            push(
                "o",
                &o.code,
                &o.title,
                objective_url(&o.code),
                &[
                    &o.code,
                    &o.title,
                    ctx.translated(Titled::Objective, &o.code).unwrap_or(""),
                ],
            );
        }
    }
    let names = |who: &[String]| -> String {
        who.iter()
            .map(|a| match plan.resolve_actor(a) {
                Some(x) => format!("{a} {}", x.name),
                None => a.clone(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    for a in &plan.actions {
        let code = a.code.to_string();
        let actors = format!("{} {}", names(&a.responsible), names(&a.partners));
        push(
            "a",
            &code,
            &short(&a.action, 160),
            action_url(&code),
            &[&code, &a.action, &a.objective, &actors, &a.calendar.label],
        );
        for ind in &a.indicators {
            push(
                "i",
                &code,
                &ind.label,
                format!("{}#i-{}", action_url(&code), slug(&ind.id)),
                &[&ind.label, &ind.id, &code],
            );
        }
    }
    let with_page = |m: &str| data.ministries.iter().any(|x| x.acronym == m);
    for actor in &plan.actors {
        let Some(m) = plan.ministry_of(&actor.acronym).filter(|m| with_page(m)) else {
            continue;
        };
        let kind = match actor.kind {
            ActorKind::Ministry => "m",
            _ => "g",
        };
        let aliases = actor.aliases.join(" ");
        push(
            kind,
            &actor.acronym,
            &actor.name,
            ministry_url(&m),
            &[&actor.acronym, &actor.name, &aliases],
        );
    }
    for c in &plan.context {
        push(
            "c",
            &c.id,
            &c.label,
            format!("context.html#{}", slug(&c.id)),
            &[
                &c.label,
                &c.id,
                ctx.translated(Titled::Context, &c.id).unwrap_or(""),
            ],
        );
    }
    let index = Index {
        text_lang: ctx.text_lang(),
        kinds: [
            ("l", w.kind_lever),
            ("o", w.kind_objective),
            ("a", w.kind_action),
            ("i", w.kind_indicator),
            ("m", w.kind_ministry),
            ("g", w.kind_agency),
            ("c", w.kind_context),
        ],
        items,
    };
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".to_string());
    // `<`, `>` and `&` only occur inside JSON strings: escaped there, no text from the
    // plan can close a script or open markup wherever the index ends up.
    let json = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!("window.panSearch = {json};\n")
}
