//! Risk stratification: the default product rules (../shared/reference/instruments.md, "Default risk
//! stratification rules"), each with the reason it gives, and the case manager's override.
//!
//! The tier is the highest any rule reaches, from the latest result of each instrument.

use crate::domain::instruments::{AhcDomain, Detail, Flag, Instrument, Outcome};
use crate::domain::validation::{required_long_text, required_text, Field, FieldErrors, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Lowest first, so `max` is the highest tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    Low,
    Moderate,
    High,
    Urgent,
}

crate::domain::codes::codes!(Tier {
    Urgent => "urgent",
    High => "high",
    Moderate => "moderate",
    Low => "low",
});

/// A default rule; the UI words each one with its value ("LACE 12 ≥ 10").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Phq9Item9AboveZero,
    Phq9AtLeast20,
    LaceAtLeast10,
    Phq9From15To19,
    Gad7AtLeast15,
    KatzUpTo2,
    AhcSafetyPositive,
    AhcThreeOrMoreDomains,
    LaceFrom5To9,
    Phq9From10To14,
    Gad7From10To14,
    KatzFrom3To5,
    LawtonUpTo5,
    AhcOneOrTwoDomains,
}

crate::domain::codes::codes!(Rule {
    Phq9Item9AboveZero => "phq9_item9_above_zero",
    Phq9AtLeast20 => "phq9_at_least20",
    LaceAtLeast10 => "lace_at_least10",
    Phq9From15To19 => "phq9_from15_to19",
    Gad7AtLeast15 => "gad7_at_least15",
    KatzUpTo2 => "katz_up_to2",
    AhcSafetyPositive => "ahc_safety_positive",
    AhcThreeOrMoreDomains => "ahc_three_or_more_domains",
    LaceFrom5To9 => "lace_from5_to9",
    Phq9From10To14 => "phq9_from10_to14",
    Gad7From10To14 => "gad7_from10_to14",
    KatzFrom3To5 => "katz_from3_to5",
    LawtonUpTo5 => "lawton_up_to5",
    AhcOneOrTwoDomains => "ahc_one_or_two_domains",
});

impl Rule {
    pub fn tier(self) -> Tier {
        use Rule::*;
        match self {
            Phq9Item9AboveZero | Phq9AtLeast20 => Tier::Urgent,
            LaceAtLeast10
            | Phq9From15To19
            | Gad7AtLeast15
            | KatzUpTo2
            | AhcSafetyPositive
            | AhcThreeOrMoreDomains => Tier::High,
            LaceFrom5To9 | Phq9From10To14 | Gad7From10To14 | KatzFrom3To5 | LawtonUpTo5
            | AhcOneOrTwoDomains => Tier::Moderate,
        }
    }
}

/// A rule that fired, with the value that made it fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub rule: Rule,
    pub value: u32,
}

impl Reason {
    pub fn tier(&self) -> Tier {
        self.rule.tier()
    }
}

/// The computed tier and every reason behind it, highest tier first. `tier` is `None` until a rule has data (no
/// result counts yet): the case is "not yet stratified", which is not the same as low.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stratification {
    pub tier: Option<Tier>,
    pub reasons: Vec<Reason>,
}

impl Stratification {
    /// No results yet: not stratified.
    pub fn none() -> Stratification {
        Stratification {
            tier: None,
            reasons: vec![],
        }
    }
}

