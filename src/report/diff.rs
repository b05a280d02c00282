//! What a change does to the plan: two loaded repositories (a base revision and a target)
//! compared as models, action by action, with the history guard: a reading or state entry
//! that existed before must still be there, unchanged.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::health::Health;
use super::status;
use crate::config::Settings;
use crate::diag::Diagnostic;
use crate::load::Loaded;
use crate::model::{Action, StateEntry};

/// One side of the comparison.
pub struct Side<'a> {
    /// What it is ("HEAD", "working tree", a commit).
    pub label: String,
    /// Its settings.
    pub settings: &'a Settings,
    /// Its files, loaded.
    pub loaded: &'a Loaded,
    /// Its validation problems.
    pub diagnostics: &'a [Diagnostic],
}

/// A reading row, as compared.
pub type Row = super::readings::ReadingRow;

/// How the readings of one action (or of the context indicators) changed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ReadingsDiff {
    /// New rows.
    pub added: Vec<Row>,
    /// New rows that explicitly correct an earlier value.
    pub replaced: Vec<Row>,
    /// Rows that disappeared (history rewrite).
    pub removed: Vec<Row>,
    /// Rows edited in place: (before, after) (history rewrite).
    pub altered: Vec<(Row, Row)>,
}

impl ReadingsDiff {
    fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.replaced.is_empty()
            && self.removed.is_empty()
            && self.altered.is_empty()
    }
}

/// A changed field.
#[derive(Clone, Debug, Serialize)]
pub struct FieldChange {
    /// Field name (`responsible`, `calendar`, `indicator participants`…).
    pub field: String,
    /// Before (empty when added).
    pub before: String,
    /// After (empty when removed).
    pub after: String,
}

/// A piece of a word-level text diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum Words {
    /// Unchanged words.
    Same(String),
    /// Removed words.
    Removed(String),
    /// Added words.
    Added(String),
}

/// What happened to an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// New action.
    Added,
    /// Action deleted.
    Removed,
    /// Action changed.
    Modified,
}

/// The changes of one action.
#[derive(Clone, Debug, Serialize)]
pub struct ActionDiff {
    /// Code.
    pub code: String,
    /// First line of its text (after, or before when removed).
    pub title: String,
    /// What happened.
    pub kind: Kind,
    /// File before and after, when it moved.
    pub moved: Option<(String, String)>,
    /// Field changes.
    pub fields: Vec<FieldChange>,
    /// Word-level diff of the text, when it changed.
    pub text: Option<Vec<Words>>,
    /// State entries appended.
    pub states_added: Vec<StateEntry>,
    /// Readings changes.
    pub readings: ReadingsDiff,
    /// Health before and after, when it changed.
    pub health: Option<(Health, Health)>,
}

/// A history rewrite.
#[derive(Clone, Debug, Serialize)]
pub struct Rewrite {
    /// Action code (or `context`).
    pub code: String,
    /// What was rewritten.
    pub what: String,
}

/// A validation problem, as compared (line numbers shift, so they are not part of it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// Rule code.
    pub code: String,
    /// Severity.
    pub severity: String,
    /// File.
    pub file: String,
    /// Message.
    pub message: String,
}

/// Counts for the one-line summary.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    /// Actions changed (added, removed or modified).
    pub actions_changed: usize,
    /// Of which added.
    pub actions_added: usize,
    /// Of which removed.
    pub actions_removed: usize,
    /// Readings added (including explicit replacements).
    pub readings_added: usize,
    /// Of which explicit replacements.
    pub readings_replaced: usize,
    /// Readings removed or edited in place.
    pub readings_rewritten: usize,
    /// State entries recorded.
    pub states_recorded: usize,
    /// Validation problems introduced.
    pub problems_introduced: usize,
    /// Validation problems fixed.
    pub problems_fixed: usize,
    /// History rewrites.
    pub history_rewrites: usize,
}

