//! Blocks several pages show: the key figures, health as stacked bars with their table,
//! a reporting tally, the context indicators' progress.

use maud::{Markup, html};

use super::charts;
use super::layout::{Ctx, Titled, capital, health_class, lever_url, table};
use crate::render::words;
use crate::report::digest::STATES;
use crate::report::health::Health;
use crate::report::reporting::Tally;

/// The legend of health colours (the words; the colours repeat them).
pub fn health_legend(ctx: &Ctx, healths: &[Health]) -> Markup {
    html! {
        ul class="legend" {
            @for h in healths {
                li { span class={ "swatch " (health_class(*h)) } aria-hidden="true" {} (words::health(*h, ctx.lang)) }
            }
        }
    }
}

/// Health counts as stacked bars, one per row (`label`, counts in [`Health::ALL`] order),
/// with the legend; the caller shows the numbers as a table beside it.
pub fn health_chart(
    ctx: &Ctx,
    id: &str,
    title: &str,
    desc: &str,
    rows: &[(String, Vec<usize>)],
) -> Markup {
    let classes: Vec<&str> = Health::ALL.iter().map(|h| health_class(*h)).collect();
    let present: Vec<Health> = Health::ALL
        .iter()
        .enumerate()
        .filter(|(k, _)| rows.iter().any(|r| r.1.get(*k).copied().unwrap_or(0) > 0))
        .map(|(_, h)| *h)
        .collect();
    html! {
        figure class="chart-box" {
            (super::layout::scroll(ctx, title, charts::stacked(id, title, desc, rows, &classes)))
            figcaption {
                (title)
                (health_legend(ctx, &present))
            }
        }
    }
}

/// The key figures: actions per lever, by recorded state and by health (columns with
/// nothing anywhere left out), with the whole plan last.
pub fn figures_table(ctx: &Ctx, id: &str) -> Markup {
    let w = ctx.words;
    let figures = &ctx.data.digest.figures;
    let Some(total) = figures.first() else {
        return html! {};
    };
    let states: Vec<usize> = (0..STATES.len())
        .filter(|&i| total.by_state[i] > 0)
        .collect();
    let healths: Vec<usize> = (0..Health::ALL.len())
        .filter(|&i| total.by_health[i] > 0)
        .collect();
    let head = html! {
        tr {
            th scope="col" { (w.lever) }
            th scope="col" class="num" { (w.actions) }
            @for &i in &states {
                th scope="col" class="num" { (w.state) (w.colon) " " (words::state_filter(STATES[i], ctx.lang)) }
            }
            @for &i in &healths {
                th scope="col" class="num" { (capital(words::health(Health::ALL[i], ctx.lang))) }
            }
        }
    };
    let body = html! {
        @for f in figures.iter().skip(1).chain(figures.first()) {
            tr class=[f.lever.is_empty().then_some("total")] {
                th scope="row" {
                    @if f.lever.is_empty() {
                        (w.whole_plan)
                    } @else {
                        a href=(ctx.link(&lever_url(&f.lever))) { (f.lever) " — " (ctx.title(Titled::Lever, &f.lever, &f.title)) }
                    }
                }
                td class="num" { (f.actions) }
                @for &i in &states { td class="num" { (f.by_state[i]) } }
                @for &i in &healths { td class="num" { (f.by_health[i]) } }
            }
        }
    };
    table(id, w.key_figures, head, body)
}

/// The header cells of a reporting tally.
pub fn tally_head(ctx: &Ctx) -> Markup {
    let w = ctx.w;
    html! {
        th scope="col" class="num" { (w.indicators_col) }
        th scope="col" class="num" { (w.with_data) }
        th scope="col" class="num" { (w.current) }
        th scope="col" class="num" { (w.overdue) }
        th scope="col" class="num" { (capital(words::health(Health::Stale, ctx.lang))) }
        th scope="col" class="num" { (capital(words::health(Health::NoData, ctx.lang))) }
        th scope="col" class="num" { (w.not_expected) }
        th scope="col" { (w.last_measured) }
    }
}

