//! The COPIL digest as a page that prints on A4: key figures, context targets, what
//! changed, decisions needed, the table per ministry — the Markdown digest's content.

use maud::{Markup, html};

use super::Data;
use super::blocks;
use super::layout::{self, Ctx, Section, Shell, action_url, capital, ministry_url, short};
use crate::config::Lang;
use crate::render::words;
use crate::report::digest::{Attention, Change};
use crate::report::health::Health;

fn attention(ctx: &Ctx, id: &str, caption: &str, last: &str, items: &[Attention]) -> Markup {
    let ww = ctx.words;
    layout::table(
        id,
        caption,
        html! {
            tr {
                th scope="col" { (ww.code) }
                th scope="col" { (ww.action) }
                th scope="col" { (ww.responsible) }
                th scope="col" { (ww.calendar) }
                th scope="col" { (last) }
            }
        },
        html! {
            @for a in items {
                tr {
                    th scope="row" { a href=(ctx.link(&action_url(&a.code))) { (a.code) } }
                    td lang=[ctx.text_lang()] { (short(&a.action, 120)) }
                    td { (a.responsible.join(", ")) }
                    td lang=[ctx.text_lang()] { (a.calendar) }
                    td {
                        @if let Some(why) = &a.why { (words::reason(why, ctx.lang)) }
                        @else {
                            ul class="plain" lang=[ctx.text_lang()] {
                                @for (_, label) in &a.indicators { li { (short(label, 90)) } }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Changes (or baselines), action by action.
fn change_list(ctx: &Ctx, list: &[Change]) -> Markup {
    let (ww, lang) = (ctx.words, ctx.lang);
    html! {
        @for c in list {
            article class="change" {
                h3 {
                    a href=(ctx.link(&action_url(&c.code))) { (c.code) }
                    " " span lang=[ctx.text_lang()] { (short(&c.action, 140)) }
                    " " span class="muted" { "(" (c.responsible.join(", ")) ")" }
                }
                ul {
                    @for s in &c.states {
                        li {
                            (ww.state) (ww.colon) " " (words::state(s.state, lang)) " (" (ctx.date(s.date)) ")"
                            @if !s.note.is_empty() { " — " span lang=[ctx.text_lang()] { (s.note) } }
                        }
                    }
                    @for r in &c.readings {
                        li {
                            (ww.readings) (ww.colon) " "
                            span lang=[ctx.text_lang()] { (r.label) }
                            " (" (r.period)
                            @if r.baseline { ", " span class="badge baseline" { (ww.baseline) } }
                            ") = " strong { (words::figure(&r.value, r.kind, lang)) }
                            @if let Some(v) = &r.replaces { ", " (ww.corrects) " " (v) }
                            " — " span lang=[ctx.text_lang()] class="muted" { (r.source) }
                        }
                    }
                }
            }
        }
    }
}

/// The digest page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "digest.html";
    let ctx = Ctx::new(data, lang, path);
    let (w, ww) = (ctx.w, ctx.words);
    let d = &data.digest;
    let since_note = layout::since(&ctx, d.since_from);
    let stale_days = data.input.settings.health.stale_after_days;
    let missing_indicators: usize = d.missing_readings.iter().map(|a| a.indicators.len()).sum();
    let body = html! {
        p class="print-hint" { (w.print_hint) }
        p {
            strong lang=[ctx.text_lang()] { (d.title) } " — " (ww.as_of) " " (ctx.date(d.as_of))
            br;
            (ww.period) (ww.colon) " " (ctx.date(d.since)) " → " (ctx.date(d.as_of)) " (" (since_note) ")"
        }
        section {
            h2 id="key" { (ww.key_figures) }
            (blocks::figures_table(&ctx, "t-figures"))
        }
        @if !d.context.is_empty() {
            section {
                h2 id="context" { (ww.context) }
                (blocks::context_table(&ctx, "t-context"))
                p class="method" { (ww.method) }
            }
        }
        section {
            h2 id="changes" { (ww.changes) }
            @if d.changes.is_empty() { p { (w.no_changes) } }
            (change_list(&ctx, &d.changes))
        }
        @if !d.baselines.is_empty() {
            section {
                h2 id="baselines" { (ww.baselines) }
                p { (words::fill(ww.baselines_hint, &[ctx.date(d.plan_start)])) }
                (change_list(&ctx, &d.baselines))
            }
        }
        @if d.rollup.any() {
            section {
                h2 id="targets" { (ww.targets) }
                (blocks::targets_rollup(&ctx, &d.rollup))
            }
        }
        @if !d.late.is_empty() || !d.due_no_state.is_empty() || !d.due_planned.is_empty() || !d.missing_readings.is_empty() {
            section {
                h2 id="decisions" { (ww.decisions) }
                @if !d.late.is_empty() {
                    h3 { (ww.late_actions) " (" (d.late.len()) ")" }
                    (attention(&ctx, "t-late", ww.late_actions, ww.why, &d.late))
                }
                @if !d.due_no_state.is_empty() {
                    h3 { (ww.due_no_state) " (" (d.due_no_state.len()) ")" }
                    (attention(&ctx, "t-due", ww.due_no_state, ww.why, &d.due_no_state))
                }
                @if !d.due_planned.is_empty() {
                    h3 { (ww.due_planned) " (" (d.due_planned.len()) ")" }
                    (attention(&ctx, "t-planned", ww.due_planned, ww.why, &d.due_planned))
                }
                @if !d.missing_readings.is_empty() {
                    h3 { (ww.missing) " (" (missing_indicators) ")" }
                    p {
                        (d.missing_readings.len()) " " (words::pick(ww.action_nouns, d.missing_readings.len(), lang)) ", "
                        (missing_indicators) " " (ww.indicators) " — "
                        (words::fill(ww.missing_hint, &[stale_days.to_string()])) "."
                    }
                    (attention(&ctx, "t-missing", ww.missing, ww.indicator, &d.missing_readings))
                }
            }
        }
        @if !d.ministries.is_empty() {
            section {
                h2 id="ministries" { (ww.per_ministry) }
                (layout::table("t-ministries", ww.per_ministry, html! {
                    tr {
                        th scope="col" { (ww.ministry) }
                        th scope="col" class="num" { (ww.carried) }
                        @for h in [Health::Late, Health::Due, Health::Stale, Health::NoData] {
                            th scope="col" class="num" { (capital(words::health(h, lang))) }
                        }
                        th scope="col" class="num" { (ww.with_readings) }
                    }
                }, html! {
                    @for m in &d.ministries {
                        tr {
                            th scope="row" {
                                @if m.acronym.is_empty() {
                                    a href={ (ctx.link("ministries.html")) "#unassigned" } { (capital(ww.terms.no_ministry)) }
                                } @else if data.ministries.iter().any(|x| x.acronym == m.acronym) {
                                    a href=(ctx.link(&ministry_url(&m.acronym))) { (m.acronym) }
                                    " " span class="muted" lang=[ctx.text_lang()] { (m.name) }
                                } @else {
                                    (m.acronym)
                                    " " span class="muted" lang=[ctx.text_lang()] { (m.name) }
                                }
                            }
                            td class="num" { (m.carried) }
                            @for h in [Health::Late, Health::Due, Health::Stale, Health::NoData] {
                                td class="num" { (m.by_health.0.get(&h).copied().unwrap_or(0)) }
                            }
                            td class="num" { (m.with_new_readings) }
                        }
                    }
                }))
                (unnamed_ministries(&ctx, &d.unnamed_ministries))
            }
        }
        (super::reporting::completeness(&ctx, "completeness", &d.completeness))
        section {
            h2 id="calendar" { (ww.calendar_section) }
            p { a href=(ctx.link("timeline.html")) { (w.digest_calendar) } }
        }
    };
    let shell = Shell {
        title: ww.digest,
        section: Section::Digest,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}

/// The sentence naming the ministries the plan lists that no action names, if any.
pub fn unnamed_ministries(ctx: &Ctx, unnamed: &[(String, String)]) -> Markup {
    html! {
        @if !unnamed.is_empty() {
            p class="note" {
                @let names: Vec<String> = unnamed.iter().map(|(a, n)| format!("{a} ({n})")).collect();
                (words::fill(ctx.words.idle_ministries, &[names.join(", ")]))
            }
        }
    }
}
