//! `[site]` of `pan.toml`: how `pan site` looks, and the rules that keep it readable —
//! among them WCAG 2's contrast ratio, computed here because it is the settings that
//! refuse a colour too light (with its line), before any page is built.

use std::path::PathBuf;

use serde::Deserialize;

use super::SettingsError;
use super::limits;

/// `[site]`: how `pan site` looks — its name, logo, colours and an extra style sheet —
/// so that a government can publish the plan in its own colours without changing `pan`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// The site's name in its header and titles (default: the plan's title).
    #[serde(default)]
    pub name: Option<String>,
    /// A logo shown beside the name: an SVG, PNG, JPEG or WebP file inside the repository.
    #[serde(default)]
    pub logo: Option<PathBuf>,
    /// A style sheet inside the repository, loaded after pan's own (its rules win).
    #[serde(default)]
    pub style: Option<PathBuf>,
    /// Colour of the header band and of buttons (`#rrggbb`); white text on it must reach
    /// a contrast of 4.5:1 (WCAG AA).
    #[serde(default = "default_primary")]
    pub primary: String,
    /// Colour of links (`#rrggbb`); it must reach 4.5:1 against white.
    #[serde(default = "default_link")]
    pub link: String,
    /// How the public reaches the publisher (an e-mail address, a web address or a postal
    /// line), in every footer and on the downloads page.
    #[serde(default)]
    pub contact: Option<String>,
    /// The site's conformance with EN 301 549 / WCAG 2.1 AA as the publisher assessed it,
    /// for the accessibility statement the EU Web Accessibility Directive requires.
    #[serde(default)]
    pub accessibility: Accessibility,
    /// The day the accessibility statement was prepared (`YYYY-MM-DD`).
    #[serde(default)]
    pub accessibility_date: Option<String>,
    /// Where to report an accessibility problem (default: `contact`).
    #[serde(default)]
    pub accessibility_contact: Option<String>,
    /// Content known not to be accessible, one sentence each, as the statement lists it.
    #[serde(default)]
    pub accessibility_issues: Vec<String>,
}

/// A site's conformance with the accessibility standard (the EU model statement's
/// three statuses, and the state before any assessment).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Accessibility {
    /// Not assessed yet (the default): the statement says so.
    #[default]
    NotAssessed,
    /// Fully compliant.
    Full,
    /// Partially compliant (the known issues say where).
    Partial,
    /// Not compliant.
    NotCompliant,
}

fn default_primary() -> String {
    "#1d3c64".into()
}

fn default_link() -> String {
    "#0b5394".into()
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            name: None,
            logo: None,
            style: None,
            primary: default_primary(),
            link: default_link(),
            contact: None,
            accessibility: Accessibility::NotAssessed,
            accessibility_date: None,
            accessibility_contact: None,
            accessibility_issues: Vec::new(),
        }
    }
}

/// The file extensions a site logo may have.
pub const LOGO_EXTENSIONS: [&str; 5] = ["svg", "png", "jpg", "jpeg", "webp"];

