//! Checks: rules applied to a loaded plan, each returning diagnostics (never printing).
//!
//! Problems of form (F…, and row-level R… problems) are found by the loader while it
//! reads; the checks here look at the content: references between files, calendars,
//! histories and readings. To add a rule: declare it in [`rules`], write a function in the
//! module of its family, and list it in [`CHECKS`].

pub mod actions;
pub mod breakdowns;
pub mod declarations;
pub mod import;
pub mod new_reading;
pub mod readings;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Settings;
use crate::diag::{Diagnostic, rules};
use crate::load::Loaded;

/// What every check sees.
pub struct Input<'a> {
    /// The loaded repository.
    pub loaded: &'a Loaded,
    /// Its settings.
    pub settings: &'a Settings,
    /// Today: states and readings may not be later.
    pub today: Date,
    /// The day the plan is checked as of (today, or a past day): what was recorded later
    /// is ignored, as reports for that day ignore it.
    pub as_of: Date,
}

/// A check: reads the input, appends diagnostics.
pub type Check = fn(&Input, &mut Vec<Diagnostic>);

/// Every check, in the order they run (the output is sorted afterwards).
pub const CHECKS: &[Check] = &[
    actions::duplicate_codes,
    actions::objectives,
    actions::responsible,
    actions::partners,
    actions::indicators,
    actions::texts,
    actions::calendars,
    actions::states,
    declarations::duplicates,
    declarations::file_names,
    declarations::ministries,
    declarations::empty_objectives,
    declarations::unused_actors,
    readings::duplicates_and_replacements,
    readings::future,
    readings::overdue,
    readings::deliverables,
    readings::periods_agree,
    breakdowns::declared,
    breakdowns::cells_once,
    breakdowns::within_total,
];

/// Run every check and return the loader's diagnostics plus theirs, with the allowances
/// of `pan.toml` applied, in stable order.
pub fn run(input: &Input) -> Vec<Diagnostic> {
    let mut diags = input.loaded.diagnostics.clone();
    // Checks are independent: run them in parallel (the result is sorted below).
    let found: Vec<Vec<Diagnostic>> = CHECKS
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check(input, &mut out);
            out
        })
        .collect();
    diags.extend(found.into_iter().flatten());
    apply_allowances(input.settings, &mut diags);
    crate::diag::sort(&mut diags);
    diags
}

/// Mark the diagnostics that `pan.toml` `[validate] allow` accepts knowingly, and report
/// the entries that name no rule or accept nothing (F014), so the list cannot rot.
pub fn apply_allowances(settings: &Settings, diags: &mut Vec<Diagnostic>) {
    let allows = &settings.validate.allow;
    let mut used = vec![false; allows.len()];
    // The entries by what they name (rule, action, file), so that each problem looks up
    // the few that may accept it: linear in entries and problems (40,000 entries used to
    // take seconds on every command).
    type Key<'a> = (&'static str, Option<&'a str>, Option<&'a str>);
    let mut index: std::collections::HashMap<Key, Vec<usize>> = std::collections::HashMap::new();
    for (i, allow) in allows.iter().enumerate() {
        let Some(rule) = rules::find(&allow.rule) else {
            continue;
        };
        if !(allow.rule.eq_ignore_ascii_case(rule.code) || allow.rule == rule.name) {
            continue;
        }
        let key = (rule.code, allow.action.as_deref(), allow.file.as_deref());
        index.entry(key).or_default().push(i);
    }
    if !index.is_empty() {
        for d in diags.iter_mut() {
            let action = d.action.map(|c| c.to_string());
            let mut found: Vec<usize> = Vec::new();
            let actions = match action.as_deref() {
                Some(a) => vec![None, Some(a)],
                None => vec![None],
            };
            for a in actions {
                for f in [None, Some(d.file.as_str())] {
                    if let Some(v) = index.get(&(d.rule.code, a, f)) {
                        found.extend(v);
                    }
                }
            }
            found.sort_unstable();
            found.dedup();
            for &i in &found {
                used[i] = true;
            }
            // The last entry that accepts it gives the reason, as listed.
            if let Some(&i) = found.last() {
                d.allowed = Some(allows[i].reason.clone());
            }
        }
    }
    for (allow, used) in allows.iter().zip(used) {
        if used {
            continue;
        }
        let span = crate::diag::Span::at(allow.line.max(1), 1, 0);
        let message = match rules::find(&allow.rule) {
            None => format!("`{}` names no rule", allow.rule),
            Some(r) => {
                let mut scope = String::new();
                if let Some(a) = &allow.action {
                    scope.push_str(&format!(" for {a}"));
                }
                if let Some(f) = &allow.file {
                    scope.push_str(&format!(" in {f}"));
                }
                format!(
                    "the allowance of {} {}{scope} accepts no problem",
                    r.code, r.name
                )
            }
        };
        let mut d = Diagnostic::new(
            &rules::UNUSED_ALLOWANCE,
            crate::config::SETTINGS_FILE,
            span,
            message,
        );
        if rules::find(&allow.rule).is_none() {
            d = d.hint("name a rule by its code or name (`pan validate --list-rules`)");
        }
        diags.push(d);
    }
}
