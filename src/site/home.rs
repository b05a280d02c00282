//! The home page: the plan, the as-of date, key figures by lever, progress toward the
//! context targets, what changed since the last COPIL, and the way to everything else.

use maud::html;

use super::Data;
use super::blocks;
use super::layout::{self, Ctx, Section, Shell, Titled, action_url, lever_url, short};
use crate::config::Lang;
use crate::render::words;

/// How many changed actions the home page lists before pointing to the digest.
const CHANGES_SHOWN: usize = 12;

/// The home page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "index.html";
    let ctx = Ctx::new(data, lang, path);
    let (w, ww) = (ctx.w, ctx.words);
    let d = &data.digest;
    let since_note = ww.since(d.since_from);
    let levers: Vec<(String, Vec<usize>)> = d
        .figures
        .iter()
        .skip(1)
        .map(|f| (f.lever.clone(), f.by_health.clone()))
        .collect();
    let desc = words::fill(w.health_by_lever_desc, &[levers.len().to_string()]);
    let body = html! {
        p class="lead" { (w.intro) }
        p class="asof" { strong { (words::fill(w.status_as_of, &[ctx.date(data.input.as_of)])) } }
        section {
            h2 id="key" { (ww.key_figures) }
            div class="chart-and-table" {
                (blocks::health_chart(&ctx, "c-levers", w.health_by_lever, &desc, &levers))
                (blocks::figures_table(&ctx, "t-figures"))
            }
        }
        @if !d.context.is_empty() {
            section {
                h2 id="context" { (ww.context) }
                (blocks::context_table(&ctx, "t-context"))
                p { a href=(ctx.link("context.html")) { (w.context) } }
            }
        }
        section {
            h2 id="changes" { (ww.changes) }
            p { (ww.period) (ww.colon) " " (ctx.date(d.since)) " → " (ctx.date(d.as_of)) " (" (since_note) ")" }
            @if d.changes.is_empty() {
                p { (w.no_changes) }
            } @else {
                ul class="changes" {
                    @for c in d.changes.iter().take(CHANGES_SHOWN) {
                        li {
                            a href=(ctx.link(&action_url(&c.code))) { (c.code) }
                            " "
                            span lang=[ctx.text_lang()] { (short(&c.action, 110)) }
                            @if !c.states.is_empty() {
                                " · " (ww.state) (ww.colon) " "
                                @for (k, s) in c.states.iter().enumerate() {
                                    @if k > 0 { ", " }
                                    (words::state(s.state, lang)) " (" (ctx.date(s.date)) ")"
                                }
                            }
                            @if !c.readings.is_empty() {
                                " · " (ww.readings) (ww.colon) " " (c.readings.len())
                            }
                        }
                    }
                }
                @if d.changes.len() > CHANGES_SHOWN {
                    p { a href=(ctx.link("digest.html")) { (words::fill(w.more_changes, &[d.changes.len().to_string()])) } }
                }
            }
        }
        section {
            h2 id="explore" { (w.levers) }
            ul class="cards" {
                @for l in &data.input.plan.levers {
                    li {
                        a href=(ctx.link(&lever_url(&l.code))) {
                            strong { (ww.lever) " " (l.code) }
                            (ctx.title(Titled::Lever, &l.code, &l.title))
                        }
                    }
                }
            }
            ul class="links" {
                li { a href=(ctx.link("ministries.html")) { (w.ministries) } }
                li { a href=(ctx.link("reporting.html")) { (w.reporting) } }
                li { a href=(ctx.link("timeline.html")) { (w.timeline) } }
                li { a href=(ctx.link("digest.html")) { (w.digest) } }
                li { a href=(ctx.link("actions.html")) { (w.all_actions) } }
                li { a href=(ctx.link("downloads.html")) { (w.downloads) } }
            }
        }
    };
    let shell = Shell {
        title: &data.name,
        section: Section::Home,
        crumbs: vec![],
        scripts: vec![],
        title_is_text: true,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}
