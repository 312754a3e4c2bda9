//! The care plan of a case: goals in the client's words, interventions, strengths and barriers, the care team,
//! client education and the client's agreement, its revisions, the model's starting template and the contact
//! cadence. One plan per case; status codes are HL7 FHIR R4's (Goal, CarePlan activity) so an export maps one to one.

use crate::domain::case::CaseModel;
use crate::domain::ids::Id;
use crate::domain::risk::Tier;
use crate::domain::validation::{
    optional_date, optional_email, optional_long_text, optional_phone, optional_text,
    required_date, required_text, Field, FieldErrors, PlanField, Problem, LONG_TEXT_MAX,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The longest goal, intervention or strength text.
pub const PLAN_TEXT_MAX: usize = 500;

/// FHIR Goal.lifecycleStatus (the subset a case manager sets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalStatus {
    Proposed,
    Active,
    OnHold,
    Completed,
    Cancelled,
}

crate::domain::codes::codes!(GoalStatus {
    Proposed => "proposed",
    Active => "active",
    OnHold => "on-hold",
    Completed => "completed",
    Cancelled => "cancelled",
});

/// FHIR Goal.achievementStatus (goal-achievement value set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Achievement {
    InProgress,
    Improving,
    Worsening,
    NoChange,
    Achieved,
    NotAchieved,
}

crate::domain::codes::codes!(Achievement {
    InProgress => "in-progress",
    Improving => "improving",
    Worsening => "worsening",
    NoChange => "no-change",
    Achieved => "achieved",
    NotAchieved => "not-achieved",
});

/// FHIR Goal.priority (goal-priority value set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GoalPriority {
    High,
    Medium,
    Low,
}

crate::domain::codes::codes!(GoalPriority {
    High => "high-priority",
    Medium => "medium-priority",
    Low => "low-priority",
});

/// FHIR CarePlan.activity.detail.status (care-plan-activity-status), without `unknown` and `entered-in-error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActivityStatus {
    NotStarted,
    Scheduled,
    InProgress,
    OnHold,
    Completed,
    Cancelled,
    Stopped,
}

crate::domain::codes::codes!(ActivityStatus {
    NotStarted => "not-started",
    Scheduled => "scheduled",
    InProgress => "in-progress",
    OnHold => "on-hold",
    Completed => "completed",
    Cancelled => "cancelled",
    Stopped => "stopped",
});

impl ActivityStatus {
    /// Still part of what the plan counts on (not finished, cancelled or stopped).
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            ActivityStatus::Completed | ActivityStatus::Cancelled | ActivityStatus::Stopped
        )
    }
}

/// Which way a numeric measure should move to meet its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// At least the target.
    Increase,
    /// At most the target.
    Decrease,
    /// Kept at the target.
    Maintain,
}

crate::domain::codes::codes!(Direction {
    Increase => "increase",
    Decrease => "decrease",
    Maintain => "maintain",
});

/// A measured value in thousandths (3 decimal places), stored as an integer: exact, ordered, and with no floating
/// point code in the wasm for what is typed and shown as a short decimal ("7.5 kg", "3000 steps").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(pub i64);

impl Amount {
    /// A number typed by a person: an optional minus, digits with at most one `.` or `,` as the decimal mark and
    /// at most three decimals; full-width digits accepted.
    pub fn parse(raw: &str) -> Option<Amount> {
        let text = crate::domain::validation::fold_width(raw.trim()).replace(',', ".");
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !all_digits(whole)
            || !all_digits(fraction)
            || fraction.len() > 3
            || whole.len() > 12
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let fraction: i64 = format!("{fraction:0<3}").parse().ok()?;
        let value = whole * 1000 + fraction;
        Some(Amount(if negative { -value } else { value }))
    }
}

impl std::fmt::Display for Amount {
    /// The shortest decimal: 3000, 7.5, -0.25.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, fraction) = (self.0.abs() / 1000, self.0.abs() % 1000);
        if fraction == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{fraction:03}");
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// How a goal is measured: a number with a unit (charted later), or done / not done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredMeasure", into = "StoredMeasure")]
pub enum Measure {
    Numeric {
        unit: String,
        target: Amount,
        direction: Direction,
    },
    Done,
}

/// A measure as stored: a flat record (smaller to read than serde's internally tagged enum).
#[derive(Clone, Serialize, Deserialize)]
struct StoredMeasure {
    kind: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    target: Option<Amount>,
    #[serde(default)]
    direction: Option<Direction>,
}

impl From<StoredMeasure> for Measure {
    fn from(m: StoredMeasure) -> Measure {
        match (m.kind.as_str(), m.target, m.direction) {
            ("numeric", Some(target), Some(direction)) => Measure::Numeric {
                unit: m.unit.unwrap_or_default(),
                target,
                direction,
            },
            _ => Measure::Done,
        }
    }
}

impl From<Measure> for StoredMeasure {
    fn from(m: Measure) -> StoredMeasure {
        match m {
            Measure::Numeric {
                unit,
                target,
                direction,
            } => StoredMeasure {
                kind: "numeric".into(),
                unit: Some(unit),
                target: Some(target),
                direction: Some(direction),
            },
            Measure::Done => StoredMeasure {
                kind: "done".into(),
                unit: None,
                target: None,
                direction: None,
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: Id,
    /// In the client's own words.
    pub text: String,
    /// The needs it addresses (at least one).
    pub need_ids: Vec<Id>,
    pub measure: Measure,
    #[serde(with = "crate::domain::stored_time::date")]
    pub start: NaiveDate,
    #[serde(with = "crate::domain::stored_time::date")]
    pub target_date: NaiveDate,
    pub priority: GoalPriority,
    pub status: GoalStatus,
    pub achievement: Achievement,
    /// The strengths it builds on and the barriers it must get past.
    #[serde(default)]
    pub factor_ids: Vec<Id>,
    /// Values measured against a numeric measure, earliest first (progress: not part of what the client agreed).
    #[serde(default)]
    pub values: Vec<GoalValue>,
    /// The outcome recorded at evaluation.
    #[serde(default)]
    pub evaluation: Option<GoalEvaluation>,
}

/// A value of a numeric goal's measure, measured on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalValue {
    #[serde(with = "crate::domain::stored_time::date")]
    pub on: NaiveDate,
    pub value: Amount,
}

/// How far a goal was reached, judged at evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalOutcome {
    Achieved,
    PartlyAchieved,
    NotAchieved,
}

crate::domain::codes::codes!(GoalOutcome {
    Achieved => "achieved",
    PartlyAchieved => "partly_achieved",
    NotAchieved => "not_achieved",
});

/// A goal's outcome at evaluation, with the case manager's comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalEvaluation {
    pub outcome: GoalOutcome,
    pub comment: String,
    pub by: String,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub at: DateTime<Utc>,
}

/// The evaluation form of one goal, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvaluationDraft {
    pub outcome: String,
    pub comment: String,
    pub by: String,
}

