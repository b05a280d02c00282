//! Settings of a plan repository (`pan.toml`) and how `pan` finds them.

pub mod limits;
mod site;

pub use site::{Accessibility, LOGO_EXTENSIONS, SiteSettings};

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::model::{CodeFormat, Frequency};

/// The name of the settings file that marks a plan repository's root.
pub const SETTINGS_FILE: &str = "pan.toml";

/// The language reports are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the plan's language.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language pan writes, the plan's first (the site is built in each).
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The language of pan's own interface: terminal text, help, and the phrases of JSON
    /// and CSV (which programs read, so they do not change with the plan's language).
    pub const INTERFACE: Lang = Lang::En;

    /// The language's code, as in `pan.toml`, `lang` attributes and the site's folders.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language's code in the EU's authority table of languages (ISO 639-3, upper
    /// case), as DCAT-AP names a dataset's language.
    pub fn eu_code(self) -> &'static str {
        match self {
            Lang::Fr => "FRA",
            Lang::En => "ENG",
        }
    }
}

/// `[plan]`: what the plan is.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// The plan's title, as published.
    pub title: String,
    /// First year of the plan period.
    pub start: i16,
    /// Last year of the plan period.
    pub end: i16,
    /// Language of reports (`fr` or `en`).
    #[serde(default)]
    pub language: Lang,
    /// How action codes are written; `IN-{lever}-{objective}.{number:02}` when absent.
    #[serde(default)]
    pub code_format: Option<String>,
    /// How objective codes are written; derived from the code format when absent.
    #[serde(default)]
    pub objective_format: Option<String>,
    /// The licence the plan's data is published under, as an SPDX identifier
    /// (`CC-BY-4.0`), for the open-data package.
    #[serde(default)]
    pub licence: Option<String>,
    /// Who publishes the plan (a ministry), for the open-data package.
    #[serde(default)]
    pub publisher: Option<String>,
    /// The address of the published plan document, for the open-data package.
    #[serde(default)]
    pub source: Option<String>,
    /// Where the open-data package is published (the folder's address), so that its
    /// DCAT description names its files by absolute addresses.
    #[serde(default)]
    pub data_url: Option<String>,
    /// The formats above, read (set when the settings are parsed).
    #[serde(skip, default = "default_codes")]
    pub codes: &'static CodeFormat,
}

fn default_codes() -> &'static CodeFormat {
    &crate::model::code::DEFAULT
}

/// `[paths]`: where the plan and its readings live, relative to the root.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paths {
    /// Folder of the plan's YAML files.
    #[serde(default = "default_plan_dir")]
    pub plan: PathBuf,
    /// Folder of the readings' CSV files.
    #[serde(default = "default_indicators_dir")]
    pub indicators: PathBuf,
}

fn default_plan_dir() -> PathBuf {
    PathBuf::from("plan")
}

fn default_indicators_dir() -> PathBuf {
    PathBuf::from("indicators")
}

impl Paths {
    /// The plan folder, relative to the root, `/`-separated, without `.` parts.
    pub fn plan_str(&self) -> String {
        normalise(&self.plan)
    }

    /// The indicators folder, relative to the root, `/`-separated, without `.` parts.
    pub fn indicators_str(&self) -> String {
        normalise(&self.indicators)
    }
}

/// A relative path as `pan` names it: `/`-separated, `.` parts and trailing slashes gone
/// (`./plan/` is `plan`).
fn normalise(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            plan: default_plan_dir(),
            indicators: default_indicators_dir(),
        }
    }
}

/// `[health]`: thresholds of derived health.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthSettings {
    /// An action is `due` when its deadline is within this many days (it is always due in
    /// the year its calendar ends).
    #[serde(default = "default_due_within")]
    pub due_within_days: u32,
    /// An action is `stale` when its latest reading was recorded for a period that ended
    /// more than this many days ago.
    #[serde(default = "default_stale_after")]
    pub stale_after_days: u32,
}

fn default_due_within() -> u32 {
    90
}

