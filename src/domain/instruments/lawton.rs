//! Lawton Instrumental Activities of Daily Living. Sources: Lawton MP, Brody EM. Assessment of older people:
//! self-maintaining and instrumental activities of daily living. Gerontologist 1969;9:179–186; Graf C, Hartford
//! Institute "Try This" issue 23. Eight areas, each 1 or 0 by the level chosen; total 0–8 (all 8 scored for everyone).

use super::{
    choice_points, AnswerKind, Definition, Detail, Instrument, Item, Outcome, Requirement,
};

const fn area(key: &'static str, points: &'static [u32]) -> Item {
    Item {
        key,
        answer: AnswerKind::Choice { points },
        required: Requirement::Always,
    }
}

pub(super) static DEFINITION: Definition = Definition {
    instrument: Instrument::Lawton,
    version: "lawton-1969.1",
    source: "Lawton MP, Brody EM. Assessment of older people: self-maintaining and instrumental activities of daily living. Gerontologist 1969;9:179–186. Graf C. The Lawton Instrumental Activities of Daily Living Scale. Hartford Institute for Geriatric Nursing, Try This issue 23.",
    items: &[
        // Own initiative; a few well-known numbers; answers but does not dial; does not use.
        area("telephone", &[1, 1, 1, 0]),
        // All independently; small purchases only; needs to be accompanied; unable.
        area("shopping", &[1, 0, 0, 0]),
        // Plans, prepares and serves alone; if supplied with ingredients; heats but not adequate; needs meals served.
        area("food_preparation", &[1, 0, 0, 0]),
        // Alone or occasional help; light daily tasks; light tasks, not acceptable; needs help with all; none.
        area("housekeeping", &[1, 1, 1, 1, 0]),
        // All own laundry; small items; all done by others.
        area("laundry", &[1, 1, 0]),
        // Public transport or own car; own taxi; public transport accompanied; taxi/car with help; does not travel.
        area("transportation", &[1, 1, 1, 0, 0]),
        // Correct doses at correct times; only if prepared in advance; cannot dispense own.
        area("medications", &[1, 0, 0]),
        // Manages alone; day-to-day purchases but needs help with banking; incapable.
        area("finances", &[1, 1, 0]),
    ],
};

pub(super) fn score(value: &dyn Fn(usize) -> Option<u32>) -> Outcome {
    Outcome {
        total: choice_points(&DEFINITION, value, 0..8),
        band: None,
        flags: vec![],
        detail: Detail::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every level of every area, each tried with all other areas at their first (1-point) level.
    #[test]
    fn every_item_level_scores_as_published() {
        let expected: [&[u32]; 8] = [
            &[1, 1, 1, 0],
            &[1, 0, 0, 0],
            &[1, 0, 0, 0],
            &[1, 1, 1, 1, 0],
            &[1, 1, 0],
            &[1, 1, 1, 0, 0],
            &[1, 0, 0],
            &[1, 1, 0],
        ];
        for (area, levels) in expected.iter().enumerate() {
            for (level, points) in levels.iter().enumerate() {
                let mut answers = vec![Some(0); 8];
                answers[area] = Some(level as u32);
                let total = Instrument::Lawton.score(&answers).unwrap().total;
                assert_eq!(total, 7 + points, "area {area} level {level}");
            }
            let mut answers = vec![Some(0); 8];
            answers[area] = Some(levels.len() as u32);
            assert!(
                Instrument::Lawton.score(&answers).is_err(),
                "area {area} has {} levels",
                levels.len()
            );
        }
        assert_eq!(
            Instrument::Lawton
                .score(&[
                    Some(3),
                    Some(3),
                    Some(3),
                    Some(4),
                    Some(2),
                    Some(4),
                    Some(2),
                    Some(2)
                ])
                .unwrap()
                .total,
            0
        );
    }
}
