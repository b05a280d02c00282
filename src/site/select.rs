//! Filters of the list of actions, by lever, ministry, health and deadline: a page per
//! choice, built on the server, so that they work without JavaScript; with it, the list
//! of all actions filters itself in place (`assets/filter.js`, loaded from the site's
//! own folder as the Content-Security-Policy requires: no inline script).

use std::collections::BTreeMap;

use maud::{Markup, html};

use super::Data;
use super::layout::{self, Ctx, Section, Shell, actions_table, capital, slug};
use crate::config::Lang;
use crate::render::words;
use crate::report::health::Health;
use crate::report::status::{Bucket, Row};

/// The script that filters the list of all actions in place.
pub const FILTER_JS: &str = include_str!("filter.js");

/// One choice of a filter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Facet {
    /// A lever, by its code.
    Lever(String),
    /// A responsible ministry, by its acronym.
    Ministry(String),
    /// Actions without a responsible ministry.
    NoMinistry,
    /// A health.
    Health(Health),
    /// Where the calendar puts the action.
    Deadline(Bucket),
}

/// The four filters, in the order shown.
const GROUPS: [u8; 4] = [0, 1, 2, 3];

impl Facet {
    fn group(&self) -> u8 {
        match self {
            Facet::Lever(_) => 0,
            Facet::Ministry(_) | Facet::NoMinistry => 1,
            Facet::Health(_) => 2,
            Facet::Deadline(_) => 3,
        }
    }

    /// The value the rows' `data-` attribute and the script use.
    pub fn value(&self) -> String {
        match self {
            Facet::Lever(c) | Facet::Ministry(c) => slug(c),
            Facet::NoMinistry => "_none".into(),
            Facet::Health(h) => h.as_str().into(),
            Facet::Deadline(b) => bucket_value(*b),
        }
    }

    /// The page of this choice, from the language folder.
    pub fn url(&self) -> String {
        let kind = ["lever", "ministry", "health", "deadline"][usize::from(self.group())];
        format!("select/{kind}-{}.html", self.value())
    }

    /// The choice in a language.
    fn label(&self, lang: Lang) -> String {
        match self {
            Facet::Lever(c) | Facet::Ministry(c) => c.clone(),
            Facet::NoMinistry => capital(words::of(lang).site.no_ministry),
            Facet::Health(h) => capital(words::health(*h, lang)),
            Facet::Deadline(b) => capital(&words::bucket(*b, lang)),
        }
    }
}

/// A deadline as a file name's part.
fn bucket_value(b: Bucket) -> String {
    match b {
        Bucket::EndedBefore(y) => format!("before-{y}"),
        Bucket::EndsIn(y) => format!("in-{y}"),
        Bucket::EndsAfter(y) => format!("after-{y}"),
        Bucket::Continuous => "continuous".into(),
        Bucket::OpenEnded => "open-ended".into(),
        Bucket::Recurring => "recurring".into(),
        Bucket::Dependent => "dependent".into(),
        Bucket::Unspecified => "unspecified".into(),
    }
}

/// The filter attributes of a row: lever, ministries, health, deadline.
pub fn row_values(r: &Row) -> [String; 4] {
    let ministries = if r.ministries.is_empty() {
        Facet::NoMinistry.value()
    } else {
        r.ministries
            .iter()
            .map(|m| slug(m))
            .collect::<Vec<_>>()
            .join(" ")
    };
    [
        slug(&r.lever),
        ministries,
        r.assessment.health.as_str().to_string(),
        bucket_value(r.bucket),
    ]
}

/// Every choice with at least one action, and its rows (indices, in plan order).
pub fn choices(rows: &[Row]) -> Vec<(Facet, Vec<usize>)> {
    let mut map: BTreeMap<Facet, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        map.entry(Facet::Lever(r.lever.clone()))
            .or_default()
            .push(i);
        if r.ministries.is_empty() {
            map.entry(Facet::NoMinistry).or_default().push(i);
        }
        for m in &r.ministries {
            map.entry(Facet::Ministry(m.clone())).or_default().push(i);
        }
        map.entry(Facet::Health(r.assessment.health))
            .or_default()
            .push(i);
        map.entry(Facet::Deadline(r.bucket)).or_default().push(i);
    }
    map.into_iter().collect()
}

/// The filters: for each, a link per choice with its count (the current one marked).
pub fn filters(ctx: &Ctx, current: Option<usize>) -> Markup {
    let w = ctx.w;
    let titles = [w.by_lever, w.by_ministry, w.by_health, w.by_deadline];
    let names = ["lever", "ministry", "health", "deadline"];
    let all = &ctx.data.choices;
    html! {
        nav class="filters" aria-labelledby="filters-h" data-shown-zero=(words::pick(w.filter_shown, 0, ctx.lang)) data-shown-one=(w.filter_shown.0) data-shown-many=(w.filter_shown.1) {
            h2 id="filters-h" { (w.filter) }
            p class="muted" { (w.filter_intro) }
            @for g in GROUPS {
                @let g = usize::from(g);
                div class="facet" data-facet=(names[g]) {
                    h3 id={ "f-" (names[g]) } { (titles[g]) }
                    ul class="links" {
                        li {
                            @if current.is_none() {
                                a href=(ctx.link("actions.html")) aria-current="page" data-value="" { (w.filter_all) }
                            } @else {
                                a href=(ctx.link("actions.html")) data-value="" { (w.filter_all) }
                            }
                        }
                        @for (k, (facet, idx)) in all.iter().enumerate().filter(|(_, (f, _))| usize::from(f.group()) == g) {
                            li {
                                @let label = format!("{} ({})", facet.label(ctx.lang), idx.len());
                                @if current == Some(k) {
                                    a href=(ctx.link(&facet.url())) aria-current="page" data-value=(facet.value()) { (label) }
                                } @else {
                                    a href=(ctx.link(&facet.url())) data-value=(facet.value()) { (label) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page of the `k`-th choice: its actions, and the filters.
pub fn page(data: &Data, lang: Lang, k: usize) -> (String, String) {
    let (facet, idx) = &data.choices[k];
    let path = facet.url();
    let ctx = Ctx::new(data, lang, &path);
    let w = ctx.w;
    let title = format!("{} — {}", w.all_actions, facet.label(lang));
    let body = html! {
        p class="summary" { strong { (words::fill(words::pick(w.filter_shown, idx.len(), lang), &[idx.len().to_string()])) } }
        (filters(&ctx, Some(k)))
        (actions_table(&ctx, "t-actions", &title, idx))
    };
    let shell = Shell {
        title: &title,
        section: Section::Actions,
        crumbs: vec![
            (w.home.to_string(), "index.html".to_string()),
            (w.all_actions.to_string(), "actions.html".to_string()),
        ],
        scripts: vec![],
        title_is_text: false,
    };
    (path, layout::page(&ctx, &shell, body))
}