impl EvaluationDraft {
    /// The form again for a goal evaluated before.
    pub fn of(evaluation: Option<&GoalEvaluation>) -> EvaluationDraft {
        evaluation.map_or_else(EvaluationDraft::default, |e| EvaluationDraft {
            outcome: e.outcome.code().into(),
            comment: e.comment.clone(),
            by: e.by.clone(),
        })
    }

    /// An outcome, a comment saying why, and who judged it.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<GoalEvaluation, FieldErrors> {
        use crate::domain::validation::{required_long_text, required_text, FollowUpField};
        let f = Field::FollowUp;
        let mut errors = FieldErrors::default();
        let outcome = GoalOutcome::from_code(&self.outcome);
        if outcome.is_none() {
            errors.push(f(FollowUpField::EvaluationOutcome), Problem::ChoiceRequired);
        }
        let comment = required_long_text(
            &mut errors,
            f(FollowUpField::EvaluationComment),
            &self.comment,
            crate::domain::case::REASON_MAX,
        );
        let by = required_text(
            &mut errors,
            f(FollowUpField::EvaluationBy),
            &self.by,
            crate::domain::client::NAME_MAX,
        );
        match outcome {
            Some(outcome) if errors.is_empty() => Ok(GoalEvaluation {
                outcome,
                comment,
                by,
                at: now,
            }),
            _ => Err(errors),
        }
    }
}

/// The form that records a goal's value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoalValueDraft {
    pub on: String,
    pub value: String,
}

impl GoalValueDraft {
    pub fn new(today: NaiveDate) -> GoalValueDraft {
        GoalValueDraft {
            on: today.to_string(),
            value: String::new(),
        }
    }

    /// A value measured on a day that has come.
    pub fn validate(&self, today: NaiveDate) -> Result<GoalValue, FieldErrors> {
        let mut errors = FieldErrors::default();
        let on = crate::domain::validation::required_past_date(
            &mut errors,
            Field::Plan(PlanField::GoalValueDate),
            &self.on,
            today,
        );
        let value = Amount::parse(&self.value);
        if value.is_none() {
            let problem = if self.value.trim().is_empty() {
                Problem::Required
            } else {
                Problem::NumberUnreadable
            };
            errors.push(Field::Plan(PlanField::GoalValueAmount), problem);
        }
        match (on, value) {
            (Some(on), Some(value)) if errors.is_empty() => Ok(GoalValue { on, value }),
            _ => Err(errors),
        }
    }
}

/// How often an intervention happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Once,
    Day,
    Week,
    Month,
}

