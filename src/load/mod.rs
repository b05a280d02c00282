//! Files → model: reads a plan repository into a [`Plan`] and its [`Readings`], with the
//! position of everything, and reports every problem of form as a diagnostic.
//!
//! A loader never prints and never stops at the first problem: it returns what it could
//! read and what it found wrong.

pub mod action;
pub mod decode;
pub mod dimensions;
pub mod git;
pub mod import;
pub mod plan_files;
pub mod plan_table;
pub mod readings;
pub mod scope;
pub mod site;
pub mod translations;
pub mod tree;
pub mod workbook;

use rayon::prelude::*;

use self::action::ActionSpans;
use self::decode::Ctx;
use self::plan_files::DeclSpans;
use self::tree::{ContentId, EntryKind, ReadError, Tree};
use crate::config::{Settings, limits};
use crate::diag::rules;
use crate::diag::{Diagnostic, Span};
use crate::model::{Action, ActionCode, CodeFormat, IndicatorKind, Owner, Plan, Readings};
use crate::syntax::yaml;

/// Everything read from a repository.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The plan.
    pub plan: Plan,
    /// The readings.
    pub readings: Readings,
    /// Problems of form found while reading.
    pub diagnostics: Vec<Diagnostic>,
    /// Positions of each action's parts, aligned with `plan.actions`.
    pub spans: Vec<ActionSpans>,
    /// Positions of the plan-wide declarations.
    pub decls: DeclSpans,
    /// Number of files read.
    pub files_checked: usize,
    /// A fingerprint of every file read, by path (see [`sources_for`]).
    pub fingerprints: std::collections::HashMap<String, u64>,
}

impl Loaded {
    /// Whether reading found errors of form (files that could not be read as intended).
    pub fn has_load_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// Decode text from bytes: strip a BOM, refuse invalid UTF-8 with the position of the
/// first bad byte.
pub fn text_of(file: &str, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = crate::model::index32(before.matches('\n').count()) + 1;
            let col =
                crate::model::index32(before.rsplit('\n').next().map_or(0, |l| l.chars().count()))
                    + 1;
            Err(Box::new(Diagnostic::new(
                &rules::NOT_UTF8,
                file,
                Span::at(line, col, 1),
                format!(
                    "byte 0x{:02X} at line {line} is not valid UTF-8",
                    bytes[valid]
                ),
            )))
        }
    }
}

fn read_text(tree: &dyn Tree, file: &str, limit: u64) -> Result<String, Box<Diagnostic>> {
    match tree.read(file, limit) {
        Ok(bytes) => text_of(file, bytes),
        Err(ReadError::TooLarge(size)) => Err(Box::new(Diagnostic::new(
            &rules::FILE_TOO_LARGE,
            file,
            Span::file(),
            format!("the file is {size} bytes; the limit is {limit}"),
        ))),
        Err(e @ (ReadError::Symlink | ReadError::NotRegular)) => Err(Box::new(
            Diagnostic::new(
                &rules::UNREADABLE,
                file,
                Span::file(),
                format!("not read: {e}"),
            )
            .hint("replace it by a regular file, or remove it"),
        )),
        Err(ReadError::Io(e)) => Err(Box::new(Diagnostic::new(
            &rules::UNREADABLE,
            file,
            Span::file(),
            format!("cannot read the file: {e}"),
        ))),
    }
}

/// Read and parse a YAML file into its node tree.
fn read_yaml(
    tree: &dyn Tree,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, yaml::Node)> {
    let text = match read_text(tree, file, limits::PLAN_FILE_BYTES) {
        Ok(t) => t,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let node = parse_yaml_text(file, &text, diags)?;
    Some((text, node))
}

/// Parse YAML text, reporting an empty file or a syntax error.
fn parse_yaml_text(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<yaml::Node> {
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            &rules::EMPTY_FILE,
            file,
            Span::file(),
            "the file is empty",
        ));
        return None;
    }
    match yaml::parse(text) {
        Ok(node) if node.value == yaml::Value::Null => {
            diags.push(Diagnostic::new(
                &rules::EMPTY_FILE,
                file,
                Span::file(),
                "the file holds no data (only comments)",
            ));
            None
        }
        Ok(node) => Some(node),
        Err(e) => {
            diags.push(Diagnostic::new(
                &rules::YAML_SYNTAX,
                file,
                e.span,
                e.message,
            ));
            None
        }
    }
}

/// The outcome of reading one action file.
type ActionResult = (Option<(Action, ActionSpans)>, Vec<Diagnostic>);

/// Read one action file (`codes`: how the plan writes its codes).
pub fn load_action(tree: &dyn Tree, file: &str, codes: &'static CodeFormat) -> ActionResult {
    let mut diags = Vec::new();
    let text = match read_text(tree, file, limits::PLAN_FILE_BYTES) {
        Ok(t) => t,
        Err(d) => return (None, vec![*d]),
    };
    let (decoded, mut more) = decode_action_text(file, &text, codes);
    diags.append(&mut more);
    (decoded, diags)
}

