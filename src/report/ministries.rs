//! Accountability per ministry: what each ministry carries (its agencies rolled up), as
//! responsible and as partner, with the health of those actions and the reporting status
//! of their indicators.

use super::reporting::{ReportingReport, Tally};
use super::status::{Counts, Row};
use crate::model::Plan;

/// One ministry's accountability.
#[derive(Clone, Debug)]
pub struct Ministry {
    /// Acronym.
    pub acronym: String,
    /// Full name.
    pub name: String,
    /// Actions it is responsible for, itself or through an agency (indices of the status
    /// rows, in plan order).
    pub responsible: Vec<usize>,
    /// Actions where it (or an agency) is only a partner.
    pub partner: Vec<usize>,
    /// Health of the actions it is responsible for.
    pub health: Counts,
    /// Reporting of the indicators of the actions it is responsible for.
    pub reporting: Tally,
    /// The actors of this ministry named as responsible (itself and its agencies), with the
    /// number of actions each carries, in order of first appearance.
    pub actors: Vec<(String, usize)>,
}

/// Every ministry of `actors.yaml` that carries or joins at least one action, in file order.
/// `rows` are the status rows of every action, in plan order.
pub fn build(plan: &Plan, rows: &[Row], reporting: &ReportingReport) -> Vec<Ministry> {
    plan.ministries()
        .filter_map(|m| {
            let mut responsible = Vec::new();
            let mut partner = Vec::new();
            let mut actors: Vec<(String, usize)> = Vec::new();
            for (i, (a, r)) in plan.actions.iter().zip(rows).enumerate() {
                if r.ministries.contains(&m.acronym) {
                    responsible.push(i);
                    for who in &a.responsible {
                        if plan.ministry_of(who).as_deref() == Some(m.acronym.as_str()) {
                            match actors.iter_mut().find(|(x, _)| x == who) {
                                Some((_, n)) => *n += 1,
                                None => actors.push((who.clone(), 1)),
                            }
                        }
                    }
                } else if a
                    .partners
                    .iter()
                    .any(|p| plan.ministry_of(p).as_deref() == Some(m.acronym.as_str()))
                {
                    partner.push(i);
                }
            }
            if responsible.is_empty() && partner.is_empty() {
                return None;
            }
            Some(Ministry {
                acronym: m.acronym.clone(),
                name: m.name.clone(),
                health: Counts::of(rows, responsible.iter().copied()),
                reporting: reporting.ministry(&m.acronym),
                responsible,
                partner,
                actors,
            })
        })
        .collect()
}

/// The ministries of `actors.yaml` that no action names, neither they nor their agencies,
/// as responsible or as partner (the bundled plan lists MA among its authors without
/// giving it an action): acronym and name, in file order.
pub fn unnamed(plan: &Plan) -> Vec<(String, String)> {
    plan.ministries()
        .filter(|m| {
            !plan.actions.iter().any(|a| {
                a.responsible
                    .iter()
                    .chain(&a.partners)
                    .any(|who| plan.ministry_of(who).as_deref() == Some(m.acronym.as_str()))
            })
        })
        .map(|m| (m.acronym.clone(), m.name.clone()))
        .collect()
}

/// Actions whose responsible actors belong to no ministry (indices of the status rows).
pub fn unassigned(rows: &[Row]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.ministries.is_empty())
        .map(|(i, _)| i)
        .collect()
}