crate::domain::codes::codes!(Period {
    Once => "once",
    Day => "day",
    Week => "week",
    Month => "month",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frequency {
    /// Times per period (1 for `Once`).
    pub times: u32,
    pub period: Period,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    pub id: Id,
    pub goal_id: Id,
    /// What will be done.
    pub text: String,
    /// The care team member who does it.
    pub member_id: Option<Id>,
    pub frequency: Frequency,
    #[serde(with = "crate::domain::stored_time::date")]
    pub from: NaiveDate,
    #[serde(with = "crate::domain::stored_time::optional_date", default)]
    pub until: Option<NaiveDate>,
    pub status: ActivityStatus,
    /// The authorized service it uses (its occurrences count against the authorization).
    #[serde(default)]
    pub authorization_id: Option<Id>,
}

/// A strength the plan builds on, or a barrier it must get past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactorKind {
    PersonalStrength,
    FamilyStrength,
    CommunityStrength,
    HomeStrength,
    Barrier,
}

crate::domain::codes::codes!(FactorKind {
    PersonalStrength => "personal",
    FamilyStrength => "family",
    CommunityStrength => "community",
    HomeStrength => "home",
    Barrier => "barrier",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    pub id: Id,
    pub kind: FactorKind,
    pub text: String,
}

/// A care team member's role (the client and family caregivers are members too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Client,
    FamilyCaregiver,
    PrimaryCarePhysician,
    Specialist,
    Therapist,
    SocialWorker,
    Pharmacist,
    PayerContact,
    Other,
}

crate::domain::codes::codes!(Role {
    Client => "client",
    FamilyCaregiver => "family_caregiver",
    PrimaryCarePhysician => "primary_care_physician",
    Specialist => "specialist",
    Therapist => "therapist",
    SocialWorker => "social_worker",
    Pharmacist => "pharmacist",
    PayerContact => "payer_contact",
    Other => "other",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: Id,
    pub role: Role,
    pub name: String,
    pub organisation: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// What the client was taught.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Medicines,
    Lifestyle,
    WarningSigns,
    FollowUp,
    Other,
}

crate::domain::codes::codes!(Topic {
    Medicines => "medicines",
    Lifestyle => "lifestyle",
    WarningSigns => "warning_signs",
    FollowUp => "follow_up",
    Other => "other",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    pub id: Id,
    pub topic: Topic,
    #[serde(with = "crate::domain::stored_time::date")]
    pub taught_on: NaiveDate,
    /// The team member who taught it.
    pub by: Option<Id>,
    /// Understanding confirmed by teach-back.
    pub teach_back: bool,
    pub note: Option<String>,
}

/// The plan reviewed with the client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    #[serde(with = "crate::domain::stored_time::date")]
    pub reviewed_on: NaiveDate,
    /// The client agreed to the plan (reviewed but not agreed is recorded too).
    pub agreed: bool,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub recorded_at: DateTime<Utc>,
}

/// A case's care plan. Revision 1 is the first; editing an agreed plan starts the next revision and keeps the
/// agreed one readable (`PlanRevision`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CarePlan {
    pub case_id: Id,
    pub revision: u32,
    pub goals: Vec<Goal>,
    pub interventions: Vec<Intervention>,
    pub factors: Vec<Factor>,
    pub team: Vec<TeamMember>,
    pub education: Vec<Education>,
    pub agreement: Option<Agreement>,
    /// When this revision began.
    #[serde(with = "crate::domain::stored_time::instant")]
    pub revised_at: DateTime<Utc>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// An earlier revision of a plan, kept readable when an agreed plan was edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanRevision {
    pub id: Id,
    pub case_id: Id,
    /// The plan as it was when it was superseded.
    pub plan: CarePlan,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub superseded_at: DateTime<Utc>,
}

impl CarePlan {
    /// An empty plan whose team starts with the client.
    pub fn new(case_id: Id, client: TeamMember, now: DateTime<Utc>) -> CarePlan {
        CarePlan {
            case_id,
            revision: 1,
            goals: vec![],
            interventions: vec![],
            factors: vec![],
            team: vec![client],
            education: vec![],
            agreement: None,
            revised_at: now,
            updated_at: now,
        }
    }

    pub fn goal(&self, id: Id) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    pub fn member(&self, id: Id) -> Option<&TeamMember> {
        self.team.iter().find(|m| m.id == id)
    }

    pub fn interventions_of(&self, goal: Id) -> impl Iterator<Item = &Intervention> {
        self.interventions.iter().filter(move |i| i.goal_id == goal)
    }

    /// Whether the client agreed to this revision.
    /// How many goals (other than cancelled ones) have an outcome recorded, and how many have none yet.
    pub fn outcomes(&self) -> (usize, usize) {
        let pursued = self
            .goals
            .iter()
            .filter(|g| g.status != GoalStatus::Cancelled);
        let evaluated = pursued.clone().filter(|g| g.evaluation.is_some()).count();
        (evaluated, pursued.count() - evaluated)
    }

    pub fn agreed(&self) -> bool {
        self.agreement.as_ref().is_some_and(|a| a.agreed)
    }

    /// What the client agreed to, without statuses and progress: a change here starts a new revision.
    fn agreed_content(&self) -> impl PartialEq + '_ {
        let goals: Vec<_> = self
            .goals
            .iter()
            .map(|g| {
                (
                    g.id,
                    &g.text,
                    &g.need_ids,
                    &g.measure,
                    g.start,
                    g.target_date,
                )
            })
            .collect();
        let interventions: Vec<_> = self
            .interventions
            .iter()
            .map(|i| {
                (
                    i.id,
                    i.goal_id,
                    &i.text,
                    i.member_id,
                    i.frequency,
                    i.from,
                    i.until,
                )
            })
            .collect();
        (goals, interventions)
    }

    /// Whether `edited` changes what the client agreed to (goal text, measure, target or dates; goals or
    /// interventions added or removed, or what an intervention is), rather than a status or progress.
    pub fn changes_agreed_content(&self, edited: &CarePlan) -> bool {
        self.agreed_content() != edited.agreed_content()
    }

    /// Goals that do not yet say which strengths they build on (what a strengths-based plan asks for).
    pub fn goals_without_strengths(&self) -> impl Iterator<Item = &Goal> {
        self.goals.iter().filter(|g| {
            !g.factor_ids.iter().any(|f| {
                self.factors
                    .iter()
                    .any(|x| x.id == *f && x.kind != FactorKind::Barrier)
            })
        })
    }
}

/// Something the case model's template offers to start the plan with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suggestion {
    PhysicalTherapy,
    OccupationalTherapy,
    SpeechTherapy,
    Counselling,
    MedicationReview,
    ReferralToService,
    LightTouchCheckIn,
    OneToOneContact,
    AccompaniedAppointments,
    BuildOnStrength,
}

