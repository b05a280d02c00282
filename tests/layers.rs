//! The house's rules, checked on the source parsed as Rust (syn), not read as text.
//!
//! Each top-level module of `src/` may only use modules of lower layers (never a sibling
//! of its own layer, never one above), so there is no import cycle. The layers, lowest
//! first:
//!
//! ```text
//! text            small text helpers (folding, suggestions)
//! model, files    the plan's types, no I/O; opening a file within limits
//! config, diag    settings and limits; diagnostics and the rule catalogue
//! syntax          YAML with positions
//! load            files → model
//! write           the only place that changes files (it reads them back under its lock)
//! check, report   rules over the model; pure computations for an as-of date
//! render          terminal and Markdown text: every word, language and number format
//! export, template, scaffold
//!                 for other programs (JSON, open data, the status workbook); the
//!                 focal point's readings workbook; the starter repository of pan init
//! site            the public website, built from all of the above
//! cmd, harness    one file per subcommand; the fuzzing entry points
//! ```
//!
//! Besides: only `cmd` and `harness` use `write`; `model` names no `std::fs`, `std::io`
//! or other door to the machine; the command-line parser (clap) is named only in `cmd`.
//! And no function in `src/` is over 150 lines.
//!
//! Every path is seen: `use` trees with nested groups, `use` inside functions, `super::`
//! chains that climb to the crate root, fully qualified paths in expressions, types and
//! patterns, and paths inside macro calls and attributes (read token by token).

use std::collections::BTreeSet;
use std::path::Path;

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

const LAYERS: &[&[&str]] = &[
    &["text"],
    &["model", "files"],
    &["config", "diag"],
    &["syntax"],
    &["load"],
    &["write"],
    &["check", "report"],
    &["render"],
    &["export", "template", "scaffold"],
    &["site"],
    &["cmd", "harness"],
];

/// What `model` may not name: the doors to the file system, the network, processes and
/// the environment (model is plain types and pure functions).
const MODEL_FORBIDS: &[&[&str]] = &[
    &["std", "fs"],
    &["std", "io"],
    &["std", "net"],
    &["std", "process"],
    &["std", "env"],
    &["std", "os"],
    &["walkdir"],
    &["tempfile"],
    &["libc"],
];

/// The command-line parser's crates: only `cmd` names them.
const CLI_CRATES: &[&str] = &["clap", "clap_complete"];

/// The helper attributes of clap's derives (`#[arg]`, `#[value]`, `#[command]`).
const CLI_ATTRIBUTES: &[&str] = &["arg", "value", "command", "clap", "group"];

/// The longest a function may be, in lines.
const MAX_FUNCTION_LINES: usize = 150;

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The module path of a source file: `src/cmd/reading/verify.rs` → `cmd::reading::verify`,
/// `src/load/mod.rs` → `load`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Everything a file names that the rules care about.
#[derive(Default, Debug)]
struct Names {
    /// Top-level modules of the crate it reaches (through `crate::`, `super::`, `self::`).
    modules: BTreeSet<String>,
    /// Paths naming something outside the crate, as written (`std::fs::read`, `clap::Args`).
    external: BTreeSet<Vec<String>>,
    /// The names of attributes used (`derive`, `arg`, `value`…).
    attributes: BTreeSet<String>,
    /// Whether a glob reaches the crate root (`use crate::*`, `use super::super::*`).
    root_glob: bool,
}

/// A walk over one file, knowing which module it is in (inline `mod` blocks included).
struct Walker {
    at: Vec<String>,
    names: Names,
}