fn default_stale_after() -> u32 {
    400
}

impl Default for HealthSettings {
    fn default() -> Self {
        HealthSettings {
            due_within_days: default_due_within(),
            stale_after_days: default_stale_after(),
        }
    }
}

/// `[copil]`: the steering committee's meetings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopilSettings {
    /// Meeting dates (YYYY-MM-DD); the digest covers the time since the previous one.
    #[serde(default)]
    pub meetings: Vec<String>,
}

/// One accepted problem: a rule, optionally limited to one action, with the reason.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule code or name (`P005` or `no-responsible`).
    pub rule: String,
    /// The line of `pan.toml` the entry is on (for diagnostics about the entry itself).
    #[serde(skip)]
    pub line: u32,
    /// Limit the allowance to this action code (all actions when absent).
    #[serde(default)]
    pub action: Option<String>,
    /// Limit the allowance to this file (relative to the root, `/`-separated).
    #[serde(default)]
    pub file: Option<String>,
    /// Why the problem is accepted.
    pub reason: String,
}

/// `[validate]`: what `pan validate` accepts knowingly.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateSettings {
    /// Problems that are reported but do not fail the check.
    #[serde(default)]
    pub allow: Vec<Allow>,
}

/// `[limits]`: bounds against runaway input.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Most files read under the plan and indicators folders.
    #[serde(default = "default_max_files")]
    pub max_files: usize,
}

fn default_max_files() -> usize {
    limits::FILES
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_files: default_max_files(),
        }
    }
}

/// `[readings]`: how readings are gathered.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingsSettings {
    /// Who a focal point sends a filled-in workbook back to (a name, a team, an e-mail
    /// address), said on the template's instructions sheet.
    #[serde(default)]
    pub send_to: Option<String>,
    /// How often every indicator is expected to be measured unless it says otherwise
    /// (`year`, `half-year`, `quarter`, `month`, `once`); without it, only indicators
    /// with their own `every:` are ever owed.
    #[serde(default)]
    pub every: Option<String>,
    /// Days after a period ends before its figure is late (its due date).
    #[serde(default)]
    pub grace_days: u32,
    /// `pan due` lists figures whose due date falls within this many days after the as-of
    /// date ("due soon"), besides the late ones.
    #[serde(default = "default_readings_due_within")]
    pub due_within_days: u32,
}

fn default_readings_due_within() -> u32 {
    30
}

impl ReadingsSettings {
    /// The plan-wide reporting frequency (checked when the settings are read).
    pub fn frequency(&self) -> Option<Frequency> {
        self.every.as_deref().and_then(Frequency::parse)
    }
}

/// The whole `pan.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `[plan]`
    pub plan: PlanSettings,
    /// `[paths]`
    #[serde(default)]
    pub paths: Paths,
    /// `[health]`
    #[serde(default)]
    pub health: HealthSettings,
    /// `[copil]`
    #[serde(default)]
    pub copil: CopilSettings,
    /// `[validate]`
    #[serde(default)]
    pub validate: ValidateSettings,
    /// `[limits]`
    #[serde(default)]
    pub limits: Limits,
    /// `[site]`
    #[serde(default)]
    pub site: SiteSettings,
    /// `[readings]`
    #[serde(default)]
    pub readings: ReadingsSettings,
}

/// A problem with the settings, naming the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// No `pan.toml` here or above.
    #[error(
        "no {SETTINGS_FILE} found in {} or any parent folder\n  \
         hint: run pan inside a plan repository, or pass --root DIR (or set PAN_ROOT)",
        .0.display()
    )]
    NotFound(PathBuf),
    /// `--root` names a folder without `pan.toml`.
    #[error("{} has no {SETTINGS_FILE}\n  hint: --root (or PAN_ROOT) must name the folder that holds {SETTINGS_FILE}", .0.display())]
    NoSettingsInRoot(PathBuf),
    /// The file cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("{}:{line}:{column}: {message}\n  hint: {hint}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
}