crate::domain::codes::codes!(Suggestion {
    PhysicalTherapy => "physical_therapy",
    OccupationalTherapy => "occupational_therapy",
    SpeechTherapy => "speech_therapy",
    Counselling => "counselling",
    MedicationReview => "medication_review",
    ReferralToService => "referral_to_service",
    LightTouchCheckIn => "light_touch_check_in",
    OneToOneContact => "one_to_one_contact",
    AccompaniedAppointments => "accompanied_appointments",
    BuildOnStrength => "build_on_strength",
});

impl Suggestion {
    /// The frequency an intervention made from the suggestion starts with.
    pub fn frequency(self) -> Frequency {
        let (times, period) = match self {
            Suggestion::PhysicalTherapy | Suggestion::OccupationalTherapy => (2, Period::Week),
            Suggestion::SpeechTherapy | Suggestion::Counselling => (1, Period::Week),
            Suggestion::MedicationReview | Suggestion::ReferralToService => (1, Period::Once),
            Suggestion::LightTouchCheckIn => (1, Period::Month),
            Suggestion::OneToOneContact => (2, Period::Week),
            Suggestion::AccompaniedAppointments | Suggestion::BuildOnStrength => (1, Period::Week),
        };
        Frequency { times, period }
    }
}

/// What a case model offers the plan: interventions to start from, and whether each goal must name the strengths
/// it builds on.
pub fn template(model: CaseModel) -> (&'static [Suggestion], bool) {
    use Suggestion::*;
    match model {
        CaseModel::StrengthsBased => (&[BuildOnStrength, OneToOneContact], true),
        CaseModel::Clinical => (
            &[
                PhysicalTherapy,
                OccupationalTherapy,
                SpeechTherapy,
                Counselling,
                MedicationReview,
            ],
            false,
        ),
        CaseModel::Brokerage => (&[ReferralToService, LightTouchCheckIn], false),
        CaseModel::Intensive => (&[OneToOneContact, AccompaniedAppointments], false),
    }
}

/// The most days between planned contacts (instruments.md, "Default contact cadence"): by tier (urgent 2, high 7,
/// moderate 14, low 30; not yet stratified as moderate), capped by the model (intensive 7, clinical and
/// strengths-based 14, brokerage 30); the shorter wins.
pub fn contact_cadence_days(tier: Option<Tier>, model: CaseModel) -> u32 {
    let by_tier = match tier {
        Some(Tier::Urgent) => 2,
        Some(Tier::High) => 7,
        Some(Tier::Moderate) | None => 14,
        Some(Tier::Low) => 30,
    };
    let cap = match model {
        CaseModel::Intensive => 7,
        CaseModel::Clinical | CaseModel::StrengthsBased => 14,
        CaseModel::Brokerage => 30,
    };
    by_tier.min(cap)
}

fn choice<T>(errors: &mut FieldErrors, field: Field, found: Option<T>) -> Option<T> {
    if found.is_none() {
        errors.push(field, Problem::ChoiceRequired);
    }
    found
}

/// Ids ticked on a form (each must be one of `known`).
fn chosen_ids(raw: &[String], known: &[Id]) -> Vec<Id> {
    raw.iter()
        .filter_map(|r| r.parse::<Id>().ok())
        .filter(|id| known.contains(id))
        .collect()
}

/// The goal form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoalDraft {
    pub text: String,
    pub need_ids: Vec<String>,
    /// `numeric` or `done`.
    pub measure: String,
    pub unit: String,
    pub target: String,
    pub direction: String,
    pub start: String,
    pub target_date: String,
    pub priority: String,
    pub status: String,
    pub achievement: String,
    pub factor_ids: Vec<String>,
}

impl GoalDraft {
    pub fn new(today: NaiveDate) -> GoalDraft {
        GoalDraft {
            measure: "done".into(),
            direction: Direction::Increase.code().into(),
            start: today.to_string(),
            priority: GoalPriority::Medium.code().into(),
            status: GoalStatus::Proposed.code().into(),
            achievement: Achievement::InProgress.code().into(),
            ..GoalDraft::default()
        }
    }

    pub fn of(goal: &Goal) -> GoalDraft {
        let ids = |ids: &[Id]| ids.iter().map(Id::to_string).collect();
        let (measure, unit, target, direction) = match &goal.measure {
            Measure::Numeric {
                unit,
                target,
                direction,
            } => (
                "numeric",
                unit.clone(),
                target.to_string(),
                direction.code(),
            ),
            Measure::Done => ("done", String::new(), String::new(), "increase"),
        };
        GoalDraft {
            text: goal.text.clone(),
            need_ids: ids(&goal.need_ids),
            measure: measure.into(),
            unit,
            target,
            direction: direction.into(),
            start: goal.start.to_string(),
            target_date: goal.target_date.to_string(),
            priority: goal.priority.code().into(),
            status: goal.status.code().into(),
            achievement: goal.achievement.code().into(),
            factor_ids: ids(&goal.factor_ids),
        }
    }

