//! The home page: the plan, the as-of date, key figures by lever, progress toward the
//! context targets, what changed since the last COPIL, and the way to everything else.

use maud::{Markup, html};

use super::Data;
use super::blocks;
use super::layout::{
    self, Ctx, Section, Shell, Titled, action_url, capital, lever_url, ministry_url, short,
};
use super::select::Facet;
use crate::config::Lang;
use crate::render::words;
use crate::report::health::Health;

/// How many changed actions the home page lists before pointing to the digest.
const CHANGES_SHOWN: usize = 12;

/// How many late (or due) actions the home page lists before pointing to all of them.
const ATTENTION_SHOWN: usize = 8;

/// What is late or due, and who carries it: the first late and due actions with their
/// ministries, each list leading to all of its actions, then the ministries behind on
/// reporting.
fn attention(ctx: &Ctx) -> Markup {
    let (w, data, lang) = (ctx.w, ctx.data, ctx.lang);
    let lists: Vec<(Health, &Vec<usize>, String)> = data
        .choices
        .iter()
        .filter_map(|(f, idx)| match f {
            Facet::Health(h @ (Health::Late | Health::Due)) => Some((*h, idx, f.url())),
            _ => None,
        })
        .collect();
    let behind = behind_on_reporting(data);
    html! {
        section {
            h2 id="attention" { (w.attention) }
            @if lists.is_empty() { p { (w.nothing_late) } }
            div class="attention" {
                @for (h, idx, url) in &lists {
                    div {
                        h3 { (capital(words::health(*h, lang))) " (" (idx.len()) ")" }
                        ul class="attention-list" {
                            @for &i in idx.iter().take(ATTENTION_SHOWN) {
                                @let r = &data.rows[i];
                                li {
                                    a href=(ctx.link(&action_url(&r.code))) { (r.code) }
                                    " " span lang=[ctx.text_lang()] { (short(&r.action, 90)) }
                                    br;
                                    span class="who" {
                                        @if r.ministries.is_empty() { (w.no_ministry) }
                                        @for (k, m) in r.ministries.iter().enumerate() {
                                            @if k > 0 { ", " }
                                            @if data.ministries.iter().any(|x| &x.acronym == m) {
                                                a href=(ctx.link(&ministry_url(m))) { (m) }
                                            } @else { (m) }
                                        }
                                        " · " span lang=[ctx.text_lang()] { (r.calendar) }
                                    }
                                }
                            }
                        }
                        p { a href=(ctx.link(url)) { (words::fill(w.all_of_them, &[idx.len().to_string()])) } }
                    }
                }
                div {
                    h3 { (w.behind_reporting) }
                    @if behind.is_empty() {
                        p { (w.none_behind) }
                    } @else {
                        ul class="attention-list" {
                            @for (m, late, expected) in &behind {
                                li {
                                    a href=(ctx.link(&ministry_url(m))) { (m) }
                                    " — " (words::fill(words::pick(w.behind_line, *late, lang), &[late.to_string(), expected.to_string()]))
                                }
                            }
                        }
                        p { a href=(ctx.link("reporting.html")) { (w.reporting) } }
                    }
                }
            }
        }
    }
}

/// The ministries with indicators expected and not up to date (overdue, stale or
/// without data), most first: acronym, how many, how many expected. The reporting
/// report gives these counts; a finer measure of completeness plugs in here.
fn behind_on_reporting(data: &Data) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = data
        .ministries
        .iter()
        .map(|m| {
            let t = &m.reporting;
            let expected = t.indicators - t.not_started - t.closed;
            (m.acronym.clone(), t.overdue + t.stale + t.no_data, expected)
        })
        .filter(|(_, late, _)| *late > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The home page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "index.html";
    let ctx = Ctx::new(data, lang, path);
    let (w, ww) = (ctx.w, ctx.words);
    let d = &data.digest;
    let since_note = layout::since(&ctx, d.since_from);
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
        (attention(&ctx))
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
        section {
            h2 id="download" { (w.download) }
            (super::downloads::links(&ctx))
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
