//! Standardized instruments: one versioned definition per instrument (items, answer kinds, source) and its pure
//! scoring. Scoring never fails: it returns an outcome, or the list of unanswered items.
//!
//! Item and option wording lives in the message catalogue, indexed like the definition's items.

mod ahc;
mod gad7;
mod katz;
mod lace;
mod lawton;
pub mod phq9;

pub use ahc::AhcDomain;
pub use lace::{comorbidity_sum, LaceCondition, CHARLSON_CONDITIONS_ITEM, CHARLSON_ITEM};

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Instrument {
    Phq9,
    Gad7,
    AhcHrsn,
    Katz,
    Lawton,
    Lace,
}

crate::domain::codes::codes!(Instrument {
    Phq9 => "phq9",
    Gad7 => "gad7",
    AhcHrsn => "ahc_hrsn",
    Katz => "katz",
    Lawton => "lawton",
    Lace => "lace",
});

impl Instrument {
    pub fn definition(self) -> &'static Definition {
        match self {
            Instrument::Phq9 => &phq9::DEFINITION,
            Instrument::Gad7 => &gad7::DEFINITION,
            Instrument::AhcHrsn => &ahc::DEFINITION,
            Instrument::Katz => &katz::DEFINITION,
            Instrument::Lawton => &lawton::DEFINITION,
            Instrument::Lace => &lace::DEFINITION,
        }
    }

    /// The band a total falls in, for the instruments that band their totals (the same cut-offs as scoring).
    pub fn band_of(self, total: u32) -> Option<Band> {
        match self {
            Instrument::Phq9 => Some(phq9::band(total)),
            Instrument::Gad7 => Some(gad7::band(total)),
            Instrument::Katz => Some(katz::band(total)),
            Instrument::Lace => Some(lace::band(total)),
            Instrument::AhcHrsn | Instrument::Lawton => None,
        }
    }

    /// The highest total the instrument can give, where it has one scale (Lawton: eight areas of one point).
    pub fn max_total(self) -> Option<u32> {
        match self {
            Instrument::Phq9 => Some(phq9::MAX_TOTAL),
            Instrument::Gad7 => Some(gad7::MAX_TOTAL),
            Instrument::Katz => Some(katz::MAX_TOTAL),
            Instrument::Lace => Some(lace::MAX_TOTAL),
            Instrument::Lawton => Some(8),
            Instrument::AhcHrsn => None,
        }
    }

    /// The bands in order of total, each with its lowest and highest total (a chart shades them).
    pub fn band_ranges(self) -> Vec<(Band, u32, u32)> {
        let mut ranges: Vec<(Band, u32, u32)> = Vec::new();
        for total in 0..=self.max_total().unwrap_or(0) {
            let Some(band) = self.band_of(total) else {
                continue;
            };
            match ranges.last_mut() {
                Some((last, _, high)) if *last == band => *high = total,
                _ => ranges.push((band, total, total)),
            }
        }
        ranges
    }

    /// The value an item takes from other answers, when it does: LACE's Charlson score from ticked conditions.
    pub fn derived(self, answers: &[Option<u32>], index: usize) -> Option<u32> {
        match self {
            Instrument::Lace => lace::derived(answers, index),
            _ => None,
        }
    }

    /// Scores a complete set of answers, or lists the required items (by index) still unanswered.
    pub fn score(self, answers: &[Option<u32>]) -> Result<Outcome, Unanswered> {
        let definition = self.definition();
        let answered = |key: &str| {
            definition
                .items
                .iter()
                .position(|item| item.key == key)
                .is_some_and(|i| answers.get(i).copied().flatten().is_some())
        };
        let missing: Vec<usize> = definition
            .items
            .iter()
            .enumerate()
            .filter(|(i, item)| {
                let answer = answers.get(*i).copied().flatten();
                match answer {
                    None => match item.required {
                        Requirement::Always => true,
                        Requirement::Optional => false,
                        Requirement::UnlessAnswered(other) => !answered(other),
                    },
                    Some(value) => !item.answer.accepts(value),
                }
            })
            .map(|(i, _)| i)
            .collect();
        if !missing.is_empty() {
            return Err(Unanswered(missing));
        }
        let value = |i: usize| answers.get(i).copied().flatten();
        Ok(match self {
            Instrument::Phq9 => phq9::score(&value),
            Instrument::Gad7 => gad7::score(&value),
            Instrument::AhcHrsn => ahc::score(&value),
            Instrument::Katz => katz::score(&value),
            Instrument::Lawton => lawton::score(&value),
            Instrument::Lace => lace::score(&value),
        })
    }
}

