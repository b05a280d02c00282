//! An action's page: every field as published, the calendar and what it means, the state
//! history, each indicator with its readings (a chart and the same numbers as a table,
//! with their sources), and the health with its reason.

use maud::{Markup, html};

use super::Data;
use super::charts;
use super::layout::{
    self, Ctx, Section, Shell, health_badge, lever_url, ministry_url, objective_url, slug,
};
use crate::config::Lang;
use crate::model::reading::Figure;
use crate::model::{Indicator, IndicatorKind, Measure, Owner, Period};
use crate::render::card::calendar_meaning;
use crate::render::words;
use crate::report::card::{self, Card, NamedActor};
use crate::report::reporting::Line;

/// A named actor: acronym, name, and a link to its ministry's page when it has one.
fn actor(ctx: &Ctx, a: &NamedActor) -> Markup {
    let ministry = a
        .ministry
        .as_ref()
        .filter(|m| ctx.data.ministries.iter().any(|x| &x.acronym == *m));
    // A ministry links to its own page; an agency names its ministry with a link.
    let own = ministry.filter(|m| **m == a.acronym);
    html! {
        li {
            @if let Some(m) = own {
                a href=(ctx.link(&ministry_url(m))) { strong { (a.acronym) } }
            } @else {
                strong { (a.acronym) }
            }
            @if let Some(n) = &a.name { " — " span lang=[ctx.text_lang()] { (n) } }
            @if let (Some(m), None) = (ministry, own) {
                " ("
                a href=(ctx.link(&ministry_url(m))) { (m) }
                ")"
            }
        }
    }
}

/// A position in years of a period's start (2024.0 is the start of 2024).
fn year_of(p: Period) -> f64 {
    let d = p.start();
    f64::from(d.year()) + f64::from(d.day_of_year() - 1) / f64::from(d.days_in_year())
}

/// The chart of one indicator's numbers: bars for amounts that add up, a line for levels
/// read more than once. Deliverables and qualitative readings have no chart.
fn chart(ctx: &Ctx, id: &str, ind: &Indicator, series: &[(Period, Figure)]) -> Option<Markup> {
    if matches!(
        ind.kind,
        IndicatorKind::Deliverable | IndicatorKind::Qualitative
    ) {
        return None;
    }
    let numbers: Vec<(Period, f64)> = series
        .iter()
        .filter_map(|(p, f)| match f {
            Figure::Number(n) => Some((*p, *n)),
            _ => None,
        })
        .collect();
    if numbers.is_empty() {
        return None;
    }
    let lang = ctx.lang;
    let shown = |v: f64| words::figure(&Figure::Number(v), ind.kind, lang);
    let values = numbers
        .iter()
        .map(|(p, v)| format!("{p}{} {}", ctx.words.colon, shown(*v)))
        .collect::<Vec<_>>()
        .join(ctx.words.semicolon);
    let title = words::fill(ctx.w.readings_of, std::slice::from_ref(&ind.label));
    let percent = ind.kind == IndicatorKind::Percent;
    let fmt = |v: f64| shown(v);
    let svg = if ind.measure() == Measure::Level && numbers.len() > 1 {
        let points: Vec<charts::LinePoint> = numbers
            .iter()
            .map(|(p, v)| (year_of(*p), *v, p.to_string(), shown(*v)))
            .collect();
        let desc = words::fill(
            words::pick(ctx.w.line_desc, numbers.len(), ctx.lang),
            &[numbers.len().to_string(), values],
        );
        charts::line(id, &title, &desc, &points, None, percent, &fmt)
    } else {
        let points: Vec<(String, f64, String)> = numbers
            .iter()
            .map(|(p, v)| (p.to_string(), *v, shown(*v)))
            .collect();
        let desc = words::fill(
            words::pick(ctx.w.bars_desc, numbers.len(), ctx.lang),
            &[numbers.len().to_string(), values],
        );
        charts::bars(id, &title, &desc, &points, percent, &fmt)
    };
    Some(layout::scroll(ctx, &title, svg))
}

