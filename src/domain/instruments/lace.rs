//! LACE index for death or unplanned readmission within 30 days of discharge. Sources: van Walraven C et al.
//! Derivation and validation of an index to predict early death or unplanned readmission after discharge from
//! hospital to the community. CMAJ 2010;182:551–557; the comorbidity weights of the LACE worksheet as reproduced in
//! BMC Cardiovasc Disord 2014;14:97, table 1.
//! The original LACE only: none of the 2017 "modified LACE" variants.

use super::{AnswerKind, Band, Definition, Detail, Instrument, Item, Outcome, Requirement};

pub const CHARLSON_ITEM: &str = "charlson";
pub const CHARLSON_CONDITIONS_ITEM: &str = "charlson_conditions";

pub(super) static DEFINITION: Definition = Definition {
    instrument: Instrument::Lace,
    // .2: C from ticked conditions by the LACE worksheet's own weights (.1 used the 1987 Charlson weights).
    version: "lace-2010.2",
    source: "van Walraven C, Dhalla IA, Bell C, et al. Derivation and validation of an index to predict early death or unplanned readmission after discharge from hospital to the community. CMAJ 2010;182:551–557. Comorbidity weights: the LACE worksheet, reproduced in Yazdan-Ashoori P et al. BMC Cardiovasc Disord 2014;14:97, table 1.",
    items: &[
        // L: length of stay in whole days (0 = less than one day).
        Item { key: "length_of_stay", answer: AnswerKind::Count { max: 3650 }, required: Requirement::Always },
        // A: acute (emergent) admission: yes (3), no (0).
        Item { key: "acute", answer: AnswerKind::Choice { points: &[3, 0] }, required: Requirement::Always },
        // C: the comorbidity score, entered or computed from the ticks below by the worksheet's weights.
        // Needed only when no condition is ticked below: ticked conditions decide C.
        Item {
            key: CHARLSON_ITEM,
            answer: AnswerKind::Count { max: 60 },
            required: Requirement::UnlessAnswered(CHARLSON_CONDITIONS_ITEM),
        },
        // E: emergency department visits in the 6 months before admission, not counting the index visit.
        Item { key: "ed_visits", answer: AnswerKind::Count { max: 1000 }, required: Requirement::Always },
        // The worksheet's conditions ticked, if the score was computed from them: recorded with the result.
        Item {
            key: CHARLSON_CONDITIONS_ITEM,
            answer: AnswerKind::Ticks { options: 14, exclusive: None },
            required: Requirement::Optional,
        },
    ],
};

/// The comorbidities of the LACE tool's worksheet with their LACE weights (its own table, not the 1987 Charlson
/// weights), as reproduced in Yazdan-Ashoori P, Lee SF, Ibrahim Q, Van Spall HGC. Utility of the LACE index at the
/// bedside in predicting 30-day readmission or death in patients hospitalized with heart failure. BMC Cardiovasc
/// Disord 2014;14:97, table 1. Conditions outside that table (peptic ulcer, hemiplegia) are not offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaceCondition {
    PreviousMyocardialInfarction,
    CerebrovascularDisease,
    PeripheralVascularDisease,
    DiabetesWithoutComplications,
    CongestiveHeartFailure,
    DiabetesWithEndOrganDamage,
    ChronicPulmonaryDisease,
    MildLiverOrRenalDisease,
    AnyTumour,
    Dementia,
    ConnectiveTissueDisease,
    Aids,
    ModerateOrSevereLiverOrRenalDisease,
    MetastaticSolidTumour,
}

crate::domain::codes::codes!(LaceCondition {
    PreviousMyocardialInfarction => "previous_myocardial_infarction",
    CerebrovascularDisease => "cerebrovascular_disease",
    PeripheralVascularDisease => "peripheral_vascular_disease",
    DiabetesWithoutComplications => "diabetes_without_complications",
    CongestiveHeartFailure => "congestive_heart_failure",
    DiabetesWithEndOrganDamage => "diabetes_with_end_organ_damage",
    ChronicPulmonaryDisease => "chronic_pulmonary_disease",
    MildLiverOrRenalDisease => "mild_liver_or_renal_disease",
    AnyTumour => "any_tumour",
    Dementia => "dementia",
    ConnectiveTissueDisease => "connective_tissue_disease",
    Aids => "aids",
    ModerateOrSevereLiverOrRenalDisease => "moderate_or_severe_liver_or_renal_disease",
    MetastaticSolidTumour => "metastatic_solid_tumour",
});

impl LaceCondition {
    /// The LACE worksheet's points for the condition.
    pub fn weight(self) -> u32 {
        use LaceCondition::*;
        match self {
            PreviousMyocardialInfarction
            | CerebrovascularDisease
            | PeripheralVascularDisease
            | DiabetesWithoutComplications => 1,
            CongestiveHeartFailure
            | DiabetesWithEndOrganDamage
            | ChronicPulmonaryDisease
            | MildLiverOrRenalDisease
            | AnyTumour => 2,
            Dementia | ConnectiveTissueDisease => 3,
            Aids | ModerateOrSevereLiverOrRenalDisease => 4,
            MetastaticSolidTumour => 6,
        }
    }

    /// The conditions of a `charlson_conditions` answer (bit i = `ALL[i]`).
    pub fn from_ticks(ticks: u32) -> Vec<LaceCondition> {
        LaceCondition::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| ticks & (1 << i) != 0)
            .map(|(_, c)| c)
            .collect()
    }

    /// The milder form this condition replaces when both are ticked: one illness is counted once, at its graver
    /// form, as in the Charlson index the worksheet derives from.
    fn supersedes(self) -> Option<LaceCondition> {
        use LaceCondition::*;
        match self {
            MetastaticSolidTumour => Some(AnyTumour),
            DiabetesWithEndOrganDamage => Some(DiabetesWithoutComplications),
            ModerateOrSevereLiverOrRenalDisease => Some(MildLiverOrRenalDisease),
            _ => None,
        }
    }
}

