//! `pan site`: every page kind at a stable URL, the same bytes for the same files and date,
//! plan text never markup, every internal link resolving, no undated action drawn, the
//! output folder handled safely, the theme of `[site]`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{ACTION_PATH, Fixture, READINGS_PATH, stderr};

const AS_OF: &str = "2026-11-23";

/// Build the site of `f` into `out` (relative to the fixture), expecting success.
#[track_caller]
fn build(f: &Fixture, out: &str, extra: &[&str]) -> PathBuf {
    let mut args = vec!["site", "-o", out];
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of", AS_OF]);
    }
    args.extend_from_slice(extra);
    let o = f.run(&args);
    assert!(o.status.success(), "pan site failed: {}", stderr(&o));
    assert!(stderr(&o).contains("pages"), "{}", stderr(&o));
    f.path().join(out)
}

/// Every file of a folder, by its path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            out.insert(
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    out
}

/// The page kinds every site has, in each language.
const PAGES: [&str; 12] = [
    "index.html",
    "levers.html",
    "actions.html",
    "ministries.html",
    "context.html",
    "reporting.html",
    "timeline.html",
    "digest.html",
    "search.html",
    "downloads.html",
    "search-index.js",
    "actions/IN-B-11.02.html",
];

#[test]
fn the_fixture_has_every_page_kind_at_a_stable_url() {
    let f = Fixture::new();
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    for lang in ["fr", "en"] {
        for page in PAGES
            .iter()
            .chain(&["levers/B.html", "objectives/B-11.html"])
            .chain(&["ministries/MinDigital.html", "ministries/MENEJ.html"])
        {
            let path = format!("{lang}/{page}");
            assert!(all.contains_key(&path), "{path} is missing");
        }
    }
    for path in [
        "index.html",
        ".pan-manifest",
        "robots.txt",
        "assets/pan.css",
        "assets/search.js",
        "assets/icon.svg",
        "downloads/plan.json",
        "downloads/readings.csv",
    ] {
        assert!(all.contains_key(path), "{path} is missing");
    }
    let action = String::from_utf8(all["fr/actions/IN-B-11.02.html"].clone()).unwrap();
    assert!(action.contains("<html lang=\"fr\">"));
    assert!(action.contains("Nombre de séances réalisées"));
    // The reading, in its chart and in its table, with its source.
    // A single reading: the figure (not a one-bar chart), and the table with its source.
    assert!(action.contains("<p class=\"single\"><strong>11</strong>"));
    assert!(action.contains("<td class=\"num\" data-label=\"Valeur\">11</td>"));
    assert!(action.contains("Rapport d'activité 2024"));
    // MENEJ is only a partner (through its agency): its page says so.
    let menej = String::from_utf8(all["en/ministries/MENEJ.html"].clone()).unwrap();
    assert!(menej.contains("Actions where it is a partner"), "{menej}");
    assert!(menej.contains("actions/IN-B-11.02.html"));
    // English pages mark the plan's French text as French.
    let en = String::from_utf8(all["en/actions/IN-B-11.02.html"].clone()).unwrap();
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<section class=\"text\" aria-label=\"Action\" lang=\"fr\">"));
}

#[test]
fn the_bundled_plan_builds_every_action_and_ministry() {
    let f = Fixture::bundled();
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    for lang in ["fr", "en"] {
        let actions = all
            .keys()
            .filter(|k| k.starts_with(&format!("{lang}/actions/")))
            .count();
        assert_eq!(actions, 249, "{lang}: one page per action");
        for page in PAGES {
            assert!(all.contains_key(&format!("{lang}/{page}")), "{lang}/{page}");
        }
        assert!(all.contains_key(&format!("{lang}/ministries/MENEJ.html")));
        assert!(all.contains_key(&format!("{lang}/objectives/B-11.html")));
    }
    let json: serde_json::Value = serde_json::from_slice(&all["downloads/plan.json"]).unwrap();
    assert_eq!(json["actions"].as_array().unwrap().len(), 249);
    // Every page declares its policy; none runs inline code or styles.
    for (path, bytes) in &all {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.contains("http-equiv=\"Content-Security-Policy\""),
            "{path}: no policy"
        );
        assert!(!text.contains(" style=\""), "{path}: inline style");
        for (i, _) in text.match_indices("<script") {
            assert!(
                text[i..].starts_with("<script src=\""),
                "{path}: inline script"
            );
        }
        let lower = text.to_lowercase();
        for handler in [
            " onclick=",
            " onload=",
            " onerror=",
            " onmouseover=",
            " onfocus=",
        ] {
            assert!(!lower.contains(handler), "{path}: {handler}");
        }
    }
}

