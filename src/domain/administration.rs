//! Administrations of instruments on a case: what was answered and scored, the trend over time, and what a
//! result sets in motion (safety tasks, social needs for the care plan).

use crate::domain::case::Case;
use crate::domain::ids::Id;
use crate::domain::instruments::{Flag, Instrument, Outcome, Unanswered};
use crate::domain::task::{Concern, Task, TaskKind};
use crate::domain::validation::{required_past_date, required_text, Field, FieldErrors, Problem};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One scored administration, kept as it was scored (with the definition version used).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Administration {
    pub id: Id,
    pub case_id: Id,
    pub instrument: Instrument,
    pub version: String,
    #[serde(with = "crate::domain::stored_time::date")]
    pub administered_on: NaiveDate,
    pub administered_by: String,
    pub answers: Vec<Option<u32>>,
    /// The language of the wording given (a BCP 47 tag, "en" or "ja"): a translation that is not the
    /// instrument's validated version is said so beside the result. Results from before it was recorded were
    /// given in English.
    #[serde(default = "english")]
    pub language: String,
    pub outcome: Outcome,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub recorded_at: DateTime<Utc>,
    /// Marked as keyed in wrongly (FHIR's `entered-in-error`): kept in the history, counted for nothing.
    #[serde(default)]
    pub entered_in_error: Option<EnteredInError>,
}

/// Whether an instrument's wording in `language` is its validated version: only the published English originals
/// are. The Japanese wording is the app's own translation, since no validated Japanese text is held here with a
/// source to cite; forms and results say so.
pub fn validated_wording(language: &str) -> bool {
    language == "en"
}

fn english() -> String {
    "en".into()
}

/// Why, by whom and when a result was marked entered in error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnteredInError {
    pub reason: String,
    pub by: String,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
}

/// The "entered in error" form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnteredInErrorDraft {
    pub reason: String,
    pub by: String,
}

impl EnteredInErrorDraft {
    /// A reason and who decided it are both needed.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<EnteredInError, FieldErrors> {
        let mut errors = FieldErrors::default();
        let reason = crate::domain::validation::required_long_text(
            &mut errors,
            Field::ErrorReason,
            &self.reason,
            2000,
        );
        let by = required_text(
            &mut errors,
            Field::ErrorBy,
            &self.by,
            crate::domain::client::NAME_MAX,
        );
        errors.into_result(EnteredInError {
            reason,
            by,
            at: now,
        })
    }
}

/// Why an administration could not be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotScored {
    Unanswered(Unanswered),
    Fields(FieldErrors),
}

impl Administration {
    /// Scores the answers and builds the administration, or says what is unanswered or wrong. It cannot be dated
    /// before the case opened.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        id: Id,
        case: &Case,
        instrument: Instrument,
        answers: Vec<Option<u32>>,
        administered_on: &str,
        administered_by: &str,
        language: &str,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Administration, NotScored> {
        let mut errors = FieldErrors::default();
        let by = required_text(
            &mut errors,
            Field::AdministeredBy,
            administered_by,
            crate::domain::client::NAME_MAX,
        );
        let on = required_past_date(&mut errors, Field::AdministeredOn, administered_on, today);
        if on.is_some_and(|on| on < case.details.opened_on) {
            errors.push(Field::AdministeredOn, Problem::DateBeforeCaseOpened);
        }
        let case_id = case.id;
        let outcome = instrument.score(&answers).map_err(NotScored::Unanswered)?;
        match on {
            Some(on) if errors.is_empty() => Ok(Administration {
                id,
                case_id,
                instrument,
                version: instrument.definition().version.to_string(),
                administered_on: on,
                administered_by: by,
                answers,
                language: language.to_string(),
                outcome,
                recorded_at: now,
                entered_in_error: None,
            }),
            _ => Err(NotScored::Fields(errors)),
        }
    }
}

impl Administration {
    /// Whether the wording given was the instrument's validated version (see [`validated_wording`]).
    pub fn validated_wording(&self) -> bool {
        validated_wording(&self.language)
    }

    /// Whether the result counts (for the tier, trends and flags): not entered in error.
    pub fn counts(&self) -> bool {
        self.entered_in_error.is_none()
    }

