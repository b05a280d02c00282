//! What a change does to the plan: two loaded repositories (a base revision and a target)
//! compared as models, action by action, with the history guard: a reading or state entry
//! that existed before must still be there, unchanged.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use serde::Serialize;

use super::health::{self, Health};
use crate::config::Settings;
use crate::diag::{Diagnostic, Severity};
use crate::load::Loaded;
use crate::model::reading::CONTEXT;
use crate::model::reading::{Owner, Reading, Value};
use crate::model::{Action, ActionCode, Period, StateEntry};

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
#[derive(Clone, Debug, Default)]
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

/// Which field of an action changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The objective.
    Objective,
    /// A responsible actor (added or removed).
    Responsible,
    /// A partner (added or removed).
    Partners,
    /// An indicator (added or removed), by id; the values are its label and kind.
    Indicator(String),
    /// An indicator's label.
    IndicatorLabel(String),
    /// An indicator's kind.
    IndicatorKind(String),
    /// An indicator's measure.
    IndicatorMeasure(String),
    /// An indicator's frequency.
    IndicatorFrequency(String),
    /// An indicator's targets.
    IndicatorTargets(String),
    /// The calendar as published.
    Calendar,
    /// The calendar's structure.
    CalendarParsed,
}

/// A changed field: its values before and after, as written in the file (empty when
/// added or removed).
#[derive(Clone, Debug)]
pub struct FieldChange {
    /// Which field.
    pub field: Field,
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
#[derive(Clone, Debug)]
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

/// What a history rewrite did.
#[derive(Clone, Debug)]
pub enum Rewritten {
    /// An action with recorded states was removed (how many states).
    ActionRemoved(usize),
    /// A state entry was changed (before, after).
    StateChanged(StateEntry, StateEntry),
    /// A state entry was removed.
    StateRemoved(StateEntry),
    /// A reading was removed.
    ReadingRemoved(Box<Row>),
    /// A reading was edited in place (before, after).
    ReadingEdited(Box<(Row, Row)>),
}

/// A history rewrite.
#[derive(Clone, Debug)]
pub struct Rewrite {
    /// Action code (or `context`).
    pub code: String,
    /// What was rewritten.
    pub what: Rewritten,
}

/// A validation problem, as compared (line numbers shift, so they are not part of it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Rule code.
    pub code: String,
    /// Severity; `None` when pan.toml accepts the problem.
    pub severity: Option<Severity>,
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

/// What changed in the declarations of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declaration {
    /// A lever added (code, title).
    LeverAdded(String, String),
    /// A lever's title changed (code, before, after).
    LeverRetitled(String, String, String),
    /// A lever removed.
    LeverRemoved(String),
    /// An objective added (code, title).
    ObjectiveAdded(String, String),
    /// An objective's title changed (code, before, after).
    ObjectiveRetitled(String, String, String),
    /// An objective removed.
    ObjectiveRemoved(String),
    /// An actor added (acronym, name).
    ActorAdded(String, String),
    /// An actor changed.
    ActorChanged(String),
    /// An actor removed.
    ActorRemoved(String),
    /// A context indicator added.
    ContextAdded(String),
    /// A context indicator changed.
    ContextChanged(String),
    /// A context indicator removed.
    ContextRemoved(String),
}

/// The whole comparison.
#[derive(Clone, Debug)]
pub struct PlanDiff {
    /// Version of this shape.
    pub version: u32,
    /// The base side.
    pub base: String,
    /// The target side.
    pub target: String,
    /// The date health is computed for.
    pub as_of: Date,
    /// Counts.
    pub summary: Counts,
    /// History rewrites, first.
    pub history_rewrites: Vec<Rewrite>,
    /// Changed actions, in code order.
    pub actions: Vec<ActionDiff>,
    /// Changes of the context indicators' readings.
    pub context: ReadingsDiff,
    /// Changes of levers, objectives, actors and context indicators.
    pub declarations: Vec<Declaration>,
    /// Problems the change introduces.
    pub problems_introduced: Vec<Problem>,
    /// Problems the change fixes.
    pub problems_fixed: Vec<Problem>,
}

/// The readings of one side, by action (and the context's), each list in the order rows
/// are listed (owner, indicator, period, file, line); no row is built yet.
struct Grouped<'a> {
    loaded: &'a Loaded,
    actions: HashMap<ActionCode, Vec<&'a Reading>>,
    context: Vec<&'a Reading>,
}