    /// The goal `id` from the form: the needs ticked must be among `needs` (the case's open needs), the strengths
    /// among `factors`.
    pub fn validate(&self, id: Id, needs: &[Id], factors: &[Id]) -> Result<Goal, FieldErrors> {
        let mut errors = FieldErrors::default();
        let text = required_text(
            &mut errors,
            Field::Plan(PlanField::GoalText),
            &self.text,
            PLAN_TEXT_MAX,
        );
        let need_ids = chosen_ids(&self.need_ids, needs);
        if need_ids.is_empty() {
            errors.push(Field::Plan(PlanField::GoalNeeds), Problem::NeedRequired);
        }
        let measure = match self.measure.as_str() {
            "done" => Some(Measure::Done),
            "numeric" => {
                let unit = required_text(
                    &mut errors,
                    Field::Plan(PlanField::GoalUnit),
                    &self.unit,
                    40,
                );
                let target = match Amount::parse(&self.target) {
                    Some(n) => Some(n),
                    None if self.target.trim().is_empty() => {
                        errors.push(Field::Plan(PlanField::GoalTarget), Problem::Required);
                        None
                    }
                    None => {
                        errors.push(
                            Field::Plan(PlanField::GoalTarget),
                            Problem::NumberUnreadable,
                        );
                        None
                    }
                };
                let direction = choice(
                    &mut errors,
                    Field::Plan(PlanField::GoalDirection),
                    Direction::from_code(&self.direction),
                );
                target
                    .zip(direction)
                    .map(|(target, direction)| Measure::Numeric {
                        unit,
                        target,
                        direction,
                    })
            }
            _ => {
                errors.push(Field::Plan(PlanField::GoalMeasure), Problem::ChoiceRequired);
                None
            }
        };
        let start = required_date(&mut errors, Field::Plan(PlanField::GoalStart), &self.start);
        let target_date = required_date(
            &mut errors,
            Field::Plan(PlanField::GoalTargetDate),
            &self.target_date,
        );
        if let (Some(start), Some(target)) = (start, target_date) {
            if target <= start {
                errors.push(
                    Field::Plan(PlanField::GoalTargetDate),
                    Problem::DateNotAfterStart,
                );
            }
        }
        let priority = choice(
            &mut errors,
            Field::Plan(PlanField::GoalPriority),
            GoalPriority::from_code(&self.priority),
        );
        let status = choice(
            &mut errors,
            Field::Plan(PlanField::GoalStatus),
            GoalStatus::from_code(&self.status),
        );
        let achievement = choice(
            &mut errors,
            Field::Plan(PlanField::GoalAchievement),
            Achievement::from_code(&self.achievement),
        );
        match (measure, start, target_date, priority, status, achievement) {
            (
                Some(measure),
                Some(start),
                Some(target_date),
                Some(priority),
                Some(status),
                Some(achievement),
            ) if errors.is_empty() => Ok(Goal {
                id,
                text,
                need_ids,
                measure,
                start,
                target_date,
                priority,
                status,
                achievement,
                factor_ids: chosen_ids(&self.factor_ids, factors),
                values: vec![],
                evaluation: None,
            }),
            _ => Err(errors),
        }
    }
}

/// The intervention form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InterventionDraft {
    pub goal_id: String,
    pub text: String,
    pub member_id: String,
    pub times: String,
    pub period: String,
    pub from: String,
    pub until: String,
    pub status: String,
    pub authorization_id: String,
}

impl InterventionDraft {
    pub fn new(today: NaiveDate) -> InterventionDraft {
        InterventionDraft {
            times: "1".into(),
            period: Period::Week.code().into(),
            from: today.to_string(),
            status: ActivityStatus::NotStarted.code().into(),
            ..InterventionDraft::default()
        }
    }

    pub fn of(i: &Intervention) -> InterventionDraft {
        InterventionDraft {
            goal_id: i.goal_id.to_string(),
            text: i.text.clone(),
            member_id: i.member_id.map(|m| m.to_string()).unwrap_or_default(),
            times: i.frequency.times.to_string(),
            period: i.frequency.period.code().into(),
            from: i.from.to_string(),
            until: i.until.map(|d| d.to_string()).unwrap_or_default(),
            status: i.status.code().into(),
            authorization_id: i
                .authorization_id
                .map(|a| a.to_string())
                .unwrap_or_default(),
        }
    }

