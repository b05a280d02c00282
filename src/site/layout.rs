//! The shell of every page (head with its Content-Security-Policy, skip link, header,
//! navigation, language switcher, footer), the site's URLs, and the small pieces pages
//! share: health badges, tables that scroll on a phone, links to actions.

use maud::{DOCTYPE, Markup, html};

use super::Data;
use crate::config::Lang;
use crate::render::words::{self, SiteWords, Words};
use crate::report::health::Health;
use crate::report::reporting::Reporting;
use crate::report::status::Row;

/// The policy every page declares: nothing but the site's own files, no inline script or
/// style, no plug-in, no other site.
pub const CSP: &str = "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; base-uri 'none'";

/// The file name of a code, an acronym or an id (see [`crate::text::file_slug`]).
pub fn slug(name: &str) -> String {
    crate::text::file_slug(name)
}

/// The page of an action, from the language folder.
pub fn action_url(code: &str) -> String {
    format!("actions/{}.html", slug(code))
}

/// The page of a lever.
pub fn lever_url(code: &str) -> String {
    format!("levers/{}.html", slug(code))
}

/// The page of an objective.
pub fn objective_url(code: &str) -> String {
    format!("objectives/{}.html", slug(code))
}

/// The page of a ministry.
pub fn ministry_url(acronym: &str) -> String {
    format!("ministries/{}.html", slug(acronym))
}

/// Which part of the site a page belongs to (the navigation marks it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The home page.
    Home,
    /// Levers and objectives.
    Levers,
    /// Actions.
    Actions,
    /// Ministries.
    Ministries,
    /// Context indicators.
    Context,
    /// Reporting status.
    Reporting,
    /// Timeline.
    Timeline,
    /// COPIL digest.
    Digest,
    /// Search.
    Search,
    /// Downloads.
    Downloads,
}

/// The kinds of the plan's titles a translation file may translate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Titled {
    /// A lever's title, by lever code.
    Lever,
    /// An objective's title, by objective code.
    Objective,
    /// A context indicator's label, by id.
    Context,
}

/// Where a page is and what it is written in.
pub struct Ctx<'a> {
    /// The language of the interface.
    pub lang: Lang,
    /// The site's words.
    pub w: &'static SiteWords,
    /// The words shared with the digest and report.
    pub words: &'static Words,
    /// The reports.
    pub data: &'a Data<'a>,
    /// The page's path from the language folder (`actions/IN-B-11.02.html`).
    pub path: String,
}

impl<'a> Ctx<'a> {
    /// The context of the page at `path` (from the language folder).
    pub fn new(data: &'a Data<'a>, lang: Lang, path: &str) -> Ctx<'a> {
        Ctx {
            lang,
            w: &words::of(lang).site,
            words: words::of(lang),
            data,
            path: path.to_string(),
        }
    }

    /// How deep the page is below its language folder.
    fn depth(&self) -> usize {
        self.path.matches('/').count()
    }

    /// A link to `target`, a path from the language folder.
    pub fn link(&self, target: &str) -> String {
        format!("{}{target}", "../".repeat(self.depth()))
    }

    /// A link to `target`, a path from the site's root (assets, downloads).
    pub fn root(&self, target: &str) -> String {
        format!("{}../{target}", "../".repeat(self.depth()))
    }

    /// The translation of a title of the plan (lever, objective or context indicator) into
    /// the page's language, if the plan's translations give one.
    pub fn translated(&self, kind: Titled, key: &str) -> Option<&'a str> {
        self.text_lang()?;
        let t = self.data.input.plan.translation(self.lang.code())?;
        let map = match kind {
            Titled::Lever => &t.levers,
            Titled::Objective => &t.objectives,
            Titled::Context => &t.context,
        };
        map.get(key).map(String::as_str)
    }

    /// A title of the plan in the page's language where a translation gives it, else as
    /// published and marked with the plan's language (for screen readers).
    pub fn title(&self, kind: Titled, key: &str, published: &str) -> Markup {
        match self.translated(kind, key) {
            Some(t) => html! { span { (t) } },
            None => html! { span lang=[self.text_lang()] { (published) } },
        }
    }

    /// [`Ctx::title`] as plain text (a page title, a chart's label).
    pub fn title_text(&self, kind: Titled, key: &str, published: &str) -> String {
        self.translated(kind, key).unwrap_or(published).to_string()
    }

    /// The `lang` attribute for the plan's own text on this page: set when the interface
    /// speaks another language than the plan (WCAG 3.1.2, language of parts).
    pub fn text_lang(&self) -> Option<&'static str> {
        let content = self.data.content_lang;
        (content != self.lang).then(|| content.code())
    }

    /// A date, in the page's language.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        words::date(d, self.lang)
    }

    /// A number, in the page's language.
    pub fn number(&self, n: usize) -> String {
        words::number(n as f64, self.lang)
    }
}