impl SiteSettings {
    /// A short name, files inside the repository of the right kind, colours that keep
    /// the site readable (WCAG AA contrast); `invalid` makes the error of a key.
    pub(super) fn check(
        &self,
        invalid: &dyn Fn(&str, String, &str) -> SettingsError,
    ) -> Result<(), SettingsError> {
        let site = self;
        if let Some(name) = &site.name
            && (name.trim().is_empty()
                || name.chars().count() > limits::SITE_NAME_CHARS
                || name.chars().any(char::is_control))
        {
            return Err(invalid(
                "name =",
                format!(
                    "[site] name must be 1–{} characters on one line",
                    limits::SITE_NAME_CHARS
                ),
                "give a short name, e.g. name = \"Tableau de bord du PAN\"",
            ));
        }
        for (key, value) in [
            ("contact =", &site.contact),
            ("accessibility_contact =", &site.accessibility_contact),
        ] {
            if let Some(v) = value
                && (v.trim().is_empty()
                    || v.chars().count() > limits::SITE_NAME_CHARS
                    || v.chars().any(char::is_control))
            {
                return Err(invalid(
                    key,
                    format!(
                        "[site] {key} must be 1–{} characters on one line",
                        limits::SITE_NAME_CHARS
                    ),
                    "give an address the public can write to, e.g. contact = \"pan@example.lu\"",
                ));
            }
        }
        for issue in &site.accessibility_issues {
            if issue.trim().is_empty()
                || issue.chars().count() > limits::SITE_ISSUE_CHARS
                || issue.chars().any(char::is_control)
            {
                return Err(invalid(
                    "accessibility_issues",
                    format!(
                        "[site] accessibility_issues: each must be 1–{} characters on one line",
                        limits::SITE_ISSUE_CHARS
                    ),
                    "describe each inaccessible content in one sentence",
                ));
            }
        }
        if let Some(d) = &site.accessibility_date
            && d.parse::<jiff::civil::Date>().is_err()
        {
            return Err(invalid(
                "accessibility_date",
                format!("[site] accessibility_date `{d}` is not a date"),
                "write the day the statement was prepared as YYYY-MM-DD, e.g. \"2026-06-30\"",
            ));
        }
        for (key, path, extensions) in [
            ("logo =", &site.logo, &LOGO_EXTENSIONS[..]),
            ("style =", &site.style, &["css"][..]),
        ] {
            let Some(p) = path else { continue };
            let inside = p.components().all(|c| {
                matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
            if !inside || p.as_os_str().is_empty() {
                return Err(invalid(
                    key,
                    format!(
                        "[site] {key} \"{}\" leads outside the repository",
                        p.display()
                    ),
                    "give a file inside the repository, relative to pan.toml, e.g. logo = \"site/logo.svg\"",
                ));
            }
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if !extensions.contains(&ext.as_str()) {
                return Err(invalid(
                    key,
                    format!(
                        "[site] {key} \"{}\" is not a .{} file",
                        p.display(),
                        extensions.join(", .")
                    ),
                    "name a file with one of these extensions",
                ));
            }
        }
        for (key, value, what) in [
            ("primary =", &site.primary, "white text on it"),
            ("link =", &site.link, "it on white"),
        ] {
            let Some(c) = rgb(value) else {
                return Err(invalid(
                    key,
                    format!("[site] {key} \"{value}\" is not a colour"),
                    "write a colour as #rrggbb, e.g. \"#1d3c64\"",
                ));
            };
            let ratio = contrast_with_white(c);
            if ratio < 4.5 {
                return Err(invalid(
                    key,
                    format!(
                        "[site] {key} \"{value}\" is too light: {what} has a contrast of {ratio:.1}:1, and the site must reach 4.5:1 (WCAG AA)"
                    ),
                    "choose a darker colour",
                ));
            }
        }
        Ok(())
    }
}

/// The colour of `#rrggbb` as red, green and blue.
fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((c(0)?, c(2)?, c(4)?))
}

/// The contrast ratio of a colour against white, as WCAG 2 defines it (1 to 21).
fn contrast_with_white(c: (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
    1.05 / (l + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_colours_reach_wcag_aa() {
        let s = SiteSettings::default();
        for c in [&s.primary, &s.link] {
            let ratio = contrast_with_white(rgb(c).unwrap());
            assert!(ratio >= 4.5, "{c}: {ratio}");
        }
    }

    #[test]
    fn contrast_meets_wcag_s_reference_points() {
        assert!((contrast_with_white((0, 0, 0)) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white((255, 255, 255)) - 1.0).abs() < 1e-9);
        assert!((contrast_with_white((0x76, 0x76, 0x76)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn only_six_hex_digits_make_a_colour() {
        assert_eq!(rgb("#1d3c64"), Some((0x1d, 0x3c, 0x64)));
        for bad in ["1d3c64", "#1d3c6", "#1d3c645", "#1d3c6g", "blue", "#ÿÿÿ"] {
            assert_eq!(rgb(bad), None, "{bad}");
        }
    }
}