/// A versioned instrument definition, from which the form is rendered and the answers checked.
#[derive(Debug, PartialEq, Eq)]
pub struct Definition {
    pub instrument: Instrument,
    /// Bumped whenever items or scoring change; saved with every administration.
    pub version: &'static str,
    /// The published source, shown to the user.
    pub source: &'static str,
    pub items: &'static [Item],
}

#[derive(Debug, PartialEq, Eq)]
pub struct Item {
    pub key: &'static str,
    pub answer: AnswerKind,
    /// Whether the item must be answered before the instrument is scored.
    pub required: Requirement,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    Always,
    /// Recorded when given, never needed for the score.
    Optional,
    /// Needed unless the item with this key is answered (it then stands in for this one).
    UnlessAnswered(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// One option; the answer is the option's index and `points[index]` its score.
    Choice { points: &'static [u32] },
    /// Any number of `options` ticked; the answer is a bit set (bit i = option i). An answer needs a tick.
    /// The `exclusive` option ("none of the above", "no") cannot be ticked with another.
    Ticks {
        options: u32,
        exclusive: Option<u32>,
    },
    /// A whole number from 0 to `max`.
    Count { max: u32 },
}

/// Ticks a box of a `Ticks` answer, or unticks it; ticking the exclusive option clears the others and the other
/// way round, so the answer always stays acceptable.
pub fn toggle_tick(kind: AnswerKind, current: Option<u32>, option: u32) -> Option<u32> {
    let bit = 1 << option;
    let mut ticks = current.unwrap_or(0) ^ bit;
    if let AnswerKind::Ticks {
        exclusive: Some(e), ..
    } = kind
    {
        if ticks & bit != 0 {
            ticks = if option == e { bit } else { ticks & !(1 << e) };
        }
    }
    (ticks != 0).then_some(ticks)
}

impl AnswerKind {
    pub fn accepts(self, value: u32) -> bool {
        match self {
            AnswerKind::Choice { points } => (value as usize) < points.len(),
            AnswerKind::Ticks { options, exclusive } => {
                let alone = exclusive.is_none_or(|e| value & (1 << e) == 0 || value == 1 << e);
                value != 0 && value < (1 << options) && alone
            }
            AnswerKind::Count { max } => value <= max,
        }
    }
}

/// Item indexes that must be answered (or were answered out of range) before scoring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unanswered(pub Vec<usize>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
    FullFunction,
    ModerateImpairment,
    SevereImpairment,
    LowRisk,
    ModerateRisk,
    HighRisk,
}

crate::domain::codes::codes!(Band {
    Minimal => "minimal",
    Mild => "mild",
    Moderate => "moderate",
    ModeratelySevere => "moderately_severe",
    Severe => "severe",
    FullFunction => "full_function",
    ModerateImpairment => "moderate_impairment",
    SevereImpairment => "severe_impairment",
    LowRisk => "low_risk",
    ModerateRisk => "moderate_risk",
    HighRisk => "high_risk",
});

/// Something in the answers that needs action whatever the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// PHQ-9 item 9 above 0: same-day safety follow-up.
    SelfHarmThoughts,
    /// PHQ-2 (items 1 + 2) of 3 or more.
    Phq2Positive,
    /// GAD-7 of 10 or more: further evaluation recommended.
    FurtherEvaluation,
    /// An AHC domain screened positive: a need for the care plan.
    SocialNeed(AhcDomain),
    /// Any AHC safety answer above "never", even below the cut-off: worth a conversation.
    SafetyAnswerAboveNever,
}