/// One indicator: what it is, how it reports, its chart and its readings.
fn indicator(ctx: &Ctx, card: &Card, j: usize, line: Option<&Line>) -> Markup {
    let ind = &card.action.indicators[j];
    let (w, ww) = (ctx.w, ctx.words);
    let lang = ctx.lang;
    let anchor = format!("i-{}", slug(&ind.id));
    let rows: Vec<_> = card
        .readings
        .iter()
        .filter(|r| r.indicator == ind.id && r.by.is_empty() && r.known_on(ctx.data.input.as_of))
        .collect();
    let series = card.series.get(j).map(Vec::as_slice).unwrap_or(&[]);
    let chart = chart(ctx, &format!("c-{}", slug(&ind.id)), ind, series);
    let head = html! {
        tr {
            th scope="col" { (ww.period_col) }
            th scope="col" class="num" { (ww.value) }
            th scope="col" { (ww.source) }
            th scope="col" { (w.note) }
            th scope="col" { (ww.recorded) }
            th scope="col" { (ww.corrects_col) }
        }
    };
    let body = html! {
        @for r in &rows {
            tr {
                th scope="row" {
                    (r.period)
                    @if card.is_baseline(r.period) { " " span class="badge baseline" { (ww.baseline) } }
                }
                td class="num" lang=[if r.kind == Some(IndicatorKind::Qualitative) { ctx.text_lang() } else { None }] {
                    (r.kind.map(|k| words::figure(&r.value, k, lang)).unwrap_or_else(|| r.raw.clone()))
                }
                td lang=[ctx.text_lang()] { (r.source) }
                td lang=[ctx.text_lang()] { (r.note) }
                td class="date" { @if let Some(d) = r.recorded { (d) } }
                td { @if let Some(v) = &r.replaces { (v) } }
            }
        }
    };
    // "Readings: {label}", the label in the plan's language.
    let caption = html! {
        (words::fill(w.readings_of, &[String::new()]))
        span lang=[ctx.text_lang()] { (ind.label) }
    };
    html! {
        section class="indicator" {
            h3 id=(anchor) lang=[ctx.text_lang()] { (ind.label) }
            dl class="facts" {
                dt { (w.kind) } dd { (words::kind(ind.kind, lang)) " (" (words::measure(ind.measure(), lang)) ") · " code { (ind.id) } }
                @if let Some(f) = ind.frequency {
                    dt { (w.frequency) } dd { (words::frequency(f, lang)) }
                }
                @if let Some(t) = card.targets_of(&ind.id) {
                    @if let Some(p) = t.of_period() {
                        dt { (ww.target_of_period) } dd { (words::target_line(p, ind.kind, lang)) }
                    }
                    dt { (ww.targets_col) }
                    dd {
                        @for (k, x) in t.targets.iter().enumerate() {
                            @if k > 0 { " · " }
                            (x.year) (ww.colon) " " (words::number(x.target, lang))
                        }
                    }
                }
                @if let Some(l) = line {
                    dt { (w.reporting_col) }
                    dd {
                        span class={ "badge " (super::layout::reporting_class(l.state)) } { (words::reporting(l.state, lang)) }
                        @if let Some(p) = l.last { " · " (w.last_measured) (ww.colon) " " (p) }
                    }
                }
            }
            @if rows.is_empty() {
                p class="muted" { (ww.no_reading) }
            } @else {
                div class="chart-and-table" {
                    @if let Some(c) = chart { figure class="chart-box" { (c) figcaption { (caption) } } }
                    (layout::table(&format!("t-{}", slug(&ind.id)), caption.clone(), head, body))
                }
            }
            @if let Some(i) = ctx.data.input.plan.action_index(&card.action.code) {
                (super::breakdowns::tables(ctx, Owner::action(i), crate::model::index32(j), &ind.id, &ind.label))
            }
        }
    }
}

