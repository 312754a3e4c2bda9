//! AHC Health-Related Social Needs screening tool, core questions. Sources: Centers for Medicare & Medicaid
//! Services, "The Accountable Health Communities Health-Related Social Needs Screening Tool" (2017/2018);
//! Billioux A et al. Standardized screening for health-related social needs in clinical settings. NAM Perspectives
//! discussion paper, 2017. Ten questions in five domains.

use super::{AnswerKind, Definition, Detail, Flag, Instrument, Item, Outcome, Requirement};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AhcDomain {
    Housing,
    Food,
    Transportation,
    Utilities,
    Safety,
}

crate::domain::codes::codes!(AhcDomain {
    Housing => "housing",
    Food => "food",
    Transportation => "transportation",
    Utilities => "utilities",
    Safety => "safety",
});

/// Choice items carry no points of their own here: domains are decided by the rules in `score`.
const THREE: &[u32] = &[0, 0, 0];
/// Never 1, rarely 2, sometimes 3, fairly often 4, frequently 5.
const SAFETY: &[u32] = &[1, 2, 3, 4, 5];

const fn item(key: &'static str, answer: AnswerKind) -> Item {
    Item {
        key,
        answer,
        required: Requirement::Always,
    }
}

pub(super) static DEFINITION: Definition = Definition {
    instrument: Instrument::AhcHrsn,
    version: "ahc-hrsn-core-2018.1",
    source: "Centers for Medicare & Medicaid Services. The Accountable Health Communities Health-Related Social Needs Screening Tool (2017/2018). Billioux A, Verlander K, Anthony S, Alley D. Standardized screening for health-related social needs in clinical settings. NAM Perspectives, 2017.",
    items: &[
        // Q1: steady place; place today but worried about losing it; no steady place.
        item("housing_situation", AnswerKind::Choice { points: THREE }),
        // Q2: pests, mold, lead, inadequate heat, oven or stove not working, smoke detectors missing or not working,
        // water leaks, none of these.
        item("housing_problems", AnswerKind::Ticks { options: 8, exclusive: Some(7) }),
        // Q3, Q4: often true, sometimes true, never true.
        item("food_worry", AnswerKind::Choice { points: THREE }),
        item("food_did_not_last", AnswerKind::Choice { points: THREE }),
        // Q5: yes, kept from medical appointments or medications; yes, from non-medical needs; no.
        item("transportation", AnswerKind::Ticks { options: 3, exclusive: Some(2) }),
        // Q6: yes; no; already shut off.
        item("utilities", AnswerKind::Choice { points: THREE }),
        // Q7–Q10: physically hurt, insulted or talked down to, threatened with harm, screamed or cursed at.
        item("hurt", AnswerKind::Choice { points: SAFETY }),
        item("insulted", AnswerKind::Choice { points: SAFETY }),
        item("threatened", AnswerKind::Choice { points: SAFETY }),
        item("screamed", AnswerKind::Choice { points: SAFETY }),
    ],
};

/// The interpersonal safety domain is positive when Q7–Q10 sum to more than this.
pub const SAFETY_CUT_OFF: u32 = 10;