    /// The definition version it was scored with, when that is not the current one (its score is kept as it was).
    pub fn earlier_definition(&self) -> Option<&str> {
        (self.version != self.instrument.definition().version).then_some(self.version.as_str())
    }
}

/// Oldest first: by date given, then by when it was recorded.
pub fn chronological(administrations: &mut [Administration]) {
    crate::domain::order::sort_by_key(administrations, |a| (a.administered_on, a.recorded_at));
}

/// The latest result of one instrument and how it moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trend<'a> {
    /// The first result that counts (the latest itself when given once).
    pub baseline: &'a Administration,
    pub latest: &'a Administration,
    pub count: usize,
    /// Latest total minus the previous one.
    pub since_previous: Option<i64>,
    /// Latest total minus the first (baseline) one.
    pub since_baseline: Option<i64>,
}

/// The trend of `instrument` in `history` (chronological).
pub fn trend(history: &[Administration], instrument: Instrument) -> Option<Trend<'_>> {
    let of: Vec<&Administration> = history
        .iter()
        .filter(|a| a.instrument == instrument && a.counts())
        .collect();
    let latest = *of.last()?;
    let delta = |other: &Administration| latest.outcome.total as i64 - other.outcome.total as i64;
    Some(Trend {
        baseline: of[0],
        latest,
        count: of.len(),
        since_previous: (of.len() >= 2).then(|| delta(of[of.len() - 2])),
        since_baseline: (of.len() >= 2).then(|| delta(of[0])),
    })
}

/// The latest outcome of each instrument given, for risk stratification.
pub fn latest_outcomes(history: &[Administration]) -> Vec<(Instrument, &Outcome)> {
    Instrument::ALL
        .into_iter()
        .filter_map(|i| trend(history, i).map(|t| (i, &t.latest.outcome)))
        .collect()
}

/// The date of the safety concern to show on the case, if any: a same-day safety task is still open, or the latest
/// PHQ-9 answered item 9 above 0 and its follow-up has not been marked done.
pub fn safety_alert(history: &[Administration], tasks: &[Task]) -> Option<NaiveDate> {
    let followed_up = |id: Id| tasks.iter().any(|t| t.source == Some(id) && !t.is_open());
    let latest = trend(history, Instrument::Phq9)
        .filter(|t| t.latest.outcome.has(Flag::SelfHarmThoughts) && !followed_up(t.latest.id))
        .map(|t| t.latest.administered_on);
    let open_task = tasks
        .iter()
        .filter(|t| t.is_open() && t.kind == TaskKind::SafetyFollowUp)
        .map(|t| t.due)
        .min();
    latest.or(open_task)
}

/// What a new result sets in motion.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Consequences {
    /// An urgent same-day safety follow-up task is needed.
    pub safety_task_due: Option<NaiveDate>,
    /// The needs the result raises for the care plan (an open need of the same concern is linked, not repeated).
    pub concerns: Vec<Concern>,
}

