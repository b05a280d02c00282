//! Appending a state entry to an action file, leaving every other byte as it was:
//! comments, key order, quoting and line endings outside the new entry are untouched.

use jiff::civil::Date;

use crate::config::{Repo, limits};
use crate::load;
use crate::model::action::StateProblem;
use crate::model::{Action, StateEntry};
use crate::syntax::yaml::{self, Value};

/// Why a state entry was not recorded; the file is unchanged.
#[derive(Debug)]
pub enum Refusal {
    /// The action file could not be read (missing, a link, too large).
    NotRead(crate::files::ReadError),
    /// The file is not text (not UTF-8): the loader's message.
    NotText(String),
    /// The file has problems of its own (`pan validate` shows them).
    Invalid,
    /// The entry breaks a rule of the action's history.
    Entry(StateProblem),
    /// The entry cannot be placed in the file's text.
    NotAppended(AppendError),
    /// The file with the entry would not read back as the action plus the entry.
    NotSafe,
}

/// Why [`record`] did not record an entry.
#[derive(Debug)]
pub enum RecordError {
    /// The entry or the file is refused; the file is unchanged.
    Refused(Refusal),
    /// The file could not be locked, reached or written.
    Failed(anyhow::Error),
}

impl From<Refusal> for RecordError {
    fn from(r: Refusal) -> RecordError {
        RecordError::Refused(r)
    }
}

impl From<anyhow::Error> for RecordError {
    fn from(e: anyhow::Error) -> RecordError {
        RecordError::Failed(e)
    }
}

impl From<super::safe::UnsafePath> for RecordError {
    fn from(e: super::safe::UnsafePath) -> RecordError {
        RecordError::Failed(e.into())
    }
}

/// Record `entry` in the action file `file` (relative to the repository root): under
/// the plan folder's lock, the file is read as it is now (another process may have just
/// changed it), decoded, the entry checked against its history and appended, the new
/// text checked to read back as the same action plus the entry, and written atomically
/// (unless `dry_run`). Returns the action as it was before the entry.
pub fn record(
    repo: &Repo,
    file: &str,
    entry: &StateEntry,
    today: Date,
    dry_run: bool,
) -> Result<Action, RecordError> {
    let path = super::safe::join(&repo.root, file)?;
    let plan_dir = super::safe::dir(&repo.root, &repo.settings.paths.plan_str())?;
    let _lock = super::lock::Lock::acquire(&plan_dir)?;
    let bytes = match crate::files::read(&path, limits::PLAN_FILE_BYTES, false) {
        Ok(b) => b,
        Err(e) => return Err(Refusal::NotRead(e).into()),
    };
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        "\u{feff}"
    } else {
        ""
    };
    let text = match load::text_of(file, bytes) {
        Ok(t) => t,
        Err(d) => return Err(Refusal::NotText(d.message).into()),
    };
    let codes = repo.settings.plan.codes;
    let (decoded, diags) = load::decode_action_text(file, &text, codes);
    let clean = diags
        .iter()
        .all(|d| d.severity != crate::diag::Severity::Error);
    let Some((before, _)) = decoded.filter(|_| clean) else {
        return Err(Refusal::Invalid.into());
    };
    if let Some(p) = entry
        .problems(before.states.last(), today)
        .into_iter()
        .next()
    {
        return Err(Refusal::Entry(p).into());
    }
    let new_text = match append(&text, entry) {
        Ok(t) => t,
        Err(e) => return Err(Refusal::NotAppended(e).into()),
    };
    // Never write a file that does not read back as the same action plus the new entry.
    let (after, _) = load::decode_action_text(file, &new_text, codes);
    let mut expected = before.clone();
    expected.states.push(entry.clone());
    if after.map(|(a, _)| a) != Some(expected) {
        return Err(Refusal::NotSafe.into());
    }
    if !dry_run {
        super::atomic::write(&path, format!("{bom}{new_text}").as_bytes())?;
    }
    Ok(before)
}

/// Why an entry cannot be appended to a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendError(pub String);

impl std::fmt::Display for AppendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AppendError {}

