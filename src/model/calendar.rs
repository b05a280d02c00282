//! The calendar of an action: the verbatim label the plan publishes, and the structure
//! `pan` derives from it (start, end, continuous, recurrence, dependency).
//!
//! The plan writes calendars as free text. [`parse_label`] understands every form the
//! plan uses; the structured fields are stored in the action file beside the label so
//! that a reader never has to guess, and `pan validate` warns when the two disagree.

use jiff::civil::Date;

use super::period::Period;

/// How often a recurring action takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Recurrence {
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Twice a year.
    HalfYearly,
    /// Every year ("Événement annuel").
    Annual,
    /// Every two years ("Tous les 2 ans").
    Biennial,
}

impl Recurrence {
    /// All recurrences, in the order they are documented.
    pub const ALL: [Recurrence; 5] = [
        Recurrence::Monthly,
        Recurrence::Quarterly,
        Recurrence::HalfYearly,
        Recurrence::Annual,
        Recurrence::Biennial,
    ];

    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Recurrence::Monthly => "monthly",
            Recurrence::Quarterly => "quarterly",
            Recurrence::HalfYearly => "half-yearly",
            Recurrence::Annual => "annual",
            Recurrence::Biennial => "biennial",
        }
    }

    /// Parse the spelling used in files.
    pub fn parse(s: &str) -> Option<Recurrence> {
        Recurrence::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The calendar of an action, as published and as structure.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The calendar exactly as the plan publishes it ("2026 – 2030", "Action continue", …).
    pub label: String,
    /// First period of the action, if the plan gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Period>,
    /// Last period of the action (or of its first phase when `continuous` is set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Period>,
    /// The action goes on without an end ("Action continue", "… puis action continue").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub continuous: bool,
    /// The action recurs ("Événement annuel", "Tous les 2 ans").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
    /// The action follows another strategy's schedule (its name, as published).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dependency: Option<String>,
}

/// The broad shape of a calendar, used to group and explain actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// Has an end and no continuation.
    Bounded,
    /// Goes on without end (possibly after a first phase).
    Continuous,
    /// Starts at a given time and has no end ("À partir de …", "2026+").
    OpenEnded,
    /// Recurs on a schedule.
    Recurring,
    /// Follows another strategy's schedule.
    Dependent,
    /// No calendar published.
    Unspecified,
}

impl Calendar {
    /// The broad shape of this calendar.
    pub fn shape(&self) -> Shape {
        if self.dependency.is_some() {
            Shape::Dependent
        } else if self.recurrence.is_some() {
            Shape::Recurring
        } else if self.continuous {
            Shape::Continuous
        } else if self.end.is_some() {
            Shape::Bounded
        } else if self.start.is_some() {
            Shape::OpenEnded
        } else {
            Shape::Unspecified
        }
    }

    /// The date the action must be finished by, if it has one (bounded calendars only).
    pub fn deadline(&self) -> Option<Date> {
        match self.shape() {
            Shape::Bounded => self.end.map(|e| e.end()),
            _ => None,
        }
    }

    /// The end of the first phase or milestone of a continuous calendar, if any.
    pub fn milestone(&self) -> Option<Date> {
        if self.continuous {
            self.end.map(|e| e.end())
        } else {
            None
        }
    }

    /// The first day of the action, falling back to the plan's first day.
    pub fn start_date(&self, plan_start: Date) -> Date {
        self.start.map(|s| s.start()).unwrap_or(plan_start)
    }

    /// The last day of the action, falling back to the plan's last day for actions
    /// without an end (continuous, open-ended, recurring, dependent, unspecified).
    pub fn end_date(&self, plan_end: Date) -> Date {
        self.deadline().unwrap_or(plan_end)
    }

    /// Whether the action is meant to be under way on `date`.
    pub fn active_on(&self, date: Date, plan_start: Date) -> bool {
        if date < self.start_date(plan_start) {
            return false;
        }
        match self.deadline() {
            Some(end) => date <= end,
            None => true,
        }
    }