/// Decode an action from the text of its file (`file` names it in diagnostics; `codes`:
/// how the plan writes its codes).
pub fn decode_action_text(file: &str, text: &str, codes: &'static CodeFormat) -> ActionResult {
    let mut diags = Vec::new();
    let Some(node) = parse_yaml_text(file, text, &mut diags) else {
        return (None, diags);
    };
    let mut ctx = Ctx::new(file, text, codes);
    let decoded = action::decode(&mut ctx, &node);
    diags.append(&mut ctx.diags);
    if let Some((a, spans)) = &decoded {
        check_file_place(file, a.code, spans.code, &mut diags);
    }
    let code = decoded.as_ref().map(|(a, _)| a.code);
    for d in &mut diags {
        d.action = code;
    }
    (decoded, diags)
}

/// F009 and F010: the file is named after its code and sits in its lever's folder.
fn check_file_place(file: &str, code: ActionCode, span: Span, diags: &mut Vec<Diagnostic>) {
    let mut parts = file.rsplit('/');
    let name = parts.next().unwrap_or("");
    let folder = parts.next().unwrap_or("");
    let stem = name.strip_suffix(".yaml").unwrap_or(name);
    if stem != code.to_string() {
        diags.push(
            Diagnostic::new(
                &rules::FILE_NAME,
                file,
                span,
                format!("the file is named `{name}` but holds action {code}"),
            )
            .hint(format!("rename the file to {code}.yaml, or fix the code"))
            .action(Some(code)),
        );
    }
    let lever = code.lever_code();
    if folder != lever {
        diags.push(
            Diagnostic::new(
                &rules::WRONG_FOLDER,
                file,
                span,
                format!(
                    "action {code} is in folder `{folder}/`, not in its lever's folder `{lever}/`"
                ),
            )
            .hint(format!("move the file to plan/{lever}/{code}.yaml"))
            .action(Some(code)),
        );
    }
}

/// Files found under the plan and indicators folders, sorted into what they are.
#[derive(Default)]
struct Inventory {
    levers: Option<String>,
    actors: Option<String>,
    context: Option<String>,
    dimensions: Option<String>,
    translations: Vec<String>,
    actions: Vec<String>,
    readings: Vec<String>,
    context_readings: Option<String>,
}

fn is_hidden(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|n| n.starts_with('.'))
}

/// Whether the folder `dir` can be walked; when it cannot (a link, not a folder,
/// missing), why, as a diagnostic.
fn folder_readable(tree: &dyn Tree, dir: &str, is_plan: bool, diags: &mut Vec<Diagnostic>) -> bool {
    let (what, key) = if is_plan {
        ("plan", "plan")
    } else {
        ("readings", "indicators")
    };
    match tree.kind(dir) {
        Some(EntryKind::Dir) => true,
        Some(EntryKind::Symlink) => {
            diags.push(
                Diagnostic::new(
                    &rules::UNREADABLE,
                    dir,
                    Span::file(),
                    format!("the {what} folder `{dir}/` is, or goes through, a symbolic link; pan does not follow links, so nothing in it is read"),
                )
                .hint("replace the link by the folder itself"),
            );
            false
        }
        found => {
            // Without a plan there is nothing to check; without readings, every
            // indicator would silently look unmeasured: say so.
            let mut d = Diagnostic::new(
                &rules::UNREADABLE,
                dir,
                Span::file(),
                if found.is_some() {
                    format!("`{dir}` is not a folder; no {what} file is read")
                } else {
                    format!("the {what} folder `{dir}/` does not exist; no {what} file is read")
                },
            )
            .hint(format!("create it, or set [paths] {key} in pan.toml"));
            if !is_plan {
                d.severity = crate::diag::Severity::Warning;
            }
            diags.push(d);
            false
        }
    }
}

/// A link or special file met in the walk, refused with a diagnostic; `false` for a
/// regular file.
fn refused_entry(e: &tree::Entry, diags: &mut Vec<Diagnostic>) -> bool {
    match e.kind {
        EntryKind::Symlink => {
            diags.push(
                Diagnostic::new(
                    &rules::UNREADABLE,
                    &e.path,
                    Span::file(),
                    "is a symbolic link; pan does not follow links",
                )
                .hint("replace the link by the file itself, or remove it"),
            );
            true
        }
        EntryKind::Other => {
            diags.push(Diagnostic::new(
                &rules::UNREADABLE,
                &e.path,
                Span::file(),
                "is not a regular file",
            ));
            true
        }
        _ => false,
    }
}

/// The path of `path` below `dir`.
fn below<'p>(path: &'p str, dir: &str) -> &'p str {
    path.strip_prefix(dir)
        .map(|r| r.trim_start_matches('/'))
        .unwrap_or(path)
}