/// The entry's lines, with `indent` before each item's dash.
fn entry_lines(entry: &StateEntry, indent: &str, eol: &str) -> String {
    let base = super::yaml::state_entry(entry);
    let mut out = String::new();
    for line in base.lines() {
        // `state_entry` indents items by two spaces; re-indent to the file's own style.
        let rest = line.strip_prefix("  ").unwrap_or(line);
        out.push_str(indent);
        out.push_str(rest);
        out.push_str(eol);
    }
    out
}

/// Return `text` with `entry` appended to its `states:` list; never a file past the size
/// the loader reads (what pan writes, pan must read back).
pub fn append(text: &str, entry: &StateEntry) -> Result<String, AppendError> {
    let out = append_entry(text, entry)?;
    let limit = crate::config::limits::PLAN_FILE_BYTES;
    if out.len() as u64 > limit {
        return Err(AppendError(format!(
            "the file would be {} bytes, more than the {limit} pan reads; shorten the note",
            out.len()
        )));
    }
    Ok(out)
}

fn append_entry(text: &str, entry: &StateEntry) -> Result<String, AppendError> {
    let root = yaml::parse(text)
        .map_err(|e| AppendError(format!("the file is not valid YAML ({})", e.message)))?;
    let Value::Map(entries) = &root.value else {
        return Err(AppendError("the file is not a mapping of fields".into()));
    };
    let eol = super::eol_of(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let pos = entries.iter().position(|(k, _)| k.name == "states");
    let Some(pos) = pos else {
        // No history yet: add the field at the end.
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str("states:");
        out.push_str(eol);
        out.push_str(&entry_lines(entry, "  ", eol));
        return Ok(out);
    };
    let (key, value) = &entries[pos];
    let key_line = key.span.line as usize;
    if key.span.column != 1 || key_line == 0 || key_line > lines.len() {
        return Err(AppendError(
            "`states:` is not a top-level field at the start of a line".into(),
        ));
    }
    match &value.value {
        Value::Seq(items) if items.is_empty() || value.span.line as usize == key_line => {
            if !items.is_empty() {
                return Err(AppendError(
                    "`states` is written as a one-line list; write it as a block list (one `- date:` per entry) first".into(),
                ));
            }
            // `states: []` (maybe with a comment): the list becomes a block list.
            let line = lines[key_line - 1];
            let body = line.trim_end_matches(['\n', '\r']);
            let after = &body["states:".len()..];
            // `[` and `]` with only blanks between, and nothing but blanks before: an anchor
            // or a tag (`&a []`, `!!seq []`) would be lost in the rewrite, so it is refused.
            let trimmed = after.trim_start();
            let inner_end = trimmed.find(']');
            let (Some(rest), Some(end)) = (trimmed.strip_prefix('['), inner_end) else {
                return Err(AppendError(
                    "`states:` holds something before its empty list (an anchor or a tag); write it as `states: []` first".into(),
                ));
            };
            if !rest[..end - 1].trim().is_empty() {
                return Err(AppendError(
                    "cannot find the empty list `[]` after `states:`".into(),
                ));
            }
            let rest = trimmed[end + 1..].trim_start();
            let mut new_line = String::from("states:");
            if !rest.is_empty() {
                new_line.push(' ');
                new_line.push_str(rest);
            }
            new_line.push_str(eol);
            new_line.push_str(&entry_lines(entry, "  ", eol));
            let mut out: String = lines[..key_line - 1].concat();
            if !line.ends_with('\n') && key_line == lines.len() {
                // The key was the last line, without a newline.
            }
            out.push_str(&new_line);
            out.push_str(&lines[key_line..].concat());
            Ok(out)
        }
        Value::Null => {
            // `states:` with nothing after it: items go right below the key.
            let mut out: String = lines[..key_line].concat();
            if !out.ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(&entry_lines(entry, "  ", eol));
            out.push_str(&lines[key_line..].concat());
            Ok(out)
        }
        Value::Seq(items) => {
            // A block list: insert after its last line of content, before whatever follows
            // (the next field, or trailing blank lines and comments).
            let first = items[0].span.line as usize;
            let first_line = lines.get(first.saturating_sub(1)).copied().unwrap_or("");
            let indent: String = match first_line.find('-') {
                Some(i) if first_line[..i].chars().all(|c| c == ' ') => first_line[..i].to_string(),
                _ => {
                    return Err(AppendError(
                        "cannot tell how the entries of `states` are indented".into(),
                    ));
                }
            };
            let end = entries
                .get(pos + 1)
                .map(|(k, _)| k.span.line as usize - 1)
                .unwrap_or(lines.len());
            let mut insert_at = end;
            while insert_at > key_line {
                let t = lines[insert_at - 1].trim();
                if t.is_empty() || t.starts_with('#') {
                    insert_at -= 1;
                } else {
                    break;
                }
            }
            let mut out: String = lines[..insert_at].concat();
            if !out.ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(&entry_lines(entry, &indent, eol));
            out.push_str(&lines[insert_at..].concat());
            Ok(out)
        }
        other => Err(AppendError(format!(
            "`states` holds {}, not a list",
            other.describe()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::State;
    use jiff::civil::date;

    fn entry() -> StateEntry {
        StateEntry {
            date: date(2026, 3, 1),
            state: State::InProgress,
            note: "Lancement: première séance".into(),
            reopened: false,
        }
    }

    const NEW: &str =
        "  - date: 2026-03-01\n    state: in_progress\n    note: \"Lancement: première séance\"\n";

    #[test]
    fn empty_flow_list_becomes_a_block_list() {
        let text = "# c\ncode: X\nstates: [] # history\n";
        assert_eq!(
            append(text, &entry()).unwrap(),
            format!("# c\ncode: X\nstates: # history\n{NEW}")
        );
    }

    #[test]
    fn appends_after_the_last_entry_keeping_what_follows() {
        let text = "code: X\nstates:\n    - date: 2026-01-01\n      state: planned\n\n# trailing comment\nother: 1\n";
        let got = append(text, &entry()).unwrap();
        let want = "code: X\nstates:\n    - date: 2026-01-01\n      state: planned\n    - date: 2026-03-01\n      state: in_progress\n      note: \"Lancement: première séance\"\n\n# trailing comment\nother: 1\n";
        assert_eq!(got, want);
    }

    #[test]
    fn dash_at_the_key_indentation() {
        let text = "states:\n- date: 2026-01-01\n  state: planned\n";
        let got = append(text, &entry()).unwrap();
        assert!(got.ends_with("  state: planned\n- date: 2026-03-01\n  state: in_progress\n  note: \"Lancement: première séance\"\n"), "{got}");
    }

    #[test]
    fn missing_field_and_crlf() {
        let text = "code: X\r\nobjective: B-1";
        let got = append(text, &entry()).unwrap();
        assert!(
            got.starts_with("code: X\r\nobjective: B-1\r\nstates:\r\n  - date: 2026-03-01\r\n"),
            "{got:?}"
        );
    }

    #[test]
    fn never_a_file_past_what_the_loader_reads() {
        let mut long = entry();
        long.note = "x".repeat(1_100_000);
        let err = append("code: X\nstates: []\n", &long).unwrap_err();
        assert!(err.0.contains("more than the 1048576"), "{}", err.0);
        // A note with a CR LF in an LF file: the file's lines still end in LF.
        let mut crlf = entry();
        crlf.note = "une\r\ndeux".into();
        let got = append("code: X\nnote: \"a\\r\\nb\"\nstates: []\n", &crlf).unwrap();
        assert!(!got.replace("\\r\\n", "").contains("\r\n"), "{got:?}");
    }

    #[test]
    fn an_empty_list_with_blanks_keeps_its_comment() {
        let text = "code: X\nstates: [ ]   # history\n";
        assert_eq!(
            append(text, &entry()).unwrap(),
            format!("code: X\nstates: # history\n{NEW}")
        );
    }

    #[test]
    fn anchors_and_tags_are_refused_not_dropped() {
        for text in ["states: &h []\n", "states: !!seq []\n"] {
            let err = append(text, &entry()).unwrap_err().to_string();
            assert!(err.contains("anchor or a tag"), "{text}: {err}");
        }
    }

    #[test]
    fn one_line_lists_are_refused() {
        let text = "states: [{date: 2026-01-01, state: planned}]\n";
        assert!(append(text, &entry()).is_err());
    }
}