/// The comorbidity sum of the ticked conditions by the LACE worksheet's weights. A condition counts once, and where
/// a graver form is ticked with its milder one only the graver counts. (LACE's C is this sum up to 3, and 5 from 4.)
pub fn comorbidity_sum(conditions: &[LaceCondition]) -> u32 {
    let ticked = |c: &LaceCondition| conditions.contains(c);
    LaceCondition::ALL
        .iter()
        .filter(|c| ticked(c))
        .filter(|c| {
            !LaceCondition::ALL
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

/// The comorbidity score computed from the ticked conditions, for the C item, when any are ticked.
pub(super) fn derived(answers: &[Option<u32>], index: usize) -> Option<u32> {
    let position = |key| DEFINITION.items.iter().position(|i| i.key == key);
    if Some(index) != position(CHARLSON_ITEM) {
        return None;
    }
    let ticks = answers
        .get(position(CHARLSON_CONDITIONS_ITEM)?)
        .copied()
        .flatten()?;
    (ticks != 0).then(|| comorbidity_sum(&LaceCondition::from_ticks(ticks)))
}

/// The highest total: L 7, A 3, C 5, E 4.
pub const MAX_TOTAL: u32 = 19;

/// The readmission-risk band of a total (0 to 4 low, 5 to 9 moderate, 10 or more high; instruments.md, LACE).
pub fn band(total: u32) -> Band {
    match total {
        0..=4 => Band::LowRisk,
        5..=9 => Band::ModerateRisk,
        _ => Band::HighRisk,
    }
}

pub(super) fn score(value: &dyn Fn(usize) -> Option<u32>) -> Outcome {
    let l = length_of_stay_points(value(0).unwrap_or(0));
    let a = if value(1) == Some(0) { 3 } else { 0 };
    // Ticked conditions, when there are any, decide the Charlson score; otherwise the score entered directly.
    let charlson = match value(4) {
        Some(ticks) if ticks != 0 => comorbidity_sum(&LaceCondition::from_ticks(ticks)),
        _ => value(2).unwrap_or(0),
    };
    let c = charlson_points(charlson);
    let e = value(3).unwrap_or(0).min(4);
    let total = l + a + c + e;
    let band = band(total);
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
        // Congestive heart failure (bit 4) and chronic pulmonary disease (bit 6): 2 + 2 = 4, so C = 5, whatever
        // was typed.
        let ticks = Some((1 << 4) | (1 << 6));
        let with_ticks = Instrument::Lace
            .score(&[Some(8), Some(0), None, Some(1), ticks])
            .unwrap();
        assert_eq!(parts(&with_ticks), (5, 3, 5, 1));
        let disagreeing = Instrument::Lace
            .score(&[Some(8), Some(0), Some(0), Some(1), ticks])
            .unwrap();
        assert_eq!(
            disagreeing.total, with_ticks.total,
            "the ticks win over a mismatching entry"
        );
        assert_eq!(
            Instrument::Lace.derived(&[None, None, Some(0), None, ticks], 2),
            Some(4)
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
    fn comorbidity_sum_uses_the_lace_worksheet_weights() {
        use LaceCondition::*;
        assert_eq!(comorbidity_sum(&[]), 0);
        // BMC Cardiovasc Disord 2014;14:97, table 1: each weight.
        for (condition, weight) in [
            (PreviousMyocardialInfarction, 1),
            (CerebrovascularDisease, 1),
            (PeripheralVascularDisease, 1),
            (DiabetesWithoutComplications, 1),
            (CongestiveHeartFailure, 2),
            (DiabetesWithEndOrganDamage, 2),
            (ChronicPulmonaryDisease, 2),
            (MildLiverOrRenalDisease, 2),
            (AnyTumour, 2),
            (Dementia, 3),
            (ConnectiveTissueDisease, 3),
            (Aids, 4),
            (ModerateOrSevereLiverOrRenalDisease, 4),
            (MetastaticSolidTumour, 6),
        ] {
            assert_eq!(comorbidity_sum(&[condition]), weight, "{condition:?}");
        }
        assert_eq!(comorbidity_sum(&[CongestiveHeartFailure, Dementia]), 5);
        assert_eq!(
            comorbidity_sum(&[Dementia, Dementia]),
            3,
            "a condition counts once"
        );
        assert_eq!(
            comorbidity_sum(&[DiabetesWithoutComplications, DiabetesWithEndOrganDamage]),
            2,
            "the graver form only"
        );
    }

    #[test]
    fn heart_failure_and_dementia_give_c_5() {
        // Bits: congestive heart failure is ALL[4], dementia ALL[9]. Sum 2 + 3 = 5, so C = 5 (not 2 as under the
        // 1987 Charlson weights).
        let ticks = (1 << 4) | (1 << 9);
        let outcome = Instrument::Lace
            .score(&[Some(0), Some(1), None, Some(0), Some(ticks)])
            .unwrap();
        assert_eq!(parts(&outcome).2, 5);
        // Sum 3 counts as is; sum 4 gives 5.
        let three = (1 << 0) | (1 << 4); // MI 1 + heart failure 2
        let four = (1 << 11) as u32; // AIDS 4
        let c = |t: u32| {
            parts(
                &Instrument::Lace
                    .score(&[Some(0), Some(1), None, Some(0), Some(t)])
                    .unwrap(),
            )
            .2
        };
        assert_eq!((c(three), c(four)), (3, 5));
        assert_eq!(
            LaceCondition::ALL.len(),
            14,
            "no peptic ulcer, no hemiplegia"
        );
    }
}
