//! The example plan of `pan validate --explain`, and the edits of it that show each rule.
//!
//! The example plan is a small, complete and clean repository: one lever, two objectives,
//! three actors, three actions (two in objective B-11, so that breaking one leaves neither
//! the objective empty nor an actor unused), one dimension (age, which one indicator may be
//! broken down by) and two readings files. Each rule of the
//! catalogue changes one file of it to trigger the rule (its `bad` example) and shows the
//! file fixed (its `good` one). `pan validate --explain` prints these very files, and the
//! tests build the plan, apply each edit and run `pan validate` on the result, so an
//! example cannot drift from what `pan` really does.

/// `pan.toml` of the example plan.
pub const SETTINGS: &str = "pan.toml";
/// Levers and objectives of the example plan.
pub const LEVERS: &str = "plan/levers.yaml";
/// Actors of the example plan.
pub const ACTORS: &str = "plan/actors.yaml";
/// The action most examples change: it has indicators, a calendar, a state and readings.
pub const ACTION: &str = "plan/B/IN-B-11.02.yaml";
/// The other action of objective B-11, done, with a deliverable.
pub const DONE_ACTION: &str = "plan/B/IN-B-11.01.yaml";
/// The action of objective B-12, without readings.
pub const OTHER_ACTION: &str = "plan/B/IN-B-12.01.yaml";
/// The dimensions readings may be broken down by.
pub const DIMENSIONS: &str = "plan/dimensions.yaml";
/// The readings of [`ACTION`].
pub const READINGS: &str = "indicators/B/IN-B-11.02.csv";
/// The readings of [`DONE_ACTION`].
pub const DONE_READINGS: &str = "indicators/B/IN-B-11.01.csv";

/// Every file of the example plan, path then content.
pub static PLAN: &[(&str, &str)] = &[
    (
        SETTINGS,
        "[plan]\ntitle = \"Plan d'exemple\"\nstart = 2026\nend = 2030\n\n[validate]\nallow = []\n",
    ),
    (
        LEVERS,
        "\
levers:
  - code: B
    title: Approfondir les compétences numériques
    objectives:
      - code: B-11
        title: Soutenir la formation en compétences numériques
      - code: B-12
        title: Renforcer les compétences des professionnels du secteur socio-éducatif
",
    ),
    (
        ACTORS,
        "\
actors:
  - acronym: MinDigital
    name: Ministère de la Digitalisation
    kind: ministry
    ministry: MinDigital
  - acronym: MENEJ
    name: Ministère de l'Éducation nationale, de l'Enfance et de la Jeunesse
    kind: ministry
    ministry: MENEJ
  - acronym: MENEJ-IFEN
    name: Institut de formation de l'Éducation nationale
    kind: agency
    ministry: MENEJ
",
    ),
    (
        DONE_ACTION,
        "\
code: IN-B-11.01
objective: B-11
action: Publier un guide pratique pour les formateurs en compétences numériques.
responsible:
  - MinDigital
partners:
  - MENEJ-IFEN
indicators:
  - id: guide
    label: Guide publié
    kind: deliverable
calendar:
  label: 2026
  start: 2026
  end: 2026
states:
  - date: 2026-06-15
    state: done
    note: Guide publié en ligne le 15 juin
",
    ),
    (
        ACTION,
        "\
code: IN-B-11.02
objective: B-11
action: Organiser des rencontres mensuelles « IT Trainer Meetups ».
responsible:
  - MinDigital
partners:
  - MENEJ-IFEN
indicators:
  - id: seances
    label: Nombre de séances réalisées
    kind: count
  - id: participants
    label: Nombre de participants
    kind: count
    breakdowns: [age]
calendar:
  label: 2024 – 2026
  start: 2024
  end: 2026
states:
  - date: 2026-03-02
    state: in_progress
    note: Première rencontre de l'année le 2 mars
",
    ),
    (
        OTHER_ACTION,
        "\
code: IN-B-12.01
objective: B-12
action: Former les éducateurs du secteur socio-éducatif aux outils numériques.
responsible:
  - MENEJ
partners:
  - Acteurs de la société civile
indicators:
  - id: educateurs
    label: Nombre d'éducateurs formés
    kind: count
calendar:
  label: 2026 – 2030
  start: 2026
  end: 2030
states: []
",
    ),
    (
        DIMENSIONS,
        "\
dimensions:
  - id: age
    label: Tranche d'âge
    values:
      - id: 16-24
        label: 16 à 24 ans
      - id: 25-64
        label: 25 à 64 ans
      - id: 65+
        label: 65 ans et plus
",
    ),
    (
        DONE_READINGS,
        "\
indicator,period,value,source,note,recorded,replaces
guide,2026-Q2,done,Site du ministère de la Digitalisation,,2026-06-15,
",
    ),
    (
        READINGS,
        "\
indicator,period,value,source,note,recorded,replaces
seances,2025,11,Rapport d'activité 2025,,2026-01-15,
participants,2025,182,Rapport d'activité 2025,,2026-01-15,
",
    ),
];