    /// Whether the action is meant to be under way at some point of year `year`.
    pub fn active_in_year(&self, year: i16, plan_start: Date) -> bool {
        let first = self.start_date(plan_start).year();
        let last = self.deadline().map(|d| d.year()).unwrap_or(i16::MAX);
        first <= year && year <= last
    }

    /// The structure in words, for messages: `start 2026, end 2030, continuous`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.start {
            parts.push(format!("start {s}"));
        }
        if let Some(e) = self.end {
            parts.push(format!("end {e}"));
        }
        if self.continuous {
            parts.push("continuous".into());
        }
        if let Some(r) = self.recurrence {
            parts.push(format!("recurrence {}", r.as_str()));
        }
        if let Some(d) = &self.dependency {
            parts.push(format!("dependency \"{d}\""));
        }
        if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join(", ")
        }
    }

    /// Whether `start` comes after `end`.
    pub fn ends_before_start(&self) -> bool {
        match (self.start, self.end) {
            (Some(s), Some(e)) => e.end() < s.start(),
            _ => false,
        }
    }
}

/// Normalise a label for matching: lower case, one space, plain hyphens and apostrophes.
fn normalise(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut space = false;
    for c in label.trim().chars() {
        let c = match c {
            '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2010}' | '\u{2011}' => '-',
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{a0}' | '\u{202f}' | '\t' | '\n' | '\r' => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

fn year(s: &str) -> Option<i16> {
    let s = s.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0') {
        s.parse().ok()
    } else {
        None
    }
}

/// `2026 - 2030` or `2026-2030`.
fn year_range(s: &str) -> Option<(i16, i16)> {
    let (a, b) = s.split_once('-')?;
    Some((year(a)?, year(b)?))
}

/// French month names, as the plan writes dates ("30 octobre 2025").
pub const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// `30 octobre 2025`, `1er octobre 2025`, `octobre 2025`, `2025`.
fn french_date(s: &str) -> Option<Period> {
    let words: Vec<&str> = s.split(' ').collect();
    let month = |w: &str| {
        FRENCH_MONTHS
            .iter()
            .position(|m| *m == w)
            .and_then(|i| u8::try_from(i + 1).ok())
    };
    match words.as_slice() {
        [y] => year(y).map(Period::Year),
        [m, y] => Some(Period::Month(year(y)?, month(m)?)),
        [d, m, y] => {
            let d = d.strip_suffix("er").unwrap_or(d);
            let d: i8 = d.parse().ok()?;
            let m = month(m)?;
            Date::new(year(y)?, m as i8, d).ok().map(Period::Day)
        }
        _ => None,
    }
}

/// A school year `2025/2026`, `2025-2026` or `2025 - 2026` starts in September of its first year.
fn school_year(s: &str) -> Option<Period> {
    let s = s.replace(' ', "");
    let (a, b) = s.split_once('/').or_else(|| s.split_once('-'))?;
    let (a, b) = (year(a)?, year(b)?);
    (b == a + 1).then_some(Period::Month(a, 9))
}

/// Derive the structure of a calendar from its published label.
///
/// Returns the calendar (always carrying the label) and whether the label was
/// understood. An empty label is understood as "no calendar published".
pub fn parse_label(label: &str) -> (Calendar, bool) {
    let mut cal = Calendar {
        label: label.to_string(),
        ..Calendar::default()
    };
    let n = normalise(label);
    let understood = fill(&mut cal, &n, false);
    if !understood {
        cal = Calendar {
            label: label.to_string(),
            ..Calendar::default()
        };
    }
    (cal, understood)
}

/// A recurrence written in words: "Événement annuel", "Tous les 2 ans", "événement biannuel".
fn recurrence_phrase(n: &str) -> Option<Recurrence> {
    let n = n.strip_prefix("événement ").unwrap_or(n);
    match n {
        "annuel" | "chaque année" | "tous les ans" => Some(Recurrence::Annual),
        "biannuel" | "semestriel" | "deux fois par an" => Some(Recurrence::HalfYearly),
        "trimestriel" => Some(Recurrence::Quarterly),
        "mensuel" | "chaque mois" => Some(Recurrence::Monthly),
        "tous les 2 ans" | "tous les deux ans" | "biennal" | "bisannuel" => {
            Some(Recurrence::Biennial)
        }
        _ => None,
    }
}

/// Split `base (inner)` into its parts when the label ends with a parenthesis.
fn trailing_paren(n: &str) -> Option<(&str, &str)> {
    let inner = n.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    Some((inner[..open].trim_end(), &inner[open + 1..]))
}

fn fill(cal: &mut Calendar, n: &str, nested: bool) -> bool {
    if n.is_empty() {
        return true;
    }
    if let Some(r) = recurrence_phrase(n) {
        cal.recurrence = Some(r);
        return true;
    }
    // One qualifying parenthesis at most: labels are short, and this bounds the work.
    if let Some((base, inner)) = trailing_paren(n).filter(|_| !nested) {
        // "… (événement biannuel)": a recurrence qualifying the rest of the label.
        if let Some(r) = recurrence_phrase(inner) {
            cal.recurrence = Some(r);
            return !base.is_empty() && fill(cal, base, true);
        }
        // "Action continue (Intégration complète 2026)": continuous, with a milestone year.
        if base == "action continue"
            && let Some(y) = inner.rsplit(' ').next().and_then(year)
        {
            cal.continuous = true;
            cal.end = Some(Period::Year(y));
            return true;
        }
        return false;
    }
    if let Some(y) = year(n) {
        cal.start = Some(Period::Year(y));
        cal.end = Some(Period::Year(y));
        return true;
    }
    if let Some(y) = n.strip_suffix('+').and_then(year) {
        cal.start = Some(Period::Year(y));
        return true;
    }
    if let Some((a, b)) = year_range(n) {
        cal.start = Some(Period::Year(a));
        cal.end = Some(Period::Year(b));
        return true;
    }
    if n == "action continue" {
        cal.continuous = true;
        return true;
    }
    // "2024 – 2026 : développement et mise en œuvre, puis action continue"
    if let Some((range, rest)) = n.split_once(':') {
        if let Some((a, b)) = year_range(range.trim()) {
            cal.start = Some(Period::Year(a));
            cal.end = Some(Period::Year(b));
            cal.continuous = rest.contains("action continue");
            return true;
        }
        return false;
    }
    if let Some(rest) = n.strip_prefix("à partir de l'année scolaire ") {
        if let Some(p) = school_year(rest) {
            cal.start = Some(p);
            return true;
        }
        return false;
    }
    for prefix in ["à partir du ", "à partir de ", "à partir d'", "dès "] {
        if let Some(rest) = n.strip_prefix(prefix) {
            if let Some(p) = french_date(rest) {
                cal.start = Some(p);
                return true;
            }
            return false;
        }
    }
    for prefix in [
        "selon le plan d'implémentation de la ",
        "selon le plan d'implémentation du ",
        "selon le plan d'implémentation de ",
        "selon le calendrier de la ",
        "selon ",
    ] {
        if n.starts_with(prefix) {
            // Keep the published spelling of the strategy's name: cut the original label
            // at the same number of characters as the normalised prefix.
            let original = label_tail(&cal.label, prefix.chars().count());
            let name = original
                .trim()
                .trim_start_matches('«')
                .trim_end_matches('»')
                .trim();
            if name.is_empty() {
                return false;
            }
            cal.dependency = Some(name.to_string());
            return true;
        }
    }
    false
}

/// The part of `label` after its first `skip` characters, once leading blanks are dropped
/// and runs of blanks count as one (mirrors [`normalise`]).
fn label_tail(label: &str, skip: usize) -> &str {
    let trimmed = label.trim();
    let mut count = 0;
    let mut prev_space = false;
    for (i, c) in trimmed.char_indices() {
        if count >= skip {
            return &trimmed[i..];
        }
        let space = c.is_whitespace();
        if !(space && prev_space) {
            count += 1;
        }
        prev_space = space;
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(v: i16) -> Option<Period> {
        Some(Period::Year(v))
    }

    fn parsed(label: &str) -> Calendar {
        let (c, ok) = parse_label(label);
        assert!(ok, "{label:?} should be understood");
        assert_eq!(c.label, label);
        c
    }

    #[test]
    fn every_form_of_the_plan() {
        let c = parsed("2026 – 2030");
        assert_eq!(
            (c.start, c.end, c.shape()),
            (y(2026), y(2030), Shape::Bounded)
        );
        let c = parsed("2026");
        assert_eq!((c.start, c.end), (y(2026), y(2026)));
        let c = parsed("2026+");
        assert_eq!(
            (c.start, c.end, c.shape()),
            (y(2026), None, Shape::OpenEnded)
        );
        let c = parsed("Action continue");
        assert!(c.continuous && c.start.is_none() && c.end.is_none());
        let c = parsed("Action continue (Intégration complète 2026)");
        assert!(c.continuous);
        assert_eq!(c.end, y(2026));
        assert_eq!(c.shape(), Shape::Continuous);
        let c = parsed("À partir de 2026");
        assert_eq!((c.start, c.end), (y(2026), None));
        let c = parsed("À partir de l'année scolaire 2025/2026");
        assert_eq!(c.start, Some(Period::Month(2025, 9)));
        assert_eq!(
            parsed("À partir de l'année scolaire 2025 - 2026").start,
            Some(Period::Month(2025, 9))
        );
        let c = parsed("À partir du 30 octobre 2025");
        assert_eq!(
            c.start.map(|p| p.to_string()).as_deref(),
            Some("2025-10-30")
        );
        assert_eq!(
            parsed("Tous les 2 ans").recurrence,
            Some(Recurrence::Biennial)
        );
        assert_eq!(
            parsed("Événement annuel").recurrence,
            Some(Recurrence::Annual)
        );
        let c = parsed("À partir de l'année scolaire 2026/2027 (événement biannuel)");
        assert_eq!(
            (c.start, c.recurrence),
            (Some(Period::Month(2026, 9)), Some(Recurrence::HalfYearly))
        );
        let c = parsed("2024 – 2026 : développement et mise en œuvre, puis action continue");
        assert_eq!((c.start, c.end, c.continuous), (y(2024), y(2026), true));
        let c =
            parsed("Selon le plan d'implémentation de la « Stratégie nationale de résilience »");
        assert_eq!(
            c.dependency.as_deref(),
            Some("Stratégie nationale de résilience")
        );
        assert_eq!(c.shape(), Shape::Dependent);
        assert_eq!(
            parsed("Selon le plan d'implémentation de la SNR")
                .dependency
                .as_deref(),
            Some("SNR")
        );
        let c = parsed("");
        assert_eq!(c.shape(), Shape::Unspecified);
    }

    #[test]
    fn unknown_forms_keep_only_the_label() {
        for label in [
            "bientôt",
            "2026 – ",
            "À partir de demain",
            "Action continue (bientôt)",
            "20266",
        ] {
            let (c, ok) = parse_label(label);
            assert!(!ok, "{label:?}");
            assert_eq!(
                c,
                Calendar {
                    label: label.into(),
                    ..Calendar::default()
                }
            );
        }
    }

    #[test]
    fn activity_and_deadlines() {
        let plan_start = Date::new(2026, 1, 1).unwrap();
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        let c = parsed("2026 – 2027");
        assert_eq!(c.deadline(), Some(d(2027, 12, 31)));
        assert!(c.active_on(d(2026, 6, 1), plan_start));
        assert!(!c.active_on(d(2028, 1, 1), plan_start));
        assert!(c.active_in_year(2027, plan_start) && !c.active_in_year(2028, plan_start));
        let c = parsed("Action continue");
        assert_eq!(c.deadline(), None);
        assert!(c.active_on(d(2040, 1, 1), plan_start));
        assert!(!c.active_on(d(2025, 6, 1), plan_start));
        let c = parsed("À partir du 30 octobre 2025");
        assert!(
            c.active_on(d(2025, 10, 30), plan_start) && !c.active_on(d(2025, 10, 29), plan_start)
        );
    }

    #[test]
    fn detects_reversed_calendars() {
        let c = Calendar {
            label: "x".into(),
            start: y(2030),
            end: y(2026),
            ..Calendar::default()
        };
        assert!(c.ends_before_start());
        assert!(!parsed("2026 – 2030").ends_before_start());
    }
}