#[test]
fn the_same_files_and_date_give_the_same_bytes() {
    let f = Fixture::bundled();
    let one = files(&build(&f, "one", &[]));
    let two = files(&build(&f, "two", &[]));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(two[path] == *bytes, "{path} differs between two builds");
    }
    // Another date is another site.
    let three = files(&build(&f, "three", &["--as-of", "2027-03-01"]));
    assert_ne!(one["fr/index.html"], three["fr/index.html"]);
}

/// The `href` and `src` values of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// The `id`s of a page.
fn ids(html: &str) -> BTreeSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// Check that every `href` and `src` of every page names a file of the site (and an `id`
/// of it, for a `#` link); returns the number of links checked.
#[track_caller]
fn assert_links_resolve(all: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut checked = 0;
    for (path, bytes) in all {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for link in links(&text) {
            checked += 1;
            assert!(
                !link.contains("://") && !link.starts_with("//"),
                "{path}: external link {link}"
            );
            let (target, anchor) = match link.split_once('#') {
                Some((t, a)) => (t, Some(a)),
                None => (link.as_str(), None),
            };
            let target = target.split('?').next().unwrap_or("");
            let resolved = if target.is_empty() {
                path.clone()
            } else {
                // Resolve against the page's folder, `..` by `..`.
                let mut parts: Vec<&str> = path.split('/').collect();
                parts.pop();
                for part in target.split('/') {
                    match part {
                        ".." => {
                            assert!(parts.pop().is_some(), "{path}: {link} leaves the site");
                        }
                        "." | "" => {}
                        p => parts.push(p),
                    }
                }
                parts.join("/")
            };
            let Some(bytes) = all.get(&resolved) else {
                panic!("{path}: {link} does not resolve ({resolved})");
            };
            if let Some(anchor) = anchor {
                let target_text = String::from_utf8_lossy(bytes);
                assert!(
                    ids(&target_text).contains(anchor),
                    "{path}: {link}: no id {anchor}"
                );
            }
        }
    }
    checked
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let f = Fixture::bundled();
    let all = files(&build(&f, "_site", &[]));
    let checked = assert_links_resolve(&all);
    assert!(checked > 10_000, "only {checked} links checked");
    // A plan that names an undeclared objective (an error pan validate reports) still
    // gets a site without broken links.
    let f = Fixture::new();
    f.edit(ACTION_PATH, "objective: B-11", "objective: B-12");
    let all = files(&build(&f, "_site", &[]));
    assert!(assert_links_resolve(&all) > 100);
    assert!(!all.contains_key("fr/objectives/B-12.html"));
}

#[test]
fn the_timeline_never_draws_an_undated_action() {
    let f = Fixture::bundled();
    let site = build(&f, "_site", &[]);
    let timeline = std::fs::read_to_string(site.join("fr/timeline.html")).unwrap();
    let repo = pan::config::Repo::open(f.path()).unwrap();
    let tree = pan::load::tree::FsTree::new(f.path());
    let loaded = pan::load::load(&tree, &repo.settings);
    // What the charts draw: the text of every SVG.
    let drawn: String = timeline
        .match_indices("<svg")
        .map(|(i, _)| {
            let end = timeline[i..].find("</svg>").unwrap();
            &timeline[i..i + end]
        })
        .collect();
    let (mut dated, mut undated) = (0, 0);
    for a in &loaded.plan.actions {
        let code = format!(">{}<", a.code);
        if pan::report::digest::dated(a, &repo.settings).is_some() {
            dated += 1;
            assert!(drawn.contains(&code), "{} is dated but not drawn", a.code);
        } else {
            undated += 1;
            assert!(
                !drawn.contains(&code),
                "{} has no date but is drawn",
                a.code
            );
            assert!(
                timeline.contains(&format!("actions/{}.html", a.code)),
                "{} is not listed",
                a.code
            );
        }
    }
    assert!(
        dated > 100 && undated > 20,
        "{dated} dated, {undated} undated"
    );
}

/// Text meant to break out of HTML, attributes, titles and scripts.
const HOSTILE: &str = r#"<script>alert(1)</script>"><img src=x onerror=alert(2)></title>"#;