impl<'a> Grouped<'a> {
    fn of(loaded: &'a Loaded) -> Grouped<'a> {
        let mut g = Grouped {
            loaded,
            actions: HashMap::new(),
            context: Vec::new(),
        };
        for r in &loaded.readings.items {
            match r.owner() {
                Owner::Action(i) => {
                    let code = loaded.plan.actions[i as usize].code;
                    g.actions.entry(code).or_default().push(r);
                }
                Owner::Context => g.context.push(r),
            }
        }
        let order = |r: &&Reading| (r.owner(), r.indicator, r.period, r.file, r.line);
        for list in g.actions.values_mut() {
            list.sort_by_key(order);
        }
        g.context.sort_by_key(order);
        g
    }

    fn list(&self, code: Option<ActionCode>) -> &[&'a Reading] {
        match code {
            Some(c) => self.actions.get(&c).map(Vec::as_slice).unwrap_or(&[]),
            None => &self.context,
        }
    }

    /// The indicator id of a reading, as its row names it.
    fn indicator(&self, r: &Reading) -> &'a str {
        let plan = &self.loaded.plan;
        let id = match r.owner() {
            Owner::Action(i) => plan.actions[i as usize]
                .indicators
                .get(r.indicator as usize)
                .map(|x| x.id.as_str()),
            Owner::Context => plan
                .context
                .get(r.indicator as usize)
                .map(|x| x.id.as_str()),
        };
        id.unwrap_or_default()
    }

