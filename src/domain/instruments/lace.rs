//! LACE index for death or unplanned readmission within 30 days of discharge. Sources: van Walraven C et al.
//! Derivation and validation of an index to predict early death or unplanned readmission after discharge from
//! hospital to the community. CMAJ 2010;182:551–557; Charlson ME et al. J Chronic Dis 1987;40:373–383.
//! The original LACE only: none of the 2017 "modified LACE" variants.

use super::{AnswerKind, Band, Definition, Detail, Instrument, Item, Outcome, Requirement};
use serde::{Deserialize, Serialize};

pub const CHARLSON_ITEM: &str = "charlson";
pub const CHARLSON_CONDITIONS_ITEM: &str = "charlson_conditions";

pub(super) static DEFINITION: Definition = Definition {
    instrument: Instrument::Lace,
    version: "lace-2010.1",
    source: "van Walraven C, Dhalla IA, Bell C, et al. Derivation and validation of an index to predict early death or unplanned readmission after discharge from hospital to the community. CMAJ 2010;182:551–557. Charlson ME, Pompei P, Ales KL, MacKenzie CR. J Chronic Dis 1987;40:373–383.",
    items: &[
        // L: length of stay in whole days (0 = less than one day).
        Item { key: "length_of_stay", answer: AnswerKind::Count { max: 3650 }, required: Requirement::Always },
        // A: acute (emergent) admission: yes (3), no (0).
        Item { key: "acute", answer: AnswerKind::Choice { points: &[3, 0] }, required: Requirement::Always },
        // C: Charlson comorbidity score (conditions only, no age points), entered or computed from the ticks below.
        // Needed only when no condition is ticked below: ticked conditions decide C.
        Item {
            key: CHARLSON_ITEM,
            answer: AnswerKind::Count { max: 60 },
            required: Requirement::UnlessAnswered(CHARLSON_CONDITIONS_ITEM),
        },
        // E: emergency department visits in the 6 months before admission, not counting the index visit.
        Item { key: "ed_visits", answer: AnswerKind::Count { max: 1000 }, required: Requirement::Always },
        // The Charlson conditions ticked, if the score was computed from them: recorded with the result.
        Item {
            key: CHARLSON_CONDITIONS_ITEM,
            answer: AnswerKind::Ticks { options: 19, exclusive: None },
            required: Requirement::Optional,
        },
    ],
};

/// The Charlson comorbidities with their weights (Charlson et al. 1987).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharlsonCondition {
    MyocardialInfarction,
    CongestiveHeartFailure,
    PeripheralVascularDisease,
    CerebrovascularDisease,
    Dementia,
    ChronicPulmonaryDisease,
    ConnectiveTissueDisease,
    PepticUlcerDisease,
    MildLiverDisease,
    DiabetesWithoutEndOrganDamage,
    Hemiplegia,
    ModerateOrSevereRenalDisease,
    DiabetesWithEndOrganDamage,
    AnyTumour,
    Leukaemia,
    Lymphoma,
    ModerateOrSevereLiverDisease,
    MetastaticSolidTumour,
    Aids,
}

impl CharlsonCondition {
    pub const ALL: [CharlsonCondition; 19] = [
        CharlsonCondition::MyocardialInfarction,
        CharlsonCondition::CongestiveHeartFailure,
        CharlsonCondition::PeripheralVascularDisease,
        CharlsonCondition::CerebrovascularDisease,
        CharlsonCondition::Dementia,
        CharlsonCondition::ChronicPulmonaryDisease,
        CharlsonCondition::ConnectiveTissueDisease,
        CharlsonCondition::PepticUlcerDisease,
        CharlsonCondition::MildLiverDisease,
        CharlsonCondition::DiabetesWithoutEndOrganDamage,
        CharlsonCondition::Hemiplegia,
        CharlsonCondition::ModerateOrSevereRenalDisease,
        CharlsonCondition::DiabetesWithEndOrganDamage,
        CharlsonCondition::AnyTumour,
        CharlsonCondition::Leukaemia,
        CharlsonCondition::Lymphoma,
        CharlsonCondition::ModerateOrSevereLiverDisease,
        CharlsonCondition::MetastaticSolidTumour,
        CharlsonCondition::Aids,
    ];