/// A plan repository: its root folder and settings.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The folder holding `pan.toml`.
    pub root: PathBuf,
    /// The parsed settings.
    pub settings: Settings,
}

impl Settings {
    /// Parse settings from the text of a `pan.toml` (`path` is used in messages).
    pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            SettingsError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message: plain_words(e.message().trim()),
                hint: "see the settings reference in the README (section pan.toml)".into(),
            }
        })?;
        let mut settings = settings;
        settings.plan.codes = settings.read_codes(text, path)?;
        settings.check(text, path)?;
        settings.locate_allowances(text);
        Ok(settings)
    }

    fn read_codes(&self, text: &str, path: &Path) -> Result<&'static CodeFormat, SettingsError> {
        let p = &self.plan;
        if p.code_format.is_none() && p.objective_format.is_none() {
            return Ok(default_codes());
        }
        let code = p
            .code_format
            .as_deref()
            .unwrap_or(crate::model::code::DEFAULT.code_format());
        let invalid = |key: &str, e: crate::model::code::FormatError| {
            let (line, column) = line_col(text, key_offset(text, key));
            SettingsError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message: format!("[plan] {key}: {e}"),
                hint: "see \"Code formats\" in the README, e.g. code_format = \"IN-{lever}-{objective}.{number:02}\" or \"{lever:1}.{objective}.{number}\"".into(),
            }
        };
        CodeFormat::new(code, None).map_err(|e| invalid("code_format", e))?;
        CodeFormat::new(code, p.objective_format.as_deref())
            .map(CodeFormat::leak)
            .map_err(|e| invalid("objective_format", e))
    }

    /// `[paths]`: two folders inside the repository, apart from each other.
    fn check_paths(
        &self,
        invalid: &dyn Fn(&str, String, &str) -> SettingsError,
    ) -> Result<(), SettingsError> {
        for (key, p) in [
            ("plan =", &self.paths.plan),
            ("indicators =", &self.paths.indicators),
        ] {
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
                        "[paths] {key} \"{}\" leads outside the repository",
                        p.display()
                    ),
                    "give a folder inside the repository, relative to pan.toml, e.g. plan = \"plan\"",
                ));
            }
        }
        // The two folders apart: neither the other, nor inside it (compared without case,
        // as macOS and Windows compare names), nor the repository's root itself.
        let folded = |p: &Path| -> Vec<String> {
            p.components()
                .filter(|c| matches!(c, std::path::Component::Normal(_)))
                .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
                .collect()
        };
        let (plan, indicators) = (folded(&self.paths.plan), folded(&self.paths.indicators));
        for (key, p) in [("plan =", &plan), ("indicators =", &indicators)] {
            if p.is_empty() {
                return Err(invalid(
                    key,
                    format!("[paths] {key} \".\" is the repository itself"),
                    "give a folder of its own, relative to pan.toml, e.g. plan = \"plan\", indicators = \"indicators\"",
                ));
            }
        }
        if plan.starts_with(&indicators) || indicators.starts_with(&plan) {
            return Err(invalid(
                "indicators =",
                format!(
                    "[paths] plan \"{}\" and indicators \"{}\" are the same folder, or one holds the other",
                    self.paths.plan.display(),
                    self.paths.indicators.display()
                ),
                "give two folders apart, e.g. plan = \"plan\", indicators = \"indicators\"",
            ));
        }
        Ok(())
    }

    fn check(&self, text: &str, path: &Path) -> Result<(), SettingsError> {
        let invalid = |key: &str, message: String, hint: &str| {
            let offset = key_offset(text, key);
            let (line, column) = line_col(text, offset);
            SettingsError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
                hint: hint.to_string(),
            }
        };
        if !(1000..=9999).contains(&self.plan.start)
            || self.plan.end < self.plan.start
            || self.plan.end > 9999
        {
            return Err(invalid(
                "end",
                format!(
                    "the plan period {}–{} is not valid",
                    self.plan.start, self.plan.end
                ),
                "set [plan] start and end to years, start <= end, e.g. start = 2026, end = 2030",
            ));
        }
        self.check_paths(&invalid)?;
        for (section, key, days) in [
            ("health", "due_within_days", self.health.due_within_days),
            ("health", "stale_after_days", self.health.stale_after_days),
            ("readings", "grace_days", self.readings.grace_days),
            ("readings", "due_within_days", self.readings.due_within_days),
        ] {
            if days > limits::DAYS {
                return Err(invalid(
                    key,
                    format!(
                        "[{section}] {key} = {days} is more than {} days (100 years)",
                        limits::DAYS
                    ),
                    "give a number of days such as 90 or 400",
                ));
            }
        }
        if self.limits.max_files == 0 || self.limits.max_files > limits::FILES_CEILING {
            return Err(invalid(
                "max_files",
                format!(
                    "[limits] max_files = {} is outside 1–{}",
                    self.limits.max_files,
                    limits::FILES_CEILING
                ),
                "give a number of files such as 1000000 (the default)",
            ));
        }
        if let Some(l) = &self.plan.licence
            && (l.is_empty()
                || !l
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+')))
        {
            return Err(invalid(
                "licence",
                format!("[plan] licence \"{l}\" is not an SPDX identifier"),
                "write the licence's SPDX identifier, e.g. licence = \"CC-BY-4.0\" or \"CC0-1.0\"",
            ));
        }
        for (key, url) in [
            ("data_url", &self.plan.data_url),
            ("source", &self.plan.source),
        ] {
            if let Some(u) = url
                && !(u.starts_with("https://") || u.starts_with("http://"))
            {
                return Err(invalid(
                    key,
                    format!("[plan] {key} \"{u}\" is not a web address"),
                    "give an address starting with https://",
                ));
            }
        }
        self.site.check(&invalid)?;
        if let Some(to) = &self.readings.send_to
            && (to.trim().is_empty()
                || to.chars().count() > limits::SEND_TO_CHARS
                || to.chars().any(char::is_control))
        {
            return Err(invalid(
                "send_to",
                format!(
                    "[readings] send_to must be 1–{} characters on one line",
                    limits::SEND_TO_CHARS
                ),
                "say who receives the filled-in workbooks, e.g. send_to = \"Cellule PAN, pan@example.lu\"",
            ));
        }
        if let Some(every) = &self.readings.every
            && Frequency::parse(every).is_none()
        {
            let allowed: Vec<&str> = Frequency::ALL.iter().map(|f| f.as_str()).collect();
            return Err(invalid(
                "every",
                format!("[readings] every = \"{every}\" is not a reporting frequency"),
                &format!("write one of {}, e.g. every = \"year\"", allowed.join(", ")),
            ));
        }
        for m in &self.copil.meetings {
            if m.parse::<Date>().is_err() {
                return Err(invalid(
                    m,
                    format!("COPIL meeting date `{m}` is not a date"),
                    "write dates as YYYY-MM-DD, e.g. \"2026-06-30\"",
                ));
            }
        }
        Ok(())
    }

    /// Find the line of each `[validate] allow` entry: the n-th `rule =` after `allow`.
    fn locate_allowances(&mut self, text: &str) {
        let start = text.find("allow").unwrap_or(0);
        let start_line = crate::model::index32(line_col(text, start).0);
        // Lines counted as the search moves on, never again from the start of the file
        // (40,000 entries used to count 40,000 times).
        let mut from = start;
        let mut line = start_line;
        for a in &mut self.validate.allow {
            match text[from..].find("rule") {
                Some(i) => {
                    let at = from + i;
                    line = line.saturating_add(crate::model::index32(
                        text[from..at].matches('\n').count(),
                    ));
                    a.line = line;
                    from = at + 4;
                }
                None => a.line = start_line,
            }
        }
    }

    /// The first day of the plan period.
    pub fn period_start(&self) -> Date {
        Date::new(self.plan.start, 1, 1).unwrap_or(Date::MIN)
    }

    /// The last day of the plan period.
    pub fn period_end(&self) -> Date {
        Date::new(self.plan.end, 12, 31).unwrap_or(Date::MAX)
    }

    /// COPIL meeting dates, sorted.
    pub fn copil_dates(&self) -> Vec<Date> {
        let mut v: Vec<Date> = self
            .copil
            .meetings
            .iter()
            .filter_map(|m| m.parse().ok())
            .collect();
        v.sort();
        v
    }
}

