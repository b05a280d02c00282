//! Actors: ministries, their agencies and services, and external bodies.

/// What kind of body an actor is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A ministry of the government.
    Ministry,
    /// An agency, administration or service attached to a ministry.
    Agency,
    /// A body outside the government (association, public institution, EU fund…).
    External,
}

impl ActorKind {
    /// All kinds, in the order they are documented.
    pub const ALL: [ActorKind; 3] = [ActorKind::Ministry, ActorKind::Agency, ActorKind::External];

    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Ministry => "ministry",
            ActorKind::Agency => "agency",
            ActorKind::External => "external",
        }
    }

    /// Parse the spelling used in files.
    pub fn parse(s: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An actor of the plan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The acronym the plan uses, e.g. `MENEJ-IFEN`.
    pub acronym: String,
    /// The full name.
    pub name: String,
    /// The acronym of the ministry it belongs to (itself for a ministry; none for an
    /// external body).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ministry: Option<String>,
    /// What kind of body it is.
    pub kind: ActorKind,
    /// Other spellings that denote this actor in the plan (the bare acronym of Annex 2,
    /// a full name written as a partner).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// A remark, e.g. when the plan never expands the acronym.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Whether a name looks like an acronym that should be declared as an actor: an agency
/// of a ministry (`MENEJ-IFEN`, when `is_ministry("MENEJ")`), or one word with enough
/// capitals (`ErwuesseBildung` is not one, `LISER` is).
pub fn looks_like_acronym(s: &str, is_ministry: impl Fn(&str) -> bool) -> bool {
    if let Some((prefix, _)) = s.split_once('-')
        && is_ministry(prefix)
    {
        return true;
    }
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && upper * 5 >= letters * 2
}