/// The cells of a reporting tally.
pub fn tally_cells(t: &Tally) -> Markup {
    html! {
        td class="num" { (t.indicators) }
        td class="num" { (t.with_data) }
        td class="num" { (t.current) }
        td class="num" { (t.overdue) }
        td class="num" { (t.stale) }
        td class="num" { (t.no_data) }
        td class="num" { (t.not_started + t.closed) }
        td { @if let Some(p) = t.last { (p) } @else { "—" } }
    }
}

/// A value of a context indicator, as people read it.
pub fn context_value(ctx: &Ctx, v: f64, percent: bool) -> String {
    if percent {
        words::percent(v, ctx.lang)
    } else {
        words::number(v, ctx.lang)
    }
}

/// The context indicators' progress: latest value, target and class, each linked to its
/// chart on the context page.
pub fn context_table(ctx: &Ctx, id: &str) -> Markup {
    let w = ctx.words;
    let head = html! {
        tr {
            th scope="col" { (w.indicator) }
            th scope="col" class="num" { (w.latest) }
            th scope="col" class="num" { (w.target) }
            th scope="col" { (w.progress) }
        }
    };
    let body = html! {
        @for c in &ctx.data.digest.context {
            tr {
                th scope="row" lang=[ctx.text_lang()] {
                    a href={ (ctx.link("context.html")) "#" (super::layout::slug(&c.id)) } { (ctx.title(Titled::Context, &c.id, &c.label)) }
                }
                td class="num" {
                    @if let Some((p, v)) = c.series.last() { (context_value(ctx, *v, c.percent)) " (" (p) ")" } @else { "—" }
                }
                td class="num" {
                    @if let Some((v, y)) = c.target { (context_value(ctx, v, c.percent)) " " (w.by) " " (y) } @else { "—" }
                }
                td { (words::class(c.class, ctx.lang)) }
            }
        }
    };
    table(id, w.context, head, body)
}

/// The roll-up of the action indicators' targets per lever and objective: counts of
/// actions, never a percentage; then each action with targets and its period's target.
pub fn targets_rollup(ctx: &Ctx, rollup: &crate::report::targets::Rollup) -> Markup {
    use crate::report::targets::ActionStanding;
    let (ww, lang) = (ctx.words, ctx.lang);
    html! {
        p { (ww.rollup_intro) }
        (table("t-rollup", ww.targets, html! {
            tr {
                th scope="col" { (ww.lever_objective) }
                @for s in ActionStanding::ALL {
                    th scope="col" class="num" { (capital(words::action_standing(s, lang))) }
                }
            }
        }, html! {
            @for l in rollup.lines.iter().filter(|l| l.objective.is_none() || l.counts[..4].iter().any(|n| *n > 0)) {
                tr class=[l.objective.is_none().then_some("total")] {
                    th scope="row" {
                        @match &l.objective {
                            None => { a href=(ctx.link(&lever_url(&l.lever))) { (l.lever) } },
                            Some(o) => { (o) },
                        }
                        " " span lang=[ctx.text_lang()] { (l.title) }
                    }
                    @for n in l.counts { td class="num" { (n) } }
                }
            }
        }))
        (table("t-targets", ww.target_of_period, html! {
            tr {
                th scope="col" { (ww.code) }
                th scope="col" { (ww.indicator) }
                th scope="col" { (ww.target_of_period) }
                th scope="col" { (ww.progress) }
            }
        }, html! {
            @for a in &rollup.actions {
                @for i in &a.indicators {
                    tr {
                        th scope="row" { a href=(ctx.link(&super::layout::action_url(&a.code))) { (a.code) } }
                        td lang=[ctx.text_lang()] { (i.label) }
                        td { @if let Some(t) = i.of_period() { (words::target_line(t, i.kind, lang)) } }
                        td { (words::action_standing(a.standing, lang)) }
                    }
                }
            }
        }))
    }
}