/// Where `key` is set in `text`: the first line that starts with it (comments mentioning
/// it are skipped), or its first occurrence.
fn key_offset(text: &str, key: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(key) {
            return at + (line.len() - trimmed.len());
        }
        at += line.len();
    }
    text.find(key).unwrap_or(0)
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

impl Repo {
    /// Find the repository: `root` when given (from `--root` or `PAN_ROOT`), otherwise the
    /// nearest folder at or above `cwd` holding `pan.toml`.
    pub fn discover(root: Option<&Path>, cwd: &Path) -> Result<Repo, SettingsError> {
        let dir = match root {
            Some(r) => {
                let r = if r.is_absolute() {
                    r.to_path_buf()
                } else {
                    cwd.join(r)
                };
                if !std::fs::symlink_metadata(r.join(SETTINGS_FILE)).is_ok_and(|m| m.is_file()) {
                    return Err(SettingsError::NoSettingsInRoot(r));
                }
                r
            }
            None => cwd
                .ancestors()
                .find(|d| {
                    std::fs::symlink_metadata(d.join(SETTINGS_FILE)).is_ok_and(|m| m.is_file())
                })
                .map(Path::to_path_buf)
                .ok_or_else(|| SettingsError::NotFound(cwd.to_path_buf()))?,
        };
        Repo::open(&dir)
    }