/// The first line of a text, shortened at a word boundary to about `max` characters.
pub fn short(text: &str, max: usize) -> String {
    let line = text.split('\n').next().unwrap_or("").trim();
    if line.chars().count() <= max {
        return line.to_string();
    }
    let cut: String = line.chars().take(max).collect();
    let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

/// A capitalised phrase (`en retard` → `En retard`).
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The CSS class of a health.
pub fn health_class(h: Health) -> &'static str {
    match h {
        Health::Late => "h-late",
        Health::Due => "h-due",
        Health::Stale => "h-stale",
        Health::NoData => "h-nodata",
        Health::OnTrack => "h-ontrack",
        Health::Upcoming => "h-upcoming",
        Health::Untrackable => "h-untrackable",
        Health::Done => "h-done",
        Health::Cancelled => "h-cancelled",
    }
}

/// A health as a badge: its word (the colour only repeats it).
pub fn health_badge(h: Health, lang: Lang) -> Markup {
    html! { span class={ "badge " (health_class(h)) } { (words::health(h, lang)) } }
}

/// A table inside a region that scrolls sideways on a narrow screen (reachable by
/// keyboard), with its caption.
pub fn table(id: &str, caption: impl maud::Render, head: Markup, body: Markup) -> Markup {
    let cap = format!("{id}-cap");
    html! {
        div class="table-scroll" role="region" tabindex="0" aria-labelledby=(cap) {
            table id=(id) {
                caption id=(cap) { (caption) }
                thead { (head) }
                tbody { (body) }
            }
        }
    }
}

/// A chart inside a region that scrolls sideways on a narrow screen (reachable by
/// keyboard, named after the chart).
pub fn scroll(ctx: &Ctx, label: &str, chart: Markup) -> Markup {
    let label = format!("{}{} {label}", ctx.w.chart, ctx.words.colon);
    html! {
        div class="chart-scroll" role="region" tabindex="0" aria-label=(label) { (chart) }
    }
}

/// The latest readings of a row, each `value (period) — label`.
pub fn latest_cell(ctx: &Ctx, r: &Row) -> Markup {
    html! {
        @if r.latest.is_empty() {
            span class="muted" { "—" }
        } @else {
            ul class="plain" {
                @for l in &r.latest {
                    li {
                        strong { (words::figure(&l.value, l.kind, ctx.lang)) }
                        " (" (l.period) ") "
                        span class="muted" lang=[ctx.text_lang()] { (short(&l.label, 60)) }
                    }
                }
            }
        }
    }
}

/// The CSS class of a reporting state (its colour and mark).
pub fn reporting_class(r: Reporting) -> &'static str {
    match r {
        Reporting::Overdue(_) => "r-overdue",
        Reporting::Stale => "r-stale",
        Reporting::NoData => "r-nodata",
        Reporting::Current => "r-current",
        Reporting::NotStarted | Reporting::Closed => "r-none",
    }
}

/// A table of actions: code, text, responsible, state, health, calendar, latest readings.
pub fn actions_table(ctx: &Ctx, id: &str, caption: &str, idx: &[usize]) -> Markup {
    let w = ctx.words;
    let rows = &ctx.data.rows;
    let head = html! {
        tr {
            th scope="col" { (w.code) }
            th scope="col" { (w.action) }
            th scope="col" { (w.responsible) }
            th scope="col" { (w.state) }
            th scope="col" { (w.health) }
            th scope="col" { (w.calendar) }
            th scope="col" { (w.latest_reading) }
        }
    };
    let body = html! {
        @for &i in idx {
            @let r = &rows[i];
            tr {
                th scope="row" { a href=(ctx.link(&action_url(&r.code))) { (r.code) } }
                td lang=[ctx.text_lang()] {
                    @if r.action.trim().is_empty() { span class="muted" { (w.no_text) } }
                    @else { (short(&r.action, 140)) }
                }
                td { (r.responsible.join(", ")) }
                td { (words::state_filter(r.state, ctx.lang)) }
                td { (health_badge(r.assessment.health, ctx.lang)) }
                td lang=[ctx.text_lang()] { (r.calendar) }
                td { (latest_cell(ctx, r)) }
            }
        }
    };
    if idx.is_empty() {
        return html! { p { (ctx.w.no_action) } };
    }
    table(id, caption, head, body)
}

