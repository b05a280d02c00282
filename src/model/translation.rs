//! Translations of the plan's own texts (`plan/translations/<lang>.yaml`): optional, made
//! by whoever keeps the plan (not by its authors), used by the site of that language where
//! they exist.

use std::collections::BTreeMap;

/// The translations of one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Translation {
    /// The language's code (`en`), from the file's name.
    pub lang: String,
    /// Who translated, as the file says (`by:`); shown beside the translated texts.
    pub by: Option<String>,
    /// Lever titles, by lever code.
    pub levers: BTreeMap<String, String>,
    /// Objective titles, by objective code.
    pub objectives: BTreeMap<String, String>,
    /// Context indicator labels, by indicator id.
    pub context: BTreeMap<String, String>,
}

impl Translation {
    /// Whether it translates nothing.
    pub fn is_empty(&self) -> bool {
        self.levers.is_empty() && self.objectives.is_empty() && self.context.is_empty()
    }
}