/// The whole comparison (JSON version 1).
#[derive(Clone, Debug, Serialize)]
pub struct PlanDiff {
    /// Version of this shape.
    pub version: u32,
    /// The base side.
    pub base: String,
    /// The target side.
    pub target: String,
    /// The date health is computed for.
    pub as_of: String,
    /// Counts.
    pub summary: Counts,
    /// History rewrites, first.
    pub history_rewrites: Vec<Rewrite>,
    /// Changed actions, in code order.
    pub actions: Vec<ActionDiff>,
    /// Changes of the context indicators' readings.
    pub context: ReadingsDiff,
    /// Changes of levers, objectives, actors and context indicators.
    pub declarations: Vec<String>,
    /// Problems the change introduces.
    pub problems_introduced: Vec<Problem>,
    /// Problems the change fixes.
    pub problems_fixed: Vec<Problem>,
}

fn rows_of(loaded: &Loaded) -> BTreeMap<String, Vec<Row>> {
    let mut out: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for row in super::readings::rows(&loaded.plan, &loaded.readings, super::readings::Values::Raw) {
        out.entry(row.action.clone()).or_default().push(row);
    }
    out
}

fn compare_rows(old: &[Row], new: &[Row]) -> ReadingsDiff {
    let mut remaining: Vec<Row> = new.to_vec();
    let mut gone: Vec<Row> = Vec::new();
    for o in old {
        match remaining.iter().position(|n| n == o) {
            Some(i) => {
                remaining.remove(i);
            }
            None => gone.push(o.clone()),
        }
    }
    let mut d = ReadingsDiff::default();
    for o in gone {
        // An old row whose indicator and period now carry another, unexplained value was
        // edited in place; otherwise it was removed.
        match remaining.iter().position(|n| {
            n.indicator == o.indicator && n.period == o.period && n.replaces.is_none()
        }) {
            Some(i) => d.altered.push((o, remaining.remove(i))),
            None => d.removed.push(o),
        }
    }
    for n in remaining {
        if n.replaces.is_some() {
            d.replaced.push(n);
        } else {
            d.added.push(n);
        }
    }
    d.added.sort();
    d.replaced.sort();
    d.removed.sort();
    d
}

fn describe_row(r: &Row) -> String {
    format!("{} {} = {}", r.indicator, r.period, r.value)
}

fn list_change(field: &str, before: &[String], after: &[String], out: &mut Vec<FieldChange>) {
    for a in after.iter().filter(|a| !before.contains(a)) {
        out.push(FieldChange {
            field: field.into(),
            before: String::new(),
            after: a.clone(),
        });
    }
    for b in before.iter().filter(|b| !after.contains(b)) {
        out.push(FieldChange {
            field: field.into(),
            before: b.clone(),
            after: String::new(),
        });
    }
}

fn fields(old: &Action, new: &Action) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if old.objective != new.objective {
        out.push(FieldChange {
            field: "objective".into(),
            before: old.objective.clone(),
            after: new.objective.clone(),
        });
    }
    list_change("responsible", &old.responsible, &new.responsible, &mut out);
    list_change("partners", &old.partners, &new.partners, &mut out);
    for ni in &new.indicators {
        match old.indicators.iter().find(|o| o.id == ni.id) {
            None => out.push(FieldChange {
                field: format!("indicator {}", ni.id),
                before: String::new(),
                after: format!("{} ({})", ni.label, ni.kind.as_str()),
            }),
            Some(oi) => {
                if oi.label != ni.label {
                    out.push(FieldChange {
                        field: format!("indicator {} label", ni.id),
                        before: oi.label.clone(),
                        after: ni.label.clone(),
                    });
                }
                if oi.kind != ni.kind {
                    out.push(FieldChange {
                        field: format!("indicator {} kind", ni.id),
                        before: oi.kind.as_str().into(),
                        after: ni.kind.as_str().into(),
                    });
                }
                if oi.measure() != ni.measure() {
                    out.push(FieldChange {
                        field: format!("indicator {} measure", ni.id),
                        before: oi.measure().as_str().into(),
                        after: ni.measure().as_str().into(),
                    });
                }
                if oi.frequency != ni.frequency {
                    let f = |x: Option<crate::model::Frequency>| {
                        x.map(|f| f.as_str().to_string()).unwrap_or_default()
                    };
                    out.push(FieldChange {
                        field: format!("indicator {} frequency", ni.id),
                        before: f(oi.frequency),
                        after: f(ni.frequency),
                    });
                }
            }
        }
    }
    for oi in old
        .indicators
        .iter()
        .filter(|o| !new.indicators.iter().any(|n| n.id == o.id))
    {
        out.push(FieldChange {
            field: format!("indicator {}", oi.id),
            before: format!("{} ({})", oi.label, oi.kind.as_str()),
            after: String::new(),
        });
    }
    if old.calendar.label != new.calendar.label {
        out.push(FieldChange {
            field: "calendar".into(),
            before: old.calendar.label.clone(),
            after: new.calendar.label.clone(),
        });
    }
    let (of, nf) = (old.calendar.describe(), new.calendar.describe());
    if of != nf {
        out.push(FieldChange {
            field: "calendar (parsed)".into(),
            before: of,
            after: nf,
        });
    }
    out
}