    /// Open the repository whose root is `dir`.
    pub fn open(dir: &Path) -> Result<Repo, SettingsError> {
        let path = dir.join(SETTINGS_FILE);
        let bytes = crate::files::read(&path, limits::SETTINGS_FILE_BYTES, false).map_err(|e| {
            SettingsError::Read {
                path: path.clone(),
                source: std::io::Error::other(e.to_string()),
            }
        })?;
        let text = String::from_utf8(bytes).map_err(|e| SettingsError::Invalid {
            path: PathBuf::from(SETTINGS_FILE),
            line: 1,
            column: 1,
            message: format!("the file is not UTF-8 ({e})"),
            hint: "save pan.toml as UTF-8".into(),
        })?;
        let settings = Settings::parse(&text, Path::new(SETTINGS_FILE))?;
        Ok(Repo {
            root: dir.to_path_buf(),
            settings,
        })
    }

    /// The plan folder.
    pub fn plan_dir(&self) -> PathBuf {
        self.root.join(&self.settings.paths.plan)
    }

    /// The indicators folder.
    pub fn indicators_dir(&self) -> PathBuf {
        self.root.join(&self.settings.paths.indicators)
    }
}

/// The settings parser's words made the user's: Rust type names become what to write
/// (`expected u32` → `expected a whole number`).
fn plain_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid value: integer ")
        && let Some((number, _)) = rest.split_once(", expected")
    {
        return format!("the number {number} is out of range for this setting");
    }
    let mut out = message.to_string();
    for (from, to) in [
        ("invalid type: ", ""),
        ("floating point ", "the number "),
        ("integer ", "the number "),
        ("string ", "the text "),
        ("boolean ", "the value "),
    ] {
        if out.starts_with(from) {
            out = format!("{to}{}", &out[from.len()..]);
        }
    }
    for ty in [
        "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "usize",
    ] {
        out = out.replace(&format!("expected {ty}"), "expected a whole number");
    }
    out.replace(", expected a string", ", expected text in quotes")
        .replace(", expected a boolean", ", expected true or false")
        .replace(", expected f64", ", expected a number")
        .replace(" as i128", "")
}

#[cfg(test)]
mod tests {

