//! The accountability view: what each ministry carries (its agencies rolled up), as
//! responsible and as partner, the health of those actions and how their indicators are
//! reported.

use maud::{Markup, html};

use super::Data;
use super::blocks;
use super::layout::{self, Ctx, Section, Shell, action_url, actions_table, capital, ministry_url};
use crate::config::Lang;
use crate::render::words;
use crate::report::health::Health;
use crate::report::ministries::Ministry;

/// Health counts of a ministry, in [`Health::ALL`] order.
fn health_counts(m: &Ministry) -> Vec<usize> {
    Health::ALL
        .iter()
        .map(|h| m.health.0.get(h).copied().unwrap_or(0))
        .collect()
}

/// The head of the table of what ministries carry.
fn head(ctx: &Ctx) -> Markup {
    let (w, ww) = (ctx.w, ctx.words);
    html! {
        tr {
            th scope="col" { (ww.ministry) }
            th scope="col" class="num" { (ww.responsible) }
            th scope="col" class="num" { (w.as_partner) }
            @for h in Health::ALL {
                th scope="col" class="num" { (capital(words::health(h, ctx.lang))) }
            }
        }
    }
}

/// The row of one ministry in the table of what ministries carry.
fn row(ctx: &Ctx, m: &Ministry, link: bool) -> Markup {
    html! {
        tr {
            th scope="row" {
                @if link {
                    a href=(ctx.link(&ministry_url(&m.acronym))) { (m.acronym) }
                    " " span class="muted name" lang=[ctx.text_lang()] { (m.name) }
                } @else {
                    (m.acronym)
                }
            }
            td class="num" { (m.responsible.len()) }
            td class="num" { (m.partner.len()) }
            @for n in health_counts(m) { td class="num" { (n) } }
        }
    }
}

/// The reporting of ministries' indicators.
fn reporting_table(ctx: &Ctx, id: &str, ministries: &[&Ministry], link: bool) -> Markup {
    let (w, ww) = (ctx.w, ctx.words);
    layout::table(
        id,
        w.reporting,
        html! { tr { th scope="col" { (ww.ministry) } (blocks::tally_head(ctx)) } },
        html! {
            @for m in ministries {
                tr {
                    th scope="row" {
                        @if link {
                            a href=(ctx.link(&ministry_url(&m.acronym))) { (m.acronym) }
                        } @else {
                            (m.acronym)
                        }
                    }
                    (blocks::tally_cells(&m.reporting))
                }
            }
        },
    )
}

/// The page of every ministry.
pub fn index(data: &Data, lang: Lang) -> (String, String) {
    let path = "ministries.html";
    let ctx = Ctx::new(data, lang, path);
    let (w, ww) = (ctx.w, ctx.words);
    let rows: Vec<(String, Vec<usize>)> = data
        .ministries
        .iter()
        .map(|m| (m.acronym.clone(), health_counts(m)))
        .collect();
    let desc = format!("{} {}", w.ministries_intro, ww.per_ministry);
    let body = html! {
        p { (w.ministries_intro) }
        (blocks::health_chart(&ctx, "c-ministries", ww.per_ministry, &desc, &rows))
        (layout::table("t-ministries", ww.per_ministry, head(&ctx), html! {
            @for m in &data.ministries { (row(&ctx, m, true)) }
        }))
        (super::digest::unnamed_ministries(&ctx, &data.digest.unnamed_ministries))
        h2 { (w.reporting) }
        (reporting_table(&ctx, "t-reporting", &data.ministries.iter().collect::<Vec<_>>(), true))

        @if !data.unassigned.is_empty() {
            section {
                h2 id="unassigned" { (w.unassigned) }
                (actions_table(&ctx, "t-unassigned", w.unassigned, &data.unassigned))
            }
        }
    };
    let shell = Shell {
        title: w.ministries,
        section: Section::Ministries,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}

/// The page of the ministry at index `k` of the accountability report.
pub fn page(data: &Data, lang: Lang, k: usize) -> (String, String) {
    let m = &data.ministries[k];
    let path = ministry_url(&m.acronym);
    let ctx = Ctx::new(data, lang, &path);
    let (w, ww) = (ctx.w, ctx.words);
    let plan = data.input.plan;
    let health = vec![(m.acronym.clone(), health_counts(m))];
    let indicator_rows = html! {
        @for &i in &m.responsible {
            @let a = &plan.actions[i];
            @for l in data.reporting.of_action(i) {
                @let ind = &a.indicators[l.indicator];
                tr {
                    th scope="row" { a href={ (ctx.link(&action_url(&data.rows[i].code))) "#i-" (layout::slug(&ind.id)) } { (data.rows[i].code) } }
                    td lang=[ctx.text_lang()] { (ind.label) }
                    td class="num" { (l.readings) }
                    td { @if let Some(p) = l.last { (p) } @else { "—" } }
                    td { span class={ "badge " (super::layout::reporting_class(l.state)) } { (words::reporting(l.state, lang)) } }
                }
            }
        }
    };
    let body = html! {
        dl class="facts main-facts" {
            dt { (w.responsible_for) } dd { (m.responsible.len()) }
            dt { (w.partner_in) } dd { (m.partner.len()) }
            @if !m.actors.is_empty() {
                dt { (w.ministry_actors) }
                dd {
                    ul class="plain" {
                        @for (acronym, n) in &m.actors {
                            li {
                                strong { (acronym) }
                                @if let Some(a) = plan.actor(acronym) { " — " span lang=[ctx.text_lang()] { (a.name) } }
                                " (" (n) ")"
                            }
                        }
                    }
                }
            }
        }
        section {
            h2 id="health" { (ww.health) }
            div class="chart-and-table" {
                (blocks::health_chart(&ctx, "c-health", w.ministry_health, w.ministry_health, &health))
                (layout::table("t-health", w.ministry_health, head(&ctx), row(&ctx, m, false)))
            }
            (reporting_table(&ctx, "t-tally", &[m], false))
        }
        section {
            h2 id="responsible" { (w.responsible_for) }
            (actions_table(&ctx, "t-responsible", w.responsible_for, &m.responsible))
        }
        section {
            h2 id="partner" { (w.partner_in) }
            (actions_table(&ctx, "t-partner", w.partner_in, &m.partner))
        }
        section {
            h2 id="reporting" { (w.reporting) }
            @if m.reporting.indicators == 0 {
                p class="muted" { (capital(ww.none)) }
            } @else {
                (layout::table("t-indicators", w.indicators, html! {
                    tr {
                        th scope="col" { (ww.code) }
                        th scope="col" { (ww.indicator) }
                        th scope="col" class="num" { (w.readings_col) }
                        th scope="col" { (w.last_measured) }
                        th scope="col" { (w.reporting_col) }
                    }
                }, indicator_rows))
            }
        }
    };
    let title = format!("{} — {}", m.acronym, m.name);
    let shell = Shell {
        title: &title,
        section: Section::Ministries,
        crumbs: vec![
            (w.home.to_string(), "index.html".to_string()),
            (w.ministries.to_string(), "ministries.html".to_string()),
        ],
        scripts: vec![],
        title_is_text: true,
    };
    (path.clone(), layout::page(&ctx, &shell, body))
}