impl Walker {
    /// Record a path (its segments as written), resolved from the current module.
    fn path(&mut self, segments: &[String], glob: bool) {
        let Some(first) = segments.first() else {
            return;
        };
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" | "super" | "Self" => self.at.clone(),
            _ => {
                if segments.len() > 1 || glob {
                    self.names.external.insert(segments.to_vec());
                }
                return;
            }
        };
        let mut rest = &segments[1..];
        if first == "super" {
            base.pop();
        }
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        while rest.first().is_some_and(|s| s == "self") {
            rest = &rest[1..];
        }
        match (base.first(), rest.first()) {
            (Some(top), _) => {
                self.names.modules.insert(top.clone());
            }
            (None, Some(top)) => {
                self.names.modules.insert(top.clone());
            }
            (None, None) if glob => self.names.root_glob = true,
            (None, None) => {}
        }
    }

    /// Record every path of a `use` tree, groups within groups.
    fn tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.path(&prefix.clone(), false);
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.path(&prefix.clone(), false);
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.path(&prefix.clone(), true),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.tree(prefix, t);
                }
            }
        }
    }

    /// Record the paths inside tokens that were not parsed (macro calls, attributes):
    /// every run of `a :: b :: c`, read token by token.
    fn tokens(&mut self, tokens: TokenStream) {
        let mut run: Vec<String> = Vec::new();
        let mut colons = 0;
        let flush = |w: &mut Walker, run: &mut Vec<String>| {
            if !run.is_empty() {
                let r = std::mem::take(run);
                w.path(&r, false);
            }
        };
        for tt in tokens {
            match tt {
                TokenTree::Ident(i) => {
                    if colons != 2 {
                        flush(self, &mut run);
                    }
                    run.push(i.to_string());
                    colons = 0;
                }
                TokenTree::Punct(p) if p.as_char() == ':' && !run.is_empty() => {
                    colons += 1;
                    if colons > 2 {
                        flush(self, &mut run);
                        colons = 0;
                    }
                }
                TokenTree::Group(g) => {
                    flush(self, &mut run);
                    colons = 0;
                    self.tokens(g.stream());
                }
                _ => {
                    flush(self, &mut run);
                    colons = 0;
                }
            }
        }
        flush(self, &mut run);
    }
}

impl<'ast> Visit<'ast> for Walker {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        for a in &u.attrs {
            self.visit_attribute(a);
        }
        let mut prefix = Vec::new();
        if u.leading_colon.is_some() {
            // `use ::std::fs`: an external crate, named from the root.
            prefix.clear();
        }
        self.tree(&mut prefix, &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.path(&segments, false);
        syn::visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.visit_path(&m.path);
        self.tokens(m.tokens.clone());
    }

    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        if let Some(name) = a.path().segments.last() {
            self.names.attributes.insert(name.ident.to_string());
        }
        self.visit_path(a.path());
        match &a.meta {
            syn::Meta::List(l) => self.tokens(l.tokens.clone()),
            syn::Meta::NameValue(nv) => self.visit_expr(&nv.value),
            syn::Meta::Path(_) => {}
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        for a in &m.attrs {
            self.visit_attribute(a);
        }
        if let Some((_, items)) = &m.content {
            self.at.push(m.ident.to_string());
            for i in items {
                self.visit_item(i);
            }
            self.at.pop();
        }
    }
}

/// Everything a file names, the file being module `at`.
fn names(at: &[String], file: &syn::File) -> Names {
    let mut w = Walker {
        at: at.to_vec(),
        names: Names::default(),
    };
    w.visit_file(file);
    w.names
}

/// Everything a piece of source names (for the tests of the checker).
fn names_in(at: &str, source: &str) -> Names {
    let file = syn::parse_file(source).expect("the example parses");
    let at: Vec<String> = at.split("::").map(String::from).collect();
    names(&at, &file)
}

/// What breaks the rules in one file of module path `at`.
fn problems(at: &[String], names: &Names) -> Vec<String> {
    let mut out = Vec::new();
    let module = at[0].as_str();
    let Some(own) = layer(module) else {
        return vec![format!("module `{module}` has no layer")];
    };
    if names.root_glob {
        out.push("a glob import of the crate root (`use crate::*`) hides what is used".into());
    }
    for used in &names.modules {
        if used == module {
            continue;
        }
        // Only the commands (and the fuzzing entry points) change files: nothing that
        // computes or renders can write.
        if used == "write" && !matches!(module, "cmd" | "harness") {
            out.push(format!(
                "`{module}` uses `write`; only cmd and harness may change files"
            ));
            continue;
        }
        match layer(used) {
            Some(l) if l < own => {}
            Some(_) => out.push(format!("`{module}` uses `{used}`, which is not below it")),
            None => out.push(format!("uses `crate::{used}`, which has no layer")),
        }
    }
    if module == "model" {
        for path in &names.external {
            if let Some(f) = MODEL_FORBIDS
                .iter()
                .find(|f| path.starts_with(&f.iter().map(|s| s.to_string()).collect::<Vec<_>>()))
            {
                out.push(format!(
                    "`model` names `{}`: the model does no I/O",
                    f.join("::")
                ));
            }
        }
    }
    if module != "cmd" {
        for path in &names.external {
            if CLI_CRATES.contains(&path[0].as_str()) {
                out.push(format!(
                    "`{module}` names `{}`: the command-line parser stays in cmd",
                    path.join("::")
                ));
            }
        }
        for a in &names.attributes {
            if CLI_ATTRIBUTES.contains(&a.as_str()) {
                out.push(format!(
                    "`{module}` uses the attribute #[{a}] of the command-line parser, which stays in cmd"
                ));
            }
        }
    }
    out
}