/// The content of a file of the example plan.
pub fn plan_file(path: &str) -> Option<&'static str> {
    PLAN.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// How an example changes the example plan.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// The file as the example plan has it (the good example of most rules).
    Keep,
    /// Replace the first occurrence of a text in the file.
    Replace(&'static str, &'static str),
    /// Add lines at the end of the file.
    Append(&'static str),
    /// Replace the first occurrence of a text by bytes (which need not be UTF-8).
    ReplaceBytes(&'static str, &'static [u8]),
    /// Write the whole file (a new one, or in place of the example plan's).
    Write(&'static [u8]),
    /// Remove the file (nothing to do when the example plan does not have it).
    Remove,
    /// The file is another file of the example plan moved here, unchanged.
    Move {
        /// The path it had.
        from: &'static str,
    },
    /// A new file: a copy of another file of the example plan, with the first occurrence
    /// of each text replaced.
    Copy {
        /// The file copied.
        of: &'static str,
        /// Texts to replace, in order.
        replace: &'static [(&'static str, &'static str)],
    },
    /// Append a comment line that makes the file this many bytes long: generated, so that
    /// the catalogue need not hold a file over a limit.
    Grow(usize),
    /// Make the path a symbolic link to this target (triggering it needs a system with
    /// symbolic links).
    Link(&'static str),
}

/// One example: a file of the example plan, and how it is changed.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    /// The file shown, relative to the repository root.
    pub file: &'static str,
    /// What happens to it.
    pub edit: Edit,
}

/// What a path holds once an example is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// A regular file with these bytes.
    Bytes(Vec<u8>),
    /// Nothing.
    Absent,
    /// A symbolic link to this target.
    Link(&'static str),
}

impl Content {
    /// The bytes of a regular file, if it is one.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Content::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// Replace the first occurrence of `from` in `text` by `to`, if `from` is there.
fn replace_first(text: &[u8], from: &str, to: &[u8]) -> Option<Vec<u8>> {
    let from = from.as_bytes();
    if from.is_empty() {
        return None;
    }
    let at = text.windows(from.len()).position(|w| w == from)?;
    let mut out = Vec::with_capacity(text.len() + to.len());
    out.extend_from_slice(&text[..at]);
    out.extend_from_slice(to);
    out.extend_from_slice(&text[at + from.len()..]);
    Some(out)
}

impl Example {
    /// The file as the example plan has it.
    pub const fn keep(file: &'static str) -> Example {
        Example {
            file,
            edit: Edit::Keep,
        }
    }

    /// The file with the first occurrence of `from` replaced by `to`.
    pub const fn replace(file: &'static str, from: &'static str, to: &'static str) -> Example {
        Example {
            file,
            edit: Edit::Replace(from, to),
        }
    }

    /// The file with lines added at its end.
    pub const fn append(file: &'static str, lines: &'static str) -> Example {
        Example {
            file,
            edit: Edit::Append(lines),
        }
    }

    /// The whole file, given.
    pub const fn write(file: &'static str, text: &'static str) -> Example {
        Example {
            file,
            edit: Edit::Write(text.as_bytes()),
        }
    }

    /// Any other edit.
    pub const fn new(file: &'static str, edit: Edit) -> Example {
        Example { file, edit }
    }

    /// What the example starts from, to show what it changes: the example plan's file at
    /// the same path, or the file moved or copied here.
    pub fn origin(&self) -> Option<&'static str> {
        match self.edit {
            Edit::Move { from } => plan_file(from),
            Edit::Copy { of, .. } => plan_file(of),
            _ => plan_file(self.file),
        }
    }

    /// Every path the example changes, with what it holds afterwards; the shown file comes
    /// first. `None` when the edit does not apply to the example plan (a text to replace
    /// that is not in the file), which the tests rule out.
    pub fn changes(&self) -> Option<Vec<(&'static str, Content)>> {
        let own = || plan_file(self.file).map(str::as_bytes);
        let shown = match self.edit {
            Edit::Keep => Content::Bytes(own()?.to_vec()),
            Edit::Replace(from, to) => Content::Bytes(replace_first(own()?, from, to.as_bytes())?),
            Edit::ReplaceBytes(from, to) => Content::Bytes(replace_first(own()?, from, to)?),
            Edit::Append(lines) => Content::Bytes([own()?, lines.as_bytes()].concat()),
            Edit::Write(bytes) => Content::Bytes(bytes.to_vec()),
            Edit::Remove => Content::Absent,
            Edit::Move { from } => {
                let moved = plan_file(from)?.as_bytes().to_vec();
                return Some(vec![
                    (self.file, Content::Bytes(moved)),
                    (from, Content::Absent),
                ]);
            }
            Edit::Copy { of, replace } => {
                let mut text = plan_file(of)?.as_bytes().to_vec();
                for (from, to) in replace {
                    text = replace_first(&text, from, to.as_bytes())?;
                }
                Content::Bytes(text)
            }
            Edit::Grow(size) => {
                let mut text = own()?.to_vec();
                // A comment line: `# xxx…x\n`, as long as it takes.
                let fill = size.checked_sub(text.len() + 3)?;
                text.extend_from_slice(b"# ");
                text.resize(text.len() + fill, b'x');
                text.push(b'\n');
                Content::Bytes(text)
            }
            Edit::Link(target) => Content::Link(target),
        };
        Some(vec![(self.file, shown)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_changes_the_first_occurrence_only() {
        let e = Example::replace(ACTION, "kind: count", "kind: counter");
        let changes = e.changes().unwrap();
        let text = String::from_utf8(changes[0].1.bytes().unwrap().to_vec()).unwrap();
        assert_eq!(text.matches("kind: counter").count(), 1);
        assert_eq!(text.matches("kind: count\n").count(), 1);
        assert!(
            Example::replace(ACTION, "no such text", "x")
                .changes()
                .is_none()
        );
    }

    #[test]
    fn grow_makes_the_file_exactly_that_long() {
        let changes = Example::new(ACTION, Edit::Grow(5000)).changes().unwrap();
        let bytes = changes[0].1.bytes().unwrap();
        assert_eq!(bytes.len(), 5000);
        assert!(bytes.starts_with(plan_file(ACTION).unwrap().as_bytes()));
        assert!(bytes.ends_with(b"xx\n"));
    }

    #[test]
    fn move_leaves_the_old_path_empty() {
        let e = Example::new("plan/C/IN-B-11.02.yaml", Edit::Move { from: ACTION });
        let changes = e.changes().unwrap();
        assert_eq!(changes[1], (ACTION, Content::Absent));
        assert_eq!(e.origin(), plan_file(ACTION));
    }
}