    /// The intervention `id`: its goal must be one of `plan`'s goals, its member one of the team, its authorized
    /// service (if any) one of `authorizations` (the case's).
    pub fn validate(
        &self,
        id: Id,
        plan: &CarePlan,
        authorizations: &[Id],
    ) -> Result<Intervention, FieldErrors> {
        let mut errors = FieldErrors::default();
        let goal_id = self
            .goal_id
            .parse::<Id>()
            .ok()
            .filter(|g| plan.goal(*g).is_some());
        choice(
            &mut errors,
            Field::Plan(PlanField::InterventionGoal),
            goal_id,
        );
        let text = required_text(
            &mut errors,
            Field::Plan(PlanField::InterventionText),
            &self.text,
            PLAN_TEXT_MAX,
        );
        let member_id = if self.member_id.trim().is_empty() {
            None
        } else {
            let member = self
                .member_id
                .parse::<Id>()
                .ok()
                .filter(|m| plan.member(*m).is_some());
            choice(
                &mut errors,
                Field::Plan(PlanField::InterventionMember),
                member,
            )
        };
        let period = choice(
            &mut errors,
            Field::Plan(PlanField::InterventionPeriod),
            Period::from_code(&self.period),
        );
        let times = match self.times.trim().parse::<u32>() {
            Ok(n) if (1..=31).contains(&n) => Some(n),
            _ => {
                errors.push(
                    Field::Plan(PlanField::InterventionTimes),
                    Problem::TimesOutOfRange,
                );
                None
            }
        };
        let from = required_date(
            &mut errors,
            Field::Plan(PlanField::InterventionFrom),
            &self.from,
        );
        let until = optional_date(
            &mut errors,
            Field::Plan(PlanField::InterventionUntil),
            &self.until,
        );
        if let (Some(from), Some(until)) = (from, until) {
            if until < from {
                errors.push(
                    Field::Plan(PlanField::InterventionUntil),
                    Problem::DateBeforeStart,
                );
            }
        }
        let status = choice(
            &mut errors,
            Field::Plan(PlanField::InterventionStatus),
            ActivityStatus::from_code(&self.status),
        );
        let authorization_id = if self.authorization_id.trim().is_empty() {
            None
        } else {
            let known = self
                .authorization_id
                .parse::<Id>()
                .ok()
                .filter(|a| authorizations.contains(a));
            choice(
                &mut errors,
                Field::Plan(PlanField::InterventionAuthorization),
                known,
            )
        };
        match (goal_id, period, times, from, status) {
            (Some(goal_id), Some(period), Some(times), Some(from), Some(status))
                if errors.is_empty() =>
            {
                let times = if period == Period::Once { 1 } else { times };
                Ok(Intervention {
                    id,
                    goal_id,
                    text,
                    member_id,
                    frequency: Frequency { times, period },
                    from,
                    until,
                    status,
                    authorization_id,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The strength or barrier form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactorDraft {
    pub kind: String,
    pub text: String,
}

impl FactorDraft {
    pub fn validate(&self, id: Id) -> Result<Factor, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = choice(
            &mut errors,
            Field::Plan(PlanField::FactorKind),
            FactorKind::from_code(&self.kind),
        );
        let text = required_text(
            &mut errors,
            Field::Plan(PlanField::FactorText),
            &self.text,
            PLAN_TEXT_MAX,
        );
        match kind {
            Some(kind) if errors.is_empty() => Ok(Factor { id, kind, text }),
            _ => Err(errors),
        }
    }
}

/// The care team member form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberDraft {
    pub role: String,
    pub name: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
}

impl MemberDraft {
    pub fn of(m: &TeamMember) -> MemberDraft {
        MemberDraft {
            role: m.role.code().into(),
            name: m.name.clone(),
            organisation: m.organisation.clone().unwrap_or_default(),
            phone: m.phone.clone().unwrap_or_default(),
            email: m.email.clone().unwrap_or_default(),
        }
    }

    pub fn validate(&self, id: Id) -> Result<TeamMember, FieldErrors> {
        use crate::domain::client::{NAME_MAX, SHORT_TEXT_MAX};
        let mut errors = FieldErrors::default();
        let role = choice(
            &mut errors,
            Field::Plan(PlanField::MemberRole),
            Role::from_code(&self.role),
        );
        let name = required_text(
            &mut errors,
            Field::Plan(PlanField::MemberName),
            &self.name,
            NAME_MAX,
        );
        let organisation = optional_text(
            &mut errors,
            Field::Plan(PlanField::MemberOrganisation),
            &self.organisation,
            SHORT_TEXT_MAX,
        );
        let phone = optional_phone(
            &mut errors,
            Field::Plan(PlanField::MemberPhone),
            &self.phone,
        );
        let email = optional_email(
            &mut errors,
            Field::Plan(PlanField::MemberEmail),
            &self.email,
        );
        match role {
            Some(role) if errors.is_empty() => Ok(TeamMember {
                id,
                role,
                name,
                organisation,
                phone,
                email,
            }),
            _ => Err(errors),
        }
    }
}

/// The client education form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EducationDraft {
    pub topic: String,
    pub taught_on: String,
    pub by: String,
    pub teach_back: bool,
    pub note: String,
}

impl EducationDraft {
    pub fn new(today: NaiveDate) -> EducationDraft {
        EducationDraft {
            taught_on: today.to_string(),
            ..EducationDraft::default()
        }
    }

    pub fn validate(
        &self,
        id: Id,
        plan: &CarePlan,
        today: NaiveDate,
    ) -> Result<Education, FieldErrors> {
        let mut errors = FieldErrors::default();
        let topic = choice(
            &mut errors,
            Field::Plan(PlanField::EducationTopic),
            Topic::from_code(&self.topic),
        );
        let taught_on = crate::domain::validation::required_past_date(
            &mut errors,
            Field::Plan(PlanField::EducationDate),
            &self.taught_on,
            today,
        );
        let by = if self.by.is_empty() {
            None
        } else {
            let member = self
                .by
                .parse::<Id>()
                .ok()
                .filter(|m| plan.member(*m).is_some());
            choice(&mut errors, Field::Plan(PlanField::EducationBy), member)
        };
        let note = optional_long_text(
            &mut errors,
            Field::Plan(PlanField::EducationNote),
            &self.note,
            LONG_TEXT_MAX,
        );
        match (topic, taught_on) {
            (Some(topic), Some(taught_on)) if errors.is_empty() => Ok(Education {
                id,
                topic,
                taught_on,
                by,
                teach_back: self.teach_back,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// The plan review form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgreementDraft {
    pub reviewed_on: String,
    /// `agreed` or `not_agreed`.
    pub agreed: String,
}

impl AgreementDraft {
    pub fn new(today: NaiveDate) -> AgreementDraft {
        AgreementDraft {
            reviewed_on: today.to_string(),
            agreed: String::new(),
        }
    }

    pub fn validate(&self, today: NaiveDate, now: DateTime<Utc>) -> Result<Agreement, FieldErrors> {
        let mut errors = FieldErrors::default();
        let reviewed_on = crate::domain::validation::required_past_date(
            &mut errors,
            Field::Plan(PlanField::ReviewedOn),
            &self.reviewed_on,
            today,
        );
        let agreed = match self.agreed.as_str() {
            "agreed" => Some(true),
            "not_agreed" => Some(false),
            _ => None,
        };
        choice(&mut errors, Field::Plan(PlanField::ClientAgreed), agreed);
        match (reviewed_on, agreed) {
            (Some(reviewed_on), Some(agreed)) if errors.is_empty() => Ok(Agreement {
                reviewed_on,
                agreed,
                recorded_at: now,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn goal_draft() -> GoalDraft {
        GoalDraft {
            text: "I want to walk to the shop on my own".into(),
            need_ids: vec![id(1).to_string()],
            target_date: day(30).to_string(),
            ..GoalDraft::new(day(24))
        }
    }

    #[test]
    fn a_goal_needs_a_need_and_a_target_date_after_its_start() {
        let goal = goal_draft().validate(id(9), &[id(1)], &[]).unwrap();
        assert_eq!(goal.need_ids, vec![id(1)]);
        assert_eq!(goal.measure, Measure::Done);
        assert_eq!(goal.status, GoalStatus::Proposed);

        let same_day = GoalDraft {
            target_date: day(24).to_string(),
            ..goal_draft()
        };
        let errors = same_day.validate(id(9), &[id(1)], &[]).unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::GoalTargetDate)),
            Some(Problem::DateNotAfterStart)
        );
        let errors = goal_draft().validate(id(9), &[id(2)], &[]).unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::GoalNeeds)),
            Some(Problem::NeedRequired),
            "a need that is not the case's does not count"
        );
    }

    #[test]
    fn a_numeric_measure_needs_a_unit_and_a_readable_target() {
        let numeric = GoalDraft {
            measure: "numeric".into(),
            unit: "steps a day".into(),
            target: "３０００".into(),
            direction: "increase".into(),
            ..goal_draft()
        };
        let goal = numeric.validate(id(9), &[id(1)], &[]).unwrap();
        assert_eq!(
            goal.measure,
            Measure::Numeric {
                unit: "steps a day".into(),
                target: Amount(3_000_000),
                direction: Direction::Increase
            }
        );
        let stored = serde_json::to_string(&goal.measure).unwrap();
        assert_eq!(
            stored,
            r#"{"kind":"numeric","unit":"steps a day","target":3000000,"direction":"increase"}"#
        );
        assert_eq!(
            serde_json::from_str::<Measure>(&stored).unwrap(),
            goal.measure
        );
        assert_eq!(
            GoalDraft::of(&goal).validate(id(9), &[id(1)], &[]),
            Ok(goal)
        );
        let bad = GoalDraft {
            unit: " ".into(),
            target: "lots".into(),
            ..numeric
        };
        let errors = bad.validate(id(9), &[id(1)], &[]).unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::GoalUnit)),
            Some(Problem::Required)
        );
        assert_eq!(
            errors.get(Field::Plan(PlanField::GoalTarget)),
            Some(Problem::NumberUnreadable)
        );
        for (typed, amount, shown) in [
            ("7,5", 7500, "7.5"),
            ("-2", -2000, "-2"),
            ("0.125", 125, "0.125"),
            (".5", 500, "0.5"),
            ("１２", 12000, "12"),
        ] {
            let parsed = Amount::parse(typed).unwrap();
            assert_eq!(
                (parsed, parsed.to_string().as_str()),
                (Amount(amount), shown),
                "{typed}"
            );
        }
        for bad in ["", ".", "-", "1.2.3", "1e5", "x", "1.2345", "--1"] {
            assert_eq!(Amount::parse(bad), None, "{bad}");
        }
    }

    fn plan() -> CarePlan {
        let client = TeamMember {
            id: id(5),
            role: Role::Client,
            name: "Hanako".into(),
            organisation: None,
            phone: None,
            email: None,
        };
        let mut plan = CarePlan::new(id(7), client, Utc::now());
        plan.goals
            .push(goal_draft().validate(id(9), &[id(1)], &[]).unwrap());
        plan
    }

    #[test]
    fn an_intervention_belongs_to_a_goal_and_a_team_member_of_the_plan() {
        let plan = plan();
        let draft = InterventionDraft {
            goal_id: id(9).to_string(),
            text: "Walk together to the corner twice a week".into(),
            member_id: id(5).to_string(),
            times: "2".into(),
            until: day(30).to_string(),
            authorization_id: id(9).to_string(),
            ..InterventionDraft::new(day(24))
        };
        let intervention = draft.validate(id(10), &plan, &[id(9)]).unwrap();
        assert_eq!(intervention.authorization_id, Some(id(9)));
        assert_eq!(
            intervention.frequency,
            Frequency {
                times: 2,
                period: Period::Week
            }
        );
        assert_eq!(InterventionDraft::of(&intervention), draft);
        let bad = InterventionDraft {
            goal_id: id(3).to_string(),
            member_id: id(3).to_string(),
            times: "0".into(),
            until: day(20).to_string(),
            authorization_id: id(8).to_string(),
            ..draft
        };
        let errors = bad.validate(id(10), &plan, &[id(9)]).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (
                    Field::Plan(PlanField::InterventionGoal),
                    Problem::ChoiceRequired
                ),
                (
                    Field::Plan(PlanField::InterventionMember),
                    Problem::ChoiceRequired
                ),
                (
                    Field::Plan(PlanField::InterventionTimes),
                    Problem::TimesOutOfRange
                ),
                (
                    Field::Plan(PlanField::InterventionUntil),
                    Problem::DateBeforeStart
                ),
                (
                    Field::Plan(PlanField::InterventionAuthorization),
                    Problem::ChoiceRequired
                ),
            ]
        );
    }

