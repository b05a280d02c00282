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
    for d in diags.iter_mut() {
        for (i, allow) in allows.iter().enumerate() {
            let rule_ok = allow.rule.eq_ignore_ascii_case(d.rule.code) || allow.rule == d.rule.name;
            let action_ok = match &allow.action {
                None => true,
                Some(code) => d.action.is_some_and(|c| c.to_string() == *code),
            };
            let file_ok = allow.file.as_ref().is_none_or(|f| *f == d.file);
            if rule_ok && action_ok && file_ok {
                d.allowed = Some(allow.reason.clone());
                used[i] = true;
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
