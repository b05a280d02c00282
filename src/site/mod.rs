//! `pan site`: the plan's public website, static and self-contained — every page in
//! French and English (one folder each), charts as SVG with their numbers beside them,
//! a search that needs one small script (and a site fully usable without it), the data
//! for download, a style sheet that prints on A4. No page needs a server, a CDN or a
//! network.
//!
//! The pages only render reports ([`crate::report`]): the status rows, the digest, the
//! card of each action, the reporting status and the accountability of each ministry,
//! computed once for both languages. HTML is written with `maud`, whose templates escape
//! every value spliced into text or attributes: text from the plan's files can never
//! become markup. The same reports and date give the same bytes: files are produced in
//! parallel but each depends only on its inputs, and nothing reads the clock.
//!
//! The site's layout, from its root:
//!
//! ```text
//! index.html                 choice of language (and a redirect to the plan's own)
//! robots.txt                 every page may be indexed
//! fr/index.html, en/…        home: key figures, context targets, changes, links
//! fr/levers.html             levers and objectives
//! fr/levers/A.html           a lever: its objectives and actions
//! fr/objectives/A-1.html     an objective and its actions
//! fr/actions.html            every action
//! fr/actions/IN-A-1.01.html  an action: every field, calendar, history, readings
//! fr/ministries.html         accountability of every ministry
//! fr/ministries/MENEJ.html   a ministry: what it carries and how it reports
//! fr/context.html            context indicators, their targets and progress
//! fr/reporting.html          reporting status of every indicator
//! fr/timeline.html           calendar of the dated actions
//! fr/digest.html             the COPIL digest (prints on A4)
//! fr/search.html             search (fr/search-index.js holds its index)
//! fr/downloads.html          the data, in downloads/
//! fr/accessibility.html      the accessibility statement
//! fr/select/late.html        the actions of one lever, ministry, health or deadline
//! assets/                    style sheet, search script, the theme's logo and style
//! downloads/plan.json        the JSON export; downloads/readings.csv, every reading
//! ```

pub mod charts;
pub mod layout;

mod action;
mod blocks;
mod breakdowns;
mod context;
mod digest;
mod downloads;
mod home;
mod levers;
mod ministries;
mod reporting;
mod search;
mod select;
mod statement;
mod timeline;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::{Lang, Settings};
use crate::load::site::Theme;
use crate::model::{Plan, Readings};
use crate::report;
use crate::report::digest::{Digest, SinceFrom};
use crate::report::ministries::Ministry;
use crate::report::reporting::ReportingReport;
use crate::report::status::Row;

/// The site's style sheet.
pub const CSS: &str = include_str!("pan.css");

/// The site's icon when the theme has no logo.
const ICON: &str = "assets/icon.svg";

/// The search script.
pub const SEARCH_JS: &str = include_str!("search.js");

/// Where the filters' script is, from the site's root.
pub const FILTER_JS_PATH: &str = "assets/filter.js";

/// What the site is built from.
pub struct Input<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its readings.
    pub readings: &'a Readings,
    /// Its settings.
    pub settings: &'a Settings,
    /// The logo and style sheet `[site]` names.
    pub theme: &'a Theme,
    /// The day the site describes.
    pub as_of: Date,
    /// The start of the period the digest covers.
    pub since: Date,
    /// Where that start comes from.
    pub since_from: SinceFrom,
}