/// Applies the default rules to the latest outcome of each instrument.
pub fn stratify(latest: &[(Instrument, &Outcome)]) -> Stratification {
    let mut reasons = Vec::new();
    let mut fire = |rule: Rule, value: u32| reasons.push(Reason { rule, value });
    for (instrument, outcome) in latest {
        let total = outcome.total;
        match instrument {
            Instrument::Phq9 => {
                if let Detail::Phq9 { item9, .. } = outcome.detail {
                    if item9 > 0 || outcome.has(Flag::SelfHarmThoughts) {
                        fire(Rule::Phq9Item9AboveZero, item9);
                    }
                }
                match total {
                    20.. => fire(Rule::Phq9AtLeast20, total),
                    15..=19 => fire(Rule::Phq9From15To19, total),
                    10..=14 => fire(Rule::Phq9From10To14, total),
                    _ => {}
                }
            }
            Instrument::Gad7 => match total {
                15.. => fire(Rule::Gad7AtLeast15, total),
                10..=14 => fire(Rule::Gad7From10To14, total),
                _ => {}
            },
            Instrument::Lace => match total {
                10.. => fire(Rule::LaceAtLeast10, total),
                5..=9 => fire(Rule::LaceFrom5To9, total),
                _ => {}
            },
            Instrument::Katz => match total {
                0..=2 => fire(Rule::KatzUpTo2, total),
                3..=5 => fire(Rule::KatzFrom3To5, total),
                _ => {}
            },
            Instrument::Lawton => {
                if total <= 5 {
                    fire(Rule::LawtonUpTo5, total);
                }
            }
            Instrument::AhcHrsn => {
                let domains = outcome.positive_domains();
                if domains.contains(&AhcDomain::Safety) {
                    let sum = match outcome.detail {
                        Detail::Ahc { safety_sum, .. } => safety_sum,
                        _ => 0,
                    };
                    fire(Rule::AhcSafetyPositive, sum);
                }
                match domains.len() {
                    0 => {}
                    1 | 2 => fire(Rule::AhcOneOrTwoDomains, domains.len() as u32),
                    n => fire(Rule::AhcThreeOrMoreDomains, n as u32),
                }
            }
        }
    }
    crate::domain::order::sort_by_key(&mut reasons, |r| std::cmp::Reverse(r.tier()));
    // With data, the lowest tier is low; without any, there is no tier yet.
    let tier =
        (!latest.is_empty()).then(|| reasons.iter().map(Reason::tier).max().unwrap_or(Tier::Low));
    Stratification { tier, reasons }
}

/// The case manager's decision to set the tier by hand, with why, who and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierOverride {
    pub tier: Tier,
    pub rationale: String,
    pub by: String,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
}

/// The override form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TierOverrideDraft {
    pub tier: String,
    pub rationale: String,
    pub by: String,
}

impl TierOverrideDraft {
    /// An override needs a tier, a rationale and its author.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<TierOverride, FieldErrors> {
        let mut errors = FieldErrors::default();
        let tier = Tier::from_code(self.tier.trim());
        if tier.is_none() {
            errors.push(Field::OverrideTier, Problem::ChoiceRequired);
        }
        let rationale =
            required_long_text(&mut errors, Field::OverrideRationale, &self.rationale, 2000);
        let by = required_text(
            &mut errors,
            Field::OverrideBy,
            &self.by,
            crate::domain::client::NAME_MAX,
        );
        match tier {
            Some(tier) if errors.is_empty() => Ok(TierOverride {
                tier,
                rationale,
                by,
                at: now,
            }),
            _ => Err(errors),
        }
    }
}

impl TierOverrideDraft {
    /// Returning to the computed tier needs to know who decided it.
    pub fn validate_clear(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let by = required_text(
            &mut errors,
            Field::OverrideBy,
            &self.by,
            crate::domain::client::NAME_MAX,
        );
        errors.into_result(by)
    }
}

/// The tier a case is managed at: the override when there is one, otherwise the computed tier (`None`: not yet
/// stratified).
pub fn effective_tier(computed: Option<Tier>, over: Option<&TierOverride>) -> Option<Tier> {
    over.map_or(computed, |o| Some(o.tier))
}

/// The code a tier is stored and indexed under; `unstratified` when there is none yet.
pub fn tier_code(tier: Option<Tier>) -> &'static str {
    tier.map_or(UNSTRATIFIED, Tier::code)
}

