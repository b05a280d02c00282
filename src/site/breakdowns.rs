//! Breakdown tables of an indicator on its page: for each dimension, the latest period
//! broken down, one row per category (labels as published) and the total, with a bar
//! chart of the categories beside the table; the reader picks the dimension (a
//! disclosure each, linked from the top). An indicator that may be broken down but has
//! no figure yet says so.

use maud::{Markup, html};

use super::charts;
use super::layout::{self, Ctx, slug};
use crate::model::reading::Figure;
use crate::model::{IndicatorKind, Owner};
use crate::render::words;
use crate::report::breakdowns;

/// The breakdowns of one indicator. Without any figure, a sentence names the dimensions
/// it may be broken down by (`declared`, ids of the plan's dimensions). With figures, one
/// disclosure per dimension (the first open) and, when there are several, links to each:
/// the reader chooses the dimension without JavaScript.
pub fn tables(
    ctx: &Ctx,
    owner: Owner,
    indicator: u32,
    id: &str,
    label: &str,
    declared: &[String],
) -> Markup {
    let input = ctx.data.input;
    let plan = input.plan;
    let lang = ctx.lang;
    let all = breakdowns::of(plan, input.readings, owner, indicator, input.as_of);
    if all.is_empty() {
        let names: Vec<&str> = declared
            .iter()
            .filter_map(|d| plan.dimensions.iter().find(|x| &x.id == d))
            .map(|d| d.label.as_str())
            .collect();
        if names.is_empty() {
            return html! {};
        }
        let (before, after) = ctx
            .w
            .breakdown_none
            .split_once("{}")
            .unwrap_or((ctx.w.breakdown_none, ""));
        return html! {
            p class="muted breakdown-none" { (before) span lang=[ctx.text_lang()] { (names.join(", ")) } (after) }
        };
    }
    let anchor_of = |d: &crate::model::Dimension| format!("b-{}-{}", slug(id), slug(&d.id));
    let dims: Vec<(&breakdowns::Breakdown, &crate::model::Dimension)> = all
        .iter()
        .filter_map(|b| plan.dimensions.get(b.dimension).map(|d| (b, d)))
        .collect();
    html! {
        @if dims.len() > 1 {
            p class="breakdown-choice" {
                (ctx.w.breakdowns) (ctx.words.colon) " "
                @for (k, (_, d)) in dims.iter().enumerate() {
                    @if k > 0 { " · " }
                    a href={ "#" (anchor_of(d)) } lang=[ctx.text_lang()] { (d.label) }
                }
            }
        }
        @for (k, (b, dim)) in dims.iter().enumerate() {
                @let anchor = anchor_of(dim);
                @let caption = words::fill(
                    ctx.w.breakdown_of,
                    &[label.to_string(), dim.label.clone(), b.period.to_string()],
                );
                @let shown = |f: &Figure| words::figure(f, b.kind, lang);
                @let head = html! {
                    tr {
                        th scope="col" lang=[ctx.text_lang()] { (dim.label) }
                        th scope="col" class="num" { (ctx.words.value) }
                    }
                };
                @let body = html! {
                    @for (v, f) in &b.cells {
                        tr {
                            th scope="row" lang=[ctx.text_lang()] { (dim.value(*v).label) }
                            td class="num" { (shown(f)) }
                        }
                    }
                    @if let Some(t) = &b.total {
                        tr class="total" {
                            th scope="row" { (ctx.words.total) }
                            td class="num" { (shown(t)) }
                        }
                    }
                };
                details class="breakdown" id=(anchor) open[k == 0] {
                    summary { (ctx.w.breakdowns) (ctx.words.colon) " " span lang=[ctx.text_lang()] { (dim.label) } " (" (b.period) ")" }
                    div class="chart-and-table" {
                        @if let Some(c) = chart(ctx, &anchor, &caption, b, dim) {
                            figure class="chart-box" { (c) figcaption lang=[ctx.text_lang()] { (caption) } }
                        }
                        (layout::table(&format!("t-{anchor}"), html! { span lang=[ctx.text_lang()] { (caption) } }, head, body))
                    }
                }
        }
    }
}

/// A bar per category, for numbers.
fn chart(
    ctx: &Ctx,
    id: &str,
    title: &str,
    b: &breakdowns::Breakdown,
    dim: &crate::model::Dimension,
) -> Option<Markup> {
    if matches!(
        b.kind,
        IndicatorKind::Deliverable | IndicatorKind::Qualitative
    ) {
        return None;
    }
    let lang = ctx.lang;
    let shown = |v: f64| words::figure(&Figure::Number(v), b.kind, lang);
    let points: Vec<(String, f64, String)> = b
        .cells
        .iter()
        .filter_map(|(v, f)| match f {
            Figure::Number(n) => Some((dim.value(*v).label.clone(), *n, shown(*n))),
            _ => None,
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    let values = points
        .iter()
        .map(|(l, _, s)| format!("{l}{} {s}", ctx.words.colon))
        .collect::<Vec<_>>()
        .join(ctx.words.semicolon);
    let desc = words::fill(
        words::pick(ctx.w.breakdown_desc, points.len(), ctx.lang),
        &[points.len().to_string(), values],
    );
    let fmt = |v: f64| shown(v);
    let svg = charts::bars(
        &format!("c-{id}"),
        title,
        &desc,
        &points,
        b.kind == IndicatorKind::Percent,
        &fmt,
    );
    Some(layout::scroll(ctx, title, svg))
}