/// The reports every page draws on, computed once.
pub struct Data<'a> {
    /// What the site is built from.
    pub input: &'a Input<'a>,
    /// The site's name.
    pub name: String,
    /// The language of the plan's own text.
    pub content_lang: Lang,
    /// The logo's path from the site's root, when there is one.
    pub logo_file: Option<String>,
    /// The icon's path from the site's root: the logo, or a small chart in the theme's
    /// colour.
    pub icon_file: String,
    /// A status row for every action, in plan order.
    pub rows: Vec<Row>,
    /// The COPIL digest.
    pub digest: Digest,
    /// The reporting status.
    pub reporting: ReportingReport,
    /// Each ministry's accountability.
    pub ministries: Vec<Ministry>,
    /// Actions without a responsible ministry.
    pub unassigned: Vec<usize>,
    /// The years the timeline spans.
    pub years: (i16, i16),
    /// Every choice of the actions' filters, with its rows.
    pub choices: Vec<(select::Facet, Vec<usize>)>,
    /// The rows of each lever, by code, in plan order.
    pub by_lever: HashMap<String, Vec<usize>>,
    /// The rows of each objective, by code, in plan order.
    pub by_objective: HashMap<String, Vec<usize>>,
}

impl<'a> Data<'a> {
    /// Compute every report the pages need.
    pub fn new(input: &'a Input<'a>) -> Data<'a> {
        let (plan, readings, settings) = (input.plan, input.readings, input.settings);
        let rows = report::status::rows(plan, readings, settings, input.as_of);
        let digest = report::digest::build(
            plan,
            readings,
            settings,
            input.as_of,
            input.since,
            input.since_from,
        );
        let reporting = report::reporting::build(plan, readings, settings, &rows, input.as_of);
        let ministries = report::ministries::build(plan, &rows, &reporting);
        let unassigned = report::ministries::unassigned(&rows);
        let choices = select::choices(&rows);
        let logo = input
            .theme
            .logo
            .as_ref()
            .map(|l| format!("assets/logo.{}", l.extension));
        let tasks = digest.charts.iter().flat_map(|c| &c.tasks);
        let first = tasks
            .clone()
            .map(|t| t.start.year())
            .chain([settings.plan.start, input.as_of.year()])
            .min()
            .unwrap_or(settings.plan.start);
        let last = tasks
            .map(|t| t.end.year())
            .chain([settings.plan.end, input.as_of.year()])
            .max()
            .unwrap_or(settings.plan.end);
        let mut by_lever: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_objective: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_lever.entry(r.lever.clone()).or_default().push(i);
            by_objective.entry(r.objective.clone()).or_default().push(i);
        }
        Data {
            input,
            name: settings
                .site
                .name
                .clone()
                .unwrap_or_else(|| settings.plan.title.clone()),
            content_lang: settings.plan.language,
            logo_file: logo.clone(),
            icon_file: logo.unwrap_or_else(|| ICON.to_string()),
            rows,
            digest,
            reporting,
            ministries,
            unassigned,
            years: (first, last),
            choices,
            by_lever,
            by_objective,
        }
    }
}

/// What a build wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// HTML pages.
    pub pages: usize,
    /// Files of any kind.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// One page of one language.
#[derive(Clone, Copy, Debug)]
enum Job {
    Home,
    Levers,
    Lever(usize),
    Objective(usize, usize),
    Actions,
    Action(usize),
    Ministries,
    Ministry(usize),
    Context,
    Reporting,
    Timeline,
    Digest,
    Search,
    Downloads,
    Statement,
    /// The actions of one choice of the filters.
    Select(usize),
}

fn render(data: &Data, lang: Lang, job: Job) -> (String, String) {
    match job {
        Job::Home => home::page(data, lang),
        Job::Levers => levers::index(data, lang),
        Job::Lever(l) => levers::lever(data, lang, l),
        Job::Objective(l, o) => levers::objective(data, lang, l, o),
        Job::Actions => levers::all_actions(data, lang),
        Job::Action(i) => action::page(data, lang, i),
        Job::Ministries => ministries::index(data, lang),
        Job::Ministry(m) => ministries::page(data, lang, m),
        Job::Context => context::page(data, lang),
        Job::Reporting => reporting::page(data, lang),
        Job::Timeline => timeline::page(data, lang),
        Job::Digest => digest::page(data, lang),
        Job::Search => search::page(data, lang),
        Job::Downloads => downloads::page(data, lang),
        Job::Statement => statement::page(data, lang),
        Job::Select(k) => select::page(data, lang, k),
    }
}

