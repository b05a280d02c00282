//! Action codes such as `IN-B-11.02`: parsing, display and plan order.

use std::fmt;
use std::str::FromStr;

/// The code of an action: `IN-<lever>-<objective>.<number>`, e.g. `IN-B-11.02`.
///
/// Codes order by lever, then objective number, then action number, so that
/// `IN-B-2.01` comes before `IN-B-10.01` (plan order, not string order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionCode {
    /// Lever letter, `A`–`Z` (the plan uses `A`–`F`).
    pub lever: char,
    /// Objective number within the lever (`11` in `IN-B-11.02`).
    pub objective: u16,
    /// Action number within the objective (`2` in `IN-B-11.02`).
    pub number: u16,
}

/// Why a string is not an action code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError(pub String);

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodeError {}

impl ActionCode {
    /// The objective code this action belongs to, e.g. `B-11`.
    pub fn objective_code(&self) -> String {
        format!("{}-{}", self.lever, self.objective)
    }

    /// The lever letter as a string, e.g. `B`.
    pub fn lever_code(&self) -> String {
        self.lever.to_string()
    }
}

impl FromStr for ActionCode {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            CodeError(format!(
                "`{s}` is not an action code; expected IN-<lever>-<objective>.<nn>, e.g. IN-B-11.02"
            ))
        };
        let rest = s.strip_prefix("IN-").ok_or_else(bad)?;
        let mut chars = rest.chars();
        let lever = chars.next().ok_or_else(bad)?;
        if !lever.is_ascii_uppercase() {
            return Err(bad());
        }
        let rest = chars.as_str().strip_prefix('-').ok_or_else(bad)?;
        let (obj, num) = rest.split_once('.').ok_or_else(bad)?;
        let digits = |t: &str, max_len: usize| {
            !t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit())
        };
        // The objective has no leading zero; the action number has exactly two digits.
        if !digits(obj, 3) || obj.starts_with('0') || !digits(num, 2) || num.len() != 2 {
            return Err(bad());
        }
        let objective: u16 = obj.parse().map_err(|_| bad())?;
        let number: u16 = num.parse().map_err(|_| bad())?;
        if number == 0 {
            return Err(bad());
        }
        Ok(ActionCode {
            lever,
            objective,
            number,
        })
    }
}

impl fmt::Display for ActionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IN-{}-{}.{:02}", self.lever, self.objective, self.number)
    }
}

impl serde::Serialize for ActionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for ActionCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ActionCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Action code: IN-<lever>-<objective>.<two-digit number>",
            "pattern": "^IN-[A-Z]-[1-9][0-9]{0,2}\\.[0-9]{2}$",
            "examples": ["IN-B-11.02"]
        })
    }
}

/// Parse an objective code such as `B-11` into its lever and number.
pub fn parse_objective_code(s: &str) -> Option<(char, u16)> {
    let (lever, num) = s.split_once('-')?;
    let mut chars = lever.chars();
    let l = chars.next()?;
    if chars.next().is_some() || !l.is_ascii_uppercase() {
        return None;
    }
    if num.is_empty()
        || num.len() > 3
        || num.starts_with('0')
        || !num.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((l, num.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays() {
        let c: ActionCode = "IN-B-11.02".parse().unwrap();
        assert_eq!(c.lever, 'B');
        assert_eq!(c.objective, 11);
        assert_eq!(c.number, 2);
        assert_eq!(c.to_string(), "IN-B-11.02");
        assert_eq!(c.objective_code(), "B-11");
    }

    #[test]
    fn plan_order_is_numeric() {
        let a: ActionCode = "IN-B-2.01".parse().unwrap();
        let b: ActionCode = "IN-B-10.01".parse().unwrap();
        let c: ActionCode = "IN-C-1.01".parse().unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "IN-",
            "IN-b-1.01",
            "IN-B-1.1",
            "IN-B-01.01",
            "IN-B-1.001",
            "IN-B-1.00",
            "IN-B1.01",
            "XX-B-1.01",
            "IN-B-1,01",
            "IN-B-.01",
            "IN-BB-1.01",
            "IN-B-1.01 ",
            "IN-É-1.01",
        ] {
            assert!(
                bad.parse::<ActionCode>().is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn objective_codes() {
        assert_eq!(parse_objective_code("B-11"), Some(('B', 11)));
        assert_eq!(parse_objective_code("B-011"), None);
        assert_eq!(parse_objective_code("b-1"), None);
        assert_eq!(parse_objective_code("B1"), None);
    }
}