/// File a regular file of a plan folder (`is_plan`) or of the readings folder where it
/// belongs in the inventory, or say why it is a stray.
fn file_it(inv: &mut Inventory, path: &str, rel: &str, is_plan: bool, diags: &mut Vec<Diagnostic>) {
    let mut stray = |why: &str| {
        diags.push(Diagnostic::new(
            &rules::STRAY_FILE,
            path,
            Span::file(),
            why.to_string(),
        ));
    };
    let depth = rel.matches('/').count();
    if is_plan {
        match (depth, rel) {
            (0, "levers.yaml") => inv.levers = Some(path.to_string()),
            (0, "actors.yaml") => inv.actors = Some(path.to_string()),
            (0, "context.yaml") => inv.context = Some(path.to_string()),
            (0, dimensions::FILE) => inv.dimensions = Some(path.to_string()),
            (0, r) if r.ends_with(".json") || r.ends_with(".md") => {}
            (0, _) => stray(
                "pan reads levers.yaml, actors.yaml, context.yaml and dimensions.yaml here, and actions in lever folders",
            ),
            (1, r) if r.starts_with("translations/") && r.ends_with(".yaml") => {
                inv.translations.push(path.to_string())
            }
            (1, r) if r.starts_with("translations/") => {
                stray("plan/translations/ holds one <language>.yaml file per language")
            }
            (1, r) if r.ends_with(".yaml") => inv.actions.push(path.to_string()),
            (1, r) if r.ends_with(".yml") => stray("action files end in .yaml, not .yml"),
            (1, _) => stray("lever folders hold action files (<code>.yaml) only"),
            _ => stray("action files live directly in plan/<lever>/"),
        }
    } else {
        match (depth, rel) {
            (0, "context.csv") => inv.context_readings = Some(path.to_string()),
            (0, r) if r.ends_with(".md") => {}
            (0, _) => stray("indicators/ holds context.csv and one folder per lever"),
            (1, r) if r.ends_with(".csv") => inv.readings.push(path.to_string()),
            _ => stray("readings files live in indicators/<lever>/<code>.csv"),
        }
    }
}

/// Every file of the plan and readings folders, filed by what it holds; links, special
/// files, strays and folders nested too deep are reported, and at most
/// `[limits] max_files` files are taken.
fn inventory(tree: &dyn Tree, settings: &Settings, diags: &mut Vec<Diagnostic>) -> Inventory {
    let mut inv = Inventory::default();
    let plan_dir = settings.paths.plan_str();
    let ind_dir = settings.paths.indicators_str();
    let mut count = 0usize;
    let max_files = settings.limits.max_files;
    for (dir, is_plan) in [(plan_dir.as_str(), true), (ind_dir.as_str(), false)] {
        if !folder_readable(tree, dir, is_plan, diags) {
            continue;
        }
        let (entries, errors) = tree.walk(dir);
        for (path, e) in errors {
            diags.push(Diagnostic::new(
                &rules::UNREADABLE,
                &path,
                Span::file(),
                format!("cannot read: {e}"),
            ));
        }
        for e in entries {
            if is_hidden(&e.path) {
                continue;
            }
            let rel = below(&e.path, dir);
            if e.kind == EntryKind::Dir {
                if rel.matches('/').count() + 1 >= limits::WALK_DEPTH {
                    diags.push(Diagnostic::new(
                        &rules::STRAY_FILE,
                        &e.path,
                        Span::file(),
                        format!("the folder is nested deeper than pan reads ({} levels below `{dir}/`); nothing in it is read", limits::WALK_DEPTH - 1),
                    ).hint("move what belongs to the plan to its folder, or remove the folder"));
                }
                continue;
            }
            count += 1;
            if count > max_files {
                diags.push(
                    Diagnostic::new(
                        &rules::UNREADABLE,
                        dir,
                        Span::file(),
                        format!("more than {max_files} files under the plan folders; the rest was not read"),
                    )
                    .hint("remove what does not belong to the plan, or raise [limits] max_files in pan.toml"),
                );
                return inv;
            }
            if !refused_entry(&e, diags) {
                file_it(&mut inv, &e.path, rel, is_plan, diags);
            }
        }
    }
    inv
}

/// Read a whole repository from `tree`.
pub fn load(tree: &dyn Tree, settings: &Settings) -> Loaded {
    load_reusing(tree, settings, None, false).0
}

/// The outcome of reading one readings file.
type ReadingsResult = (Option<readings::FileReadings>, Vec<Diagnostic>);

/// What a readings file's parse depends on besides its bytes: its place in the list of
/// readings files, and its subject (owner, indicators, the dimensions each may be broken
/// down by, and the plan's dimensions, by a digest of them).
#[derive(Clone, PartialEq, Eq)]
struct ReadingsKey {
    index: u32,
    owner: Owner,
    indicators: Vec<(String, IndicatorKind)>,
    breakdowns: Vec<Vec<String>>,
    dimensions: u64,
}

impl ReadingsKey {
    fn of(index: usize, subject: &readings::Subject, dimensions: u64) -> ReadingsKey {
        ReadingsKey {
            index: crate::model::index32(index),
            owner: subject.owner,
            indicators: subject
                .indicators
                .iter()
                .map(|(id, kind)| (id.to_string(), *kind))
                .collect(),
            breakdowns: subject.breakdowns.iter().map(|b| b.to_vec()).collect(),
            dimensions,
        }
    }
}

/// A digest of the plan's dimensions (everything they declare), for [`ReadingsKey`].
fn dimensions_digest(dimensions: &[crate::model::Dimension]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{dimensions:?}").hash(&mut h);
    h.finish()
}

/// A file's parse, with what identifies its bytes.
struct Kept<T> {
    id: ContentId,
    print: u64,
    value: T,
}