pub(super) fn score(value: &dyn Fn(usize) -> Option<u32>) -> Outcome {
    let v = |i| value(i).unwrap_or(0);
    let housing = matches!(v(0), 1 | 2) || v(1) & 0b0111_1111 != 0;
    let food = [v(2), v(3)].iter().any(|a| matches!(a, 0 | 1));
    let transportation = v(4) & 0b011 != 0;
    let utilities = matches!(v(5), 0 | 2);
    let safety_sum: u32 = (6..10).map(|i| SAFETY[v(i) as usize]).sum();
    let safety = safety_sum > SAFETY_CUT_OFF;

    let positive: Vec<AhcDomain> = [
        (AhcDomain::Housing, housing),
        (AhcDomain::Food, food),
        (AhcDomain::Transportation, transportation),
        (AhcDomain::Utilities, utilities),
        (AhcDomain::Safety, safety),
    ]
    .into_iter()
    .filter(|(_, positive)| *positive)
    .map(|(domain, _)| domain)
    .collect();
    let mut flags: Vec<Flag> = positive.iter().map(|d| Flag::SocialNeed(*d)).collect();
    if !safety && (6..10).any(|i| v(i) > 0) {
        flags.push(Flag::SafetyAnswerAboveNever);
    }
    Outcome {
        total: positive.len() as u32,
        band: None,
        flags,
        detail: Detail::Ahc {
            positive,
            safety_sum,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All-negative answers: steady housing, no problems ("none" ticked), food never true, no transport problem,
    /// utilities no, safety all never.
    fn negative() -> Vec<Option<u32>> {
        vec![
            Some(0),
            Some(1 << 7),
            Some(2),
            Some(2),
            Some(1 << 2),
            Some(1),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
        ]
    }

    fn positive_with(changes: &[(usize, u32)]) -> Vec<AhcDomain> {
        let mut answers = negative();
        for (i, v) in changes {
            answers[*i] = Some(*v);
        }
        Instrument::AhcHrsn
            .score(&answers)
            .unwrap()
            .positive_domains()
            .to_vec()
    }

    #[test]
    fn all_negative_answers_screen_negative() {
        let outcome = Instrument::AhcHrsn.score(&negative()).unwrap();
        assert_eq!(outcome.total, 0);
        assert_eq!(outcome.flags, vec![]);
        assert_eq!(
            outcome.detail,
            Detail::Ahc {
                positive: vec![],
                safety_sum: 4
            }
        );
    }

    #[test]
    fn housing() {
        assert_eq!(
            positive_with(&[(0, 1)]),
            [AhcDomain::Housing],
            "worried about losing it"
        );
        assert_eq!(
            positive_with(&[(0, 2)]),
            [AhcDomain::Housing],
            "no steady place"
        );
        for problem in 0..7 {
            assert_eq!(
                positive_with(&[(1, 1 << problem)]),
                [AhcDomain::Housing],
                "problem {problem}"
            );
        }
        assert_eq!(positive_with(&[(1, 1 << 7)]), []);
    }

    #[test]
    fn food() {
        assert_eq!(positive_with(&[(2, 0)]), [AhcDomain::Food], "often true");
        assert_eq!(
            positive_with(&[(3, 1)]),
            [AhcDomain::Food],
            "sometimes true"
        );
        assert_eq!(positive_with(&[(2, 2), (3, 2)]), []);
    }

    #[test]
    fn transportation() {
        assert_eq!(positive_with(&[(4, 0b001)]), [AhcDomain::Transportation]);
        assert_eq!(positive_with(&[(4, 0b010)]), [AhcDomain::Transportation]);
        assert_eq!(positive_with(&[(4, 0b100)]), []);
    }

    #[test]
    fn utilities() {
        assert_eq!(positive_with(&[(5, 0)]), [AhcDomain::Utilities], "yes");
        assert_eq!(
            positive_with(&[(5, 2)]),
            [AhcDomain::Utilities],
            "already shut off"
        );
        assert_eq!(positive_with(&[(5, 1)]), []);
    }

    #[test]
    fn safety_is_positive_above_10() {
        // Options 0..4 score 1..5. Sums: 2+3+3+2 = 10 (negative), 3+3+3+2 = 11 (positive).
        let ten = [(6, 1), (7, 2), (8, 2), (9, 1)];
        let eleven = [(6, 2), (7, 2), (8, 2), (9, 1)];
        let outcome = |changes: &[(usize, u32)]| {
            let mut answers = negative();
            for (i, v) in changes {
                answers[*i] = Some(*v);
            }
            Instrument::AhcHrsn.score(&answers).unwrap()
        };
        let at_ten = outcome(&ten);
        assert_eq!(at_ten.positive_domains(), []);
        assert_eq!(
            at_ten.detail,
            Detail::Ahc {
                positive: vec![],
                safety_sum: 10
            }
        );
        assert!(
            at_ten.has(Flag::SafetyAnswerAboveNever),
            "below the cut-off, still worth a conversation"
        );
        let at_eleven = outcome(&eleven);
        assert_eq!(at_eleven.positive_domains(), [AhcDomain::Safety]);
        assert!(at_eleven.has(Flag::SocialNeed(AhcDomain::Safety)));
        assert!(!at_eleven.has(Flag::SafetyAnswerAboveNever));
        // A single "physically hurt: rarely" is negative by the sum but flagged.
        assert!(outcome(&[(6, 1)]).has(Flag::SafetyAnswerAboveNever));
    }

    #[test]
    fn each_positive_domain_is_a_social_need_flag_and_counts_in_the_total() {
        let all = positive_with(&[
            (0, 2),
            (2, 0),
            (4, 0b011),
            (5, 2),
            (6, 4),
            (7, 4),
            (8, 4),
            (9, 4),
        ]);
        assert_eq!(all, AhcDomain::ALL);
        let mut answers = negative();
        answers[0] = Some(1);
        answers[5] = Some(0);
        let outcome = Instrument::AhcHrsn.score(&answers).unwrap();
        assert_eq!(outcome.total, 2);
        assert_eq!(
            outcome.flags,
            vec![
                Flag::SocialNeed(AhcDomain::Housing),
                Flag::SocialNeed(AhcDomain::Utilities)
            ]
        );
    }

    #[test]
    fn ticks_need_at_least_one_box_and_none_stands_alone() {
        let mut answers = negative();
        answers[1] = Some(0);
        assert_eq!(
            Instrument::AhcHrsn.score(&answers),
            Err(super::super::Unanswered(vec![1]))
        );
        answers[1] = Some(1 << 7 | 1);
        assert_eq!(
            Instrument::AhcHrsn.score(&answers),
            Err(super::super::Unanswered(vec![1])),
            "mold and none"
        );
        let mut answers = negative();
        answers[4] = Some(0b101);
        assert_eq!(
            Instrument::AhcHrsn.score(&answers),
            Err(super::super::Unanswered(vec![4])),
            "yes and no"
        );
    }
}
