//! Breakdown tables of an indicator on its page: for each dimension, the latest period
//! broken down, one row per category (labels as published) and the total, with a bar
//! chart of the categories beside the table.

use maud::{Markup, html};

use super::charts;
use super::layout::{self, Ctx, slug};
use crate::model::reading::Figure;
use crate::model::{IndicatorKind, Owner};
use crate::render::words;
use crate::report::breakdowns;

/// The breakdown tables of one indicator (nothing when it has no cells).
pub fn tables(ctx: &Ctx, owner: Owner, indicator: u32, id: &str, label: &str) -> Markup {
    let input = ctx.data.input;
    let plan = input.plan;
    let lang = ctx.lang;
    let all = breakdowns::of(plan, input.readings, owner, indicator, input.as_of);
    html! {
        @for b in &all {
            @if let Some(dim) = plan.dimensions.get(b.dimension) {
                @let anchor = format!("b-{}-{}", slug(id), slug(&dim.id));
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
                div class="chart-and-table breakdown" {
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
