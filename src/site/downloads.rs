//! Downloads: the plan as the JSON export and every reading as CSV, as the files said on
//! the as-of date (readings known by then, state entries dated by then).

use maud::html;

use super::layout::{self, Ctx, Section, Shell};
use super::{Data, Input};
use crate::config::Lang;

/// The JSON export.
pub const JSON: &str = "downloads/plan.json";
/// Every reading, as CSV.
pub const CSV: &str = "downloads/readings.csv";

/// The files to download: path from the site's root and bytes.
pub fn files(input: &Input) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let (plan, readings) =
        crate::report::readings::as_known_on(input.plan, input.readings, input.as_of);
    let doc = crate::export::json::build(&plan, &readings, input.settings);
    let mut json = serde_json::to_string_pretty(&doc)?;
    json.push('\n');
    let rows = crate::report::readings::rows(&plan, &readings);
    let csv = crate::render::readings::csv(&rows)?;
    Ok(vec![
        (JSON.to_string(), json.into_bytes()),
        (CSV.to_string(), csv.into_bytes()),
    ])
}

/// The downloads page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "downloads.html";
    let ctx = Ctx::new(data, lang, path);
    let w = ctx.w;
    let body = html! {
        p { (w.downloads_intro) }
        ul class="downloads" {
            li { a href=(ctx.root(JSON)) download { "plan.json" } " — " (w.download_json) }
            li { a href=(ctx.root(CSV)) download { "readings.csv" } " — " (w.download_csv) }
        }
    };
    let shell = Shell {
        title: w.downloads,
        section: Section::Downloads,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (path.to_string(), layout::page(&ctx, &shell, body))
}