/// The parse of every action and readings file of one load, kept so that a load of
/// another version of the repository takes it instead of fetching and parsing the same
/// bytes again (`pan diff` reads two versions that mostly share their files). A file is
/// reused only when its path and content id (git's blob id) are the same, and a readings
/// file only when its subject is the same too: the same bytes then parse the same.
#[derive(Default)]
pub struct Parses {
    codes: Option<&'static CodeFormat>,
    actions: std::collections::HashMap<String, Kept<ActionResult>>,
    readings: std::collections::HashMap<String, Kept<(ReadingsKey, ReadingsResult)>>,
}

impl Parses {
    /// Number of files whose parse is kept.
    pub fn len(&self) -> usize {
        self.actions.len() + self.readings.len()
    }

    /// Whether no parse is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The parse of this action file, when its bytes are the same (taken: each is used
    /// once).
    fn take_action(&mut self, tree: &dyn Tree, file: &str) -> Option<Kept<ActionResult>> {
        let kept = self.actions.get(file)?;
        if tree.content_id(file)? != kept.id {
            return None;
        }
        self.actions.remove(file)
    }

    /// The parse of this readings file, when its bytes and subject are the same (taken).
    fn take_readings(
        &mut self,
        tree: &dyn Tree,
        file: &str,
        key: &ReadingsKey,
    ) -> Option<Kept<(ReadingsKey, ReadingsResult)>> {
        let kept = self.readings.get(file)?;
        if tree.content_id(file)? != kept.id || kept.value.0 != *key {
            return None;
        }
        self.readings.remove(file)
    }
}

/// A copy of one file's readings (to keep it, or to take a kept one).
fn copy_readings(result: &ReadingsResult) -> ReadingsResult {
    let fr = result.0.as_ref().map(|fr| readings::FileReadings {
        items: fr.items.clone(),
        strings: fr.strings.clone(),
        cuts: fr.cuts.clone(),
        diags: fr.diags.clone(),
    });
    (fr, result.1.clone())
}

/// How one load uses the parses of another, and keeps its own.
struct Memo {
    previous: Option<Parses>,
    keep: bool,
    /// Files whose parse was taken from `previous`: their fingerprint and content id.
    reused: std::sync::Mutex<Vec<(String, u64, ContentId)>>,
    actions: Vec<(String, ActionResult)>,
    readings: Vec<(String, ReadingsKey, ReadingsResult)>,
}

impl Memo {
    fn note_reused(&self, file: &str, print: u64, id: ContentId) {
        if let Ok(mut r) = self.reused.lock() {
            r.push((file.to_string(), print, id));
        }
    }
}

/// Read a whole repository from `tree`, taking from `previous` the parse of every file
/// whose path and content are the same there (neither fetched nor parsed again: moved,
/// not copied), and returning this load's own parses when `keep` (for another load).
pub fn load_reusing(
    tree: &dyn Tree,
    settings: &Settings,
    previous: Option<Parses>,
    keep: bool,
) -> (Loaded, Parses) {
    let recording = if keep {
        tree::Recording::with_ids(tree)
    } else {
        tree::Recording::new(tree)
    };
    // A parse depends on how the plan writes its codes too.
    let previous = previous.filter(|p| p.codes.is_some_and(|c| *c == *settings.plan.codes));
    let mut memo = Memo {
        previous,
        keep,
        reused: Default::default(),
        actions: Vec::new(),
        readings: Vec::new(),
    };
    let mut loaded = load_from(&recording, settings, &mut memo);
    let (mut prints, mut ids) = recording.into_parts();
    for (file, print, id) in memo.reused.into_inner().unwrap_or_else(|e| e.into_inner()) {
        prints.insert(file.clone(), print);
        ids.insert(file, id);
    }
    let mut parses = Parses {
        codes: Some(settings.plan.codes),
        ..Parses::default()
    };
    for (file, value) in memo.actions {
        if let (Some(&id), Some(&print)) = (ids.get(&file), prints.get(&file)) {
            parses.actions.insert(file, Kept { id, print, value });
        }
    }
    for (file, key, result) in memo.readings {
        if let (Some(&id), Some(&print)) = (ids.get(&file), prints.get(&file)) {
            let value = (key, result);
            parses.readings.insert(file, Kept { id, print, value });
        }
    }
    loaded.fingerprints = prints;
    (loaded, parses)
}

/// The plan-wide files, decoded: levers and objectives, actors and abbreviations, context
/// indicators, where each is declared, their problems and how many files were read.
struct PlanFiles {
    levers: Vec<crate::model::Lever>,
    actors: Vec<crate::model::Actor>,
    abbreviations: Vec<crate::model::Abbreviation>,
    context: Vec<crate::model::ContextIndicator>,
    decls: DeclSpans,
    diags: Vec<Diagnostic>,
    checked: usize,
}

