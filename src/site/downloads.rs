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

/// Write the files to download, each streamed to `put` (path from the site's root, and
/// what writes it): neither the readings nor their text is ever copied whole.
pub fn write(
    input: &Input,
    put: &dyn Fn(&str, &mut super::Fill) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (plan, readings, as_of) = (input.plan, input.readings, input.as_of);
    let doc = crate::export::json::build_as_of(plan, readings, input.settings, Some(as_of));
    put(JSON, &mut |w| {
        serde_json::to_writer_pretty(&mut *w, &doc).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })?;
    // Totals (as `pan reading list` without breakdowns), known on the day.
    let rows = readings
        .in_order()
        .filter(|r| r.known_on(as_of))
        .map(|r| crate::report::readings::row(plan, readings, r));
    let mut rows = Some(rows);
    put(CSV, &mut |w| {
        let rows = rows.take().into_iter().flatten();
        crate::render::readings::write_csv(&[], rows, w).map_err(std::io::Error::other)
    })
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
