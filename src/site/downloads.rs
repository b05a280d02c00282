//! Downloads: the plan as the JSON export, every reading as CSV, one CSV per indicator
//! (linked from its action's page or the context page, as open-sdg does), the status
//! workbook and the open-data package — as the files said on the as-of date (readings
//! known by then, state entries dated by then).

use maud::{Markup, html};

use super::layout::{self, Ctx, Section, Shell, slug};
use super::{Data, Input};
use crate::config::Lang;
use crate::model::Owner;

/// The JSON export.
pub const JSON: &str = "downloads/plan.json";
/// Every reading, as CSV.
pub const CSV: &str = "downloads/readings.csv";

/// The status workbook.
pub const XLSX: &str = "downloads/status.xlsx";
/// The open-data package's folder.
pub const PACKAGE: &str = "downloads/datapackage";

/// The CSV of one indicator's readings, from the site's root: an action's
/// (`downloads/actions/IN-B-11.02/seances.csv`) or a context indicator's
/// (`downloads/context/basic-digital-skills.csv`).
pub fn indicator_csv(owner: Owner, action_code: &str, id: &str) -> String {
    match owner {
        Owner::Context => format!("downloads/context/{}.csv", slug(id)),
        Owner::Action(_) => format!("downloads/actions/{}/{}.csv", slug(action_code), slug(id)),
    }
}

/// Whether an indicator has a reading known on the as-of date (and so a CSV).
pub fn has_csv(input: &Input, owner: Owner, indicator: u32) -> bool {
    input
        .readings
        .of(owner, indicator)
        .iter()
        .any(|r| r.known_on(input.as_of))
}

/// Write the files to download, each streamed to `put` (path from the site's root, and
/// what writes it; it returns the size written): neither the readings nor their text is
/// ever copied whole.
pub fn write(
    input: &Input,
    put: &dyn Fn(&str, &mut super::Fill) -> anyhow::Result<u64>,
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
    })?;
    // One CSV per indicator with readings, as open-sdg publishes one per indicator.
    let owners = plan
        .actions
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.indicators
                .iter()
                .enumerate()
                .map(move |(j, ind)| (Owner::action(i), a.code.to_string(), j, ind.id.clone()))
        })
        .chain(
            plan.context
                .iter()
                .enumerate()
                .map(|(k, c)| (Owner::Context, String::new(), k, c.id.clone())),
        );
    for (owner, code, j, id) in owners {
        let j = crate::model::index32(j);
        if !has_csv(input, owner, j) {
            continue;
        }
        let rows = readings
            .of(owner, j)
            .into_iter()
            .filter(|r| r.known_on(as_of))
            .map(|r| crate::report::readings::row(plan, readings, r));
        let mut rows = Some(rows);
        put(&indicator_csv(owner, &code, &id), &mut |w| {
            let rows = rows.take().into_iter().flatten();
            crate::render::readings::write_csv(&[], rows, w).map_err(std::io::Error::other)
        })?;
    }
    // The status workbook and the open-data package, in the plan's language.
    let lang = input.settings.plan.language;
    let status_rows = crate::report::status::rows(plan, readings, input.settings, as_of);
    let status = crate::export::workbook::Status {
        title: &input.settings.plan.title,
        as_of,
        rows: &status_rows,
        plan,
        readings,
        lang,
    };
    // Streamed as `pan export --format xlsx` streams it: held whole, the workbook of
    // 10,000,000 readings (0.4 GB) raised the site's peak to 1.65 × `pan status`'s.
    put(XLSX, &mut |w| {
        crate::export::workbook::write(&status, w).map_err(|e| match e {
            rust_xlsxwriter::XlsxError::IoError(e) => e,
            e => std::io::Error::other(format!("the status workbook could not be made: {e}")),
        })
    })?;
    let package = crate::export::datapackage::Package::new(crate::export::datapackage::Source {
        plan,
        readings,
        settings: input.settings,
        as_of,
        lang,
    });
    let mut sizes = Vec::new();
    for (i, name) in package.names().iter().enumerate() {
        let size = put(&format!("{PACKAGE}/{name}"), &mut |w| {
            package.write(i, &sizes, w)
        })?;
        sizes.push(size);
    }
    Ok(())
}

/// The whole plan's downloads, as a list (the home and downloads pages show it).
pub fn links(ctx: &Ctx) -> Markup {
    let w = ctx.w;
    html! {
        ul class="downloads" {
            li { a href=(ctx.root(&format!("{PACKAGE}/datapackage.json"))) download { "datapackage.json" } " — " (w.download_package) }
            li { a href=(ctx.root(XLSX)) download { "status.xlsx" } " — " (w.download_workbook) }
            li { a href=(ctx.root(CSV)) download { "readings.csv" } " — " (w.download_csv) }
            li { a href=(ctx.root(JSON)) download { "plan.json" } " — " (w.download_json) }
        }
        (super::layout::credits(ctx))
    }
}

/// The link to one indicator's CSV, when it has readings.
pub fn indicator_link(ctx: &Ctx, owner: Owner, action_code: &str, j: u32, id: &str) -> Markup {
    html! {
        @if has_csv(ctx.data.input, owner, j) {
            p class="download" {
                a href=(ctx.root(&indicator_csv(owner, action_code, id))) download {
                    (ctx.w.download) (ctx.words.colon) " " (ctx.w.download_indicator)
                }
            }
        }
    }
}

/// The downloads page.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let path = "downloads.html";
    let ctx = Ctx::new(data, lang, path);
    let w = ctx.w;
    let body = html! {
        p { (w.downloads_intro) }
        (links(&ctx))
        p { (w.download_per_indicator) }
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