/// Read and decode the plan-wide files the inventory found.
fn plan_files(tree: &dyn Tree, settings: &Settings, inv: &Inventory) -> PlanFiles {
    let mut diags = Vec::new();
    let plan_dir = settings.paths.plan_str();
    let mut decls = DeclSpans::default();
    let mut files_checked = 0;

    let mut levers = Vec::new();
    decls.levers_file = inv
        .levers
        .clone()
        .unwrap_or_else(|| format!("{plan_dir}/levers.yaml"));
    match &inv.levers {
        Some(file) => {
            files_checked += 1;
            if let Some((text, node)) = read_yaml(tree, file, &mut diags) {
                let mut ctx = Ctx::new(file, &text, settings.plan.codes);
                levers = plan_files::levers(&mut ctx, &node, &mut decls);
                diags.append(&mut ctx.diags);
            }
        }
        None => diags.push(
            Diagnostic::new(
                &rules::UNREADABLE,
                &decls.levers_file,
                Span::file(),
                "the file is missing",
            )
            .hint("create plan/levers.yaml with the plan's levers and objectives"),
        ),
    }
    let (mut actors, mut abbreviations) = (Vec::new(), Vec::new());
    decls.actors_file = inv
        .actors
        .clone()
        .unwrap_or_else(|| format!("{plan_dir}/actors.yaml"));
    match &inv.actors {
        Some(file) => {
            files_checked += 1;
            if let Some((text, node)) = read_yaml(tree, file, &mut diags) {
                let mut ctx = Ctx::new(file, &text, settings.plan.codes);
                (actors, abbreviations) = plan_files::actors(&mut ctx, &node, &mut decls);
                diags.append(&mut ctx.diags);
            }
        }
        None => diags.push(
            Diagnostic::new(
                &rules::UNREADABLE,
                &decls.actors_file,
                Span::file(),
                "the file is missing",
            )
            .hint("create plan/actors.yaml with the plan's actors"),
        ),
    }
    let mut context = Vec::new();
    decls.context_file = inv
        .context
        .clone()
        .unwrap_or_else(|| format!("{plan_dir}/context.yaml"));
    if let Some(file) = &inv.context {
        files_checked += 1;
        if let Some((text, node)) = read_yaml(tree, file, &mut diags) {
            let mut ctx = Ctx::new(file, &text, settings.plan.codes);
            context = plan_files::context(&mut ctx, &node, &mut decls);
            diags.append(&mut ctx.diags);
        }
    }

    PlanFiles {
        levers,
        actors,
        abbreviations,
        context,
        decls,
        diags,
        checked: files_checked,
    }
}

fn load_from(tree: &dyn Tree, settings: &Settings, memo: &mut Memo) -> Loaded {
    let mut diags = Vec::new();
    let inv = inventory(tree, settings, &mut diags);
    // The action files parsed before (same path, same bytes) are taken as they are; the
    // plan files and the other action files are fetched at once when the tree fetches.
    let reused: Vec<Option<Kept<ActionResult>>> = inv
        .actions
        .iter()
        .map(|f| memo.previous.as_mut()?.take_action(tree, f))
        .collect();
    let mut fetch: Vec<(&str, u64)> = [&inv.levers, &inv.actors, &inv.context, &inv.dimensions]
        .into_iter()
        .flatten()
        .map(|f| (f.as_str(), limits::PLAN_FILE_BYTES))
        .collect();
    fetch.extend(
        inv.actions
            .iter()
            .zip(&reused)
            .filter(|(_, r)| r.is_none())
            .map(|(f, _)| (f.as_str(), limits::PLAN_FILE_BYTES)),
    );
    tree.prefetch(&fetch);
    // The plan-wide files are read while the action files are: the action files are
    // independent, read in parallel.
    let memo_ref = &*memo;
    let (wide, results) = rayon::join(
        || plan_files(tree, settings, &inv),
        || {
            inv.actions
                .par_iter()
                .zip(reused)
                .map(|(f, r)| match r {
                    Some(kept) => {
                        memo_ref.note_reused(f, kept.print, kept.id);
                        kept.value
                    }
                    None => load_action(tree, f, settings.plan.codes),
                })
                .collect::<Vec<ActionResult>>()
        },
    );
    let PlanFiles {
        levers,
        actors,
        abbreviations,
        context,
        decls,
        diags: mut wide_diags,
        checked: mut files_checked,
    } = wide;
    diags.append(&mut wide_diags);
    if memo.keep {
        memo.actions = inv
            .actions
            .par_iter()
            .cloned()
            .zip(results.par_iter().cloned())
            .collect();
    }
    files_checked += inv.actions.len();
    let mut pairs = Vec::with_capacity(results.len());
    for (decoded, mut d) in results {
        diags.append(&mut d);
        if let Some(p) = decoded {
            pairs.push(p);
        }
    }
    pairs.sort_by(|a, b| {
        a.0.code
            .cmp(&b.0.code)
            .then_with(|| a.1.file.cmp(&b.1.file))
    });
    let (actions, spans): (Vec<Action>, Vec<ActionSpans>) = pairs.into_iter().unzip();
    let mut plan = Plan::new(
        settings.plan.codes,
        levers,
        actors,
        abbreviations,
        actions,
        context,
    );
    if let Some(file) = &inv.dimensions {
        files_checked += 1;
        plan.dimensions = dimensions::read(tree, file, settings, &mut diags);
    }
    for file in &inv.translations {
        files_checked += 1;
        if let Some(t) = translations::read(tree, file, &plan, settings, &mut diags) {
            plan.translations.push(t);
        }
    }

    let (readings, n) = load_readings(tree, &plan, &inv, &mut diags, memo);
    files_checked += n;

    Loaded {
        plan,
        readings,
        diagnostics: diags,
        spans,
        decls,
        files_checked,
        fingerprints: Default::default(),
    }
}