/// The navigation entries: section, title, path.
fn nav(w: &SiteWords) -> [(Section, &'static str, &'static str); 10] {
    [
        (Section::Home, w.home, "index.html"),
        (Section::Levers, w.levers, "levers.html"),
        (Section::Actions, w.all_actions, "actions.html"),
        (Section::Ministries, w.ministries, "ministries.html"),
        (Section::Context, w.context, "context.html"),
        (Section::Reporting, w.reporting, "reporting.html"),
        (Section::Timeline, w.timeline, "timeline.html"),
        (Section::Digest, w.digest, "digest.html"),
        (Section::Search, w.search, "search.html"),
        (Section::Downloads, w.downloads, "downloads.html"),
    ]
}

/// What a page says about itself.
pub struct Shell<'s> {
    /// Its title (the `h1` and the start of `<title>`).
    pub title: &'s str,
    /// Its part of the site.
    pub section: Section,
    /// The pages above it: title and path from the language folder.
    pub crumbs: Vec<(String, String)>,
    /// Scripts to load, paths from the site's root (only the search page has any).
    pub scripts: Vec<String>,
    /// Whether the page's title is plan text (an objective's title, an action's code…).
    pub title_is_text: bool,
}

/// A whole page: the shell around `body`.
pub fn page(ctx: &Ctx, shell: &Shell, body: Markup) -> String {
    let w = ctx.w;
    let data = ctx.data;
    // Every other language, each with the same page in it.
    let others: Vec<(&str, String, &str)> = Lang::ALL
        .into_iter()
        .filter(|l| *l != ctx.lang)
        .map(|l| {
            let code = l.code();
            (
                code,
                ctx.root(&format!("{code}/{}", ctx.path)),
                words::of(l).name,
            )
        })
        .collect();
    let full_title = if shell.section == Section::Home {
        data.name.clone()
    } else {
        format!("{} — {}", shell.title, data.name)
    };
    let markup = html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("pan ", env!("CARGO_PKG_VERSION")));
                title { (full_title) }
                link rel="icon" href=(ctx.root(&data.icon_file));
                link rel="stylesheet" href=(ctx.root("assets/pan.css"));
                @if data.input.theme.style.is_some() {
                    link rel="stylesheet" href=(ctx.root("assets/custom.css"));
                }
                @for (code, href, _) in &others {
                    link rel="alternate" hreflang=(code) href=(href);
                }
                @for s in &shell.scripts {
                    script src=(ctx.root(s)) defer {}
                }
            }
            body {
                a class="skip" href="#main" { (w.skip) }
                header class="site" {
                    div class="bar" {
                        a class="brand" href=(ctx.link("index.html")) {
                            @if let Some(logo) = &data.logo_file {
                                img src=(ctx.root(logo)) alt="" height="40";
                            }
                            span lang=[ctx.text_lang()] { (data.name) }
                        }
                        div class="tools" {
                            @if shell.section != Section::Search {
                                form class="search" role="search" action=(ctx.link("search.html")) method="get" {
                                    label for="site-q" class="visually-hidden" { (w.search_label) }
                                    input id="site-q" name="q" type="search" placeholder=(w.search);
                                    button type="submit" { (w.search) }
                                }
                            }
                            @for (code, href, name) in &others {
                                a class="lang" href=(href) hreflang=(code) lang=(code) {
                                    span class="visually-hidden" { (w.language) (ctx.words.colon) " " }
                                    (name)
                                }
                            }
                        }
                    }
                    nav class="main" aria-label=(w.navigation) {
                        ul {
                            @for (section, title, href) in nav(w) {
                                li {
                                    @if section == shell.section {
                                        a href=(ctx.link(href)) aria-current="page" { (title) }
                                    } @else {
                                        a href=(ctx.link(href)) { (title) }
                                    }
                                }
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" {
                    @if !shell.crumbs.is_empty() {
                        nav class="crumbs" aria-label=(w.breadcrumb) {
                            ol {
                                @for (title, href) in &shell.crumbs {
                                    li { a href=(ctx.link(href)) { (title) } }
                                }
                                li aria-current="page" { (shell.title) }
                            }
                        }
                    }
                    @if shell.title_is_text {
                        h1 lang=[ctx.text_lang()] { (shell.title) }
                    } @else {
                        h1 { (shell.title) }
                    }
                    (body)
                }
                footer class="site" {
                    p { (words::fill(w.footer, &[env!("CARGO_PKG_VERSION").to_string(), ctx.date(data.input.as_of)])) }
                    @if !w.content_note.is_empty() {
                        p { (w.content_note) }
                    }
                    @if let Some(t) = data.input.plan.translation(ctx.lang.code()).filter(|_| ctx.text_lang().is_some()) {
                        p { (words::fill(w.translated, &[t.by.clone().unwrap_or_else(|| w.translated_by.into())])) }
                    }
                    p {
                        a href=(ctx.link("downloads.html")) { (w.downloads) }
                        " · "
                        a href=(ctx.link("search.html")) { (w.search) }
                    }
                }
            }
        }
    };
    let mut s = markup.into_string();
    if ctx.words.spaced_punctuation {
        s = spaced_punctuation(&s);
    }
    s.push('\n');
    s
}