/// A word-level diff of two texts.
pub fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        let piece = match change.tag() {
            similar::ChangeTag::Equal => Words::Same(text),
            similar::ChangeTag::Delete => Words::Removed(text),
            similar::ChangeTag::Insert => Words::Added(text),
        };
        // Merge neighbours of the same kind.
        match (out.last_mut(), &piece) {
            (Some(Words::Same(a)), Words::Same(b))
            | (Some(Words::Removed(a)), Words::Removed(b))
            | (Some(Words::Added(a)), Words::Added(b)) => a.push_str(b),
            _ => out.push(piece),
        }
    }
    out
}

fn first_line(s: &str) -> String {
    s.split('\n').next().unwrap_or("").to_string()
}

fn problems(diags: &[Diagnostic]) -> BTreeSet<Problem> {
    diags
        .iter()
        .map(|d| Problem {
            code: d.rule.code.to_string(),
            severity: if d.allowed.is_some() {
                "allowed".to_string()
            } else {
                d.severity.as_str().to_string()
            },
            file: d.file.clone(),
            message: d.message.clone(),
        })
        .collect()
}

fn declarations(old: &Loaded, new: &Loaded) -> Vec<String> {
    let mut out = Vec::new();
    let (op, np) = (&old.plan, &new.plan);
    for l in &np.levers {
        match op.lever(&l.code) {
            None => out.push(format!("lever {} added: {}", l.code, l.title)),
            Some(o) if o.title != l.title => out.push(format!(
                "lever {} title: \"{}\" → \"{}\"",
                l.code, o.title, l.title
            )),
            _ => {}
        }
        for ob in &l.objectives {
            match op.objective(&ob.code) {
                None => out.push(format!("objective {} added: {}", ob.code, ob.title)),
                Some((_, o)) if o.title != ob.title => out.push(format!(
                    "objective {} title: \"{}\" → \"{}\"",
                    ob.code, o.title, ob.title
                )),
                _ => {}
            }
        }
    }
    for l in &op.levers {
        if np.lever(&l.code).is_none() {
            out.push(format!("lever {} removed", l.code));
        }
        for ob in &l.objectives {
            if np.objective(&ob.code).is_none() {
                out.push(format!("objective {} removed", ob.code));
            }
        }
    }
    for a in &np.actors {
        match op.actor(&a.acronym) {
            None => out.push(format!("actor {} added: {}", a.acronym, a.name)),
            Some(o) if o != a => out.push(format!("actor {} changed", a.acronym)),
            _ => {}
        }
    }
    for a in &op.actors {
        if np.actor(&a.acronym).is_none() {
            out.push(format!("actor {} removed", a.acronym));
        }
    }
    for c in &np.context {
        match op.context.iter().find(|o| o.id == c.id) {
            None => out.push(format!("context indicator {} added", c.id)),
            Some(o) if o != c => out.push(format!("context indicator {} changed", c.id)),
            _ => {}
        }
    }
    for c in &op.context {
        if !np.context.iter().any(|n| n.id == c.id) {
            out.push(format!("context indicator {} removed", c.id));
        }
    }
    out
}