fn load_readings(
    tree: &dyn Tree,
    plan: &Plan,
    inv: &Inventory,
    diags: &mut Vec<Diagnostic>,
    memo: &mut Memo,
) -> (Readings, usize) {
    let mut store = Readings::default();
    let mut jobs: Vec<(String, Option<readings::Subject>)> = Vec::new();
    if let Some(file) = &inv.context_readings {
        let subject = readings::Subject::context(plan);
        jobs.push((file.clone(), Some(subject)));
    }
    // Stems of the action files found, loaded or not.
    let action_files: std::collections::HashSet<&str> = inv
        .actions
        .iter()
        .filter_map(|a| a.rsplit('/').next()?.strip_suffix(".yaml"))
        .collect();
    for file in &inv.readings {
        let mut parts = file.rsplit('/');
        let name = parts.next().unwrap_or("");
        let folder = parts.next().unwrap_or("");
        let stem = name.strip_suffix(".csv").unwrap_or(name);
        let subject = plan.codes.parse(stem).ok().and_then(|code| {
            let i = plan.action_index(&code)?;
            let lever = code.lever_code();
            if folder != lever {
                diags.push(
                    Diagnostic::new(
                        &rules::WRONG_FOLDER,
                        file,
                        Span::file(),
                        format!("readings of {code} are in folder `{folder}/`, not `{lever}/`"),
                    )
                    .hint(format!("move the file to indicators/{lever}/{code}.csv"))
                    .action(Some(code)),
                );
            }
            Some(readings::Subject::action(plan, i))
        });
        // A readings file whose action file exists but could not be read: the action's
        // own problem is reported; saying the code is unknown would mislead.
        if subject.is_none() && !action_files.contains(stem) {
            diags.push(
                Diagnostic::new(
                    &rules::READING_UNKNOWN_ACTION,
                    file,
                    Span::file(),
                    format!("`{stem}` is not the code of an action of the plan"),
                )
                .hint(
                    match crate::text::suggest(
                        stem,
                        &plan
                            .actions
                            .iter()
                            .map(|a| a.code.to_string())
                            .collect::<Vec<_>>()
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>(),
                    ) {
                        Some(s) => {
                            format!("did you mean {s}.csv? name the file after the action's code")
                        }
                        None => {
                            "name the file after the action's code: indicators/<lever>/<code>.csv"
                                .into()
                        }
                    },
                ),
            );
        }
        jobs.push((file.clone(), subject));
    }
    store.files = jobs
        .iter()
        .map(|(f, _)| std::path::PathBuf::from(f))
        .collect();
    // Files parsed before with the same bytes and subject are taken as they are; the
    // others are fetched at once when the tree fetches.
    let dims = dimensions_digest(&plan.dimensions);
    let keys: Vec<Option<ReadingsKey>> = jobs
        .iter()
        .enumerate()
        .map(|(i, (_, subject))| subject.as_ref().map(|s| ReadingsKey::of(i, s, dims)))
        .collect();
    let reused: Vec<Option<Kept<(ReadingsKey, ReadingsResult)>>> = jobs
        .iter()
        .zip(&keys)
        .map(|((file, _), key)| {
            let key = key.as_ref()?;
            memo.previous.as_mut()?.take_readings(tree, file, key)
        })
        .collect();
    let fetch: Vec<(&str, u64)> = jobs
        .iter()
        .zip(&reused)
        .filter(|((_, subject), r)| subject.is_some() && r.is_none())
        .map(|((file, _), _)| (file.as_str(), limits::READINGS_FILE_BYTES))
        .collect();
    tree.prefetch(&fetch);
    // Parsed a batch of files at a time, in parallel, while the batch before is merged:
    // never every file's rows at once beside the store (that doubled the memory).
    let mut batches = jobs.iter().zip(keys).zip(reused).enumerate();
    let mut parsed: Vec<Parsed> = Vec::new();
    loop {
        let batch: Vec<_> = batches.by_ref().take(READINGS_BATCH).collect();
        let last = batch.is_empty();
        let memo_ref = &*memo;
        let previous = std::mem::take(&mut parsed);
        let (kept, next) = rayon::join(
            || merge_batch(&mut store, diags, previous),
            || {
                batch
                    .into_par_iter()
                    .map(|(i, (((file, subject), key), r))| {
                        let result = match r {
                            Some(kept) => {
                                memo_ref.note_reused(file, kept.print, kept.id);
                                kept.value.1
                            }
                            None => read_readings(tree, plan, i, file, subject.as_ref()),
                        };
                        // The copy another load takes is made here, in parallel, not
                        // while the batch is merged.
                        let kept = match &key {
                            Some(key) if memo_ref.keep => {
                                Some((file.clone(), key.clone(), copy_readings(&result)))
                            }
                            _ => None,
                        };
                        (result, kept)
                    })
                    .collect::<Vec<Parsed>>()
            },
        );
        memo.readings.extend(kept);
        if last {
            break;
        }
        parsed = next;
    }
    (store, jobs.len())
}

