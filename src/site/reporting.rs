//! The reporting status: for every indicator, whether it has data, when it was last
//! measured and whether a reading is overdue, summed up per lever and per ministry.

use maud::{Markup, html};

use super::Data;
use super::blocks;
use super::layout::{self, Ctx, Section, Shell, Titled, action_url, lever_url, ministry_url, slug};
use crate::config::Lang;
use crate::render::words;
use crate::report::due::{self, Completeness, Summary};

/// The completeness section (reporting page and digest): the rule in a sentence, the
/// whole plan's figures, a table per ministry and per lever.
pub fn completeness(ctx: &Ctx, id: &str, summary: &Summary) -> Markup {
    let ww = ctx.words;
    let dw = &ww.due;
    let head = |first: &str| {
        html! {
            tr {
                th scope="col" { (first) }
                th scope="col" class="num" { (dw.expected) }
                th scope="col" class="num" { (dw.received) }
                th scope="col" class="num" { (dw.late) }
                th scope="col" class="num" { (dw.due_soon) }
                th scope="col" class="num" { (dw.rate) }
            }
        }
    };
    let cells = |c: &Completeness| {
        html! {
            td class="num" { (c.expected) }
            td class="num" { (c.received) }
            td class="num" { (c.late) }
            td class="num" { (c.due_soon) }
            td class="num" { @if let Some(p) = c.percent() { (p) (ww.percent_sign) } @else { "—" } }
        }
    };
    html! {
        section {
            h2 id=(id) { (dw.heading) }
            p { (dw.explain) }
            p { strong { (ww.whole_plan) (ww.colon) } " " ((dw.completeness_of)(&summary.total)) }
            @if !summary.by_ministry.is_empty() {
                (layout::table(&format!("t-{id}-ministries"), ww.ministry, head(ww.ministry), html! {
                    @for (m, c) in &summary.by_ministry {
                        tr { th scope="row" { a href=(ctx.link(&ministry_url(m))) { (m) } } (cells(c)) }
                    }
                }))
            }
            @if !summary.by_lever.is_empty() {
                (layout::table(&format!("t-{id}-levers"), ww.lever, head(ww.lever), html! {
                    @for (l, c) in &summary.by_lever {
                        tr { th scope="row" { a href=(ctx.link(&lever_url(l))) { (ww.lever) " " (l) } } (cells(c)) }
                    }
                }))
            }
        }
    }
}

/// The reporting page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "reporting.html";
    let ctx = Ctx::new(data, lang, path);
    let (w, ww) = (ctx.w, ctx.words);
    let plan = data.input.plan;
    let r = &data.reporting;
    let tally_table = |id: &str, caption: &str, first: &str, rows: maud::Markup| {
        layout::table(
            id,
            caption,
            html! { tr { th scope="col" { (first) } (blocks::tally_head(&ctx)) } },
            rows,
        )
    };
    let summary = due::summary(&r.due, plan);
    let settings = data.input.settings;
    let body = html! {
        p { (w.reporting_intro) }
        (completeness(&ctx, "completeness", &summary))
        section {
            h2 id="by-lever" { (w.by_lever) }
            (tally_table("t-levers", w.by_lever, ww.lever, html! {
                @for (code, t) in &r.by_lever {
                    tr {
                        th scope="row" { a href=(ctx.link(&lever_url(code))) { (ww.lever) " " (code) } }
                        (blocks::tally_cells(t))
                    }
                }
                tr class="total" { th scope="row" { (ww.whole_plan) } (blocks::tally_cells(&r.total)) }
            }))
        }
        section {
            h2 id="by-ministry" { (w.by_ministry) }
            (tally_table("t-ministries", w.by_ministry, ww.ministry, html! {
                @for (acronym, t) in &r.by_ministry {
                    tr {
                        th scope="row" { a href=(ctx.link(&ministry_url(acronym))) { (acronym) } }
                        (blocks::tally_cells(t))
                    }
                }
            }))
        }
        @if !plan.context.is_empty() {
            section {
                h2 id="context" { (w.context) }
                (layout::table("t-context", w.context, html! {
                    tr {
                        th scope="col" { (ww.indicator) }
                        th scope="col" class="num" { (w.readings_col) }
                        th scope="col" { (w.last_measured) }
                    }
                }, html! {
                    @for l in &r.context {
                        @let c = &plan.context[l.indicator];
                        tr {
                            th scope="row" { a href={ (ctx.link("context.html")) "#" (slug(&c.id)) } { (ctx.title(Titled::Context, &c.id, &c.label)) } }
                            td class="num" { (l.readings) }
                            td { @if let Some(p) = l.last { (p) } @else { "—" } }
                        }
                    }
                }))
            }
        }
        section {
            h2 id="every" { (w.every_indicator) }
            (layout::table("t-indicators", w.every_indicator, html! {
                tr {
                    th scope="col" { (ww.code) }
                    th scope="col" { (ww.indicator) }
                    th scope="col" { (ww.responsible) }
                    th scope="col" { (w.frequency) }
                    th scope="col" class="num" { (w.readings_col) }
                    th scope="col" { (w.last_measured) }
                    th scope="col" { (ww.recorded) }
                    th scope="col" { (w.reporting_col) }
                }
            }, html! {
                @for l in &r.lines {
                    @let row = &data.rows[l.action];
                    @let ind = &plan.actions[l.action].indicators[l.indicator];
                    tr {
                        th scope="row" { a href={ (ctx.link(&action_url(&row.code))) "#i-" (slug(&ind.id)) } { (row.code) } }
                        td lang=[ctx.text_lang()] { (layout::short(&ind.label, 90)) }
                        td { (row.responsible.join(", ")) }
                        td { @if let Some(f) = due::frequency_of(ind.frequency, settings) { (words::frequency(f, lang)) } @else { "—" } }
                        td class="num" { (l.readings) }
                        td { @if let Some(p) = l.last { (p) } @else { "—" } }
                        td class="date" { @if let Some(d) = l.recorded { (d) } @else { "—" } }
                        td { span class={ "badge " (super::layout::reporting_class(l.state)) } { (words::reporting(l.state, lang)) } }
                    }
                }
            }))
        }
    };
    let shell = Shell {
        title: w.reporting,
        section: Section::Reporting,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}