    /// Whether a reading here and one of `other` make the same row (everything compared
    /// is the same; a value written differently may compare unequal, never the reverse).
    fn same(&self, a: &Reading, other: &Grouped, b: &Reading) -> bool {
        let (sa, sb) = (
            &self.loaded.readings.strings,
            &other.loaded.readings.strings,
        );
        let value = match (a.value(), b.value()) {
            (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
            (Value::Done, Value::Done) => true,
            (Value::Text(x), Value::Text(y)) => sa.get(x) == sb.get(y),
            _ => false,
        };
        value
            && a.period == b.period
            && a.recorded == b.recorded
            && sa.get(a.source) == sb.get(b.source)
            && sa.get(a.note) == sb.get(b.note)
            && a.replaces().map(|s| sa.get(s)) == b.replaces().map(|s| sb.get(s))
            && self.indicator(a) == other.indicator(b)
    }

    /// The rows of a list.
    fn rows(&self, list: &[&Reading]) -> Vec<Row> {
        let (plan, readings) = (&self.loaded.plan, &self.loaded.readings);
        list.iter()
            .map(|r| super::readings::row(plan, readings, r))
            .collect()
    }
}

/// How the readings of an action (`None`: the context's) changed. Lists that are the
/// same, reading for reading, have not changed; only the others are made into rows and
/// compared.
fn compare_readings(old: &Grouped, new: &Grouped, code: Option<ActionCode>) -> ReadingsDiff {
    let (o, n) = (old.list(code), new.list(code));
    if o.len() == n.len() && o.iter().zip(n).all(|(a, b)| old.same(a, new, b)) {
        return ReadingsDiff::default();
    }
    compare_rows(&old.rows(o), &new.rows(n))
}

/// What identifies a row when comparing: everything written in it.
type RowKey = (
    String,
    Period,
    String,
    String,
    String,
    Option<Date>,
    Option<String>,
);

fn key(r: &Row) -> RowKey {
    (
        r.indicator.clone(),
        r.period,
        r.raw.clone(),
        r.source.clone(),
        r.note.clone(),
        r.recorded,
        r.replaces.clone(),
    )
}

fn sort_rows(v: &mut [Row]) {
    v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Compare two lists of rows: linear in their length (hash maps, no nested scans).
fn compare_rows(old: &[Row], new: &[Row]) -> ReadingsDiff {
    // Rows of `new` by content, each used once.
    let mut pool: HashMap<RowKey, Vec<usize>> = HashMap::new();
    for (i, n) in new.iter().enumerate() {
        pool.entry(key(n)).or_default().push(i);
    }
    let mut used = vec![false; new.len()];
    let mut gone: Vec<&Row> = Vec::new();
    for o in old {
        match pool.get_mut(&key(o)).and_then(Vec::pop) {
            Some(i) => used[i] = true,
            None => gone.push(o),
        }
    }
    // The remaining new rows without `replaces`, by indicator and period, each used once.
    let mut by_slot: HashMap<(&str, Period), Vec<usize>> = HashMap::new();
    for (i, n) in new.iter().enumerate().rev() {
        if !used[i] && n.replaces.is_none() {
            by_slot
                .entry((n.indicator.as_str(), n.period))
                .or_default()
                .push(i);
        }
    }
    let mut d = ReadingsDiff::default();
    for o in gone {
        // An old row whose indicator and period now carry another, unexplained value was
        // edited in place; otherwise it was removed.
        match by_slot
            .get_mut(&(o.indicator.as_str(), o.period))
            .and_then(Vec::pop)
        {
            Some(i) => {
                used[i] = true;
                d.altered.push((o.clone(), new[i].clone()));
            }
            None => d.removed.push(o.clone()),
        }
    }
    for (i, n) in new.iter().enumerate() {
        if used[i] {
            continue;
        }
        if n.replaces.is_some() {
            d.replaced.push(n.clone());
        } else {
            d.added.push(n.clone());
        }
    }
    sort_rows(&mut d.added);
    sort_rows(&mut d.replaced);
    sort_rows(&mut d.removed);
    d
}

fn push_rewrites(code: &str, readings: &ReadingsDiff, out: &mut Vec<Rewrite>) {
    for r in &readings.removed {
        out.push(Rewrite {
            code: code.to_string(),
            what: Rewritten::ReadingRemoved(Box::new(r.clone())),
        });
    }
    for (b, a) in &readings.altered {
        out.push(Rewrite {
            code: code.to_string(),
            what: Rewritten::ReadingEdited(Box::new((b.clone(), a.clone()))),
        });
    }
}

fn list_change(field: Field, before: &[String], after: &[String], out: &mut Vec<FieldChange>) {
    for a in after.iter().filter(|a| !before.contains(a)) {
        out.push(FieldChange {
            field: field.clone(),
            before: String::new(),
            after: a.clone(),
        });
    }
    for b in before.iter().filter(|b| !after.contains(b)) {
        out.push(FieldChange {
            field: field.clone(),
            before: b.clone(),
            after: String::new(),
        });
    }
}

fn fields(old: &Action, new: &Action) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if old.objective != new.objective {
        out.push(FieldChange {
            field: Field::Objective,
            before: old.objective.clone(),
            after: new.objective.clone(),
        });
    }
    list_change(
        Field::Responsible,
        &old.responsible,
        &new.responsible,
        &mut out,
    );
    list_change(Field::Partners, &old.partners, &new.partners, &mut out);
    for ni in &new.indicators {
        match old.indicators.iter().find(|o| o.id == ni.id) {
            None => out.push(FieldChange {
                field: Field::Indicator(ni.id.clone()),
                before: String::new(),
                after: format!("{} ({})", ni.label, ni.kind.as_str()),
            }),
            Some(oi) => {
                if oi.label != ni.label {
                    out.push(FieldChange {
                        field: Field::IndicatorLabel(ni.id.clone()),
                        before: oi.label.clone(),
                        after: ni.label.clone(),
                    });
                }
                if oi.kind != ni.kind {
                    out.push(FieldChange {
                        field: Field::IndicatorKind(ni.id.clone()),
                        before: oi.kind.as_str().into(),
                        after: ni.kind.as_str().into(),
                    });
                }
                if oi.measure() != ni.measure() {
                    out.push(FieldChange {
                        field: Field::IndicatorMeasure(ni.id.clone()),
                        before: oi.measure().as_str().into(),
                        after: ni.measure().as_str().into(),
                    });
                }
                if oi.frequency != ni.frequency {
                    let f = |x: Option<crate::model::Frequency>| {
                        x.map(|f| f.as_str().to_string()).unwrap_or_default()
                    };
                    out.push(FieldChange {
                        field: Field::IndicatorFrequency(ni.id.clone()),
                        before: f(oi.frequency),
                        after: f(ni.frequency),
                    });
                }
                if oi.targets != ni.targets {
                    out.push(FieldChange {
                        field: Field::IndicatorTargets(ni.id.clone()),
                        before: targets_text(&oi.targets),
                        after: targets_text(&ni.targets),
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
            field: Field::Indicator(oi.id.clone()),
            before: format!("{} ({})", oi.label, oi.kind.as_str()),
            after: String::new(),
        });
    }
    if old.calendar.label != new.calendar.label {
        out.push(FieldChange {
            field: Field::Calendar,
            before: old.calendar.label.clone(),
            after: new.calendar.label.clone(),
        });
    }
    let (of, nf) = (old.calendar.describe(), new.calendar.describe());
    if of != nf {
        out.push(FieldChange {
            field: Field::CalendarParsed,
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
            severity: d.allowed.is_none().then_some(d.severity),
            file: d.file.clone(),
            message: d.message.clone(),
        })
        .collect()
}

fn declarations(old: &Loaded, new: &Loaded) -> Vec<Declaration> {
    use Declaration as D;
    let mut out = Vec::new();
    let (op, np) = (&old.plan, &new.plan);
    for l in &np.levers {
        match op.lever(&l.code) {
            None => out.push(D::LeverAdded(l.code.clone(), l.title.clone())),
            Some(o) if o.title != l.title => out.push(D::LeverRetitled(
                l.code.clone(),
                o.title.clone(),
                l.title.clone(),
            )),
            _ => {}
        }
        for ob in &l.objectives {
            match op.objective(&ob.code) {
                None => out.push(D::ObjectiveAdded(ob.code.clone(), ob.title.clone())),
                Some((_, o)) if o.title != ob.title => out.push(D::ObjectiveRetitled(
                    ob.code.clone(),
                    o.title.clone(),
                    ob.title.clone(),
                )),
                _ => {}
            }
        }
    }
    for l in &op.levers {
        if np.lever(&l.code).is_none() {
            out.push(D::LeverRemoved(l.code.clone()));
        }
        for ob in &l.objectives {
            if np.objective(&ob.code).is_none() {
                out.push(D::ObjectiveRemoved(ob.code.clone()));
            }
        }
    }
    for a in &np.actors {
        match op.actor(&a.acronym) {
            None => out.push(D::ActorAdded(a.acronym.clone(), a.name.clone())),
            Some(o) if o != a => out.push(D::ActorChanged(a.acronym.clone())),
            _ => {}
        }
    }
    for a in &op.actors {
        if np.actor(&a.acronym).is_none() {
            out.push(D::ActorRemoved(a.acronym.clone()));
        }
    }
    for c in &np.context {
        match op.context.iter().find(|o| o.id == c.id) {
            None => out.push(D::ContextAdded(c.id.clone())),
            Some(o) if o != c => out.push(D::ContextChanged(c.id.clone())),
            _ => {}
        }
    }
    for c in &op.context {
        if !np.context.iter().any(|n| n.id == c.id) {
            out.push(D::ContextRemoved(c.id.clone()));
        }
    }
    out
}

/// The health of the action with this code on one side (of the last one, when two
/// files hold the same code): assessed only for the actions that changed.
fn health_of(side: &Side, code: ActionCode, as_of: Date) -> Option<Health> {
    let (plan, readings) = (&side.loaded.plan, &side.loaded.readings);
    let mut i = plan.action_index(&code)?;
    while plan.actions.get(i + 1).is_some_and(|a| a.code == code) {
        i += 1;
    }
    let rs = health::readings_of_action(plan, readings, i, as_of);
    Some(health::assess(&plan.actions[i], &rs, side.settings, as_of).health)
}

/// Compare two sides.
pub fn compare(old: &Side, new: &Side, as_of: Date) -> PlanDiff {
    let (old_rows, new_rows) = rayon::join(|| Grouped::of(old.loaded), || Grouped::of(new.loaded));

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
    for code in codes {
        let key = code.to_string();
        let oi = old.loaded.plan.action_index(&code);
        let ni = new.loaded.plan.action_index(&code);
        let o = oi.map(|i| &old.loaded.plan.actions[i]);
        let n = ni.map(|i| &new.loaded.plan.actions[i]);
        let readings = compare_readings(&old_rows, &new_rows, Some(code));
        let (kind, fields, text, states_added, moved) = match (o, n) {
            (None, None) => continue,
            (None, Some(_)) => (Kind::Added, Vec::new(), None, Vec::new(), None),
            (Some(o), None) => {
                if !o.states.is_empty() {
                    rewrites.push(Rewrite {
                        code: key.clone(),
                        what: Rewritten::ActionRemoved(o.states.len()),
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
                                what: Rewritten::StateChanged(e.clone(), x.clone()),
                            }),
                            None => rewrites.push(Rewrite {
                                code: key.clone(),
                                what: Rewritten::StateRemoved(e.clone()),
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
        push_rewrites(&key, &readings, &mut rewrites);
        let changed = kind != Kind::Modified
            || !fields.is_empty()
            || text.is_some()
            || !states_added.is_empty()
            || !readings.is_empty()
            || moved.is_some();
        if !changed {
            continue;
        }
        let health = match (health_of(old, code, as_of), health_of(new, code, as_of)) {
            (Some(a), Some(b)) if a != b => Some((a, b)),
            _ => None,
        };
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
    let context = compare_readings(&old_rows, &new_rows, None);
    push_rewrites(CONTEXT, &context, &mut rewrites);
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
        as_of,
        summary: counts,
        history_rewrites: rewrites,
        actions,
        context,
        declarations: declarations(old.loaded, new.loaded),
        problems_introduced: introduced,
        problems_fixed: fixed,
    }
}

/// Targets as written in a file: `2026: 12, 2028: 30` (empty when none).
fn targets_text(t: &std::collections::BTreeMap<i16, f64>) -> String {
    t.iter()
        .map(|(y, v)| format!("{y}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ind: &str, period: &str, value: &str, replaces: Option<&str>) -> Row {
        Row {
            action: "IN-A-1.01".into(),
            indicator: ind.into(),
            label: String::new(),
            kind: Some(crate::model::IndicatorKind::Count),
            period: period.parse().unwrap(),
            value: crate::model::reading::Figure::Number(value.parse().unwrap()),
            raw: value.into(),
            source: "S".into(),
            note: String::new(),
            recorded: None,
            replaces: replaces.map(String::from),
            by: Vec::new(),
            by_labels: Vec::new(),
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
