//! PHQ-9 (with PHQ-2). Source: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression
//! severity measure. J Gen Intern Med 2001;16:606–613; and the PHQ form's own scoring notes.
//! Items 1–9 score 0–3 (total 0–27); item 10 (difficulty) is recorded, never scored.

use super::{
    choice_points, frequency, AnswerKind, Band, Definition, Detail, Flag, Instrument, Item,
    Outcome, Requirement,
};

/// The PHQ-2 (items 1 and 2) screens positive from this score (Kroenke, Spitzer, Williams. Med Care 2003;41:1284–92).
pub const PHQ2_CUT_OFF: u32 = 3;

pub(super) static DEFINITION: Definition = Definition {
    instrument: Instrument::Phq9,
    version: "phq9-2001.1",
    source: "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606–613.",
    items: &[
        frequency("interest"),
        frequency("down"),
        frequency("sleep"),
        frequency("tired"),
        frequency("appetite"),
        frequency("failure"),
        frequency("concentration"),
        frequency("psychomotor"),
        frequency("self_harm"),
        // Not difficult at all, somewhat, very, extremely difficult: recorded, not scored.
        Item { key: "difficulty", answer: AnswerKind::Choice { points: &[0, 0, 0, 0] }, required: Requirement::Optional },
    ],
};

/// The highest total: nine items of 0 to 3.
pub const MAX_TOTAL: u32 = 27;

/// The severity band of a total (cut-offs 5, 10, 15, 20; instruments.md, PHQ-9).
pub fn band(total: u32) -> Band {
    match total {
        0..=4 => Band::Minimal,
        5..=9 => Band::Mild,
        10..=14 => Band::Moderate,
        15..=19 => Band::ModeratelySevere,
        _ => Band::Severe,
    }
}

pub(super) fn score(value: &dyn Fn(usize) -> Option<u32>) -> Outcome {
    let total = choice_points(&DEFINITION, value, 0..9);
    let phq2 = choice_points(&DEFINITION, value, 0..2);
    let item9 = choice_points(&DEFINITION, value, 8..9);
    let band = band(total);
    let mut flags = Vec::new();
    if item9 > 0 {
        flags.push(Flag::SelfHarmThoughts);
    }
    if phq2 >= PHQ2_CUT_OFF {
        flags.push(Flag::Phq2Positive);
    }
    Outcome {
        total,
        band: Some(band),
        flags,
        detail: Detail::Phq9 { phq2, item9 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers for items 1–9 that reach `total` without touching items 1, 2 and 9 where possible.
    fn answers(first_two: [u32; 2], item9: u32, total: u32) -> Vec<Option<u32>> {
        let mut rest = total - first_two[0] - first_two[1] - item9;
        let mut a = vec![Some(first_two[0]), Some(first_two[1])];
        for _ in 2..8 {
            let v = rest.min(3);
            rest -= v;
            a.push(Some(v));
        }
        assert_eq!(rest, 0, "total {total} not reachable");
        a.push(Some(item9));
        a.push(None);
        a
    }

    fn check(first_two: [u32; 2], item9: u32, total: u32, band: Band, flags: &[Flag]) {
        let outcome = Instrument::Phq9
            .score(&answers(first_two, item9, total))
            .unwrap();
        assert_eq!(outcome.total, total);
        assert_eq!(outcome.band, Some(band), "total {total}");
        assert_eq!(outcome.flags, flags, "total {total}");
    }

    #[test]
    fn band_boundaries() {
        check([0, 0], 0, 0, Band::Minimal, &[]);
        check([0, 0], 0, 4, Band::Minimal, &[]);
        check([0, 0], 0, 5, Band::Mild, &[]);
        check([0, 0], 0, 9, Band::Mild, &[]);
        check([0, 0], 0, 10, Band::Moderate, &[]);
        check([0, 0], 0, 14, Band::Moderate, &[]);
        check([0, 0], 0, 15, Band::ModeratelySevere, &[]);
        check([1, 0], 0, 19, Band::ModeratelySevere, &[]);
        check([1, 1], 0, 20, Band::Severe, &[]);
        check(
            [3, 3],
            3,
            27,
            Band::Severe,
            &[Flag::SelfHarmThoughts, Flag::Phq2Positive],
        );
    }

    #[test]
    fn item_9_above_zero_flags_self_harm_whatever_the_total() {
        check([0, 0], 0, 0, Band::Minimal, &[]);
        check([0, 0], 1, 1, Band::Minimal, &[Flag::SelfHarmThoughts]);
    }

    #[test]
    fn phq2_is_positive_from_3() {
        check([1, 1], 0, 2, Band::Minimal, &[]);
        check([2, 0], 0, 2, Band::Minimal, &[]);
        check([2, 1], 0, 3, Band::Minimal, &[Flag::Phq2Positive]);
        check([0, 3], 0, 3, Band::Minimal, &[Flag::Phq2Positive]);
        let outcome = Instrument::Phq9.score(&answers([2, 1], 0, 3)).unwrap();
        assert_eq!(outcome.detail, Detail::Phq9 { phq2: 3, item9: 0 });
    }

    #[test]
    fn item_10_is_recorded_but_never_scored() {
        let mut a = answers([0, 0], 0, 6);
        a[9] = Some(3);
        assert_eq!(Instrument::Phq9.score(&a).unwrap().total, 6);
    }
}