/// The stored code of "not yet stratified".
pub const UNSTRATIFIED: &str = "unstratified";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instruments::Band;

    fn outcome(total: u32, detail: Detail) -> Outcome {
        Outcome {
            total,
            band: None::<Band>,
            flags: vec![],
            detail,
        }
    }

    fn phq9(total: u32, item9: u32) -> Outcome {
        let mut o = outcome(total, Detail::Phq9 { phq2: 0, item9 });
        if item9 > 0 {
            o.flags.push(Flag::SelfHarmThoughts);
        }
        o
    }

    fn ahc(positive: &[AhcDomain], safety_sum: u32) -> Outcome {
        outcome(
            positive.len() as u32,
            Detail::Ahc {
                positive: positive.to_vec(),
                safety_sum,
            },
        )
    }

    /// One instrument's outcome alone: the tier and the rules that fired.
    fn check(instrument: Instrument, o: Outcome, tier: Tier, rules: &[Rule]) {
        let s = stratify(&[(instrument, &o)]);
        assert_eq!(s.tier, Some(tier), "{instrument:?} {}", o.total);
        assert_eq!(
            s.reasons.iter().map(|r| r.rule).collect::<Vec<_>>(),
            rules,
            "{instrument:?} {}",
            o.total
        );
    }

    #[test]
    fn no_results_is_not_yet_stratified_and_results_with_no_rule_are_low() {
        assert_eq!(
            stratify(&[]),
            Stratification {
                tier: None,
                reasons: vec![]
            }
        );
        let calm = phq9(2, 0);
        assert_eq!(stratify(&[(Instrument::Phq9, &calm)]).tier, Some(Tier::Low));
        assert_eq!(tier_code(None), "unstratified");
    }

    #[test]
    fn each_rule_alone() {
        use Instrument::*;
        check(Phq9, phq9(1, 1), Tier::Urgent, &[Rule::Phq9Item9AboveZero]);
        check(Phq9, phq9(20, 0), Tier::Urgent, &[Rule::Phq9AtLeast20]);
        check(Phq9, phq9(19, 0), Tier::High, &[Rule::Phq9From15To19]);
        check(Phq9, phq9(15, 0), Tier::High, &[Rule::Phq9From15To19]);
        check(Phq9, phq9(14, 0), Tier::Moderate, &[Rule::Phq9From10To14]);
        check(Phq9, phq9(10, 0), Tier::Moderate, &[Rule::Phq9From10To14]);
        check(Phq9, phq9(9, 0), Tier::Low, &[]);
        check(
            Gad7,
            outcome(15, Detail::None),
            Tier::High,
            &[Rule::Gad7AtLeast15],
        );
        check(
            Gad7,
            outcome(14, Detail::None),
            Tier::Moderate,
            &[Rule::Gad7From10To14],
        );
        check(
            Gad7,
            outcome(10, Detail::None),
            Tier::Moderate,
            &[Rule::Gad7From10To14],
        );
        check(Gad7, outcome(9, Detail::None), Tier::Low, &[]);
        let lace = |t| {
            outcome(
                t,
                Detail::Lace {
                    l: 0,
                    a: 0,
                    c: 0,
                    e: 0,
                },
            )
        };
        check(Lace, lace(10), Tier::High, &[Rule::LaceAtLeast10]);
        check(Lace, lace(9), Tier::Moderate, &[Rule::LaceFrom5To9]);
        check(Lace, lace(5), Tier::Moderate, &[Rule::LaceFrom5To9]);
        check(Lace, lace(4), Tier::Low, &[]);
        check(
            Katz,
            outcome(2, Detail::None),
            Tier::High,
            &[Rule::KatzUpTo2],
        );
        check(
            Katz,
            outcome(3, Detail::None),
            Tier::Moderate,
            &[Rule::KatzFrom3To5],
        );
        check(
            Katz,
            outcome(5, Detail::None),
            Tier::Moderate,
            &[Rule::KatzFrom3To5],
        );
        check(Katz, outcome(6, Detail::None), Tier::Low, &[]);
        check(
            Lawton,
            outcome(5, Detail::None),
            Tier::Moderate,
            &[Rule::LawtonUpTo5],
        );
        check(Lawton, outcome(6, Detail::None), Tier::Low, &[]);
        check(
            AhcHrsn,
            ahc(&[AhcDomain::Safety], 11),
            Tier::High,
            &[Rule::AhcSafetyPositive, Rule::AhcOneOrTwoDomains],
        );
        check(
            AhcHrsn,
            ahc(
                &[AhcDomain::Housing, AhcDomain::Food, AhcDomain::Utilities],
                4,
            ),
            Tier::High,
            &[Rule::AhcThreeOrMoreDomains],
        );
        check(
            AhcHrsn,
            ahc(&[AhcDomain::Housing, AhcDomain::Food], 4),
            Tier::Moderate,
            &[Rule::AhcOneOrTwoDomains],
        );
        check(
            AhcHrsn,
            ahc(&[AhcDomain::Food], 4),
            Tier::Moderate,
            &[Rule::AhcOneOrTwoDomains],
        );
        check(AhcHrsn, ahc(&[], 10), Tier::Low, &[]);
    }

    #[test]
    fn the_highest_tier_wins_and_every_reason_is_kept() {
        let lace = outcome(
            12,
            Detail::Lace {
                l: 5,
                a: 3,
                c: 3,
                e: 1,
            },
        );
        let gad = outcome(11, Detail::None);
        let phq = phq9(3, 1);
        let s = stratify(&[
            (Instrument::Lace, &lace),
            (Instrument::Gad7, &gad),
            (Instrument::Phq9, &phq),
        ]);
        assert_eq!(s.tier, Some(Tier::Urgent));
        assert_eq!(
            s.reasons,
            vec![
                Reason {
                    rule: Rule::Phq9Item9AboveZero,
                    value: 1
                },
                Reason {
                    rule: Rule::LaceAtLeast10,
                    value: 12
                },
                Reason {
                    rule: Rule::Gad7From10To14,
                    value: 11
                },
            ]
        );
    }

    #[test]
    fn an_override_sets_the_tier_and_the_computed_one_stays_known() {
        let over = TierOverride {
            tier: Tier::High,
            rationale: "Lives alone, two falls this month".into(),
            by: "N. Sato".into(),
            at: Utc::now(),
        };
        assert_eq!(
            effective_tier(Some(Tier::Low), Some(&over)),
            Some(Tier::High)
        );
        assert_eq!(effective_tier(Some(Tier::Urgent), None), Some(Tier::Urgent));
        let lowered = TierOverride {
            tier: Tier::Moderate,
            ..over
        };
        assert_eq!(
            effective_tier(Some(Tier::Urgent), Some(&lowered)),
            Some(Tier::Moderate),
            "an override may lower it too"
        );
    }

    #[test]
    fn an_override_needs_a_tier_a_rationale_and_an_author() {
        let now = Utc::now();
        let empty = TierOverrideDraft {
            tier: "high".into(),
            rationale: "  ".into(),
            by: "N. Sato".into(),
        };
        let errors = empty.validate(now).unwrap_err();
        assert_eq!(
            errors.get(Field::OverrideRationale),
            Some(Problem::Required)
        );
        assert_eq!(errors.iter().count(), 1);
        let none = TierOverrideDraft::default().validate(now).unwrap_err();
        assert_eq!(none.iter().count(), 3);
        let ok = TierOverrideDraft {
            tier: "urgent".into(),
            rationale: "Lives alone".into(),
            by: "N. Sato".into(),
        };
        assert_eq!(ok.validate(now).unwrap().tier, Tier::Urgent);
    }

    #[test]
    fn tier_codes_round_trip_and_order_by_severity() {
        for t in Tier::ALL {
            assert_eq!(Tier::from_code(t.code()), Some(t));
        }
        assert!(
            Tier::Urgent > Tier::High && Tier::High > Tier::Moderate && Tier::Moderate > Tier::Low
        );
    }
}
