//! The accessibility statement the EU Web Accessibility Directive (2016/2102) requires of
//! public bodies, in the structure of its model statement (Implementing Decision
//! 2018/1523): compliance status, non-accessible content, preparation, feedback and
//! contact, enforcement. Its facts come from `[site]` in `pan.toml`; nothing is claimed
//! that the settings do not say (an unassessed site says it is unassessed).

use maud::html;

use super::Data;
use super::layout::{self, Ctx, STATEMENT, Section, Shell};
use crate::config::Accessibility;
use crate::config::Lang;
use crate::render::words;

/// The accessibility statement.
pub fn page(data: &Data, lang: Lang) -> (String, String) {
    let ctx = Ctx::new(data, lang, STATEMENT);
    let w = ctx.w;
    let settings = data.input.settings;
    let site = &settings.site;
    let publisher = settings
        .plan
        .publisher
        .clone()
        .unwrap_or_else(|| w.the_publisher.to_string());
    let status = match site.accessibility {
        Accessibility::Full => w.a11y_full,
        Accessibility::Partial => w.a11y_partial,
        Accessibility::NotCompliant => w.a11y_not_compliant,
        Accessibility::NotAssessed => w.a11y_not_assessed,
    };
    let date = site
        .accessibility_date
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let contact = site
        .accessibility_contact
        .as_ref()
        .or(site.contact.as_ref());
    let intro = words::fill(w.a11y_intro, &[publisher, data.name.clone()]);
    let body = html! {
        p { (intro) }
        section {
            h2 id="status" { (w.a11y_status_title) }
            p { (status) }
            p { (w.a11y_checks) }
        }
        section {
            h2 id="issues" { (w.a11y_issues_title) }
            @if site.accessibility_issues.is_empty() {
                p { (w.a11y_no_issues) }
            } @else {
                ul lang=[ctx.text_lang()] {
                    @for i in &site.accessibility_issues { li { (i) } }
                }
            }
        }
        section {
            h2 id="prepared" { (w.a11y_prepared_title) }
            @if let Some(d) = date {
                p { (words::fill(w.a11y_prepared, &[ctx.date(d)])) }
            } @else {
                p { (w.a11y_not_dated) }
            }
        }
        section {
            h2 id="feedback" { (w.a11y_feedback_title) }
            @if let Some(c) = contact {
                p { (w.a11y_feedback) " " (layout::contact(c)) }
            } @else {
                p { (w.a11y_no_contact) }
            }
        }
        section {
            h2 id="enforcement" { (w.a11y_enforcement_title) }
            p { (w.a11y_enforcement) }
        }
    };
    let shell = Shell {
        title: w.accessibility,
        section: Section::About,
        crumbs: vec![(w.home.to_string(), "index.html".to_string())],
        scripts: vec![],
        title_is_text: false,
    };
    (STATEMENT.to_string(), layout::page(&ctx, &shell, body))
}