    #[test]
    fn status_and_progress_do_not_change_what_was_agreed_but_goal_text_and_dates_do() {
        let before = plan();
        let mut progress = before.clone();
        progress.goals[0].status = GoalStatus::Active;
        progress.goals[0].achievement = Achievement::Improving;
        assert!(!before.changes_agreed_content(&progress));
        let mut reworded = before.clone();
        reworded.goals[0].text = "I want to walk to the park".into();
        assert!(before.changes_agreed_content(&reworded));
        let mut later = before.clone();
        later.goals[0].target_date = day(29);
        assert!(before.changes_agreed_content(&later));
        let mut fewer = before.clone();
        fewer.goals.clear();
        assert!(before.changes_agreed_content(&fewer));
    }

    #[test]
    fn the_cadence_is_the_shorter_of_the_tier_and_the_model_cap() {
        use CaseModel::*;
        let cases = [
            (Some(Tier::Urgent), Brokerage, 2),
            (Some(Tier::High), Brokerage, 7),
            (Some(Tier::Moderate), Brokerage, 14),
            (None, Brokerage, 14),
            (Some(Tier::Low), Brokerage, 30),
            (Some(Tier::Low), Clinical, 14),
            (Some(Tier::Low), StrengthsBased, 14),
            (Some(Tier::Low), Intensive, 7),
            (Some(Tier::Moderate), Intensive, 7),
            (Some(Tier::Urgent), Intensive, 2),
        ];
        for (tier, model, days) in cases {
            assert_eq!(
                contact_cadence_days(tier, model),
                days,
                "{tier:?} {model:?}"
            );
        }
    }