/// Readings files parsed at once, before their rows are merged into the store.
const READINGS_BATCH: usize = 64;

/// A readings file parsed, and its copy for another load when the load keeps its parses:
/// its path, what its parse depends on, and the parse.
type Parsed = (
    ReadingsResult,
    Option<(String, ReadingsKey, ReadingsResult)>,
);

/// Merge a batch of parsed readings files into the store, in order; their diagnostics go
/// to `diags`. The copies made for another load are returned.
fn merge_batch(
    store: &mut Readings,
    diags: &mut Vec<Diagnostic>,
    batch: Vec<Parsed>,
) -> Vec<(String, ReadingsKey, ReadingsResult)> {
    let mut kept = Vec::new();
    for (result, copy) in batch {
        kept.extend(copy);
        let (fr, mut d) = result;
        diags.append(&mut d);
        if let Some(fr) = fr {
            readings::merge(store, fr);
        }
    }
    kept
}

/// Read and parse one readings file (`index`: its place in the store's list of files).
fn read_readings(
    tree: &dyn Tree,
    plan: &Plan,
    index: usize,
    file: &str,
    subject: Option<&readings::Subject>,
) -> ReadingsResult {
    let mut d = Vec::new();
    let Some(subject) = subject else {
        return (None, d);
    };
    let text = match read_text(tree, file, limits::READINGS_FILE_BYTES) {
        Ok(t) => t,
        Err(e) => {
            d.push(*e);
            return (None, d);
        }
    };
    let code = match subject.owner {
        Owner::Action(a) => Some(plan.actions[a as usize].code),
        Owner::Context => None,
    };
    let (fr, mut more) = readings::read(file, crate::model::index32(index), subject, &text);
    d.append(&mut more);
    let Some(mut fr) = fr else {
        for x in &mut d {
            x.action = code;
        }
        return (None, d);
    };
    d.append(&mut fr.diags);
    for x in &mut d {
        x.action = code;
    }
    (Some(fr), d)
}