/// Rules: PHQ-9 item 9 above 0 creates an urgent task due the day it is recorded. Needs for the care plan: each
/// positive AHC domain; a PHQ-9 or GAD-7 band of moderate or worse; Katz below 6; Lawton below 8; LACE 10 or more.
pub fn consequences(instrument: Instrument, outcome: &Outcome, today: NaiveDate) -> Consequences {
    use crate::domain::instruments::Band;
    let moderate_or_worse = matches!(
        outcome.band,
        Some(Band::Moderate | Band::ModeratelySevere | Band::Severe)
    );
    let clinical = match instrument {
        Instrument::Phq9 if moderate_or_worse => Some(Concern::Depression),
        Instrument::Gad7 if moderate_or_worse => Some(Concern::Anxiety),
        Instrument::Katz if outcome.total < 6 => Some(Concern::DailyActivities),
        Instrument::Lawton if outcome.total < 8 => Some(Concern::InstrumentalActivities),
        Instrument::Lace if outcome.total >= 10 => Some(Concern::Readmission),
        _ => None,
    };
    Consequences {
        safety_task_due: outcome.has(Flag::SelfHarmThoughts).then_some(today),
        concerns: outcome
            .positive_domains()
            .iter()
            .map(|d| Concern::from(*d))
            .chain(clinical)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instruments::{AhcDomain, Detail};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// A case opened on 1 November 2026.
    fn case() -> Case {
        let details = crate::domain::case::CaseDetails {
            specialty: crate::domain::case::Specialty::Nursing,
            model: crate::domain::case::CaseModel::Clinical,
            case_manager: "N. Sato".into(),
            case_manager_id: None,
            opened_on: day(1),
            referral_source: None,
            referral_reason: "Falls".into(),
        };
        Case::open(
            Id::from_random_bytes([0; 16]),
            Id::from_random_bytes([9; 16]),
            details,
            Utc::now(),
        )
    }

    fn phq9(on: u32, answers: [u32; 9]) -> Administration {
        let answers: Vec<Option<u32>> = answers.iter().map(|a| Some(*a)).chain([None]).collect();
        Administration::record(
            Id::from_random_bytes([on as u8; 16]),
            &case(),
            Instrument::Phq9,
            answers,
            &day(on).to_string(),
            "N. Sato",
            "en",
            day(23),
            day(on).and_hms_opt(9, 0, 0).unwrap().and_utc(),
        )
        .unwrap()
    }

    #[test]
    fn a_result_scored_with_an_earlier_definition_says_which() {
        let mut a = Administration::record(
            Id::from_random_bytes([1; 16]),
            &case(),
            Instrument::Gad7,
            vec![Some(0); 7],
            "2026-11-20",
            "N. Sato",
            "en",
            day(24),
            Utc::now(),
        )
        .unwrap();
        assert_eq!(a.earlier_definition(), None);
        a.version = "gad7-2005.9".into();
        assert_eq!(a.earlier_definition(), Some("gad7-2005.9"));
    }

    #[test]
    fn recording_scores_and_keeps_the_definition_version() {
        let a = phq9(1, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
        assert_eq!(a.outcome.total, 8);
        assert_eq!(a.version, "phq9-2001.1");
        let unanswered = Administration::record(
            Id::from_random_bytes([1; 16]),
            &case(),
            Instrument::Gad7,
            vec![Some(1); 6],
            "2026-11-23",
            "N. Sato",
            "en",
            day(23),
            Utc::now(),
        );
        assert_eq!(unanswered, Err(NotScored::Unanswered(Unanswered(vec![6]))));
        let no_author = Administration::record(
            Id::from_random_bytes([1; 16]),
            &case(),
            Instrument::Gad7,
            vec![Some(1); 7],
            "2026-12-01",
            " ",
            "en",
            day(23),
            Utc::now(),
        );
        assert!(matches!(no_author, Err(NotScored::Fields(e)) if e.iter().count() == 2));
        let before_opening = Administration::record(
            Id::from_random_bytes([1; 16]),
            &case(),
            Instrument::Gad7,
            vec![Some(1); 7],
            "2026-10-31",
            "N. Sato",
            "en",
            day(23),
            Utc::now(),
        );
        assert!(matches!(before_opening, Err(NotScored::Fields(e))
            if e.get(Field::AdministeredOn) == Some(Problem::DateBeforeCaseOpened)));
    }

    #[test]
    fn trend_shows_change_since_previous_and_baseline() {
        let mut history = vec![
            phq9(20, [1, 1, 1, 1, 1, 1, 1, 1, 0]),
            phq9(1, [2, 2, 2, 2, 2, 2, 2, 2, 0]),
            phq9(10, [3, 3, 3, 1, 1, 1, 1, 1, 1]),
        ];
        chronological(&mut history);
        let t = trend(&history, Instrument::Phq9).unwrap();
        assert_eq!(t.latest.administered_on, day(20));
        assert_eq!(t.baseline.administered_on, day(1));
        assert_eq!(
            (t.count, t.since_previous, t.since_baseline),
            (3, Some(8 - 15), Some(8 - 16))
        );
        assert_eq!(trend(&history, Instrument::Gad7), None);
        let first = trend(&history[..1], Instrument::Phq9).unwrap();
        assert_eq!((first.since_previous, first.since_baseline), (None, None));
        assert_eq!(
            latest_outcomes(&history),
            vec![(Instrument::Phq9, &history[2].outcome)]
        );
    }

    #[test]
    fn the_safety_alert_lasts_while_item_9_is_latest_or_its_task_is_open() {
        use crate::domain::task::Priority;
        let flagged = phq9(10, [0, 0, 0, 0, 0, 0, 0, 0, 2]);
        let calmer = phq9(20, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let mut task = Task {
            id: Id::from_random_bytes([7; 16]),
            case_id: flagged.case_id,
            kind: TaskKind::SafetyFollowUp,
            priority: Priority::Urgent,
            due: day(10),
            source: Some(flagged.id),
            title: None,
            assignee: None,
            created_at: Utc::now(),
            done_at: None,
            cancelled: None,
        };
        assert_eq!(
            safety_alert(std::slice::from_ref(&flagged), std::slice::from_ref(&task)),
            Some(day(10))
        );
        assert_eq!(
            safety_alert(
                &[flagged.clone(), calmer.clone()],
                std::slice::from_ref(&task)
            ),
            Some(day(10)),
            "task still open"
        );
        task.done_at = Some(Utc::now());
        assert_eq!(
            safety_alert(&[flagged.clone(), calmer], std::slice::from_ref(&task)),
            None
        );
        assert_eq!(
            safety_alert(std::slice::from_ref(&flagged), &[task]),
            None,
            "the flagged result was followed up"
        );
        assert_eq!(
            safety_alert(&[flagged], &[]),
            Some(day(10)),
            "flagged, no follow-up yet"
        );
        assert_eq!(safety_alert(&[], &[]), None);
    }

    #[test]
    fn item_9_creates_a_same_day_task_and_positive_domains_become_new_needs() {
        let flagged = phq9(23, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(
            consequences(Instrument::Phq9, &flagged.outcome, day(23)).safety_task_due,
            Some(day(23))
        );
        let mild = phq9(23, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
        assert_eq!(
            consequences(Instrument::Phq9, &mild.outcome, day(23)),
            Consequences::default()
        );

        let ahc = Outcome {
            total: 2,
            band: None,
            flags: vec![],
            detail: Detail::Ahc {
                positive: vec![AhcDomain::Housing, AhcDomain::Food],
                safety_sum: 4,
            },
        };
        assert_eq!(
            consequences(Instrument::AhcHrsn, &ahc, day(23)).concerns,
            vec![Concern::Housing, Concern::Food]
        );
    }

    /// The band boundaries at which each instrument starts raising a need (instruments.md and the rules).
    #[test]
    fn clinical_results_raise_needs_from_their_boundary() {
        let raised = |instrument: Instrument, answers: &[u32]| {
            let answers: Vec<Option<u32>> = answers.iter().map(|a| Some(*a)).collect();
            let outcome = instrument.score(&answers).unwrap();
            consequences(instrument, &outcome, day(23)).concerns
        };
        // PHQ-9: 9 is mild, 10 moderate.
        assert!(raised(Instrument::Phq9, &[1, 1, 1, 1, 1, 1, 1, 2, 0, 0]).is_empty());
        assert_eq!(
            raised(Instrument::Phq9, &[1, 1, 1, 1, 1, 1, 2, 2, 0, 0]),
            vec![Concern::Depression]
        );
        // GAD-7: 9 mild, 10 moderate.
        assert!(raised(Instrument::Gad7, &[1, 1, 1, 1, 1, 2, 2]).is_empty());
        assert_eq!(
            raised(Instrument::Gad7, &[1, 1, 1, 1, 2, 2, 2]),
            vec![Concern::Anxiety]
        );
        // Katz (option 0 independent, 1 dependent): 6 full function, 5 below.
        assert!(raised(Instrument::Katz, &[0; 6]).is_empty());
        assert_eq!(
            raised(Instrument::Katz, &[0, 0, 0, 0, 0, 1]),
            vec![Concern::DailyActivities]
        );
        // Lawton 8 raises nothing, 7 a need; LACE 9 nothing, 10 a need (by their totals).
        let by_total = |instrument: Instrument, total: u32| {
            let outcome = Outcome {
                total,
                band: None,
                flags: vec![],
                detail: Detail::None,
            };
            consequences(instrument, &outcome, day(23)).concerns
        };
        assert!(by_total(Instrument::Lawton, 8).is_empty());
        assert_eq!(
            by_total(Instrument::Lawton, 7),
            vec![Concern::InstrumentalActivities]
        );
        assert!(by_total(Instrument::Lace, 9).is_empty());
        assert_eq!(by_total(Instrument::Lace, 10), vec![Concern::Readmission]);
    }
}
