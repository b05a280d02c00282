//! Levers, objectives and the list of every action: each with its actions' state, health,
//! calendar and latest reading.

use maud::{Markup, html};

use super::Data;
use super::blocks;
use super::layout::{self, Ctx, Section, Shell, Titled, actions_table, lever_url, objective_url};
use crate::config::Lang;
use crate::render::words;
use crate::report::health::Health;
use crate::report::status::Counts;

/// The actions of a lever or, when given, of one of its objectives (indices of the
/// status rows).
fn actions_of(data: &Data, lever: &str, objective: Option<&str>) -> Vec<usize> {
    let rows = match objective {
        Some(o) => data.by_objective.get(o),
        None => data.by_lever.get(lever),
    };
    rows.into_iter()
        .flatten()
        .copied()
        .filter(|&i| data.rows[i].lever == lever)
        .collect()
}

/// "12 actions: 2 late, 3 due…" for a set of rows.
fn summary(ctx: &Ctx, idx: &[usize]) -> Markup {
    let counts = Counts::of(&ctx.data.rows, idx.iter().copied());
    html! {
        p class="summary" {
            strong { (idx.len()) " " (ctx.words.actions.to_lowercase()) }
            @for h in Health::ALL {
                @if let Some(n) = counts.0.get(&h) {
                    " · " (layout::health_badge(h, ctx.lang)) (ctx.words.colon) " " (n)
                }
            }
        }
    }
}

/// The page of all levers and their objectives.
pub fn index(data: &Data, lang: Lang) -> (String, String) {
    let path = "levers.html";
    let ctx = Ctx::new(data, lang, path);
    let (w, ww) = (ctx.w, ctx.words);
    let body = html! {
        @for l in &data.input.plan.levers {
            section {
                h2 id={ "l-" (layout::slug(&l.code)) } {
                    a href=(ctx.link(&lever_url(&l.code))) { (ww.lever) " " (l.code) " — " (ctx.title(Titled::Lever, &l.code, &l.title)) }
                }
                (summary(&ctx, &actions_of(data, &l.code, None)))
                ul class="objectives" {
                    @for o in &l.objectives {
                        li {
                            a href=(ctx.link(&objective_url(&o.code))) { (o.code) }
                            " "
                            (objective_title(&ctx, &o.code, &o.title))
                            " — " (actions_of(data, &l.code, Some(&o.code)).len()) " " (ww.actions.to_lowercase())
                        }
                    }
                }
            }
        }
    };
    let shell = Shell {
        title: w.levers,
        section: Section::Levers,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}

/// An objective's title, or the words for a missing one.
fn objective_text(ctx: &Ctx, title: &str) -> String {
    if title.trim().is_empty() {
        ctx.words.no_text.to_string()
    } else {
        title.to_string()
    }
}

/// An objective's title in the page's language where translated, else as published
/// (« (texte non publié) » when the plan prints none).
fn objective_title(ctx: &Ctx, code: &str, title: &str) -> Markup {
    if title.trim().is_empty() {
        html! { (ctx.words.no_text) }
    } else {
        ctx.title(Titled::Objective, code, title)
    }
}

/// A lever's page: its objectives, each with its actions.
pub fn lever(data: &Data, lang: Lang, l: usize) -> (String, String) {
    let lever = &data.input.plan.levers[l];
    let path = lever_url(&lever.code);
    let ctx = Ctx::new(data, lang, &path);
    let (w, ww) = (ctx.w, ctx.words);
    let all = actions_of(data, &lever.code, None);
    let tally = data
        .reporting
        .by_lever
        .iter()
        .find(|(c, _)| *c == lever.code)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    let body = html! {
        (summary(&ctx, &all))
        (layout::table("t-reporting", w.reporting, html! { tr { (blocks::tally_head(&ctx)) } }, html! { tr { (blocks::tally_cells(&tally)) } }))
        @for (k, o) in lever.objectives.iter().enumerate() {
            @let idx = actions_of(data, &lever.code, Some(&o.code));
            section {
                h2 id={ "o-" (k) } {
                    a href=(ctx.link(&objective_url(&o.code))) { (w.objective) " " (o.code) }
                    " — " (objective_title(&ctx, &o.code, &o.title))
                }
                (actions_table(&ctx, &format!("t-o{k}"), &words::fill(w.objective_actions, std::slice::from_ref(&o.code)), &idx))
            }
        }
    };
    let translated = ctx.translated(Titled::Lever, &lever.code);
    let title = format!(
        "{} {} — {}",
        ww.lever,
        lever.code,
        translated.unwrap_or(&lever.title)
    );
    let shell = Shell {
        title: &title,
        section: Section::Levers,
        crumbs: vec![
            (w.home.to_string(), "index.html".to_string()),
            (w.levers.to_string(), "levers.html".to_string()),
        ],
        scripts: vec![],
        title_is_text: translated.is_none(),
    };
    (path.clone(), layout::page(&ctx, &shell, body))
}

/// An objective's page: its actions.
pub fn objective(data: &Data, lang: Lang, l: usize, o: usize) -> (String, String) {
    let lever = &data.input.plan.levers[l];
    let obj = &lever.objectives[o];
    let path = objective_url(&obj.code);
    let ctx = Ctx::new(data, lang, &path);
    let (w, ww) = (ctx.w, ctx.words);
    let idx = actions_of(data, &lever.code, Some(&obj.code));
    let body = html! {
        @if !obj.note.is_empty() {
            p class="note" lang=[ctx.text_lang()] { (obj.note) }
        }
        (summary(&ctx, &idx))
        (actions_table(&ctx, "t-actions", &words::fill(w.objective_actions, std::slice::from_ref(&obj.code)), &idx))
    };
    let translated = ctx.translated(Titled::Objective, &obj.code);
    let title = format!(
        "{} {} — {}",
        w.objective,
        obj.code,
        translated.map_or_else(|| objective_text(&ctx, &obj.title), str::to_string)
    );
    let shell = Shell {
        title: &title,
        section: Section::Levers,
        crumbs: vec![
            (w.home.to_string(), "index.html".to_string()),
            (w.levers.to_string(), "levers.html".to_string()),
            (
                format!("{} {}", ww.lever, lever.code),
                lever_url(&lever.code),
            ),
        ],
        scripts: vec![],
        title_is_text: translated.is_none() && !obj.title.trim().is_empty(),
    };
    (path.clone(), layout::page(&ctx, &shell, body))
}

/// Every action of the plan on one page (also what the search falls back to).
pub fn all_actions(data: &Data, lang: Lang) -> (String, String) {
    let path = "actions.html";
    let ctx = Ctx::new(data, lang, path);
    let w = ctx.w;
    let idx: Vec<usize> = (0..data.rows.len()).collect();
    let body = html! {
        p { (w.all_actions_intro) }
        (summary(&ctx, &idx))
        (actions_table(&ctx, "t-actions", w.all_actions, &idx))
    };
    let shell = Shell {
        title: w.all_actions,
        section: Section::Actions,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}