    #[test]
    fn each_model_offers_its_own_template() {
        let (clinical, _) = template(CaseModel::Clinical);
        for therapy in [
            Suggestion::PhysicalTherapy,
            Suggestion::OccupationalTherapy,
            Suggestion::SpeechTherapy,
            Suggestion::Counselling,
            Suggestion::MedicationReview,
        ] {
            assert!(clinical.contains(&therapy));
        }
        assert!(template(CaseModel::Brokerage)
            .0
            .contains(&Suggestion::ReferralToService));
        assert!(template(CaseModel::Intensive)
            .0
            .contains(&Suggestion::AccompaniedAppointments));
        assert!(template(CaseModel::StrengthsBased).1);
        assert!(!template(CaseModel::Clinical).1);
    }

    #[test]
    fn a_strengths_based_plan_names_goals_without_a_strength() {
        let mut plan = plan();
        assert_eq!(plan.goals_without_strengths().count(), 1);
        plan.factors.push(Factor {
            id: id(11),
            kind: FactorKind::Barrier,
            text: "Stairs".into(),
        });
        plan.goals[0].factor_ids = vec![id(11)];
        assert_eq!(
            plan.goals_without_strengths().count(),
            1,
            "a barrier is not a strength"
        );
        plan.factors.push(Factor {
            id: id(12),
            kind: FactorKind::FamilyStrength,
            text: "Daughter nearby".into(),
        });
        plan.goals[0].factor_ids.push(id(12));
        assert_eq!(plan.goals_without_strengths().count(), 0);
    }

    #[test]
    fn a_review_records_whether_the_client_agreed() {
        let now = Utc::now();
        let draft = AgreementDraft {
            agreed: "agreed".into(),
            ..AgreementDraft::new(day(24))
        };
        assert!(draft.validate(day(24), now).unwrap().agreed);
        let errors = AgreementDraft::new(day(24))
            .validate(day(24), now)
            .unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::ClientAgreed)),
            Some(Problem::ChoiceRequired)
        );
    }

    #[test]
    fn a_goal_value_needs_a_day_that_has_come_and_a_number() {
        let ok = GoalValueDraft {
            on: day(24).to_string(),
            value: "７４,５".into(),
        }
        .validate(day(24))
        .unwrap();
        assert_eq!(ok.value, Amount(74_500));
        let problems = |d: GoalValueDraft| -> Vec<(Field, Problem)> {
            d.validate(day(24))
                .unwrap_err()
                .iter()
                .map(|e| (e.field, e.problem))
                .collect()
        };
        assert_eq!(
            problems(GoalValueDraft {
                on: day(25).to_string(),
                value: "about 70".into(),
            }),
            vec![
                (Field::Plan(PlanField::GoalValueDate), Problem::DateInFuture),
                (
                    Field::Plan(PlanField::GoalValueAmount),
                    Problem::NumberUnreadable
                ),
            ]
        );
        assert_eq!(
            problems(GoalValueDraft::default()),
            vec![
                (Field::Plan(PlanField::GoalValueDate), Problem::Required),
                (Field::Plan(PlanField::GoalValueAmount), Problem::Required),
            ]
        );
    }
}
