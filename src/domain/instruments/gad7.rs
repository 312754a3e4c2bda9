//! GAD-7. Source: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety
//! disorder: the GAD-7. Arch Intern Med 2006;166:1092–1097. Seven items scored 0–3, total 0–21.

use super::{choice_points, frequency, Band, Definition, Detail, Flag, Instrument, Outcome};

pub(super) static DEFINITION: Definition = Definition {
    instrument: Instrument::Gad7,
    version: "gad7-2006.1",
    source: "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092–1097.",
    items: &[
        frequency("nervous"),
        frequency("control_worry"),
        frequency("worry_too_much"),
        frequency("trouble_relaxing"),
        frequency("restless"),
        frequency("irritable"),
        frequency("afraid"),
    ],
};

/// The highest total: seven items of 0 to 3.
pub const MAX_TOTAL: u32 = 21;

/// The severity band of a total (cut-offs 5, 10, 15; instruments.md, GAD-7).
pub fn band(total: u32) -> Band {
    match total {
        0..=4 => Band::Minimal,
        5..=9 => Band::Mild,
        10..=14 => Band::Moderate,
        _ => Band::Severe,
    }
}

pub(super) fn score(value: &dyn Fn(usize) -> Option<u32>) -> Outcome {
    let total = choice_points(&DEFINITION, value, 0..7);
    let band = band(total);
    let flags = if total >= 10 {
        vec![Flag::FurtherEvaluation]
    } else {
        vec![]
    };
    Outcome {
        total,
        band: Some(band),
        flags,
        detail: Detail::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(total: u32, band: Band, further_evaluation: bool) {
        let mut rest = total;
        let answers: Vec<Option<u32>> = (0..7)
            .map(|_| {
                let v = rest.min(3);
                rest -= v;
                Some(v)
            })
            .collect();
        let outcome = Instrument::Gad7.score(&answers).unwrap();
        assert_eq!((outcome.total, outcome.band), (total, Some(band)));
        assert_eq!(
            outcome.has(Flag::FurtherEvaluation),
            further_evaluation,
            "total {total}"
        );
    }

    #[test]
    fn band_boundaries() {
        check(0, Band::Minimal, false);
        check(4, Band::Minimal, false);
        check(5, Band::Mild, false);
        check(9, Band::Mild, false);
        check(10, Band::Moderate, true);
        check(14, Band::Moderate, true);
        check(15, Band::Severe, true);
        check(21, Band::Severe, true);
    }
}