/// Streams a file's bytes to the writer it is given.
pub type Fill<'f> = dyn FnMut(&mut (dyn std::io::Write + Send)) -> std::io::Result<()> + 'f;

/// Where the site's files go: each file's path from the site's root (`/`-separated) and
/// what streams its bytes; it returns the number of bytes written. Pages are rendered in
/// parallel: a sink accepts files in any order, from any thread.
pub type Sink<'s> = dyn Fn(&str, &mut Fill) -> anyhow::Result<u64> + Sync + 's;

/// Build the whole site, handing each file to `sink`.
pub fn build(input: &Input, sink: &Sink) -> anyhow::Result<Built> {
    let data = Data::new(input);
    let plan = input.plan;
    let files = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let stream = |path: &str, fill: &mut Fill| -> anyhow::Result<u64> {
        let n = sink(path, fill)?;
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    };
    let put = |path: &str, b: &[u8]| stream(path, &mut |w| w.write_all(b)).map(drop);

    put("index.html", layout::root_index(&data).as_bytes())?;
    put("robots.txt", b"User-agent: *\nAllow: /\n")?;
    put("assets/pan.css", css(input.settings).as_bytes())?;
    put("assets/search.js", SEARCH_JS.as_bytes())?;
    put(FILTER_JS_PATH, select::FILTER_JS.as_bytes())?;
    if input.theme.logo.is_none() {
        put(ICON, icon(input.settings).as_bytes())?;
    }
    if let Some(style) = &input.theme.style {
        put("assets/custom.css", style.as_bytes())?;
    }
    if let (Some(logo), Some(path)) = (&input.theme.logo, &data.logo_file) {
        put(path, &logo.bytes)?;
    }
    downloads::write(input, &stream)?;

    let mut jobs = vec![
        Job::Home,
        Job::Levers,
        Job::Actions,
        Job::Ministries,
        Job::Context,
        Job::Reporting,
        Job::Timeline,
        Job::Digest,
        Job::Search,
        Job::Downloads,
        Job::Statement,
    ];
    jobs.extend((0..data.choices.len()).map(Job::Select));
    for (l, lever) in plan.levers.iter().enumerate() {
        jobs.push(Job::Lever(l));
        jobs.extend((0..lever.objectives.len()).map(|o| Job::Objective(l, o)));
    }
    jobs.extend((0..plan.actions.len()).map(Job::Action));
    jobs.extend((0..data.ministries.len()).map(Job::Ministry));
    let all: Vec<(Lang, Job)> = Lang::ALL
        .into_iter()
        .flat_map(|lang| jobs.iter().map(move |j| (lang, *j)))
        .collect();
    all.par_iter().try_for_each(|&(lang, job)| {
        let (path, html) = render(&data, lang, job);
        put(&format!("{}/{path}", lang.code()), html.as_bytes())
    })?;
    for lang in Lang::ALL {
        let index = search::index(&data, lang);
        put(
            &format!("{}/search-index.js", lang.code()),
            index.as_bytes(),
        )?;
    }
    Ok(Built {
        pages: all.len() + 1,
        files: files.into_inner(),
        bytes: bytes.into_inner(),
    })
}

/// The icon: three bars in the theme's colour (checked as `#rrggbb` by the settings).
fn icon(settings: &Settings) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"{}\"/><rect x=\"7\" y=\"16\" width=\"4\" height=\"9\" fill=\"#fff\"/><rect x=\"14\" y=\"11\" width=\"4\" height=\"14\" fill=\"#fff\"/><rect x=\"21\" y=\"6\" width=\"4\" height=\"19\" fill=\"#fff\"/></svg>\n",
        settings.site.primary
    )
}

/// The style sheet, with the theme's colours (checked as `#rrggbb` by the settings).
fn css(settings: &Settings) -> String {
    format!(
        ":root {{ --primary: {}; --link: {}; }}\n{CSS}",
        settings.site.primary, settings.site.link
    )
}