/// A quoted string, for YAML and TOML alike.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn hostile_plan_text_is_never_markup() {
    let f = Fixture::new();
    let q = quoted(HOSTILE);
    f.write(
        "pan.toml",
        &format!("[plan]\ntitle = {q}\nstart = 2026\nend = 2030\n[site]\nname = {q}\n"),
    );
    f.edit(
        "plan/levers.yaml",
        "Approfondir les compétences numériques",
        &q,
    );
    f.edit(
        "plan/levers.yaml",
        "Soutenir la formation en compétences numériques",
        &q,
    );
    f.edit("plan/actors.yaml", "Ministère de la Digitalisation", &q);
    f.edit(
        ACTION_PATH,
        "Organiser des rencontres mensuelles « IT Trainer Meetups ».",
        &q,
    );
    f.edit(ACTION_PATH, "Nombre de séances réalisées", &q);
    f.edit(ACTION_PATH, "  - MENEJ-IFEN", &format!("  - {q}"));
    f.edit(
        ACTION_PATH,
        "states: []",
        &format!("states:\n  - date: 2026-02-01\n    state: in_progress\n    note: {q}"),
    );
    let cell = format!("\"{}\"", HOSTILE.replace('"', "\"\""));
    f.write(
        READINGS_PATH,
        &format!(
            "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,{cell},{cell},2026-01-15,\n"
        ),
    );
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    let mut seen = 0;
    for (path, bytes) in &all {
        let text = String::from_utf8_lossy(bytes);
        if path.starts_with("downloads/") {
            // Data, served as JSON and CSV: the text as published.
            continue;
        }
        for bad in [
            "<script>alert",
            "<img src=x",
            "\"><img",
            "alert(2)></title>",
        ] {
            assert!(!text.contains(bad), "{path} holds {bad:?} unescaped");
        }
        if path.ends_with(".js") {
            // The search index: no `<` at all, so no text can end a script.
            if path.ends_with("search-index.js") {
                assert!(!text.contains('<'), "{path} holds a raw <");
            }
        }
        if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") {
            seen += 1;
        }
    }
    assert!(
        seen > 10,
        "the hostile text was shown (escaped) on {seen} files only"
    );
    let page = String::from_utf8(all["fr/actions/IN-B-11.02.html"].clone()).unwrap();
    assert_eq!(page.matches("<title>").count(), 1, "{page}");
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&lt;/title&gt;"));
    // The data keeps the text exactly.
    let json: serde_json::Value = serde_json::from_slice(&all["downloads/plan.json"]).unwrap();
    assert_eq!(json["actions"][0]["action"], HOSTILE);
}