    pub fn weight(self) -> u32 {
        use CharlsonCondition::*;
        match self {
            MyocardialInfarction
            | CongestiveHeartFailure
            | PeripheralVascularDisease
            | CerebrovascularDisease
            | Dementia
            | ChronicPulmonaryDisease
            | ConnectiveTissueDisease
            | PepticUlcerDisease
            | MildLiverDisease
            | DiabetesWithoutEndOrganDamage => 1,
            Hemiplegia
            | ModerateOrSevereRenalDisease
            | DiabetesWithEndOrganDamage
            | AnyTumour
            | Leukaemia
            | Lymphoma => 2,
            ModerateOrSevereLiverDisease => 3,
            MetastaticSolidTumour | Aids => 6,
        }
    }
}

impl CharlsonCondition {
    /// The conditions of a `charlson_conditions` answer (bit i = `ALL[i]`).
    pub fn from_ticks(ticks: u32) -> Vec<CharlsonCondition> {
        CharlsonCondition::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| ticks & (1 << i) != 0)
            .map(|(_, c)| c)
            .collect()
    }

    /// The milder form this condition replaces when both are ticked, as Charlson scoring counts only the graver.
    fn supersedes(self) -> Option<CharlsonCondition> {
        use CharlsonCondition::*;
        match self {
            MetastaticSolidTumour => Some(AnyTumour),
            DiabetesWithEndOrganDamage => Some(DiabetesWithoutEndOrganDamage),
            ModerateOrSevereLiverDisease => Some(MildLiverDisease),
            _ => None,
        }
    }
}

/// The Charlson comorbidity score of the ticked conditions (no age points). A condition counts once, and where a
/// graver form is ticked with its milder one (metastatic and any tumour, diabetes with and without end-organ damage,
/// moderate-severe and mild liver disease) only the graver counts.
pub fn charlson_index(conditions: &[CharlsonCondition]) -> u32 {
    let ticked = |c: &CharlsonCondition| conditions.contains(c);
    CharlsonCondition::ALL
        .iter()
        .filter(|c| ticked(c))
        .filter(|c| {
            !CharlsonCondition::ALL
                .iter()
                .any(|g| ticked(g) && g.supersedes() == Some(**c))
        })
        .map(|c| c.weight())
        .sum()
}

fn length_of_stay_points(days: u32) -> u32 {
    match days {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4..=6 => 4,
        7..=13 => 5,
        _ => 7,
    }
}

fn charlson_points(score: u32) -> u32 {
    if score >= 4 {
        5
    } else {
        score
    }
}

/// The Charlson score computed from the ticked conditions, for the Charlson item, when any are ticked.
pub(super) fn derived(answers: &[Option<u32>], index: usize) -> Option<u32> {
    let position = |key| DEFINITION.items.iter().position(|i| i.key == key);
    if Some(index) != position(CHARLSON_ITEM) {
        return None;
    }
    let ticks = answers
        .get(position(CHARLSON_CONDITIONS_ITEM)?)
        .copied()
        .flatten()?;
    (ticks != 0).then(|| charlson_index(&CharlsonCondition::from_ticks(ticks)))
}