/// Compare two sides.
pub fn compare(old: &Side, new: &Side, as_of: Date) -> PlanDiff {
    let old_rows = rows_of(old.loaded);
    let new_rows = rows_of(new.loaded);
    let old_status = status::rows(&old.loaded.plan, &old.loaded.readings, old.settings, as_of);
    let new_status = status::rows(&new.loaded.plan, &new.loaded.readings, new.settings, as_of);
    let health_old: BTreeMap<&str, Health> = old_status
        .iter()
        .map(|r| (r.code.as_str(), r.assessment.health))
        .collect();
    let health_new: BTreeMap<&str, Health> = new_status
        .iter()
        .map(|r| (r.code.as_str(), r.assessment.health))
        .collect();

    let codes: BTreeSet<crate::model::ActionCode> = old
        .loaded
        .plan
        .actions
        .iter()
        .chain(&new.loaded.plan.actions)
        .map(|a| a.code)
        .collect();
    let mut actions = Vec::new();
    let mut rewrites = Vec::new();
    let empty: Vec<Row> = Vec::new();
    for code in codes {
        let key = code.to_string();
        let oi = old.loaded.plan.action_index(&code);
        let ni = new.loaded.plan.action_index(&code);
        let o = oi.map(|i| &old.loaded.plan.actions[i]);
        let n = ni.map(|i| &new.loaded.plan.actions[i]);
        let readings = compare_rows(
            old_rows.get(&key).unwrap_or(&empty),
            new_rows.get(&key).unwrap_or(&empty),
        );
        let (kind, fields, text, states_added, moved) = match (o, n) {
            (None, None) => continue,
            (None, Some(_)) => (Kind::Added, Vec::new(), None, Vec::new(), None),
            (Some(o), None) => {
                if !o.states.is_empty() {
                    rewrites.push(Rewrite {
                        code: key.clone(),
                        what: format!(
                            "the action was removed with its {} state entries",
                            o.states.len()
                        ),
                    });
                }
                (Kind::Removed, Vec::new(), None, Vec::new(), None)
            }
            (Some(o), Some(n)) => {
                let f = fields(o, n);
                let text = (o.action != n.action).then(|| word_diff(&o.action, &n.action));
                let prefix =
                    o.states.len() <= n.states.len() && n.states[..o.states.len()] == o.states[..];
                let added = if prefix {
                    n.states[o.states.len()..].to_vec()
                } else {
                    for (i, e) in o.states.iter().enumerate() {
                        match n.states.get(i) {
                            Some(x) if x == e => {}
                            Some(x) => rewrites.push(Rewrite {
                                code: key.clone(),
                                what: format!(
                                    "state entry {} {} was changed to {} {}",
                                    e.date,
                                    e.state.as_str(),
                                    x.date,
                                    x.state.as_str()
                                ),
                            }),
                            None => rewrites.push(Rewrite {
                                code: key.clone(),
                                what: format!(
                                    "state entry {} {} was removed",
                                    e.date,
                                    e.state.as_str()
                                ),
                            }),
                        }
                    }
                    n.states
                        .iter()
                        .filter(|x| !o.states.contains(x))
                        .cloned()
                        .collect()
                };
                let of = oi
                    .map(|i| old.loaded.spans[i].file.clone())
                    .unwrap_or_default();
                let nf = ni
                    .map(|i| new.loaded.spans[i].file.clone())
                    .unwrap_or_default();
                let moved = (of != nf).then_some((of, nf));
                (Kind::Modified, f, text, added, moved)
            }
        };
        for r in &readings.removed {
            rewrites.push(Rewrite {
                code: key.clone(),
                what: format!("reading {} ({}) was removed", describe_row(r), r.source),
            });
        }
        for (b, a) in &readings.altered {
            rewrites.push(Rewrite {
                code: key.clone(),
                what: format!(
                    "reading {} was edited in place to {}",
                    describe_row(b),
                    describe_row(a)
                ),
            });
        }
        let health = match (health_old.get(key.as_str()), health_new.get(key.as_str())) {
            (Some(a), Some(b)) if a != b => Some((*a, *b)),
            _ => None,
        };
        let changed = kind != Kind::Modified
            || !fields.is_empty()
            || text.is_some()
            || !states_added.is_empty()
            || !readings.is_empty()
            || moved.is_some();
        if !changed {
            continue;
        }
        let title = n.or(o).map(|a| first_line(&a.action)).unwrap_or_default();
        actions.push(ActionDiff {
            code: key,
            title,
            kind,
            moved,
            fields,
            text,
            states_added,
            readings,
            health,
        });
    }
    let context = compare_rows(
        old_rows.get("context").unwrap_or(&empty),
        new_rows.get("context").unwrap_or(&empty),
    );
    for r in &context.removed {
        rewrites.push(Rewrite {
            code: "context".into(),
            what: format!("reading {} ({}) was removed", describe_row(r), r.source),
        });
    }
    for (b, a) in &context.altered {
        rewrites.push(Rewrite {
            code: "context".into(),
            what: format!(
                "reading {} was edited in place to {}",
                describe_row(b),
                describe_row(a)
            ),
        });
    }
    let (po, pn) = (problems(old.diagnostics), problems(new.diagnostics));
    let introduced: Vec<Problem> = pn.difference(&po).cloned().collect();
    let fixed: Vec<Problem> = po.difference(&pn).cloned().collect();
    let mut counts = Counts {
        actions_changed: actions.len(),
        actions_added: actions.iter().filter(|a| a.kind == Kind::Added).count(),
        actions_removed: actions.iter().filter(|a| a.kind == Kind::Removed).count(),
        states_recorded: actions.iter().map(|a| a.states_added.len()).sum(),
        problems_introduced: introduced.len(),
        problems_fixed: fixed.len(),
        history_rewrites: rewrites.len(),
        ..Counts::default()
    };
    for r in actions
        .iter()
        .map(|a| &a.readings)
        .chain(std::iter::once(&context))
    {
        counts.readings_added += r.added.len() + r.replaced.len();
        counts.readings_replaced += r.replaced.len();
        counts.readings_rewritten += r.removed.len() + r.altered.len();
    }
    PlanDiff {
        version: 1,
        base: old.label.clone(),
        target: new.label.clone(),
        as_of: as_of.to_string(),
        summary: counts,
        history_rewrites: rewrites,
        actions,
        context,
        declarations: declarations(old.loaded, new.loaded),
        problems_introduced: introduced,
        problems_fixed: fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ind: &str, period: &str, value: &str, replaces: Option<&str>) -> Row {
        Row {
            action: "IN-A-1.01".into(),
            indicator: ind.into(),
            period: period.into(),
            value: value.into(),
            source: "S".into(),
            note: String::new(),
            recorded: None,
            replaces: replaces.map(String::from),
        }
    }

    #[test]
    fn readings_are_added_replaced_removed_or_altered() {
        let old = vec![
            row("a", "2024", "1", None),
            row("b", "2024", "5", None),
            row("c", "2024", "7", None),
        ];
        let new = vec![
            row("a", "2024", "1", None),
            row("a", "2024", "2", Some("1")),
            row("b", "2024", "6", None),
            row("d", "2025", "9", None),
        ];
        let d = compare_rows(&old, &new);
        assert_eq!(d.replaced, vec![row("a", "2024", "2", Some("1"))]);
        assert_eq!(
            d.altered,
            vec![(row("b", "2024", "5", None), row("b", "2024", "6", None))]
        );
        assert_eq!(d.removed, vec![row("c", "2024", "7", None)]);
        assert_eq!(d.added, vec![row("d", "2025", "9", None)]);
    }

    #[test]
    fn word_diffs() {
        let d = word_diff(
            "Organiser des ateliers mensuels",
            "Organiser des rencontres mensuelles",
        );
        assert_eq!(d[0], Words::Same("Organiser des ".into()));
        assert!(d.contains(&Words::Removed("ateliers".into())));
        assert!(d.contains(&Words::Added("rencontres".into())));
    }
}
