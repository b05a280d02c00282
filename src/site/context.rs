//! The context indicators: each national figure over time with its target, its progress
//! class and the method that gives it, as a chart and a table with sources.

use maud::{Markup, html};

use super::Data;
use super::blocks::context_value;
use super::charts;
use super::layout::{self, Ctx, Section, Shell, Titled, slug};
use crate::config::Lang;
use crate::model::{ContextIndicator, Owner};
use crate::render::words;
use crate::report::digest::ContextProgress;
use crate::report::readings;

/// One context indicator: what it is, its chart and its readings with their sources.
fn indicator(ctx: &Ctx, k: usize, c: &ContextIndicator, p: &ContextProgress) -> Markup {
    let (w, ww, lang) = (ctx.w, ctx.words, ctx.lang);
    let input = ctx.data.input;
    let id = slug(&c.id);
    let shown = |v: f64| context_value(ctx, v, p.percent);
    let rows: Vec<_> = input
        .readings
        .of(Owner::Context, crate::model::index32(k))
        .into_iter()
        .filter(|r| r.known_on(input.as_of))
        .map(|r| readings::row(input.plan, input.readings, r))
        .collect();
    let label = ctx.title_text(Titled::Context, &c.id, &c.label);
    let chart = (!p.series.is_empty()).then(|| {
        let points: Vec<charts::LinePoint> = p
            .series
            .iter()
            .map(|(per, v)| {
                let d = per.start();
                let x = f64::from(d.year())
                    + f64::from(d.day_of_year() - 1) / f64::from(d.days_in_year());
                (x, *v, per.to_string(), shown(*v))
            })
            .collect();
        let target = p.target.map(|(v, y)| {
            (
                f64::from(y),
                v,
                words::fill(w.target_by, &[shown(v), y.to_string()]),
            )
        });
        let values = p
            .series
            .iter()
            .map(|(per, v)| format!("{per}{} {}", ww.colon, shown(*v)))
            .collect::<Vec<_>>()
            .join(ww.semicolon);
        let mut desc = words::fill(
            words::pick(w.line_desc, p.series.len(), lang),
            &[p.series.len().to_string(), values],
        );
        if let Some(t) = &target {
            desc.push_str(&format!(" {} ({}).", t.2, w.target_path));
        }
        let has_target = target.is_some();
        html! {
            figure class="chart-box" {
                (layout::scroll(ctx, &label, charts::line(&format!("c-{id}"), &label, &desc, &points, target, p.percent, &shown)))
                figcaption {
                    (ctx.title(Titled::Context, &c.id, &c.label))
                    @if has_target { " — " (w.target_path) }
                }
            }
        }
    });
    let head = html! {
        tr {
            th scope="col" { (ww.period_col) }
            th scope="col" class="num" { (ww.value) }
            th scope="col" { (ww.source) }
            th scope="col" { (w.note) }
        }
    };
    let body = html! {
        @for r in &rows {
            tr {
                th scope="row" { (r.period) }
                td class="num" { (r.kind.map(|k| words::figure(&r.value, k, lang)).unwrap_or_else(|| r.raw.clone())) }
                td lang=[ctx.text_lang()] { (r.source) }
                td lang=[ctx.text_lang()] { (r.note) }
            }
        }
        @if let Some(t) = &c.target {
            tr class="target-row" {
                th scope="row" { (ww.target) " " (t.year) }
                td class="num" { (shown(t.value)) }
                td lang=[ctx.text_lang()] colspan="2" { (t.source) }
            }
        }
    };
    html! {
        section class="indicator" {
            h2 id=(id) { (ctx.title(Titled::Context, &c.id, &c.label)) }
            dl class="facts" {
                dt { (ww.progress) }
                dd { strong { (words::class(p.class, lang)) } " (" a href="#method" { (w.method) } ")" }
                dt { (w.kind) }
                dd { (words::kind(c.kind, lang)) " · " (words::direction(c.direction, lang)) }
                @if let Some(t) = &c.target {
                    dt { (ww.target) }
                    dd {
                        (shown(t.value)) " " (ww.by) " " (t.year)
                        br;
                        span class="muted" { (w.target_source) (ww.colon) " " span lang=[ctx.text_lang()] { (t.source) } }
                    }
                }
                dt { (w.measured_by) }
                dd lang=[ctx.text_lang()] { (c.source) }
            }
            @if rows.is_empty() {
                p class="muted" { (ww.no_reading) }
            } @else {
                div class="chart-and-table" {
                    @if let Some(chart) = chart { (chart) }
                    (layout::table(&format!("t-{id}"), ctx.title(Titled::Context, &c.id, &c.label), head, body))
                }
            }
            (super::breakdowns::tables(ctx, Owner::Context, crate::model::index32(k), &c.id, &label))
        }
    }
}

/// The context page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "context.html";
    let ctx = Ctx::new(data, lang, path);
    let (w, ww) = (ctx.w, ctx.words);
    let plan = data.input.plan;
    let body = html! {
        p { (w.context_intro) }
        (super::blocks::context_table(&ctx, "t-progress"))
        p class="method" id="method" { (ww.method) }
        @for (k, (c, p)) in plan.context.iter().zip(&data.digest.context).enumerate() {
            (indicator(&ctx, k, c, p))
        }
    };
    let shell = Shell {
        title: w.context,
        section: Section::Context,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}