pub(super) fn score(value: &dyn Fn(usize) -> Option<u32>) -> Outcome {
    let l = length_of_stay_points(value(0).unwrap_or(0));
    let a = if value(1) == Some(0) { 3 } else { 0 };
    // Ticked conditions, when there are any, decide the Charlson score; otherwise the score entered directly.
    let charlson = match value(4) {
        Some(ticks) if ticks != 0 => charlson_index(&CharlsonCondition::from_ticks(ticks)),
        _ => value(2).unwrap_or(0),
    };
    let c = charlson_points(charlson);
    let e = value(3).unwrap_or(0).min(4);
    let total = l + a + c + e;
    let band = match total {
        0..=4 => Band::LowRisk,
        5..=9 => Band::ModerateRisk,
        _ => Band::HighRisk,
    };
    Outcome {
        total,
        band: Some(band),
        flags: vec![],
        detail: Detail::Lace { l, a, c, e },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LACE with `days` length of stay, acute yes/no, Charlson `charlson`, `ed` visits.
    fn lace(days: u32, acute: bool, charlson: u32, ed: u32) -> Outcome {
        let answers = [
            Some(days),
            Some(if acute { 0 } else { 1 }),
            Some(charlson),
            Some(ed),
            None,
        ];
        Instrument::Lace.score(&answers).unwrap()
    }

    fn parts(o: &Outcome) -> (u32, u32, u32, u32) {
        match o.detail {
            Detail::Lace { l, a, c, e } => (l, a, c, e),
            _ => unreachable!(),
        }
    }

    #[test]
    fn ticked_conditions_decide_c_and_stand_in_for_the_entered_score() {
        // Congestive heart failure (bit 1) and dementia (bit 4): Charlson 2, whatever was typed.
        let ticks = Some(0b1_0010);
        let with_ticks = Instrument::Lace
            .score(&[Some(8), Some(0), None, Some(1), ticks])
            .unwrap();
        assert_eq!(parts(&with_ticks), (5, 3, 2, 1));
        let disagreeing = Instrument::Lace
            .score(&[Some(8), Some(0), Some(0), Some(1), ticks])
            .unwrap();
        assert_eq!(
            disagreeing.total, with_ticks.total,
            "the ticks win over a mismatching entry"
        );
        assert_eq!(
            Instrument::Lace.derived(&[None, None, Some(0), None, ticks], 2),
            Some(2)
        );
        assert_eq!(
            Instrument::Lace.derived(&[None, None, Some(0), None, None], 2),
            None
        );
        assert_eq!(
            Instrument::Lace.derived(&[None, None, Some(0), None, ticks], 3),
            None
        );
        assert_eq!(
            Instrument::Lace.score(&[Some(8), Some(0), None, Some(1), None]),
            Err(super::super::Unanswered(vec![2])),
            "without ticks the score must be entered"
        );
    }

    #[test]
    fn every_length_of_stay_bracket() {
        for (days, points) in [
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 3),
            (4, 4),
            (6, 4),
            (7, 5),
            (13, 5),
            (14, 7),
            (90, 7),
        ] {
            assert_eq!(parts(&lace(days, false, 0, 0)).0, points, "{days} days");
        }
    }

    #[test]
    fn acute_admission_scores_3() {
        assert_eq!(parts(&lace(0, true, 0, 0)).1, 3);
        assert_eq!(parts(&lace(0, false, 0, 0)).1, 0);
    }

    #[test]
    fn charlson_3_vs_4() {
        assert_eq!(parts(&lace(0, false, 0, 0)).2, 0);
        assert_eq!(parts(&lace(0, false, 1, 0)).2, 1);
        assert_eq!(parts(&lace(0, false, 2, 0)).2, 2);
        assert_eq!(parts(&lace(0, false, 3, 0)).2, 3);
        assert_eq!(parts(&lace(0, false, 4, 0)).2, 5);
        assert_eq!(parts(&lace(0, false, 9, 0)).2, 5);
    }

    #[test]
    fn ed_visits_3_vs_4_vs_7() {
        assert_eq!(parts(&lace(0, false, 0, 3)).3, 3);
        assert_eq!(parts(&lace(0, false, 0, 4)).3, 4);
        assert_eq!(parts(&lace(0, false, 0, 7)).3, 4);
    }

    #[test]
    fn bands_and_total() {
        assert_eq!(
            (lace(4, false, 0, 0).total, lace(4, false, 0, 0).band),
            (4, Some(Band::LowRisk))
        );
        assert_eq!(
            (lace(4, false, 1, 0).total, lace(4, false, 1, 0).band),
            (5, Some(Band::ModerateRisk))
        );
        assert_eq!(
            lace(6, true, 2, 0).band,
            Some(Band::ModerateRisk),
            "4 + 3 + 2 = 9"
        );
        assert_eq!(
            (lace(6, true, 3, 0).total, lace(6, true, 3, 0).band),
            (10, Some(Band::HighRisk))
        );
        assert_eq!(lace(30, true, 12, 9).total, 19, "the maximum");
    }

    #[test]
    fn charlson_from_ticked_conditions() {
        use CharlsonCondition::*;
        assert_eq!(charlson_index(&[]), 0);
        assert_eq!(charlson_index(&[CongestiveHeartFailure, Dementia]), 2);
        assert_eq!(
            charlson_index(&[Hemiplegia, ModerateOrSevereLiverDisease]),
            5
        );
        assert_eq!(charlson_index(&[MetastaticSolidTumour, Aids, Dementia]), 13);
        assert_eq!(
            charlson_index(&[Dementia, Dementia]),
            1,
            "a condition counts once"
        );
        let weights: Vec<u32> = CharlsonCondition::ALL.iter().map(|c| c.weight()).collect();
        assert_eq!(weights.iter().filter(|w| **w == 1).count(), 10);
        assert_eq!(weights.iter().filter(|w| **w == 2).count(), 6);
        assert_eq!(weights.iter().filter(|w| **w == 3).count(), 1);
        assert_eq!(weights.iter().filter(|w| **w == 6).count(), 2);
    }
}