/// The text of the files diagnostics name, to show source lines beside them: read again
/// under the loader's rules, and kept only when the bytes are the very ones the loader
/// read (a file changed or swapped for a link since is not shown).
pub fn sources_for(
    tree: &dyn Tree,
    loaded: &Loaded,
    diags: &[Diagnostic],
) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for d in diags {
        if d.span.line == 0 || out.contains_key(&d.file) {
            continue;
        }
        let Some(&print) = loaded.fingerprints.get(&d.file) else {
            continue;
        };
        if let Ok(bytes) = tree.read(&d.file, limits::READINGS_FILE_BYTES)
            && tree::fingerprint(&bytes) == print
            && let Ok(t) = text_of(&d.file, bytes)
        {
            out.insert(d.file.clone(), t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::load::tree::MemTree;

    const LEVERS: &str = "levers:\n  - code: B\n    title: Compétences\n    objectives:\n      - code: B-11\n        title: Former\n";
    const ACTORS: &str = "actors:\n  - acronym: MinDigital\n    name: Ministère de la Digitalisation\n    kind: ministry\n    ministry: MinDigital\n";
    const ACTION: &str = "code: IN-B-11.02\nobjective: B-11\naction: Organiser des rencontres.\nresponsible:\n  - MinDigital\nindicators:\n  - id: seances\n    label: Nombre de séances\n    kind: count\ncalendar:\n  label: 2024 – 2026\n  start: 2024\n  end: 2026\nstates: []\n";
    const READINGS: &str = "indicator,period,value,source,note,recorded,replaces\nseances,2024,11,Rapport 2024,,2026-01-15,\n";

    fn settings(extra: &str) -> Settings {
        let text = format!("[plan]\ntitle = \"Plan\"\nstart = 2026\nend = 2030\n{extra}");
        Settings::parse(&text, std::path::Path::new("pan.toml")).unwrap()
    }

    fn tree(files: &[(&str, &str)]) -> MemTree {
        MemTree::new(
            files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())),
        )
    }

    fn plan(extra: &[(&str, &str)]) -> MemTree {
        let mut files = vec![
            ("plan/levers.yaml", LEVERS),
            ("plan/actors.yaml", ACTORS),
            ("plan/B/IN-B-11.02.yaml", ACTION),
            ("indicators/B/IN-B-11.02.csv", READINGS),
        ];
        files.extend_from_slice(extra);
        tree(&files)
    }

    fn rules_of(loaded: &Loaded) -> Vec<(&str, &str)> {
        loaded
            .diagnostics
            .iter()
            .map(|d| (d.rule.code, d.file.as_str()))
            .collect()
    }

    #[test]
    fn a_small_plan_loads_with_its_readings_and_no_problem() {
        let loaded = load(&plan(&[]), &settings(""));
        assert!(loaded.diagnostics.is_empty(), "{:?}", rules_of(&loaded));
        assert!(!loaded.has_load_errors());
        assert_eq!(loaded.plan.actions.len(), 1);
        assert_eq!(loaded.plan.actions[0].code.to_string(), "IN-B-11.02");
        assert_eq!(loaded.readings.items.len(), 1);
        assert_eq!(loaded.spans[0].file, "plan/B/IN-B-11.02.yaml");
        assert_eq!(loaded.files_checked, 4);
    }

    #[test]
    fn text_drops_a_byte_order_mark_and_names_the_first_bad_byte() {
        assert_eq!(text_of("f", b"\xEF\xBB\xBFa: 1".to_vec()).unwrap(), "a: 1");
        let d = text_of("f.yaml", b"a: 1\nb: \xFF".to_vec()).unwrap_err();
        assert_eq!(d.rule.code, rules::NOT_UTF8.code);
        assert_eq!((d.span.line, d.span.column), (2, 4));
        assert!(d.message.contains("0xFF"), "{}", d.message);
    }

    #[test]
    fn strays_are_named_and_not_read() {
        let loaded = load(
            &plan(&[
                ("plan/notes.txt", "x"),
                ("plan/B/IN-B-11.03.yml", "x"),
                ("plan/B/readme.txt", "x"),
                ("indicators/B/IN-B-11.02.xlsx", "x"),
                ("plan/README.md", "# about"),
                ("plan/.hidden", "x"),
            ]),
            &settings(""),
        );
        let mut strays: Vec<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.rule.code == rules::STRAY_FILE.code)
            .map(|d| d.file.as_str())
            .collect();
        strays.sort_unstable();
        assert_eq!(
            strays,
            [
                "indicators/B/IN-B-11.02.xlsx",
                "plan/B/IN-B-11.03.yml",
                "plan/B/readme.txt",
                "plan/notes.txt"
            ],
            "{:?}",
            rules_of(&loaded)
        );
        assert_eq!(loaded.plan.actions.len(), 1, "the strays are not read");
    }

    #[test]
    fn a_missing_plan_folder_is_an_error_and_a_missing_readings_folder_a_warning() {
        let loaded = load(&tree(&[]), &settings(""));
        let plan = loaded
            .diagnostics
            .iter()
            .find(|d| d.file == "plan")
            .expect("the plan folder is named");
        assert_eq!(plan.severity, Severity::Error);
        assert!(plan.message.contains("does not exist"), "{}", plan.message);
        let readings = loaded
            .diagnostics
            .iter()
            .find(|d| d.file == "indicators")
            .expect("the readings folder is named");
        assert_eq!(readings.severity, Severity::Warning);
        assert!(
            readings.hint.contains("[paths] indicators"),
            "{}",
            readings.hint
        );
    }

    #[test]
    fn past_max_files_the_rest_is_not_read_and_that_is_said() {
        let loaded = load(&plan(&[]), &settings("[limits]\nmax_files = 2\n"));
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.message.contains("more than 2 files"))
            .expect("the limit is said");
        assert!(d.hint.contains("max_files"), "{}", d.hint);
        // The plan folder has three files: the third, and the readings after it, are
        // not read.
        assert!(
            loaded.readings.items.is_empty(),
            "the readings came after the limit"
        );
        assert!(loaded.files_checked <= 2, "{}", loaded.files_checked);
    }

    #[test]
    fn a_folder_nested_too_deep_is_named() {
        let loaded = load(
            &plan(&[("plan/B/old/IN-B-11.02.yaml", ACTION)]),
            &settings(""),
        );
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.rule.code == rules::STRAY_FILE.code && d.file.starts_with("plan/B/old")),
            "{:?}",
            rules_of(&loaded)
        );
        assert_eq!(loaded.plan.actions.len(), 1);
    }

    #[test]
    fn an_action_file_is_decoded_and_its_place_checked() {
        let (decoded, diags) = decode_action_text(
            "plan/B/IN-B-11.02.yaml",
            ACTION,
            &crate::model::code::DEFAULT,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let (action, _) = decoded.expect("decoded");
        assert_eq!(action.indicators[0].id, "seances");
        // The same action in another lever's folder is named as misplaced.
        let (_, diags) = decode_action_text(
            "plan/C/IN-B-11.02.yaml",
            ACTION,
            &crate::model::code::DEFAULT,
        );
        assert!(!diags.is_empty(), "a file in the wrong folder is reported");
        // Not YAML: a diagnostic, no action.
        let (decoded, diags) = decode_action_text(
            "plan/B/IN-B-11.02.yaml",
            "code: [",
            &crate::model::code::DEFAULT,
        );
        assert!(decoded.is_none());
        assert!(diags.iter().any(|d| d.severity == Severity::Error));
    }

    #[test]
    fn reusing_the_parses_of_identical_files_gives_the_same_plan() {
        let t = plan(&[]);
        let s = settings("");
        let (first, parses) = load_reusing(&t, &s, None, true);
        let (again, _) = load_reusing(&t, &s, Some(parses), false);
        assert_eq!(first.plan.actions, again.plan.actions);
        assert_eq!(first.readings.items.len(), again.readings.items.len());
        assert_eq!(first.diagnostics.len(), again.diagnostics.len());
    }
}