    #[test]
    fn type_errors_say_what_to_write() {
        for (toml, said) in [
            (
                "[plan]\ntitle = \"P\"\nstart = 2026\nend = \"2030\"\n",
                "the text \"2030\", expected a whole number",
            ),
            (
                "[plan]\ntitle = \"P\"\nstart = 2026\nend = 2030\n[health]\nstale_after_days = 1.5\n",
                "the number `1.5`, expected a whole number",
            ),
            (
                "[plan]\ntitle = \"P\"\nstart = 2026\nend = 2030\n[health]\nstale_after_days = -3\n",
                "the number `-3` is out of range for this setting",
            ),
        ] {
            let e = Settings::parse(toml, std::path::Path::new("pan.toml")).unwrap_err();
            assert!(e.to_string().contains(said), "{e}");
            assert!(
                !e.to_string().contains("u32") && !e.to_string().contains("i16"),
                "{e}"
            );
        }
    }

    use super::*;

    const MINIMAL: &str = "[plan]\ntitle = \"P\"\nstart = 2026\nend = 2030\n";

    #[test]
    fn minimal_settings_have_defaults() {
        let s = Settings::parse(MINIMAL, Path::new("pan.toml")).unwrap();
        assert_eq!(s.paths.plan, PathBuf::from("plan"));
        assert_eq!(s.plan.language, Lang::Fr);
        assert_eq!(s.period_start().to_string(), "2026-01-01");
        assert_eq!(s.period_end().to_string(), "2030-12-31");
    }

    #[test]
    fn a_language_code_reads_back_as_its_language() {
        for lang in Lang::ALL {
            let text = format!("{MINIMAL}language = \"{}\"\n", lang.code());
            let s = Settings::parse(&text, Path::new("pan.toml")).unwrap();
            assert_eq!(s.plan.language, lang);
        }
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let text = format!("{MINIMAL}[health]\nstale_days = 3\n");
        let Err(SettingsError::Invalid { line, message, .. }) =
            Settings::parse(&text, Path::new("pan.toml"))
        else {
            panic!("expected an error");
        };
        assert_eq!(line, 6);
        assert!(message.contains("stale_days"), "{message}");
    }

    #[test]
    fn a_reporting_frequency_is_one_of_the_allowed_words() {
        for f in Frequency::ALL {
            let text = format!(
                "{MINIMAL}[readings]\nevery = \"{}\"\ngrace_days = 60\n",
                f.as_str()
            );
            let s = Settings::parse(&text, Path::new("pan.toml")).unwrap();
            assert_eq!(s.readings.frequency(), Some(f));
            assert_eq!(s.readings.grace_days, 60);
        }
        let s = Settings::parse(MINIMAL, Path::new("pan.toml")).unwrap();
        assert_eq!(s.readings.frequency(), None);
        assert_eq!(s.readings.grace_days, 0);
        let text = format!("{MINIMAL}[readings]\nevery = \"yearly\"\n");
        let Err(SettingsError::Invalid {
            line,
            message,
            hint,
            ..
        }) = Settings::parse(&text, Path::new("pan.toml"))
        else {
            panic!("expected an error");
        };
        assert_eq!(line, 6);
        assert!(message.contains("yearly"), "{message}");
        assert!(
            hint.contains("half-year") && hint.contains("once"),
            "{hint}"
        );
    }