#[test]
fn only_an_empty_folder_or_an_earlier_site_is_replaced() {
    let f = Fixture::new();
    f.write("docs/notes.txt", "mine");
    let o = f.run(&["site", "-o", "docs", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("did not build"), "{}", stderr(&o));
    assert_eq!(f.read("docs/notes.txt"), "mine");
    // Into the plan's own folder: refused.
    let o = f.run(&["site", "-o", "plan/site", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!f.path().join("plan/site").exists());
    // A site is rebuilt whole, nothing left beside it; a file pan did not write in it is
    // never removed (the build is refused and names it).
    let site = build(&f, "_site", &[]);
    f.write("_site/stale.html", "old");
    let o = f.run(&["site", "-o", "_site", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("stale.html"), "{}", stderr(&o));
    assert_eq!(f.read("_site/stale.html"), "old");
    f.remove("_site/stale.html");
    build(&f, "_site", &[]);
    assert!(site.join("fr/index.html").exists());
    let beside: Vec<String> = std::fs::read_dir(f.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pan-"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&site, f.path().join("link")).unwrap();
        let o = f.run(&["site", "-o", "link", "--as-of", AS_OF]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    }
}

#[test]
fn a_past_date_shows_only_what_was_known_then() {
    let f = Fixture::new();
    // The reading was recorded on 2026-01-15: unknown on 2026-01-10.
    let before = files(&build(&f, "before", &["--as-of", "2026-01-10"]));
    let after = files(&build(&f, "after", &[]));
    let page = |all: &BTreeMap<String, Vec<u8>>| {
        String::from_utf8(all["fr/actions/IN-B-11.02.html"].clone()).unwrap()
    };
    assert!(page(&after).contains("<td class=\"num\" data-label=\"Valeur\">11</td>"));
    assert!(!page(&before).contains("<td class=\"num\" data-label=\"Valeur\">11</td>"));
    let csv = |all: &BTreeMap<String, Vec<u8>>| {
        String::from_utf8(all["downloads/readings.csv"].clone()).unwrap()
    };
    assert!(csv(&after).contains("seances,2024,11"));
    assert!(!csv(&before).contains("seances,2024,11"));
}

#[test]
fn the_theme_of_site_settings_is_used_and_checked() {
    let f = Fixture::new();
    f.write(
        "site/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write("site/style.css", "main { max-width: 60rem; }");
    f.write(
        "pan.toml",
        &format!(
            "{}[site]\nname = \"Tableau de bord\"\nlogo = \"site/logo.svg\"\nstyle = \"site/style.css\"\nprimary = \"#123456\"\n",
            common::PAN_TOML
        ),
    );
    let site = build(&f, "_site", &[]);
    let all = files(&site);
    assert_eq!(
        all["assets/logo.svg"],
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    assert_eq!(all["assets/custom.css"], b"main { max-width: 60rem; }");
    assert!(!all.contains_key("assets/icon.svg"));
    let css = String::from_utf8(all["assets/pan.css"].clone()).unwrap();
    assert!(css.starts_with(":root { --primary: #123456;"), "{css}");
    let home = String::from_utf8(all["fr/index.html"].clone()).unwrap();
    assert!(home.contains("<title>Tableau de bord</title>"));
    assert!(home.contains("href=\"../assets/custom.css\""));
    assert!(home.contains("<img src=\"../assets/logo.svg\" alt=\"\""));
    // A missing logo: a clear error, and nothing written.
    f.edit("pan.toml", "site/logo.svg", "site/none.svg");
    let o = f.run(&["site", "-o", "other", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("site/none.svg"), "{}", stderr(&o));
    assert!(!f.path().join("other").exists());
    // A colour too light for white text: refused by the settings.
    f.edit("pan.toml", "#123456", "#ffcc00");
    let o = f.run(&["site", "-o", "other", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("too light"), "{}", stderr(&o));
}

/// A plan in another code scheme: numbered levers (`2.3.1`), or a prefix (`M-A12-03`).
fn other_scheme(format: &str, levers: &[(&str, &[&str])], actions: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new();
    f.remove(ACTION_PATH);
    f.remove(READINGS_PATH);
    f.write(
        "pan.toml",
        &format!("{}code_format = \"{format}\"\n", common::PAN_TOML),
    );
    let mut l = String::from("levers:\n");
    for (code, objectives) in levers {
        l.push_str(&format!(
            "  - code: \"{code}\"\n    title: Levier {code}\n    objectives:\n"
        ));
        for o in *objectives {
            l.push_str(&format!(
                "      - code: \"{o}\"\n        title: Objectif {o}\n"
            ));
        }
    }
    f.write("plan/levers.yaml", &l);
    for (code, objective) in actions {
        let lever = levers
            .iter()
            .find(|(_, os)| os.contains(objective))
            .map(|(l, _)| *l)
            .unwrap();
        f.write(
            &format!("plan/{lever}/{code}.yaml"),
            &format!(
                "code: \"{code}\"\nobjective: \"{objective}\"\naction: Action {code}\nresponsible: [MinDigital]\nindicators:\n  - id: n\n    label: Nombre de sessions\n    kind: count\ncalendar:\n  label: 2026 – 2027\n  start: 2026\n  end: 2027\n"
            ),
        );
    }
    f
}

#[test]
fn plans_in_other_code_schemes_get_the_same_site() {
    for (f, codes, objectives) in [
        (
            other_scheme(
                "{lever:1}.{objective}.{number}",
                &[("2", &["2.3", "2.10"]), ("10", &["10.1"])],
                &[("2.3.1", "2.3"), ("2.10.1", "2.10"), ("10.1.1", "10.1")],
            ),
            vec!["2.3.1", "2.10.1", "10.1.1"],
            vec!["2.3", "2.10", "10.1"],
        ),
        (
            other_scheme(
                "M-{lever}{objective}-{number:02}",
                &[("A", &["A1", "A12"])],
                &[("M-A12-03", "A12"), ("M-A1-10", "A1")],
            ),
            vec!["M-A12-03", "M-A1-10"],
            vec!["A1", "A12"],
        ),
    ] {
        let all = files(&build(&f, "_site", &[]));
        for lang in ["fr", "en"] {
            for code in &codes {
                let page = format!("{lang}/actions/{code}.html");
                let text = String::from_utf8(all[&page].clone()).unwrap();
                assert!(text.contains(&format!("<h1>{code}</h1>")), "{page}");
            }
            for o in &objectives {
                let page = format!("{lang}/objectives/{o}.html");
                let text = String::from_utf8(all[&page].clone()).unwrap();
                // Each objective lists exactly its own actions.
                let listed = codes
                    .iter()
                    .filter(|c| text.contains(&format!("actions/{c}.html")))
                    .count();
                assert_eq!(listed, 1, "{page}");
            }
        }
        assert_links_resolve(&all);
    }
}

/// The text of one file of a built site.
fn text(all: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        all.get(path)
            .unwrap_or_else(|| panic!("{path} is missing"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn tables_reflow_on_a_phone_with_every_data_cell_labelled() {
    let f = Fixture::bundled();
    let all = files(&build(&f, "_site", &[]));
    // Every data cell of every page carries its column's header, which the narrow layout
    // writes before it (the browser check measures that every figure is on a 390 px screen).
    let mut cells = 0;
    for (path, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = String::from_utf8_lossy(bytes);
        for (i, _) in page.match_indices("<td") {
            let tag = &page[i..i + page[i..].find('>').unwrap()];
            assert!(tag.contains(" data-label=\""), "{path}: {tag}");
            cells += 1;
        }
    }
    assert!(cells > 10_000, "{cells}");
    let home = text(&all, "fr/index.html");
    assert!(
        home.contains("<td class=\"num\" data-label=\"Actions\">95</td>"),
        "lever B's row"
    );
    let css = text(&all, "assets/pan.css");
    let narrow = &css[css.find("@media (max-width: 40rem)").unwrap()..];
    for rule in [
        "td[data-label]::before { content: attr(data-label)",
        "table.reflow > thead { position: absolute;",
        "svg.chart { min-width: 0; }",
    ] {
        assert!(narrow.contains(rule), "{rule}");
    }
}

#[test]
fn the_home_page_names_what_is_late_or_due_and_who_carries_it() {
    let f = Fixture::new();
    // Due: its published end (2026) is within [health] due_within_days of the date.
    let all = files(&build(&f, "_site", &[]));
    let home = text(&all, "fr/index.html");
    let at = home.find("id=\"attention\"").expect("the section");
    let key = home.find("id=\"key\"").expect("key figures");
    assert!(at < key, "above the per-lever table");
    let section = &home[at..key];
    assert!(section.contains("Échéance proche (1)"), "{section}");
    assert!(
        section.contains("href=\"actions/IN-B-11.02.html\""),
        "{section}"
    );
    assert!(
        section.contains("href=\"ministries/MinDigital.html\">MinDigital</a>"),
        "{section}"
    );
    assert!(
        section.contains("href=\"select/health-due.html\">Toutes (1)</a>"),
        "{section}"
    );
    assert!(
        section.contains("Ministères en retard dans le suivi"),
        "{section}"
    );
    // No state declared anywhere: a sentence, not a column "État : non renseigné".
    assert!(home.contains("Aucun état n'est encore déclaré"), "{home}");
    assert!(!home.contains("État\u{a0}: non renseigné"), "{home}");
    // Nothing names the settings file.
    assert!(!home.contains("pan.toml"), "{home}");
    // Once a state is declared, the states are columns again.
    f.edit(
        ACTION_PATH,
        "states: []",
        "states:\n  - date: 2026-02-01\n    state: in_progress",
    );
    let all = files(&build(&f, "again", &[]));
    let home = text(&all, "fr/index.html");
    assert!(!home.contains("Aucun état n'est encore déclaré"));
    assert!(home.contains("État\u{a0}: en cours"), "{home}");
    // Nothing late or due: said.
    f.edit(ACTION_PATH, "  end: 2026\n", "  end: 2029\n");
    f.edit(ACTION_PATH, "label: 2024 – 2026", "label: 2024 – 2029");
    let all = files(&build(&f, "calm", &[]));
    let en = text(&all, "en/index.html");
    assert!(en.contains("No action is late or due soon."), "{en}");
}

#[test]
fn an_accessibility_statement_comes_from_the_settings_and_every_footer_links_it() {
    let f = Fixture::new();
    let all = files(&build(&f, "_site", &[]));
    // Unassessed by default: the statement says so, and claims nothing else.
    let fr = text(&all, "fr/accessibility.html");
    assert!(
        fr.contains("n'a pas encore été évaluée par un audit"),
        "{fr}"
    );
    assert!(fr.contains("directive (UE) 2016/2102"), "{fr}");
    assert!(fr.contains("L'éditeur n'a pas encore daté cette déclaration."));
    assert!(fr.contains("L'éditeur n'a pas encore indiqué d'adresse de contact."));
    for (path, bytes) in all
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p.contains('/'))
    {
        let page = String::from_utf8_lossy(bytes);
        assert!(
            page.contains("accessibility.html\">"),
            "{path}: no link to the statement"
        );
    }
    f.write(
        "pan.toml",
        &format!(
            "{}publisher = \"Ministère <b>de la Digitalisation</b>\"\nlicence = \"CC-BY-4.0\"\n[site]\ncontact = \"pan@example.lu\"\naccessibility = \"partial\"\naccessibility_date = \"2026-06-30\"\naccessibility_issues = [\"Les cartes <script>x</script> n'ont pas d'équivalent textuel.\"]\n",
            common::PAN_TOML
        ),
    );
    let all = files(&build(&f, "set", &[]));
    let fr = text(&all, "fr/accessibility.html");
    assert!(fr.contains("partiellement conforme"), "{fr}");
    assert!(
        fr.contains("Cette déclaration a été établie le 30 juin 2026."),
        "{fr}"
    );
    assert!(
        fr.contains("<a href=\"mailto:pan@example.lu\">pan@example.lu</a>"),
        "{fr}"
    );
    assert!(
        fr.contains("Les cartes &lt;script&gt;x&lt;/script&gt;"),
        "{fr}"
    );
    assert!(
        fr.contains("Ministère &lt;b&gt;de la Digitalisation&lt;/b&gt; s'engage"),
        "{fr}"
    );
    let en = text(&all, "en/accessibility.html");
    assert!(en.contains("partially compliant"), "{en}");
    // Publisher, licence and contact in every footer and on the downloads page.
    for path in [
        "fr/index.html",
        "en/actions/IN-B-11.02.html",
        "fr/downloads.html",
    ] {
        let page = text(&all, path);
        assert!(page.contains("Ministère &lt;b&gt;"), "{path}");
        assert!(page.contains("CC-BY-4.0"), "{path}");
        assert!(page.contains("mailto:pan@example.lu"), "{path}");
    }
    // A date that is not one: refused, naming the key.
    f.edit("pan.toml", "2026-06-30", "30/06/2026");
    let o = f.run(&["site", "-o", "other", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("accessibility_date"), "{}", stderr(&o));
    f.edit("pan.toml", "30/06/2026", "2026-06-30");
    f.edit("pan.toml", "\"partial\"", "\"mostly\"");
    let o = f.run(&["site", "-o", "other", "--as-of", AS_OF]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("pan.toml:9") && stderr(&o).contains("`partial`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn public_pages_show_no_internal_words() {
    let f = Fixture::bundled();
    let all = files(&build(&f, "_site", &[]));
    for (path, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = String::from_utf8_lossy(bytes);
        // Text only: links may name files.
        let mut visible = String::new();
        let mut inside = false;
        for c in page.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => visible.push(c),
                _ => {}
            }
        }
        for word in ["pan.toml", "seances-realisees", "<code>"] {
            assert!(!visible.contains(word), "{path}: {word}");
        }
        assert!(!page.contains("<code>"), "{path}: a raw id");
    }
    let home = text(&all, "fr/index.html");
    assert!(
        home.contains("Publié par Ministère de la Digitalisation."),
        "a publisher, not only pan"
    );
}

#[test]
fn every_indicator_with_readings_has_its_csv_linked_from_its_page() {
    let f = Fixture::new();
    let all = files(&build(&f, "_site", &[]));
    let csv = text(&all, "downloads/actions/IN-B-11.02/seances.csv");
    assert!(csv.contains("seances,2024,11"), "{csv}");
    assert!(csv.lines().count() == 2, "{csv}");
    // No reading, no file.
    assert!(!all.contains_key("downloads/actions/IN-B-11.02/participants.csv"));
    let action = text(&all, "fr/actions/IN-B-11.02.html");
    assert!(
        action.contains("href=\"../../downloads/actions/IN-B-11.02/seances.csv\" download"),
        "{action}"
    );
    // The workbook and the data package, linked from home and downloads.
    assert!(all["downloads/status.xlsx"].starts_with(b"PK"));
    let package: serde_json::Value =
        serde_json::from_slice(&all["downloads/datapackage/datapackage.json"]).unwrap();
    assert!(
        package["resources"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    for path in ["fr/index.html", "en/downloads.html"] {
        let page = text(&all, path);
        assert!(page.contains("../downloads/status.xlsx"), "{path}");
        assert!(
            page.contains("../downloads/datapackage/datapackage.json"),
            "{path}"
        );
    }
    // The per-indicator CSV follows the as-of date, as the rest.
    let before = files(&build(&f, "before", &["--as-of", "2026-01-10"]));
    assert!(!before.contains_key("downloads/actions/IN-B-11.02/seances.csv"));
}

const DIMENSIONS: &str = "dimensions:\n  - id: canton\n    label: Canton de résidence\n    values:\n      - id: wiltz\n        label: Wiltz\n      - id: capellen\n        label: Capellen\n  - id: age\n    label: Tranche d'âge\n    values:\n      - id: young\n        label: 16 à 24 ans\n";

#[test]
fn breakdowns_are_announced_and_chosen_without_javascript() {
    let f = Fixture::new();
    f.write("plan/dimensions.yaml", DIMENSIONS);
    f.edit(
        ACTION_PATH,
        "    label: Nombre de participants\n    kind: count\n",
        "    label: Nombre de participants\n    kind: count\n    breakdowns: [canton, age]\n",
    );
    let all = files(&build(&f, "_site", &[]));
    let page = text(&all, "fr/actions/IN-B-11.02.html");
    assert!(
        page.contains(
            "Cet indicateur peut être ventilé par <span>Canton de résidence, Tranche d'âge</span>"
        ),
        "{page}"
    );
    let en = text(&all, "en/actions/IN-B-11.02.html");
    assert!(
        en.contains("This indicator may be broken down by <span lang=\"fr\">Canton"),
        "{en}"
    );
    f.write(
        READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces,canton,age\nparticipants,2025,60,S,,2026-01-15,,wiltz,\nparticipants,2025,30,S,,2026-01-15,,capellen,\nparticipants,2025,7,S,,2026-01-15,,,young\n",
    );
    let all = files(&build(&f, "cells", &[]));
    let page = text(&all, "fr/actions/IN-B-11.02.html");
    assert!(!page.contains("peut être ventilé"));
    // One disclosure per dimension, the first open, and links to choose.
    assert!(
        page.contains("<details class=\"breakdown\" id=\"b-participants-canton\" open>"),
        "{page}"
    );
    assert!(
        page.contains("<details class=\"breakdown\" id=\"b-participants-age\">"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"#b-participants-age\">Tranche d'âge</a>"),
        "{page}"
    );
}

#[test]
fn the_actions_filter_by_lever_ministry_health_and_deadline_without_javascript() {
    let f = Fixture::bundled();
    let all = files(&build(&f, "_site", &[]));
    let actions = text(&all, "fr/actions.html");
    assert!(
        actions.contains("<script src=\"../assets/filter.js\" defer>"),
        "faster with JS"
    );
    assert!(all.contains_key("assets/filter.js"));
    let rows = |page: &str| page.matches("<tr data-lever=").count();
    assert_eq!(rows(&actions), 249);
    for (page, attr, n) in [
        ("select/lever-B.html", "data-lever=\"B\"", 95),
        ("select/health-due.html", "data-health=\"due\"", 43),
        ("select/ministry-MENEJ.html", "data-ministry=\"", 0),
        (
            "select/deadline-in-2026.html",
            "data-deadline=\"in-2026\"",
            0,
        ),
    ] {
        for lang in ["fr", "en"] {
            let p = text(&all, &format!("{lang}/{page}"));
            let total = rows(&p);
            assert!(total > 0, "{lang}/{page}");
            assert_eq!(
                p.matches(attr).count(),
                total.max(n).min(total),
                "{lang}/{page}"
            );
            if n > 0 {
                assert_eq!(total, n, "{lang}/{page}");
            }
            // The current choice is marked, and leads back to all.
            assert!(
                p.contains("aria-current=\"page\" data-value="),
                "{lang}/{page}"
            );
        }
    }
    let menej = text(&all, "fr/select/ministry-MENEJ.html");
    for row in menej.split("<tr data-lever=").skip(1) {
        let ministries = row
            .split("data-ministry=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(ministries.split(' ').any(|m| m == "MENEJ"), "{ministries}");
    }
    // Every choice with actions has its page, linked from the list of all actions.
    let links = actions.matches("href=\"select/").count();
    let pages = all.keys().filter(|k| k.starts_with("fr/select/")).count();
    assert_eq!(links, pages);
}

#[test]
fn each_lever_s_timeline_spans_its_own_years_and_highlights_late_and_due_bars() {
    let f = Fixture::new();
    let all = files(&build(&f, "_site", &[]));
    let page = text(&all, "fr/timeline.html");
    // The action runs 2024–2026: the axis shows those years, not the plan's span only.
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    for y in ["2024", "2025", "2026"] {
        assert!(svg.contains(&format!(">{y}</text>")), "{y}");
    }
    assert!(!svg.contains(">2030</text>"), "{svg}");
    // Due soon: outlined.
    assert!(svg.contains("class=\"task t-other attention\""), "{svg}");
    // Years as published, never days the plan did not give.
    let table = &page[page.find("<table").unwrap()..];
    assert!(table.contains("data-label=\"Début\">2024</td>"), "{table}");
    assert!(table.contains("data-label=\"Fin\">2026</td>"), "{table}");
    assert!(
        !table.contains("2024-01-01") && !table.contains("2026-12-31"),
        "{table}"
    );
    assert!(table.contains("échéance proche"), "{table}");
}

#[test]
fn a_single_reading_is_a_figure_not_a_one_bar_chart() {
    let f = Fixture::new();
    let all = files(&build(&f, "_site", &[]));
    let page = text(&all, "fr/actions/IN-B-11.02.html");
    assert!(!page.contains("class=\"chart bars\""), "{page}");
    assert!(
        page.contains("<p class=\"single\"><strong>11</strong>"),
        "{page}"
    );
    assert!(page.contains("Un seul relevé (2024)"), "{page}");
    // Two readings: a chart.
    f.write(
        READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,R,,2026-01-15,\nseances,2025,14,R,,2026-01-15,\n",
    );
    let all = files(&build(&f, "two", &[]));
    let page = text(&all, "fr/actions/IN-B-11.02.html");
    assert!(page.contains("class=\"chart bars\""), "{page}");
}

#[test]
fn hostile_settings_and_column_headers_stay_text_in_the_new_pages() {
    let f = Fixture::new();
    // A dimension label (a column header, copied into each cell's label) and a contact
    // that try to become markup or a link.
    f.write(
        "plan/dimensions.yaml",
        &DIMENSIONS.replace(
            "Canton de résidence",
            "Canton \\\"><b onclick=x>\"><svg/onload=y>",
        ),
    );
    f.edit(
        ACTION_PATH,
        "    label: Nombre de participants\n    kind: count\n",
        "    label: Nombre de participants\n    kind: count\n    breakdowns: [canton]\n",
    );
    f.write(
        READINGS_PATH,
        "indicator,period,value,source,note,recorded,replaces,canton\nparticipants,2025,60,S,,2026-01-15,,wiltz\n",
    );
    f.write(
        "pan.toml",
        &format!(
            "{}[site]\ncontact = \"javascript:alert(1)//@x\"\naccessibility_contact = \"a@b.lu\\\"><script>z</script>\"\n",
            common::PAN_TOML
        ),
    );
    let all = files(&build(&f, "_site", &[]));
    for (path, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = String::from_utf8_lossy(bytes);
        for bad in [
            "<b onclick",
            "<svg/onload",
            "<script>z",
            "href=\"javascript:",
            "href=\"mailto:a@b.lu\"",
        ] {
            assert!(!page.contains(bad), "{path}: {bad}");
        }
    }
    let action = text(&all, "fr/actions/IN-B-11.02.html");
    assert!(
        action.contains("Canton \\&quot;&gt;&lt;b onclick=x&gt;&quot;&gt;&lt;svg/onload=y&gt;"),
        "{action}"
    );
    let statement = text(&all, "fr/accessibility.html");
    assert!(
        statement.contains("a@b.lu&quot;&gt;&lt;script&gt;z&lt;/script&gt;"),
        "{statement}"
    );
    let js = text(&all, "assets/filter.js");
    assert!(
        !js.contains("innerHTML") && !js.contains("eval("),
        "the filters write text only"
    );
}