/// A scored administration's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub total: u32,
    pub band: Option<Band>,
    pub flags: Vec<Flag>,
    pub detail: Detail,
}

/// Instrument-specific parts of a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    None,
    Phq9 {
        phq2: u32,
        item9: u32,
    },
    Ahc {
        positive: Vec<AhcDomain>,
        safety_sum: u32,
    },
    Lace {
        l: u32,
        a: u32,
        c: u32,
        e: u32,
    },
}

impl Outcome {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// The AHC domains that screened positive (empty for other instruments).
    pub fn positive_domains(&self) -> &[AhcDomain] {
        match &self.detail {
            Detail::Ahc { positive, .. } => positive,
            _ => &[],
        }
    }
}

/// Sums the points of choice items `range` (all answered: scoring runs only on complete answers).
fn choice_points(
    definition: &Definition,
    value: &dyn Fn(usize) -> Option<u32>,
    range: std::ops::Range<usize>,
) -> u32 {
    range
        .map(|i| match (definition.items[i].answer, value(i)) {
            (AnswerKind::Choice { points }, Some(v)) => points[v as usize],
            _ => 0,
        })
        .sum()
}

/// A PHQ-9 or GAD-7 item: not at all (0), several days (1), more than half the days (2), nearly every day (3).
const fn frequency(key: &'static str) -> Item {
    Item {
        key,
        answer: AnswerKind::Choice {
            points: &[0, 1, 2, 3],
        },
        required: Requirement::Always,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_ranges_cover_every_total_with_the_scoring_cut_offs() {
        assert_eq!(
            Instrument::Phq9.band_ranges(),
            [
                (Band::Minimal, 0, 4),
                (Band::Mild, 5, 9),
                (Band::Moderate, 10, 14),
                (Band::ModeratelySevere, 15, 19),
                (Band::Severe, 20, 27)
            ]
        );
        assert_eq!(
            Instrument::Katz.band_ranges(),
            [
                (Band::SevereImpairment, 0, 2),
                (Band::ModerateImpairment, 3, 5),
                (Band::FullFunction, 6, 6)
            ]
        );
        assert_eq!(
            Instrument::Lace.band_ranges(),
            [
                (Band::LowRisk, 0, 4),
                (Band::ModerateRisk, 5, 9),
                (Band::HighRisk, 10, 19)
            ]
        );
        assert_eq!(
            Instrument::Gad7.band_ranges().last(),
            Some(&(Band::Severe, 15, 21))
        );
        assert!(Instrument::Lawton.band_ranges().is_empty());
    }

    #[test]
    fn every_definition_has_unique_item_keys_and_a_source() {
        for instrument in Instrument::ALL {
            let d = instrument.definition();
            assert_eq!(d.instrument, instrument);
            assert!(!d.source.is_empty() && !d.version.is_empty());
            let mut keys: Vec<_> = d.items.iter().map(|i| i.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), d.items.len(), "{instrument:?}");
            assert_eq!(Instrument::from_code(instrument.code()), Some(instrument));
        }
    }

    #[test]
    fn nothing_is_scored_until_every_required_item_is_answered() {
        let mut answers = vec![Some(0); 9];
        answers[4] = None;
        assert_eq!(Instrument::Phq9.score(&answers), Err(Unanswered(vec![4])));
        answers[4] = Some(7); // out of range counts as unanswered
        assert_eq!(Instrument::Phq9.score(&answers), Err(Unanswered(vec![4])));
        answers[4] = Some(1);
        assert_eq!(Instrument::Phq9.score(&answers).unwrap().total, 1);
        assert_eq!(
            Instrument::Gad7.score(&[]),
            Err(Unanswered((0..7).collect()))
        );
    }
}