    #[test]
    fn bad_period_and_dates_are_errors() {
        let text = "[plan]\ntitle = \"P\"\nstart = 2030\nend = 2026\n";
        assert!(Settings::parse(text, Path::new("pan.toml")).is_err());
        let text = format!("{MINIMAL}[copil]\nmeetings = [\"2026-13-01\"]\n");
        let err = Settings::parse(&text, Path::new("pan.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("2026-13-01") && err.contains(":6:"), "{err}");
    }

    #[test]
    fn numbers_are_bounded_and_name_their_key() {
        for (table, key, value) in [
            ("health", "stale_after_days", "7304485"),
            ("health", "due_within_days", "4000000000"),
            ("limits", "max_files", "0"),
        ] {
            let text = format!("{MINIMAL}[{table}]\n{key} = {value}\n");
            let err = Settings::parse(&text, Path::new("pan.toml"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(key) && err.contains(":6:"), "{key}: {err}");
        }
        let text = format!("{MINIMAL}[health]\nstale_after_days = -1\n");
        assert!(Settings::parse(&text, Path::new("pan.toml")).is_err());
    }

    #[test]
    fn paths_stay_inside_the_repository() {
        for bad in ["\"../outside\"", "\"/etc\"", "\"plan/../../x\"", "\"\""] {
            let text = format!("{MINIMAL}[paths]\nindicators = {bad}\n");
            let err = Settings::parse(&text, Path::new("pan.toml"))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("leads outside the repository") && err.contains(":6:"),
                "{bad}: {err}"
            );
        }
        let ok = format!("{MINIMAL}[paths]\nindicators = \"data/indicators\"\n");
        assert!(Settings::parse(&ok, Path::new("pan.toml")).is_ok());
        for bad in [
            "indicators = \"plan\"",
            "indicators = \"Plan\"",
            "indicators = \"./plan/\"",
            "indicators = \"plan/readings\"",
            "plan = \"indicators/plan\"",
            "plan = \".\"",
        ] {
            let text = format!("{MINIMAL}[paths]\n{bad}\n");
            let err = Settings::parse(&text, Path::new("pan.toml"))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("same folder") || err.contains("repository itself"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn site_settings_are_checked() {
        let s = Settings::parse(MINIMAL, Path::new("pan.toml")).unwrap();
        assert_eq!(s.site.primary, "#1d3c64");
        let ok = format!(
            "{MINIMAL}[site]\nname = \"PAN\"\nlogo = \"site/logo.svg\"\nstyle = \"site/style.css\"\nprimary = \"#000000\"\n"
        );
        assert!(Settings::parse(&ok, Path::new("pan.toml")).is_ok());
        for (line, wanted) in [
            ("primary = \"#ffff00\"", "too light"),
            ("link = \"blue\"", "not a colour"),
            ("logo = \"../logo.svg\"", "outside the repository"),
            ("logo = \"site/logo.gif\"", "is not a .svg"),
            ("style = \"/etc/style.css\"", "outside the repository"),
            ("name = \"\"", "1–200 characters"),
            ("colour = \"#000000\"", "unknown field"),
        ] {
            let text = format!("{MINIMAL}[site]\n{line}\n");
            let err = Settings::parse(&text, Path::new("pan.toml"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(wanted) && err.contains(":6:"), "{line}: {err}");
        }
    }

    #[test]
    fn code_formats_and_open_data_settings_are_checked_with_their_line() {
        let ok = format!(
            "{MINIMAL}code_format = \"{{lever:1}}.{{objective}}.{{number}}\"\nlicence = \"CC0-1.0\"\n"
        );
        let s = Settings::parse(&ok, Path::new("pan.toml")).unwrap();
        assert_eq!(s.plan.codes.objective_format(), "{lever}.{objective}");
        assert!(std::ptr::eq(
            Settings::parse(MINIMAL, Path::new("pan.toml"))
                .unwrap()
                .plan
                .codes,
            &crate::model::code::DEFAULT
        ));
        for (line, want) in [
            (
                "code_format = \"{lever}-{objective}\"",
                "[plan] code_format",
            ),
            (
                "objective_format = \"{lever}{number}\"",
                "[plan] objective_format",
            ),
            ("licence = \"CC BY\"", "not an SPDX identifier"),
            ("data_url = \"opendata/\"", "not a web address"),
        ] {
            let err = Settings::parse(&format!("{MINIMAL}{line}\n"), Path::new("pan.toml"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(want) && err.contains(":5:"), "{line}: {err}");
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé\nx", 6), (2, 3));
        assert_eq!(line_col("", 10), (1, 1));
    }
}
