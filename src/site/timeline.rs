//! The timeline: the calendar of every dated action, lever by lever, with the as-of date
//! marked; actions without a published date are listed as published, never drawn.

use maud::{Markup, html};

use super::Data;
use super::charts::{self, Task};
use super::layout::{self, Ctx, Section, Shell, Titled, action_url, lever_url, short};
use crate::config::Lang;
use crate::render::words;
use crate::report::digest::{Chart, TaskSpan, TaskStatus};

/// The CSS class of a task's status.
fn status_class(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Done => "t-done",
        TaskStatus::Late => "t-late",
        TaskStatus::InProgress => "t-progress",
        TaskStatus::Other => "t-other",
    }
}

/// One lever's chart (or part of one), its table, and its undated actions.
pub fn chart(ctx: &Ctx, k: usize, chart: &Chart) -> Markup {
    let (w, ww) = (ctx.w, ctx.words);
    let data = ctx.data;
    let part = if chart.part.1 > 1 {
        format!(" ({} {}/{})", ww.part, chart.part.0, chart.part.1)
    } else {
        String::new()
    };
    let heading = format!(
        "{} {} — {}{part}",
        ww.lever,
        chart.lever,
        ctx.title_text(Titled::Lever, &chart.lever, &chart.title)
    );
    let status = |s: TaskStatus| match s {
        TaskStatus::Done => w.status_done,
        TaskStatus::Late => w.status_late,
        TaskStatus::InProgress => w.status_in_progress,
        TaskStatus::Other => w.status_other,
    };
    let span = |s: TaskSpan| match s {
        TaskSpan::Bounded => w.span_bounded,
        TaskSpan::ToPlanEnd => w.span_to_plan_end,
        TaskSpan::Milestone => w.span_milestone,
    };
    let tasks: Vec<Task> = chart
        .tasks
        .iter()
        .map(|t| Task {
            code: t.code.clone(),
            title: short(&t.text, 44),
            start: t.start,
            end: t.end,
            milestone: t.span == TaskSpan::Milestone,
            class: status_class(t.status),
        })
        .collect();
    let (from, to) = data.years;
    let desc = words::fill(
        words::pick(w.gantt_desc, tasks.len(), ctx.lang),
        &[tasks.len().to_string(), from.to_string(), to.to_string()],
    );
    let as_of = (
        data.input.as_of,
        format!("{} {}", ww.as_of, ctx.date(data.input.as_of)),
    );
    let id = format!("g{k}");
    html! {
        section class="lever-timeline" {
            h2 id=(id) {
                a href=(ctx.link(&lever_url(&chart.lever))) { (ww.lever) " " (chart.lever) }
                " — " (ctx.title(Titled::Lever, &chart.lever, &chart.title)) (part)
            }
            @if !tasks.is_empty() {
                figure class="chart-box wide" {
                    (layout::scroll(ctx, &heading, charts::gantt(&format!("c-{id}"), &heading, &desc, &tasks, (from, to), as_of)))
                    figcaption { (w.timeline_legend) }
                }
                (layout::table(&format!("t-{id}"), format!("{} — {heading}", w.dated_actions), html! {
                    tr {
                        th scope="col" { (ww.code) }
                        th scope="col" { (ww.action) }
                        th scope="col" { (w.start) }
                        th scope="col" { (w.end) }
                        th scope="col" { (ww.calendar) }
                        th scope="col" { (ww.state) }
                    }
                }, html! {
                    @for t in &chart.tasks {
                        tr {
                            th scope="row" { a href=(ctx.link(&action_url(&t.code))) { (t.code) } }
                            td lang=[ctx.text_lang()] { (short(&t.text, 100)) }
                            td class="date" { (t.start) }
                            td class="date" { @if t.span == TaskSpan::Milestone { "—" } @else { (t.end) } }
                            td { (span(t.span)) }
                            td { span class={ "badge " (status_class(t.status)) } { (status(t.status)) } }
                        }
                    }
                }))
            }
            @if !chart.undated.is_empty() {
                h3 { (ww.undated) " (" (chart.undated.len()) ")" }
                ul class="undated" {
                    @for u in &chart.undated {
                        li {
                            a href=(ctx.link(&action_url(&u.code))) { (u.code) }
                            " " span lang=[ctx.text_lang()] { (short(&u.text, 100)) }
                            " — "
                            @if u.calendar.is_empty() {
                                span class="muted" { (ww.no_calendar) }
                            } @else {
                                q lang=[ctx.text_lang()] { (u.calendar) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The timeline page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "timeline.html";
    let ctx = Ctx::new(data, lang, path);
    let w = ctx.w;
    let body = html! {
        p { (w.timeline_intro) }
        @for (k, c) in data.digest.charts.iter().enumerate() {
            (chart(&ctx, k, c))
        }
    };
    let shell = Shell {
        title: w.timeline,
        section: Section::Timeline,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}