/// The page of the action at index `i`.
pub fn page(data: &Data, lang: Lang, i: usize) -> (String, String) {
    let input = data.input;
    let card = card::build(input.plan, input.readings, input.settings, i, input.as_of);
    let a = card.action;
    let code = a.code.to_string();
    let path = layout::action_url(&code);
    let ctx = Ctx::new(data, lang, &path);
    let (w, ww) = (ctx.w, ctx.words);
    let row = &data.rows[i];
    let lines = data.reporting.of_action(i);
    let lever = a.code.lever_code();
    let has_lever = input.plan.lever(&lever).is_some();
    let has_objective = input.plan.objective(&a.objective).is_some();
    let body = html! {
        p class="subtitle" {
            @if has_objective {
                a href=(ctx.link(&objective_url(&a.objective))) { (w.objective) " " (a.objective) }
            } @else {
                (w.objective) " " (a.objective)
            }
            " — " span lang=[ctx.text_lang()] { (card.objective_title) }
        }
        section class="text" aria-label=(ww.action) lang=[ctx.text_lang()] {
            @if a.action.trim().is_empty() {
                p class="muted" { (ww.no_text) }
            }
            @for para in a.action.split('\n').filter(|p| !p.trim().is_empty()) {
                p { (para) }
            }
        }
        dl class="facts main-facts" {
            dt { (ww.health) }
            dd {
                (health_badge(card.assessment.health, lang))
                " " (words::reason(&card.assessment.why, lang))
                " (" (ww.as_of) " " (ctx.date(card.as_of)) ")"
            }
            dt { (ww.state) }
            dd {
                (words::state_filter(row.state, lang))
                @if let Some(d) = row.state_date { " (" (ctx.date(d)) ")" }
            }
            dt { (ww.calendar) }
            dd {
                @if a.calendar.label.is_empty() {
                    span class="muted" { (ww.no_calendar) }
                } @else {
                    q lang=[ctx.text_lang()] { (a.calendar.label) }
                }
                br;
                span class="muted" { (w.calendar_meaning) (ww.colon) " " (calendar_meaning(a, input.settings, lang)) }
            }
            dt { (ww.responsible) }
            dd {
                @if card.responsible_named.is_empty() {
                    span class="muted" { (w.no_responsible) }
                } @else {
                    ul class="plain" { @for r in &card.responsible_named { (actor(&ctx, r)) } }
                }
            }
            @if !card.partners_named.is_empty() {
                dt { (w.partners) }
                dd { ul class="plain" { @for p in &card.partners_named { (actor(&ctx, p)) } } }
            }
            dt { (ww.lever) }
            dd {
                @if has_lever { a href=(ctx.link(&lever_url(&lever))) { (lever) } } @else { (lever) }
                " — " span lang=[ctx.text_lang()] { (card.lever_title) }
            }
        }
        section {
            h2 id="indicators" { (w.indicators) }
            @if a.indicators.is_empty() {
                p class="muted" { (w.no_indicator) }
            }
            @for j in 0..a.indicators.len() {
                (indicator(&ctx, &card, j, lines.get(j)))
            }
        }
        section {
            h2 id="history" { (w.state_history) }
            @let states: Vec<_> = a.states.iter().filter(|s| s.date <= input.as_of).collect();
            @if states.is_empty() {
                p class="muted" { (w.no_state) }
            } @else {
                (layout::table("t-history", w.state_history,
                    html! { tr { th scope="col" { (w.date) } th scope="col" { (ww.state) } th scope="col" { (w.note) } } },
                    html! {
                        @for s in &states {
                            tr {
                                th scope="row" { (ctx.date(s.date)) }
                                td { (words::state(s.state, lang)) @if s.reopened { " (" (w.reopened) ")" } }
                                td lang=[ctx.text_lang()] { (s.note) }
                            }
                        }
                    }))
            }
        }
    };
    // Pages exist for the levers and objectives `levers.yaml` declares (a plan that names
    // another is invalid, but its site must not have broken links).
    let mut crumbs = vec![(w.home.to_string(), "index.html".to_string())];
    if has_lever {
        crumbs.push((format!("{} {}", ww.lever, lever), lever_url(&lever)));
    }
    if has_objective {
        crumbs.push((
            format!("{} {}", w.objective, a.objective),
            objective_url(&a.objective),
        ));
    }
    let shell = Shell {
        title: &code,
        section: Section::Actions,
        crumbs,
        scripts: vec![],
        title_is_text: false,
    };
    (path, layout::page(&ctx, &shell, body))
}