/// French spacing in a page's text (never in its tags, scripts or styles): the ordinary
/// space before « : ; ? ! % » and « » » and after « « » becomes a no-break space, so that
/// a line never starts with the mark. Only the kind of space changes.
pub fn spaced_punctuation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut raw_until: Option<&str> = None;
    let mut prev = '\0';
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        if let Some(end) = raw_until {
            if rest.starts_with(end) {
                raw_until = None;
                in_tag = true;
            }
            out.push(c);
        } else if in_tag {
            in_tag = c != '>';
            out.push(c);
        } else if c == '<' {
            in_tag = true;
            for (open, close) in [("<script", "</script"), ("<style", "</style")] {
                if rest.starts_with(open) {
                    raw_until = Some(close);
                }
            }
            out.push(c);
        } else if c == ' ' {
            let next = rest[len..].chars().next().unwrap_or('\0');
            let before_mark = matches!(next, ':' | ';' | '?' | '!' | '%' | '»')
                && !prev.is_whitespace()
                && prev != '>';
            out.push(if before_mark || prev == '«' {
                '\u{a0}'
            } else {
                ' '
            });
        } else {
            out.push(c);
        }
        prev = c;
        rest = &rest[len..];
    }
    out
}

/// The root page: a choice of language (and a redirect to the plan's own).
pub fn root_index(data: &Data) -> String {
    let first = data.content_lang.code();
    let choose = words::of(data.content_lang).site.choose_language;
    let markup = html! {
        (DOCTYPE)
        html lang=(first) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="refresh" content={ "0; url=" (first) "/index.html" };
                title { (data.name) }
                link rel="icon" href=(data.icon_file);
                link rel="stylesheet" href="assets/pan.css";
            }
            body {
                main id="main" class="choose" {
                    h1 { (data.name) }
                    nav aria-label=(choose) {
                        ul class="plain" {
                            @for l in Lang::ALL {
                                li {
                                    a href={ (l.code()) "/index.html" } hreflang=(l.code()) lang=(l.code()) {
                                        (words::of(l).site.home) " — " (words::of(l).name)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let mut s = markup.into_string();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_codes_and_never_leave_their_folder() {
        assert_eq!(slug("IN-B-11.02"), "IN-B-11.02");
        assert_eq!(slug("ME-HCPN-ANSSI"), "ME-HCPN-ANSSI");
        assert_eq!(slug("../x"), "_2e_._2f_x");
        assert_eq!(slug("a/b"), "a_2f_b");
        assert_eq!(slug("a_b"), "a_5f_b");
        assert_eq!(slug(""), "_");
        assert_ne!(slug("a b"), slug("a_20_b"));
        for s in ["<x>", "\"q\"", "é", ".hidden", "a\\b"] {
            let out = slug(s);
            assert!(
                out.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c))
                    && !out.starts_with('.'),
                "{s} → {out}"
            );
        }
    }

    #[test]
    fn short_titles_cut_at_a_word() {
        assert_eq!(
            short("Organiser des rencontres mensuelles", 20),
            "Organiser des…"
        );
        assert_eq!(short("court", 20), "court");
        assert_eq!(short("ligne un\nligne deux", 40), "ligne un");
    }
}
