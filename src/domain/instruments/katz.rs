//! Katz Index of Independence in Activities of Daily Living. Sources: Katz S et al. Studies of illness in the aged.
//! JAMA 1963;185:914–919; Shelkey M, Wallace M, Hartford Institute "Try This" issue 2.
//! Six items, 1 = independent, 0 = dependent. Product bands: 6 full function, 3–5 moderate, 0–2 severe impairment.

use super::{
    choice_points, AnswerKind, Band, Definition, Detail, Instrument, Item, Outcome, Requirement,
};

/// Option 0 independent (1 point), option 1 dependent (0 points).
const fn activity(key: &'static str) -> Item {
    Item {
        key,
        answer: AnswerKind::Choice { points: &[1, 0] },
        required: Requirement::Always,
    }
}

pub(super) static DEFINITION: Definition = Definition {
    instrument: Instrument::Katz,
    version: "katz-1963.1",
    source: "Katz S, Ford AB, Moskowitz RW, Jackson BA, Jaffe MW. Studies of illness in the aged. The index of ADL. JAMA 1963;185:914–919. Shelkey M, Wallace M. Katz Index of Independence in Activities of Daily Living. Hartford Institute for Geriatric Nursing, Try This issue 2.",
    items: &[
        activity("bathing"),
        activity("dressing"),
        activity("toileting"),
        activity("transferring"),
        activity("continence"),
        activity("feeding"),
    ],
};

/// The highest total: six activities, one point each.
pub const MAX_TOTAL: u32 = 6;

/// The band of a total (6 full function, 3 to 5 moderate, 2 or less severe impairment; instruments.md, Katz).
pub fn band(total: u32) -> Band {
    match total {
        6.. => Band::FullFunction,
        3..=5 => Band::ModerateImpairment,
        _ => Band::SevereImpairment,
    }
}

pub(super) fn score(value: &dyn Fn(usize) -> Option<u32>) -> Outcome {
    let total = choice_points(&DEFINITION, value, 0..6);
    let band = band(total);
    Outcome {
        total,
        band: Some(band),
        flags: vec![],
        detail: Detail::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_total_falls_in_the_product_band() {
        for (independent, band) in [
            (6, Band::FullFunction),
            (5, Band::ModerateImpairment),
            (4, Band::ModerateImpairment),
            (3, Band::ModerateImpairment),
            (2, Band::SevereImpairment),
            (1, Band::SevereImpairment),
            (0, Band::SevereImpairment),
        ] {
            // Option 0 = independent, option 1 = dependent.
            let answers: Vec<Option<u32>> = (0..6)
                .map(|i| Some(if i < independent { 0 } else { 1 }))
                .collect();
            let outcome = Instrument::Katz.score(&answers).unwrap();
            assert_eq!(
                (outcome.total, outcome.band),
                (independent as u32, Some(band))
            );
        }
    }
}