/// Every Rust file of `src/` with its module path (lib.rs and main.rs excepted).
fn sources() -> Vec<(String, Vec<String>, syn::File)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("under src/");
        let text = std::fs::read_to_string(path).expect("a source file is readable");
        let file = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{}: does not parse: {e}", rel.display()));
        out.push((rel.display().to_string(), module_path(rel), file));
    }
    out
}

#[test]
fn every_module_uses_only_lower_layers() {
    let mut found = Vec::new();
    for (rel, at, file) in sources() {
        if at == ["lib"] || at == ["main"] {
            continue;
        }
        for p in problems(&at, &names(&at, &file)) {
            found.push(format!("{rel}: {p}"));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The functions of a file longer than the limit: (name, first line, lines).
fn long_functions(file: &syn::File) -> Vec<(String, usize, usize)> {
    struct Lengths(Vec<(String, usize, usize)>);
    impl Lengths {
        fn add(&mut self, sig: &syn::Signature, block: &syn::Block) {
            let start = sig.fn_token.span.start().line;
            let end = block.brace_token.span.close().end().line;
            let lines = end + 1 - start;
            if lines > MAX_FUNCTION_LINES {
                self.0.push((sig.ident.to_string(), start, lines));
            }
        }
    }
    impl<'ast> Visit<'ast> for Lengths {
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            self.add(&f.sig, &f.block);
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            self.add(&f.sig, &f.block);
            syn::visit::visit_impl_item_fn(self, f);
        }
        fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
            if let Some(b) = &f.default {
                self.add(&f.sig, b);
            }
            syn::visit::visit_trait_item_fn(self, f);
        }
    }
    let mut l = Lengths(Vec::new());
    l.visit_file(file);
    l.0
}

/// Functions being split on other branches of this round, by file and name. The list only
/// shrinks: a function on it that is no longer long fails the test too, so it must be
/// removed from here when it is split.
const BEING_SPLIT: &[(&str, &str)] = &[];

#[test]
fn no_function_is_over_150_lines() {
    let mut found = Vec::new();
    let mut still_long = BTreeSet::new();
    for (rel, _, file) in sources() {
        for (name, line, lines) in long_functions(&file) {
            if BEING_SPLIT.contains(&(rel.as_str(), name.as_str())) {
                still_long.insert((rel.clone(), name));
                continue;
            }
            found.push(format!("{rel}:{line}: fn {name} is {lines} lines"));
        }
    }
    for (rel, name) in BEING_SPLIT {
        if !still_long.contains(&(rel.to_string(), name.to_string())) {
            found.push(format!(
                "{rel}: fn {name} is split: remove it from BEING_SPLIT"
            ));
        }
    }
    assert!(
        found.is_empty(),
        "split these functions (at most {MAX_FUNCTION_LINES} lines each):\n{}",
        found.join("\n")
    );
}

// The checker itself: each hidden form is seen.

fn uses(at: &str, source: &str) -> BTreeSet<String> {
    names_in(at, source).modules
}

#[test]
fn the_checker_sees_a_plain_use_and_a_path_in_an_expression() {
    assert!(uses("render::term", "use crate::cmd::x;").contains("cmd"));
    assert!(uses("render::term", "fn f() { crate::cmd::x(); }").contains("cmd"));
    assert!(uses("render::term", "fn f() -> crate::site::Page { todo!() }").contains("site"));
    assert!(
        uses(
            "render::term",
            "fn f() { let _ = <crate::cmd::X as T>::new(); }"
        )
        .contains("cmd")
    );
}

#[test]
fn the_checker_sees_every_member_of_nested_groups() {
    let u = uses("load", "use crate::{a::{b, c::{d}}, e, f::*};");
    assert_eq!(u, ["a", "e", "f"].map(String::from).into_iter().collect());
    assert!(uses("load", "use crate::{model::Plan, report};").contains("report"));
}

#[test]
fn the_checker_sees_super_chains_that_climb_to_the_root() {
    // From cmd::reading::verify, `super::super::super` is the crate root.
    assert!(uses("cmd::reading::verify", "use super::super::super::site::x;").contains("site"));
    // One step short stays in cmd.
    assert_eq!(
        uses("cmd::reading::verify", "use super::super::global;"),
        ["cmd".to_string()].into_iter().collect()
    );
    // From a file module (load/tree.rs), `super::` is load and `super::super` the root.
    assert!(uses("load::tree", "fn f() { super::super::render::x(); }").contains("render"));
    // Inside an inline module, `super` climbs out of it first.
    let inline = "mod tests { fn f() { super::super::super::cmd::x(); } }";
    assert!(uses("load::tree", inline).contains("cmd"));
    assert!(!uses("load::tree", "mod tests { use super::super::x; }").contains("x"));
    // A glob of the root hides everything.
    assert!(names_in("load::tree", "use super::super::*;").root_glob);
}

#[test]
fn the_checker_sees_a_use_inside_a_function_and_paths_in_macros() {
    assert!(uses("model", "fn f() { use crate::load::x; x(); }").contains("load"));
    assert!(uses("model", "fn f() { println!(\"{}\", crate::render::x()); }").contains("render"));
    assert!(uses("model", "fn f() { vec![super::site::y()]; }").contains("site"));
    assert!(
        uses(
            "model::plan",
            "#[doc = \"\"] #[serde(with = \"x\")] fn f() { g(crate::cmd::A); }"
        )
        .contains("cmd")
    );
}

#[test]
fn the_checker_refuses_io_in_model_and_clap_outside_cmd() {
    let at = vec!["model".to_string(), "plan".into()];
    let io = names_in("model::plan", "use std::{fmt, fs::File};");
    assert!(problems(&at, &io).iter().any(|p| p.contains("std::fs")));
    let io = names_in("model::plan", "fn f() { let _ = std::io::stdout(); }");
    assert!(problems(&at, &io).iter().any(|p| p.contains("std::io")));
    let files = names_in("model::plan", "fn f() { crate::files::read(); }");
    assert!(problems(&at, &files).iter().any(|p| p.contains("`files`")));
    let fine = names_in(
        "model::plan",
        "use std::fmt; use std::collections::BTreeMap;",
    );
    assert!(problems(&at, &fine).is_empty());

    let at = vec!["config".to_string()];
    let derive = names_in("config", "#[derive(Debug, clap::ValueEnum)] enum E { A }");
    assert!(
        problems(&at, &derive)
            .iter()
            .any(|p| p.contains("clap::ValueEnum"))
    );
    let imported = names_in(
        "config",
        "use clap::ValueEnum; #[derive(ValueEnum)] #[value(rename_all = \"x\")] enum E { A }",
    );
    let found = problems(&at, &imported);
    assert!(found.iter().any(|p| p.contains("clap::ValueEnum")));
    assert!(found.iter().any(|p| p.contains("#[value]")));
    let at = vec!["cmd".to_string()];
    assert!(problems(&at, &derive).is_empty());
}

#[test]
fn the_checker_flags_a_sibling_and_an_upward_use_but_not_a_lower_one() {
    let at = vec!["check".to_string()];
    assert!(!problems(&at, &names_in("check", "use crate::report::x;")).is_empty());
    assert!(!problems(&at, &names_in("check", "use crate::render::x;")).is_empty());
    assert!(!problems(&at, &names_in("check", "use crate::write::x;")).is_empty());
    assert!(
        problems(
            &at,
            &names_in("check", "use crate::load::x; use crate::model::y;")
        )
        .is_empty()
    );
    // A crate named like a module is not the module.
    assert!(uses("check", "use pan_render::x;").is_empty());
}

#[test]
fn the_length_check_measures_a_function() {
    let body = "    let x = 1;\n".repeat(149);
    let long = syn::parse_file(&format!("fn f() {{\n{body}}}\n")).expect("parses");
    assert_eq!(long_functions(&long), vec![("f".to_string(), 1, 151)]);
    let short = format!(
        "impl A {{ fn g() {{\n{}}} }}\n",
        "    let x = 1;\n".repeat(148)
    );
    let short = syn::parse_file(&short).expect("parses");
    assert!(long_functions(&short).is_empty());
    let method = format!(
        "impl A {{\n  fn g() {{\n{}}} }}\n",
        "    let x = 1;\n".repeat(149)
    );
    let method = syn::parse_file(&method).expect("parses");
    assert_eq!(long_functions(&method).len(), 1);
}
