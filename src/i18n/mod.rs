//! The message catalogue: every text the user sees, in English (`en.rs`) and Japanese (`ja.rs`).
//!
//! Keys are struct fields, so a missing or misspelt message is a compile error in every locale, with no macro
//! and no runtime lookup. Texts with values in them are functions, and so are enum names: an exhaustive `match`
//! per enum, so a new variant without its text in every language does not compile.

use crate::domain::assessment::{AssessmentStatus, Section};
use crate::domain::case::ClosureReason;
use crate::domain::case::{CaseModel, CaseStatus, Specialty};
use crate::domain::client::{ConsentChoice, Gender};
use crate::domain::contact::ContactMode;
use crate::domain::coordination::{AppointmentStatus, ReferralStatus};
use crate::domain::coverage::CareLevel;
use crate::domain::instruments::{AhcDomain, Band, Detail, Flag, Instrument, Outcome};
use crate::domain::note::NoteFormat;
use crate::domain::phase::Phase;
use crate::domain::plan::GoalOutcome;
use crate::domain::plan::{
    Achievement, ActivityStatus, Direction, FactorKind, GoalPriority, GoalStatus, Period, Role,
    Suggestion, Topic,
};
use crate::domain::progress::Requirement;
use crate::domain::risk::{Reason, Rule, Tier};
use crate::domain::screening::{Criterion, Decision};
use crate::domain::task::{Concern, Priority, TaskKind};
use crate::domain::transition::{ChecklistItem, MedicationChange, Setting};
use crate::domain::validation::{Field, FollowUpField, PlanField, Problem};
use crate::domain::workflow::plans::ReferrerKind;

mod en;
mod ja;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    En,
    Ja,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ja];

    pub fn messages(self) -> &'static Messages {
        match self {
            Locale::En => &en::EN,
            Locale::Ja => &ja::JA,
        }
    }

    /// The BCP 47 tag, for the `lang` attribute and the stored preference.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ja => "ja",
        }
    }

    /// The language's name in itself, as language switches show it (not translated).
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ja => "日本語",
        }
    }

    /// The locale of a language tag ("ja", "ja-JP", "en-GB"), if the app has it.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let language = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == language)
    }

    /// The first of the browser's preferred languages the app has; English when it has none of them.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred
            .into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or_default()
    }
}

thread_local! {
    static CURRENT: std::cell::Cell<Locale> = const { std::cell::Cell::new(Locale::En) };
}

/// The interface language now (the UI re-renders when it changes; the error screen reads it too).
pub fn current() -> Locale {
    CURRENT.with(|c| c.get())
}

pub fn set_current(locale: Locale) {
    CURRENT.with(|c| c.set(locale));
}

/// The wording of one instrument: its items (in definition order) and each item's options.
pub struct InstrumentTexts {
    pub name: &'static str,
    pub intro: &'static str,
    pub items: &'static [ItemTexts],
}

pub struct ItemTexts {
    pub question: &'static str,
    /// One per choice or tick box; empty for numbers.
    pub options: &'static [&'static str],
}

/// One language's texts, grouped by the screen that shows them (`m.caseload.heading`), with what several screens
/// share in `common` and the names of things in `terms` (read through the lookups below: `m.phase(p)`).
pub struct Messages {
    pub common: CommonTexts,
    pub terms: TermTexts,
    pub caseload: CaseloadTexts,
    pub client: ClientTexts,
    pub case: CaseTexts,
    pub screening: ScreeningTexts,
    pub assessment: AssessmentTexts,
    pub instrument: InstrumentPageTexts,
    pub plan: PlanTexts,
    pub coordination: CoordinationTexts,
    pub print: PrintTexts,
    pub follow_up: FollowUpTexts,
    pub dashboard: DashboardTexts,
    pub transitions: TransitionTexts,
    pub evaluation: EvaluationTexts,
    pub staff: StaffTexts,
    pub audit: AuditTexts,
    pub device: DeviceTexts,
    pub lock: LockTexts,
    pub backup: BackupTexts,
    pub conflict: ConflictTexts,
    pub demo: DemoTexts,
    pub export: ExportTexts,
    pub handover: HandoverTexts,
}

/// Texts more than one screen uses (and the app shell's): a text moves here when a second screen needs it.
pub struct CommonTexts {
    pub app_title: &'static str,
    /// The label of the language switch (each language's name is shown in itself, from `Locale::name`).
    pub language_label: &'static str,
    /// A calendar date, unambiguous in the language: "24 Nov 2026", "2026年11月24日".
    pub date: fn(date: chrono::NaiveDate) -> String,
    /// A local date and time, 24-hour: "24 Nov 2026, 16:05", "2026年11月24日 16:05".
    pub date_time: fn(at: chrono::NaiveDateTime) -> String,
    /// Parts of one detail shown together (a contact's name, relation and phone): "Rui Lima · son".
    pub detail_parts: fn(parts: &[String]) -> String,
    /// On an instrument form and beside a result given in a version that is not the validated one.
    pub unvalidated_translation: &'static str,
    /// Between parts shown side by side: "Nursing · Clinical".
    pub separator: &'static str,
    /// Between a thing and what is said about it: "Eligible — already enrolled".
    pub dash: &'static str,
    /// After a label: "Tier: High".
    pub label_separator: &'static str,
    /// After an optional field's label: " (optional)".
    pub optional_note: &'static str,
    /// An aside after a text: " (Hana)".
    pub in_parentheses: fn(aside: &str) -> String,
    pub app_tagline: &'static str,
    pub nav_caseload: &'static str,
    pub loading: &'static str,
    pub opening_records: &'static str,
    pub reload: &'static str,
    pub back_to_caseload: &'static str,
    pub not_recorded: &'static str,
    pub page_not_found: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_aborted: &'static str,
    pub storage_quota: &'static str,
    pub storage_blocked: &'static str,
    pub storage_version_changed: &'static str,
    pub storage_connection_lost: &'static str,
    pub storage_not_found: &'static str,
    pub storage_corrupt: &'static str,
    pub storage_conflict: &'static str,
    pub storage_migration_failed: &'static str,
    pub refused_not_on_case: &'static str,
    /// "2 records could not be read and are not shown."
    pub unreadable_records: fn(count: usize) -> String,
    /// One unreadable record: what it is and its key.
    pub unreadable_record: fn(store: &str, key: &str) -> String,
    pub storage_status: fn(used: &str, available: &str) -> String,
    pub storage_persisted: &'static str,
    pub storage_not_persisted: &'static str,
    pub storage_unknown: &'static str,
    /// A newer build of the app is installed and waits for the user to agree to reload.
    pub update_ready: &'static str,
    pub update_now: &'static str,
    /// Sizes: "1.2 MB".
    pub bytes: fn(bytes: f64) -> String,
    pub panic_heading: &'static str,
    pub panic_body: &'static str,
    pub panic_reload: &'static str,
    pub autosave_failed: fn(reason: &str) -> String,
    pub autosave_retry: &'static str,
    pub autosave_open: &'static str,
    pub col_phase: &'static str,
    pub choose: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub form_has_errors: fn(count: usize) -> String,
    pub case_heading: fn(client: &str) -> String,
    pub field_preferred_name: &'static str,
    /// The kana reading of a name (ふりがな), by which lists sort.
    pub field_name_reading: &'static str,
    pub field_date_of_birth: &'static str,
    pub field_preferred_language: &'static str,
    pub field_phone: &'static str,
    pub field_email: &'static str,
    pub field_address: &'static str,
    pub field_specialty: &'static str,
    pub field_model: &'static str,
    pub field_case_manager: &'static str,
    pub field_opened_on: &'static str,
    pub field_referral_source: &'static str,
    pub field_referral_reason: &'static str,
    pub screening_heading: &'static str,
    pub assessment_heading: &'static str,
    /// A case no rule has data for yet (no result counts).
    pub unstratified: &'static str,
    pub refused_case_closed: &'static str,
    pub refused_already_in_phase: &'static str,
    pub case_closed_no_changes: &'static str,
    pub nav_cases: &'static str,
    pub nav_staff: &'static str,
    pub nav_audit: &'static str,
    pub nav_device: &'static str,
    pub col_tier: &'static str,
    pub list: fn(items: &[String]) -> String,
    pub case_sections: &'static str,
    pub section_overview: &'static str,
    pub section_plan: &'static str,
    pub section_coordination: &'static str,
    pub section_history: &'static str,
    pub section_follow_up: &'static str,
    pub section_transitions: &'static str,
    pub section_evaluation: &'static str,
    pub refused_not_closed: &'static str,
    pub refused_open_work_changed: &'static str,
    pub refused_reason_required: &'static str,
    pub refused_in_use: &'static str,
}

/// Names of things, used on several screens through the lookups below: phases, tiers, fields, problems, results.
pub struct TermTexts {
    /// A score with its band: "11 (high risk)".
    pub score_with_band: fn(total: u32, band: &str) -> String,
    /// "PHQ-2 3 (positive from 3)".
    pub phq2_score: fn(score: u32, cut_off: u32, positive: bool) -> String,
    /// Field labels no screen shows directly: read through [`Messages::field`] (which maps every [`Field`],
    /// wherever its label is kept).
    pub field_full_name: &'static str,
    pub field_date_of_birth_era: &'static str,
    pub field_family_name: &'static str,
    pub field_given_name: &'static str,
    pub field_family_reading: &'static str,
    pub field_given_reading: &'static str,
    pub field_support_name: &'static str,
    pub field_support_relation: &'static str,
    pub field_support_phone: &'static str,
    pub field_consent_date: &'static str,
    pub field_consent_recorded_by: &'static str,
    pub problem_required: &'static str,
    pub problem_too_long: fn(max: usize) -> String,
    pub problem_control_characters: &'static str,
    pub problem_date_unreadable: &'static str,
    pub problem_date_in_future: &'static str,
    pub problem_date_before_1900: &'static str,
    pub problem_date_before_birth: &'static str,
    pub problem_date_before_case_opened: &'static str,
    pub problem_phone: &'static str,
    pub problem_email: &'static str,
    pub problem_choice_required: &'static str,
    pub problem_kana_only: &'static str,
    pub problem_era_date_unreadable: &'static str,
    pub problem_era_date_differs: &'static str,
    pub field_identification_reason: &'static str,
    pub field_other_criterion: &'static str,
    pub field_decision: &'static str,
    pub field_rationale: &'static str,
    pub field_screened_by: &'static str,
    pub field_screened_on: &'static str,
    pub field_administered_by: &'static str,
    pub field_administered_on: &'static str,
    pub field_override_tier: &'static str,
    pub field_override_rationale: &'static str,
    pub field_override_by: &'static str,
    pub field_closure_reason: &'static str,
    pub field_error_reason: &'static str,
    pub field_error_by: &'static str,
    pub criteria: fn(Criterion) -> &'static str,
    pub decisions: fn(Decision) -> &'static str,
    pub assessment_statuses: fn(AssessmentStatus) -> &'static str,
    pub sections: fn(Section) -> &'static str,
    pub section_hints: fn(Section) -> &'static str,
    pub instruments: fn(Instrument) -> &'static InstrumentTexts,
    pub bands: fn(Band) -> &'static str,
    pub ahc_domains: fn(AhcDomain) -> &'static str,
    pub flag_self_harm: &'static str,
    pub flag_phq2_positive: &'static str,
    pub flag_further_evaluation: &'static str,
    pub flag_social_need: fn(domain: &str) -> String,
    pub flag_safety_answer: &'static str,
    pub tiers: fn(Tier) -> &'static str,
    pub rule_text: fn(rule: Rule, value: u32) -> String,
    pub positive_domains: fn(count: u32) -> String,
    pub phases: fn(Phase) -> &'static str,
    pub specialties: fn(Specialty) -> &'static str,
    pub models: fn(CaseModel) -> &'static str,
    pub model_hints: fn(CaseModel) -> &'static str,
    pub genders: fn(Gender) -> &'static str,
    pub consent_choices: fn(ConsentChoice) -> &'static str,
    pub case_statuses: fn(CaseStatus) -> &'static str,
    pub problem_need_required: &'static str,
    pub problem_number_unreadable: &'static str,
    pub problem_date_not_after_start: &'static str,
    pub problem_date_before_start: &'static str,
    pub problem_date_in_past: &'static str,
    pub problem_time_unreadable: &'static str,
    pub problem_time_in_future: &'static str,
    pub problem_same_setting: &'static str,
    pub problem_name_taken: &'static str,
    pub problem_nothing_changed: &'static str,
    pub problem_minutes_out_of_range: fn(max: u32) -> String,
    pub problem_times_out_of_range: &'static str,
    pub problem_insured_number: &'static str,
    pub problem_units_out_of_range: &'static str,
}

/// The caseload (home) page.
pub struct CaseloadTexts {
    pub caseload_heading: &'static str,
    pub clients_heading: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub register_client: &'static str,
    pub showing_clients: fn(shown: usize, matching: usize, total: usize) -> String,
    pub no_clients: &'static str,
    pub no_matches: fn(query: &str) -> String,
    pub col_name: &'static str,
    pub col_age: &'static str,
    pub col_open_cases: &'static str,
    pub show_more: &'static str,
    pub age_years: fn(years: u32) -> String,
    pub none_dash: &'static str,
}

/// The client page and the registration form.
pub struct ClientTexts {
    /// A date of birth with the age: "12 May 1974 (52 years)"; in Japanese with its era year as well:
    /// "1974年5月12日（昭和49年）・52歳".
    pub birth_date: fn(date: chrono::NaiveDate, age: u32) -> String,
    pub register_heading: &'static str,
    pub edit_client_heading: &'static str,
    pub section_identity: &'static str,
    pub section_contact: &'static str,
    pub section_support: &'static str,
    pub section_consent: &'static str,
    pub save_client: &'static str,
    pub edit: &'static str,
    pub delete_client: &'static str,
    pub delete_confirm: fn(name: &str, cases: usize) -> String,
    pub delete_confirm_button: &'static str,
    pub deleting: &'static str,
    pub consent_summary: fn(given: bool, date: &str, by: &str) -> String,
    pub cases_heading: &'static str,
    pub no_cases: &'static str,
    pub open_case: &'static str,
    pub opened_on_summary: fn(date: &str) -> String,
    pub field_gender: &'static str,
    pub field_consent: &'static str,
}

/// The case page (and the case form and list): process, risk, tasks, needs, results, history.
pub struct CaseTexts {
    /// Who screened and when, after the screening's decision: " (24 Nov 2026, N. Sato)".
    pub screened_note: fn(date: &str, by: &str) -> String,
    pub results_heading: &'static str,
    pub no_results: &'static str,
    /// "PHQ-9 on 2026-11-24 by N. Sato: 12 (moderate)".
    pub result_line: fn(instrument: &str, date: &str, by: &str, result: &str) -> String,
    pub mark_entered_in_error: &'static str,
    pub entered_in_error_heading: &'static str,
    pub entered_in_error_explained: &'static str,
    pub entered_in_error_submit: &'static str,
    pub entered_in_error_label: fn(date: &str, by: &str, reason: &str) -> String,
    pub task_cancelled: fn(date: &str, reason: &str) -> String,
    pub earlier_definition: fn(version: &str) -> String,
    pub open_case_heading: fn(client: &str) -> String,
    pub save_case: &'static str,
    pub process_heading: &'static str,
    pub move_to_label: &'static str,
    pub move_button: &'static str,
    pub history_opened: fn(phase: &str) -> String,
    pub history_moved: fn(from: &str, to: &str) -> String,
    pub phase_step: fn(number: usize, name: &str) -> String,
    pub record_screening: &'static str,
    pub edit_screening: &'static str,
    pub screening_not_recorded: &'static str,
    pub close_not_eligible_offer: &'static str,
    pub close_case_button: &'static str,
    pub case_closed: fn(date: &str, reason: &str) -> String,
    pub assessment_open: &'static str,
    pub assessment_not_started: &'static str,
    pub instruments_heading: &'static str,
    pub administer: &'static str,
    pub administer_again: &'static str,
    pub never_administered: &'static str,
    pub latest_result: fn(result: &str, date: &str) -> String,
    pub change_since_previous: fn(delta: i64) -> String,
    pub change_since_baseline: fn(delta: i64) -> String,
    pub administrations_count: fn(count: usize) -> String,
    pub safety_alert: fn(date: &str) -> String,
    pub risk_heading: &'static str,
    pub tier_label: &'static str,
    pub computed_tier: fn(tier: &str) -> String,
    pub overridden_tier: fn(tier: &str, by: &str, date: &str) -> String,
    pub no_risk_reasons: &'static str,
    pub override_heading: &'static str,
    pub override_button: &'static str,
    pub clear_override_button: &'static str,
    pub history_screening: fn(decision: &str) -> String,
    pub history_override: fn(computed: &str, tier: &str, by: &str, rationale: &str) -> String,
    pub history_override_cleared: fn(by: &str) -> String,
    pub history_closed: fn(reason: &str) -> String,
    pub history_reopened: fn(by: &str, reason: &str) -> String,
    pub trends_heading: &'static str,
    /// A score chart's words: the instrument, its totals over time, and its bands.
    pub trend_label: fn(instrument: &str, values: &str, bands: &str) -> String,
    pub trend_point: fn(date: &str, result: &str) -> String,
    pub band_range: fn(band: &str, low: u32, high: u32) -> String,
    /// A task cancelled with the case's closure, and the closure's reason.
    pub task_cancelled_closure: fn(date: &str, reason: &str) -> String,
    pub history_override_lifted: fn(overridden: &str, computed: &str) -> String,
    pub tasks_heading: &'static str,
    pub no_tasks: &'static str,
    pub task_safety_follow_up: &'static str,
    pub task_due: fn(date: &str) -> String,
    pub task_overdue: &'static str,
    pub task_urgent: &'static str,
    pub task_done: fn(date: &str) -> String,
    pub mark_done: &'static str,
    pub need_withdrawn: fn(date: &str, reason: &str) -> String,
    pub history_entered_in_error: fn(instrument: &str, by: &str, reason: &str) -> String,
    pub cancel_entered_in_error: &'static str,
    pub cases_list_heading: &'static str,
    pub filter_by_tier: &'static str,
    pub all_tiers: &'static str,
    pub no_cases_in_tier: &'static str,
    pub no_open_cases: &'static str,
    pub col_client: &'static str,
    pub col_instrument: &'static str,
    pub col_latest: &'static str,
    pub coming_up_heading: &'static str,
    pub appointment_line: fn(when: &str, purpose: &str) -> String,
    pub open_needs_line: fn(count: usize) -> String,
    pub overdue_referrals_line: fn(count: usize) -> String,
    pub assessment_summary_heading: &'static str,
    pub conditions_label: &'static str,
    pub check_done: &'static str,
    pub check_missing: &'static str,
    pub ready_to_move: fn(phase: &str) -> String,
    pub move_on_to: fn(step: &str) -> String,
    pub work_missing: &'static str,
    pub requirements: fn(Requirement) -> &'static str,
    pub history_moved_with_missing: fn(moved: &str, missing: &str, reason: &str) -> String,
    pub history_tier_changed: fn(from: &str, to: &str) -> String,
    pub history_result: fn(instrument: &str, result: &str, by: &str) -> String,
    pub history_assessment_completed: &'static str,
    pub history_plan_agreed: fn(revision: u32) -> String,
    pub history_plan_not_agreed: fn(revision: u32) -> String,
    pub history_referral: fn(to: &str, status: &str) -> String,
    pub history_page_heading: fn(name: &str) -> String,
}

/// The care plan page (and the names of its codes and fields).
pub struct PlanTexts {
    pub heading: fn(name: &str) -> String,
    pub no_plan_yet: &'static str,
    pub revision_awaiting_review: fn(revision: u32) -> String,
    pub revision_agreed: fn(revision: u32, date: &str) -> String,
    pub revision_not_agreed: fn(revision: u32, date: &str) -> String,
    pub cadence: fn(days: u32, model: &str) -> String,
    pub print_link: &'static str,
    pub needs_heading: &'static str,
    pub no_needs: &'static str,
    pub need_with_description: fn(concern: &str, text: &str) -> String,
    pub need_added_by_hand: &'static str,
    pub need_raised_by: fn(instrument: &str, date: &str) -> String,
    pub need_raised_again: fn(count: usize) -> String,
    pub goals_heading: &'static str,
    pub no_goals: &'static str,
    pub strengths_asked: &'static str,
    pub interventions_heading: &'static str,
    pub template_offer: fn(model: &str) -> String,
    pub factors_heading: &'static str,
    pub team_heading: &'static str,
    pub education_heading: &'static str,
    pub review_heading: &'static str,
    pub review_needs_goals: &'static str,
    pub revisions_heading: &'static str,
    pub no_revisions: &'static str,
    pub revision_summary: fn(revision: u32, date: &str) -> String,
    pub goal_dates: fn(from: &str, to: &str) -> String,
    pub from_date: fn(date: &str) -> String,
    pub measure_done: &'static str,
    pub measure_numeric: fn(direction: &str, target: &str, unit: &str) -> String,
    pub frequency: fn(times: u32, period: Period) -> String,
    pub addresses: &'static str,
    pub dates: &'static str,
    pub factor_line: fn(kind: &str, text: &str) -> String,
    pub edit_goal: &'static str,
    pub update_progress: &'static str,
    pub intervention_line: fn(how_often: &str, by: &str, when: &str) -> String,
    pub intervention_uses: fn(service: &str) -> String,
    pub record_value: &'static str,
    pub save_value: &'static str,
    pub no_values: &'static str,
    pub value_line: fn(date: &str, value: &str, unit: &str) -> String,
    pub chart_label: fn(values: &str, target: &str) -> String,
    pub values_heading: &'static str,
    pub amount: fn(value: &str, unit: &str) -> String,
    pub nobody_yet: &'static str,
    pub no_interventions: &'static str,
    pub remove: &'static str,
    pub remove_named: fn(what: &str) -> String,
    pub still_used_by: fn(what: &str) -> String,
    pub referrer: fn(kind: &str, label: &str) -> String,
    pub cascade_explained: &'static str,
    pub remove_with_links: &'static str,
    pub keep: &'static str,
    pub add_need: &'static str,
    pub goal_text_hint: &'static str,
    pub goal_needs_a_need: &'static str,
    pub measure_kind_done: &'static str,
    pub measure_kind_numeric: &'static str,
    pub add_goal: &'static str,
    pub save_goal: &'static str,
    pub interventions_need_goals: &'static str,
    pub suggestions_label: &'static str,
    pub add_intervention: &'static str,
    pub member_line: fn(name: &str, role: &str) -> String,
    pub no_factors: &'static str,
    pub add_factor: &'static str,
    pub no_team: &'static str,
    pub contact: &'static str,
    pub add_member: &'static str,
    pub no_education: &'static str,
    pub education_line: fn(topic: &str, date: &str, by: &str) -> String,
    pub teach_back_confirmed: &'static str,
    pub teach_back_not_confirmed: &'static str,
    pub add_education: &'static str,
    pub client_agreed: &'static str,
    pub client_not_agreed: &'static str,
    pub review_hint: &'static str,
    pub record_review: &'static str,
    pub concerns: fn(Concern) -> &'static str,
    pub directions: fn(Direction) -> &'static str,
    pub periods: fn(Period) -> &'static str,
    pub goal_priorities: fn(GoalPriority) -> &'static str,
    pub goal_statuses: fn(GoalStatus) -> &'static str,
    pub achievements: fn(Achievement) -> &'static str,
    pub activity_statuses: fn(ActivityStatus) -> &'static str,
    pub factor_kinds: fn(FactorKind) -> &'static str,
    pub roles: fn(Role) -> &'static str,
    pub topics: fn(Topic) -> &'static str,
    pub suggestions: fn(Suggestion) -> &'static str,
    pub referrer_kinds: fn(ReferrerKind) -> &'static str,
    pub fields: fn(PlanField) -> &'static str,
    pub save_need: &'static str,
    pub save_intervention: &'static str,
    pub save_factor: &'static str,
    pub save_member: &'static str,
    pub save_education: &'static str,
    pub edit_named: fn(goal: &str) -> String,
    pub editing_goal: fn(goal: &str) -> String,
    pub stop_editing: &'static str,
    pub revision_since: fn(status: &str, date: &str) -> String,
    pub none_chosen: &'static str,
}

/// The care coordination page: referrals, appointments, tasks.
pub struct CoordinationTexts {
    pub heading: fn(name: &str) -> String,
    pub referrals_heading: &'static str,
    pub no_referrals: &'static str,
    pub sent_on: fn(date: &str) -> String,
    pub follow_up_by: fn(date: &str) -> String,
    pub update_line: fn(date: &str, status: &str) -> String,
    pub update_with_note: fn(date: &str, status: &str, note: &str) -> String,
    pub overdue: &'static str,
    pub for_need: fn(need: &str) -> String,
    pub referral_history: &'static str,
    pub update_referral: &'static str,
    pub follow_up_hint: &'static str,
    pub add_referral: &'static str,
    pub save_update: &'static str,
    pub appointments_heading: &'static str,
    pub no_appointments: &'static str,
    pub appointment_at: fn(place: &str) -> String,
    pub appointment_with: fn(name: &str) -> String,
    pub carries_out: fn(intervention: &str) -> String,
    pub accompanied: &'static str,
    pub record_outcome: &'static str,
    pub mark_attended: &'static str,
    pub mark_missed: &'static str,
    pub mark_cancelled: &'static str,
    pub add_appointment: &'static str,
    pub task_missed_appointment: fn(when: &str) -> String,
    pub task_referral_overdue: fn(to: &str) -> String,
    pub assigned_to: fn(name: &str) -> String,
    pub add_task: &'static str,
    pub made_by: fn(TaskKind) -> &'static str,
    pub referral_statuses: fn(ReferralStatus) -> &'static str,
    pub appointment_statuses: fn(AppointmentStatus) -> &'static str,
    pub priorities: fn(Priority) -> &'static str,
    pub save_referral: &'static str,
    pub save_appointment: &'static str,
    pub save_task: &'static str,
    pub next_step_for: fn(to: &str) -> String,
    pub record_step_named: fn(to: &str) -> String,
    pub stop_updating: &'static str,
    pub coverage_heading: &'static str,
    pub no_coverage: &'static str,
    pub add_coverage: &'static str,
    pub save_coverage: &'static str,
    pub add_authorization: &'static str,
    pub save_authorization: &'static str,
    pub member_id_line: fn(id: &str) -> String,
    pub certification_line: fn(level: &str, number: &str, from: &str, to: &str) -> String,
    pub authorization_line:
        fn(service: &str, used: u32, planned: u32, units: u32, from: &str, to: &str) -> String,
    pub warning_certification: fn(payer: &str, days: i64) -> String,
    pub warning_authorization_ends: fn(service: &str, days: i64) -> String,
    pub warning_runs_out: fn(service: &str, left: u32) -> String,
    pub warning_short: fn(service: &str, used: u32, planned: u32, units: u32) -> String,
    pub task_coverage_ending: fn(payer: &str) -> String,
    pub care_levels: fn(CareLevel) -> &'static str,
}

/// The caseload dashboard on the home page.
pub struct DashboardTexts {
    pub heading: &'static str,
    pub counts_heading: fn(open: u32) -> String,
    pub by_phase: &'static str,
    pub by_tier: &'static str,
    pub col_cases: &'static str,
    pub filters_label: &'static str,
    pub filter_tier: &'static str,
    pub filter_specialty: &'static str,
    pub filter_manager: &'static str,
    pub all: &'static str,
    pub due_heading: &'static str,
    pub nothing_due: &'static str,
    pub nothing_matches: &'static str,
    /// Lines listed, items the filters match, items due in all.
    pub showing: fn(listed: usize, matching: usize, total: usize) -> String,
    pub show_more: &'static str,
    /// A line's link when the client's record could not be read.
    pub unnamed_client: &'static str,
    /// The names of the listed clients could not be read (storage failed).
    pub names_failed: &'static str,
    pub contact_due: &'static str,
    pub referral_overdue: fn(to: &str) -> String,
    pub appointment: fn(when: &str, purpose: &str) -> String,
    pub was_due: fn(date: &str) -> String,
    pub due_today: &'static str,
    pub task_kinds: fn(TaskKind) -> &'static str,
}

/// Follow-up: the contact log and when the next contact is due.
pub struct FollowUpTexts {
    pub heading: fn(name: &str) -> String,
    /// The next contact's due date and how far away it is (negative: overdue).
    pub next_due: fn(date: &str, days: i64) -> String,
    pub counted_from_contact: fn(date: &str) -> String,
    pub counted_from_opening: fn(date: &str) -> String,
    pub counted_from_transition: &'static str,
    pub log_heading: &'static str,
    pub add_contact: &'static str,
    pub save_contact: &'static str,
    pub no_contacts: &'static str,
    pub contact_line: fn(when: &str, mode: &str, minutes: u32, with_whom: &str) -> String,
    pub modes: fn(ContactMode) -> &'static str,
    pub fields: fn(FollowUpField) -> &'static str,
    pub notes_heading: &'static str,
    pub add_note: &'static str,
    pub sign_note: &'static str,
    pub sign_hint: &'static str,
    pub no_notes: &'static str,
    pub formats: fn(NoteFormat) -> &'static str,
    /// A signed note's heading: its format's short name and when it was signed.
    pub note_heading: fn(format: NoteFormat, when: &str) -> String,
    pub signed_by: fn(by: &str, when: &str) -> String,
    pub about_contact: fn(when: &str) -> String,
    pub add_addendum: &'static str,
    pub addendum_for: fn(signed: &str) -> String,
    pub sign_addendum: &'static str,
    pub addendum_signed: fn(by: &str, when: &str) -> String,
}

/// This device's settings, and the kiosk wipe.
pub struct DeviceTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub kiosk_label: &'static str,
    pub kiosk_hint: &'static str,
    /// The browser refused to keep the setting: it holds until the page is closed.
    pub kiosk_not_kept: &'static str,
    pub wipe: &'static str,
    pub wipe_question: &'static str,
    pub wipe_now: &'static str,
    pub wiping: &'static str,
    pub wipe_failed: &'static str,
    pub wipe_blocked: &'static str,
    /// After the fresh start.
    pub wiped: &'static str,
    pub dismiss: &'static str,
    /// Shown for the moment before a tab whose database another tab deleted starts afresh.
    pub wiped_elsewhere: &'static str,
}

/// The export page (CSV, calendar) and the case's FHIR export.
pub struct ExportTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    /// The link to the export page.
    pub open: &'static str,
    /// Beside every plain-text export.
    pub plain_warning: &'static str,
    /// On a kiosk, instead of the plain-text exports.
    pub kiosk_refused: &'static str,
    pub caseload: &'static str,
    pub caseload_hint: &'static str,
    pub tasks: &'static str,
    pub tasks_hint: &'static str,
    pub contacts: &'static str,
    pub contacts_hint: &'static str,
    pub calendar: &'static str,
    pub calendar_hint: &'static str,
    pub full_names: &'static str,
    pub preparing: &'static str,
    /// The browser did not take the file to download.
    pub download_failed: &'static str,
    /// A file was downloaded: its name and how many rows or entries it holds.
    pub downloaded: fn(file: &str, count: usize) -> String,
    /// Records that could not be read, left out of the file.
    pub left_out: fn(count: usize) -> String,
    pub fhir: &'static str,
    pub fhir_hint: &'static str,
    pub columns: fn(crate::domain::export::Column) -> &'static str,
    /// A calendar entry for an appointment: whom it is with (initials or name) and what for.
    pub appointment_title: fn(who: &str, purpose: &str) -> String,
    /// A calendar entry on the day a contact is due.
    pub follow_up_title: fn(who: &str) -> String,
}

/// The case handover: making the encrypted file for a colleague, and receiving one.
pub struct HandoverTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    /// The link to the handover page, on the client's page.
    pub open: &'static str,
    pub cases_legend: &'static str,
    /// A case to choose: when it opened, its model and phase, and whether it is closed.
    pub case_line: fn(opened: &str, model: &str, phase: &str, closed: bool) -> String,
    pub no_case: &'static str,
    pub make: &'static str,
    pub making: &'static str,
    pub made: fn(file: &str, records: u64) -> String,
    pub passphrase_heading: &'static str,
    pub passphrase_hint: &'static str,
    pub after_heading: &'static str,
    pub after_intro: &'static str,
    /// The link to close one handed-over case as transferred.
    pub close_transferred: fn(case: &str) -> String,
    pub demo_refused: &'static str,
    pub receive_heading: &'static str,
    pub receive_intro: &'static str,
    /// The link to the receiving page.
    pub receive_open: &'static str,
    pub file_label: &'static str,
    pub passphrase_label: &'static str,
    pub passphrase_field_hint: &'static str,
    pub open_file: &'static str,
    pub opening: &'static str,
    pub no_file: &'static str,
    pub no_passphrase: &'static str,
    pub not_a_handover: &'static str,
    pub newer: &'static str,
    pub truncated: &'static str,
    pub damaged: &'static str,
    pub tampered: &'static str,
    pub wrong_passphrase: &'static str,
    /// What an opened file holds: the client, how many cases and records, when it was made.
    pub summary: fn(name: &str, cases: u64, records: u64, made: &str) -> String,
    pub clashes_intro: &'static str,
    pub client_item: fn(name: &str) -> String,
    pub case_item: fn(case: &str) -> String,
    /// Beside a case that cannot be replaced (here it is another client's, or the client is kept twice).
    pub case_elsewhere: &'static str,
    pub choices: fn(crate::domain::handover::Choice) -> &'static str,
    pub for_all: &'static str,
    pub import: &'static str,
    pub importing: &'static str,
    pub imported: fn(records: usize) -> String,
    pub nothing_imported: &'static str,
    pub open_client: &'static str,
    /// On the export page: where a handover is made.
    pub export_note: &'static str,
}

/// The demo workspace: its banner, and the way in from the first start.
pub struct DemoTexts {
    pub banner: &'static str,
    pub passphrase: fn(passphrase: &str) -> String,
    pub reset: &'static str,
    pub resetting: &'static str,
    pub reset_failed: &'static str,
    pub leave: &'static str,
    pub try_demo: &'static str,
    pub try_hint: &'static str,
}

/// A save refused because the record was saved elsewhere after the form was opened, and the choice per field.
pub struct ConflictTexts {
    pub stale: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub col_field: &'static str,
    pub col_mine: &'static str,
    pub col_theirs: &'static str,
    pub col_choice: &'static str,
    pub changed_mine: &'static str,
    pub changed_theirs: &'static str,
    pub changed_both: &'static str,
    pub keep_mine: &'static str,
    pub take_theirs: &'static str,
    pub all_mine: &'static str,
    pub all_theirs: &'static str,
    pub save_merged: &'static str,
    pub empty: &'static str,
    pub none_left: &'static str,
    pub assessment_intro: &'static str,
}

/// Backup and restore, the storage page, and the reminder to back up.
pub struct BackupTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub back_up: &'static str,
    pub backing_up: &'static str,
    /// A backup was made: how many records, and the file's name.
    pub backed_up: fn(records: u64, file: &str) -> String,
    pub last: fn(when: &str) -> String,
    pub never: &'static str,
    /// The home page's reminder: days since the last backup.
    pub nudge_days: fn(days: i64) -> String,
    pub nudge_never: &'static str,
    pub nudge_link: &'static str,
    pub remind_label: &'static str,
    pub remind_hint: &'static str,
    pub remind_save: &'static str,
    pub remind_saved: &'static str,
    pub remind_invalid: &'static str,
    pub restore_heading: &'static str,
    pub restore_intro: &'static str,
    pub restore_open: &'static str,
    pub file_label: &'static str,
    pub secret_label: &'static str,
    pub secret_hint: &'static str,
    pub restore: &'static str,
    pub restoring: &'static str,
    pub restored: fn(records: u64) -> String,
    pub no_file: &'static str,
    pub no_secret: &'static str,
    pub not_a_backup: &'static str,
    pub newer: &'static str,
    pub truncated: &'static str,
    pub damaged: &'static str,
    pub tampered: &'static str,
    pub wrong_secret: &'static str,
    pub not_empty: &'static str,
    /// The kiosk wipe's offer to back up first.
    pub back_up_first: &'static str,
    pub kiosk_note: &'static str,
    pub storage_heading: &'static str,
    pub used: fn(used: &str, available: &str) -> String,
    pub persisted: &'static str,
    pub not_persisted: &'static str,
    pub ask_persist: &'static str,
    pub persist_refused: &'static str,
    pub eviction: &'static str,
}

/// Encryption at rest: first start (passphrase, recovery key), unlock, lock, users and the lock settings.
pub struct LockTexts {
    pub setup_heading: &'static str,
    pub setup_intro: &'static str,
    /// First start on a device that already holds records (from before encryption).
    pub setup_existing: &'static str,
    pub your_name: &'static str,
    pub passphrase: &'static str,
    pub passphrase_hint: &'static str,
    pub passphrase_again: &'static str,
    pub set_up: &'static str,
    pub setting_up: &'static str,
    /// The strength shown while a passphrase is typed.
    pub strength: fn(strength: crate::domain::security::Strength, chars: usize) -> String,
    pub too_short: &'static str,
    pub few_distinct: &'static str,
    pub common: &'static str,
    pub sequence: &'static str,
    pub guessable: &'static str,
    pub mismatch: &'static str,
    pub recovery_heading: &'static str,
    pub recovery_intro: &'static str,
    pub recovery_warning: &'static str,
    pub print: &'static str,
    pub recovery_stored: &'static str,
    pub go_on: &'static str,
    pub unlock_heading: &'static str,
    pub unlock_intro: &'static str,
    pub user: &'static str,
    pub unlock: &'static str,
    pub unlocking: &'static str,
    /// A wrong passphrase: `failures` in a row, `wait_secs` before the next try.
    pub wrong: fn(failures: u32, wait_secs: u32) -> String,
    pub too_soon: fn(wait_secs: u32) -> String,
    pub forgot: &'static str,
    pub recovery_key: &'static str,
    pub recovery_key_hint: &'static str,
    pub new_passphrase: &'static str,
    pub new_passphrase_again: &'static str,
    pub recover: &'static str,
    pub wrong_recovery: fn(failures: u32, wait_secs: u32) -> String,
    pub recovery_format: &'static str,
    pub back_to_passphrase: &'static str,
    pub sealing: fn(done: usize, total: usize) -> String,
    pub sealing_note: &'static str,
    pub sealing_postponed: &'static str,
    pub lock: &'static str,
    pub auto_locked: fn(minutes: u32) -> String,
    pub drafts_back: &'static str,
    pub nav_users: &'static str,
    pub users_heading: &'static str,
    pub users_intro: &'static str,
    pub you: &'static str,
    pub remove: &'static str,
    pub remove_question: fn(name: &str) -> String,
    pub remove_now: &'static str,
    pub cancel: &'static str,
    pub removed: fn(name: &str) -> String,
    pub add_heading: &'static str,
    pub new_user_name: &'static str,
    pub their_passphrase: &'static str,
    pub their_passphrase_again: &'static str,
    pub your_passphrase: &'static str,
    pub add: &'static str,
    pub added: fn(name: &str) -> String,
    pub name_taken: &'static str,
    pub change_heading: &'static str,
    pub current_passphrase: &'static str,
    pub change: &'static str,
    pub changed: &'static str,
    pub same_passphrase: &'static str,
    pub settings_heading: &'static str,
    pub lock_minutes: &'static str,
    pub lock_minutes_hint: &'static str,
    pub lock_minutes_range: &'static str,
    pub wipe_after: &'static str,
    pub wipe_after_hint: &'static str,
    pub wipe_after_range: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub wiped_after_failures: &'static str,
    pub storage_locked: &'static str,
    pub storage_insecure: &'static str,
    pub storage_crypto: &'static str,
    pub last_user: &'static str,
}

/// The audit trail page and its verification.
pub struct AuditTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub verify: &'static str,
    pub verifying: &'static str,
    /// Every entry as written; `unchained` entries from before the chain cannot be checked.
    pub intact: fn(entries: u64, unchained: u64) -> String,
    pub changed: fn(position: u64) -> String,
    pub out_of_place: fn(position: u64) -> String,
    /// `missing` entries gone from the end (0: how many is unknown, the record of the last entry is gone too).
    pub truncated: fn(entries: u64, missing: u64) -> String,
    pub failed: &'static str,
    pub recent_heading: &'static str,
    /// On a case's history: the audit trail of the case record.
    pub case_heading: &'static str,
    pub recent_none: &'static str,
    /// Entries of today not shown (only the latest are).
    pub recent_more: fn(count: usize) -> String,
    /// Who acted, for entries from before users existed.
    pub nobody: &'static str,
    /// One entry: when, who, what kind of record, what was done.
    pub line: fn(when: &str, who: &str, kind: &str, action: &str) -> String,
    pub kind: fn(kind: crate::domain::audit::EntityKind) -> &'static str,
    pub action: fn(action: crate::domain::audit::Action) -> &'static str,
}

/// The staff list.
pub struct StaffTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    /// A member's role and specialty, either of which may be blank.
    pub line: fn(role: &str, specialty: &str) -> String,
    pub edit: &'static str,
    pub edit_label: fn(name: &str) -> String,
    pub add: &'static str,
    pub save: &'static str,
    /// Beside a name typed in a form: someone new joins the staff list.
    pub typed_name_hint: &'static str,
    pub field_name: &'static str,
    pub field_role: &'static str,
}

/// Evaluation and closure: goal outcomes, instrument results from baseline to latest, closure and reopening.
pub struct EvaluationTexts {
    pub heading: fn(name: &str) -> String,
    pub goals_heading: &'static str,
    pub no_goals: &'static str,
    pub outcomes: fn(GoalOutcome) -> &'static str,
    pub not_evaluated: &'static str,
    pub evaluated: fn(outcome: &str, by: &str, when: &str) -> String,
    pub evaluate: &'static str,
    pub evaluate_again: &'static str,
    pub save_outcome: &'static str,
    pub instruments_heading: &'static str,
    pub no_instruments: &'static str,
    pub col_instrument: &'static str,
    pub col_baseline: &'static str,
    pub col_latest: &'static str,
    pub col_change: &'static str,
    /// One result in the table: its score and the day it was given.
    pub result_cell: fn(result: &str, date: &str) -> String,
    pub change: fn(delta: i64) -> String,
    pub close_heading: &'static str,
    pub reasons: fn(ClosureReason) -> &'static str,
    pub open_work: &'static str,
    pub no_open_work: &'static str,
    pub referral_line: fn(to: &str) -> String,
    pub task_line: fn(what: &str, due: &str) -> String,
    /// A closure's reason with the case manager's comment.
    pub reason_with_comment: fn(reason: &str, comment: &str) -> String,
    pub close: &'static str,
    pub cancel_and_close: &'static str,
    pub unevaluated: fn(n: usize) -> String,
    pub closed: fn(reason: &str, date: &str) -> String,
    pub reopen: &'static str,
    pub reopen_hint: &'static str,
    pub reopen_button: &'static str,
}

/// Transitional care: moves between settings, the 72-hour contact, the checklist and medication reconciliation.
pub struct TransitionTexts {
    pub heading: fn(name: &str) -> String,
    pub record: &'static str,
    pub save: &'static str,
    pub rule_hint: &'static str,
    pub list_heading: &'static str,
    pub none: &'static str,
    pub settings: fn(Setting) -> &'static str,
    /// A transition's heading: from, to, and when.
    pub title: fn(from: &str, to: &str, when: &str) -> String,
    pub met: fn(when: &str) -> String,
    pub due: fn(by: &str) -> String,
    pub missed: fn(by: &str) -> String,
    pub contacts_since: &'static str,
    pub no_contact_since: &'static str,
    pub checklist: &'static str,
    pub items: fn(ChecklistItem) -> &'static str,
    pub reconcile: &'static str,
    pub reconcile_hint: &'static str,
    pub no_medications: &'static str,
    pub confirm: &'static str,
    pub add_new: &'static str,
    pub new_line: fn(n: usize) -> String,
    pub remove_new: fn(n: usize) -> String,
    pub changes: fn(MedicationChange) -> &'static str,
    /// One medication as listed: name, dose and frequency (either may be blank).
    pub medication: fn(name: &str, dose: &str, frequency: &str) -> String,
    pub reconciled_by: fn(by: &str, when: &str) -> String,
    /// One reconciled medication: its change, the medication as listed, and as taken now when that differs.
    pub reconciled_line: fn(change: &str, medication: &str, now: Option<&str>) -> String,
}

/// The care plan printed for the client, in plain language.
pub struct PrintTexts {
    pub heading: fn(name: &str) -> String,
    pub printed_on: fn(date: &str, revision: u32) -> String,
    pub goals_heading: &'static str,
    pub no_goals: &'static str,
    pub by_date: fn(date: &str) -> String,
    pub step: fn(who: &str, what: &str, how_often: &str, until: &str) -> String,
    pub until: fn(date: &str) -> String,
    pub your_team: &'static str,
    pub appointments_heading: &'static str,
    pub where_and_who: fn(place: &str, with: &str) -> String,
    pub call_heading: &'static str,
    pub emergency: &'static str,
    pub print_button: &'static str,
    pub back_to_plan: &'static str,
    pub not_yet_agreed: &'static str,
}

/// The screening form.
pub struct ScreeningTexts {
    pub screening_criteria: &'static str,
    pub save_screening: &'static str,
}

/// The holistic assessment.
pub struct AssessmentTexts {
    pub autosave_retrying: &'static str,
    /// "Saved at 16:05:03" (local time, 24-hour).
    pub assessment_saved_at: fn(at: chrono::NaiveTime) -> String,
    pub assessment_saving: &'static str,
    pub assessment_complete_button: &'static str,
    pub assessment_completed: &'static str,
    pub assessment_what_matters_missing: &'static str,
    pub assessment_unnamed_condition: fn(row: usize) -> String,
    pub assessment_unnamed_medication: fn(row: usize) -> String,
    pub assessment_too_long: fn(section: &str) -> String,
    pub conditions_heading: &'static str,
    pub medications_heading: &'static str,
    pub condition_name: &'static str,
    pub condition_since: &'static str,
    pub condition_notes: &'static str,
    pub medication_name: &'static str,
    pub medication_dose: &'static str,
    pub medication_frequency: &'static str,
    pub medication_prescriber: &'static str,
    pub add_condition: &'static str,
    pub add_medication: &'static str,
    pub remove_row: &'static str,
    pub remove_row_label: fn(what: &str, row: usize) -> String,
}

/// An instrument form.
pub struct InstrumentPageTexts {
    pub save_administration: &'static str,
    pub source_label: &'static str,
    pub version_label: fn(version: &str) -> String,
    pub unanswered_count: fn(count: usize) -> String,
    pub not_answered: &'static str,
    pub score_preview: fn(result: &str) -> String,
    pub derived_from_ticks: &'static str,
    pub ahc_safety_caveat: &'static str,
    pub count_out_of_range: fn(max: u32) -> String,
}

// Enum names: each catalogue maps every value with an exhaustive `match`, so a new variant without a text in every
// language does not compile.
impl Messages {
    pub fn phase(&self, phase: Phase) -> &'static str {
        (self.terms.phases)(phase)
    }

    pub fn specialty(&self, specialty: Specialty) -> &'static str {
        (self.terms.specialties)(specialty)
    }

    pub fn model(&self, model: CaseModel) -> &'static str {
        (self.terms.models)(model)
    }

    pub fn model_hint(&self, model: CaseModel) -> &'static str {
        (self.terms.model_hints)(model)
    }

    pub fn gender(&self, gender: Gender) -> &'static str {
        (self.terms.genders)(gender)
    }

    pub fn consent_choice(&self, choice: ConsentChoice) -> &'static str {
        (self.terms.consent_choices)(choice)
    }

    /// Why a case closed: the closure form's reason and the comment, either of which may be missing.
    pub fn closure_words(&self, code: Option<ClosureReason>, comment: &str) -> String {
        let reason = code
            .map(|c| (self.evaluation.reasons)(c))
            .unwrap_or_default();
        match (reason.is_empty(), comment.is_empty()) {
            (false, false) => (self.evaluation.reason_with_comment)(reason, comment),
            (false, true) => reason.into(),
            _ => comment.into(),
        }
    }

    /// What a task is: its title when written by hand, else what its rule asks.
    pub fn task_name(&self, task: &crate::domain::task::Task) -> String {
        match (task.kind, &task.title) {
            (crate::domain::task::TaskKind::Manual, Some(title)) => title.clone(),
            (kind, _) => (self.dashboard.task_kinds)(kind).to_string(),
        }
    }

    /// Why a task was closed without being done, dated `date`.
    pub fn cancellation(&self, c: &crate::domain::task::Cancellation, date: &str) -> String {
        match c.closure {
            Some(code) => (self.case.task_cancelled_closure)(date, (self.evaluation.reasons)(code)),
            None => (self.case.task_cancelled)(date, &c.reason),
        }
    }

    pub fn case_status(&self, status: CaseStatus) -> &'static str {
        (self.terms.case_statuses)(status)
    }

    pub fn field(&self, field: Field) -> &'static str {
        match field {
            Field::FullName => self.terms.field_full_name,
            Field::PreferredName => self.common.field_preferred_name,
            Field::NameReading => self.common.field_name_reading,
            Field::DateOfBirthEra => self.terms.field_date_of_birth_era,
            Field::FamilyName => self.terms.field_family_name,
            Field::GivenName => self.terms.field_given_name,
            Field::FamilyReading => self.terms.field_family_reading,
            Field::GivenReading => self.terms.field_given_reading,
            Field::DateOfBirth => self.common.field_date_of_birth,
            Field::PreferredLanguage => self.common.field_preferred_language,
            Field::Phone => self.common.field_phone,
            Field::Email => self.common.field_email,
            Field::Address => self.common.field_address,
            Field::SupportName => self.terms.field_support_name,
            Field::SupportRelation => self.terms.field_support_relation,
            Field::SupportPhone => self.terms.field_support_phone,
            Field::Gender => self.client.field_gender,
            Field::Consent => self.client.field_consent,
            Field::ConsentDate => self.terms.field_consent_date,
            Field::ConsentRecordedBy => self.terms.field_consent_recorded_by,
            Field::Specialty => self.common.field_specialty,
            Field::Model => self.common.field_model,
            Field::CaseManager => self.common.field_case_manager,
            Field::OpenedOn => self.common.field_opened_on,
            Field::ReferralSource => self.common.field_referral_source,
            Field::ReferralReason => self.common.field_referral_reason,
            Field::IdentificationReason => self.terms.field_identification_reason,
            Field::OtherCriterion => self.terms.field_other_criterion,
            Field::Decision => self.terms.field_decision,
            Field::Rationale => self.terms.field_rationale,
            Field::ScreenedBy => self.terms.field_screened_by,
            Field::ScreenedOn => self.terms.field_screened_on,
            Field::AdministeredBy => self.terms.field_administered_by,
            Field::AdministeredOn => self.terms.field_administered_on,
            Field::OverrideTier => self.terms.field_override_tier,
            Field::OverrideRationale => self.terms.field_override_rationale,
            Field::OverrideBy => self.terms.field_override_by,
            Field::ClosureReason => self.terms.field_closure_reason,
            Field::ErrorReason => self.terms.field_error_reason,
            Field::ErrorBy => self.terms.field_error_by,
            Field::StaffName => self.staff.field_name,
            Field::StaffRole => self.staff.field_role,
            Field::StaffSpecialty => self.common.field_specialty,
            Field::Plan(field) => (self.plan.fields)(field),
            Field::FollowUp(field) => (self.follow_up.fields)(field),
            Field::Security(field) => {
                use crate::domain::validation::SecurityField as S;
                let l = &self.lock;
                match field {
                    S::UserName | S::User => l.your_name,
                    S::NewUserName => l.new_user_name,
                    S::Passphrase => l.passphrase,
                    S::PassphraseAgain => l.passphrase_again,
                    S::NewPassphrase => l.new_passphrase,
                    S::NewPassphraseAgain => l.new_passphrase_again,
                    S::TheirPassphrase => l.their_passphrase,
                    S::TheirPassphraseAgain => l.their_passphrase_again,
                    S::CurrentPassphrase => l.current_passphrase,
                    S::YourPassphrase => l.your_passphrase,
                    S::RecoveryKey => l.recovery_key,
                    S::LockMinutes => l.lock_minutes,
                    S::WipeAfter => l.wipe_after,
                }
            }
        }
    }

    pub fn criterion(&self, c: Criterion) -> &'static str {
        (self.terms.criteria)(c)
    }

    pub fn decision(&self, d: Decision) -> &'static str {
        (self.terms.decisions)(d)
    }

    pub fn requirement(&self, r: Requirement) -> &'static str {
        (self.case.requirements)(r)
    }

    pub fn section(&self, s: Section) -> &'static str {
        (self.terms.sections)(s)
    }

    pub fn section_hint(&self, s: Section) -> &'static str {
        (self.terms.section_hints)(s)
    }

    pub fn assessment_status(&self, s: AssessmentStatus) -> &'static str {
        (self.terms.assessment_statuses)(s)
    }

    pub fn instrument(&self, i: Instrument) -> &'static InstrumentTexts {
        (self.terms.instruments)(i)
    }

    pub fn band(&self, b: Band) -> &'static str {
        (self.terms.bands)(b)
    }

    pub fn ahc_domain(&self, d: AhcDomain) -> &'static str {
        (self.terms.ahc_domains)(d)
    }

    pub fn tier(&self, t: Tier) -> &'static str {
        (self.terms.tiers)(t)
    }

    /// A tier, or "not yet stratified".
    pub fn tier_or_unstratified(&self, t: Option<Tier>) -> &'static str {
        t.map_or(self.common.unstratified, |t| self.tier(t))
    }

    /// "LACE 12 ≥ 10 → High".
    pub fn reason(&self, r: &Reason) -> String {
        format!(
            "{} → {}",
            (self.terms.rule_text)(r.rule, r.value),
            self.tier(r.tier())
        )
    }

    /// A result in words: "11 (high risk)", or for the social-needs screen "2 of 5 domains positive".
    pub fn result(&self, outcome: &Outcome) -> String {
        match (&outcome.detail, outcome.band) {
            (Detail::Ahc { .. }, _) => (self.terms.positive_domains)(outcome.total),
            (Detail::Phq9 { phq2, .. }, Some(band)) => {
                let cut_off = crate::domain::instruments::phq9::PHQ2_CUT_OFF;
                (self.common.detail_parts)(&[
                    (self.terms.score_with_band)(outcome.total, self.band(band)),
                    (self.terms.phq2_score)(*phq2, cut_off, *phq2 >= cut_off),
                ])
            }
            (_, Some(band)) => (self.terms.score_with_band)(outcome.total, self.band(band)),
            (_, None) => outcome.total.to_string(),
        }
    }

    pub fn flag(&self, f: Flag) -> String {
        match f {
            Flag::SelfHarmThoughts => self.terms.flag_self_harm.into(),
            Flag::Phq2Positive => self.terms.flag_phq2_positive.into(),
            Flag::FurtherEvaluation => self.terms.flag_further_evaluation.into(),
            Flag::SocialNeed(d) => (self.terms.flag_social_need)(self.ahc_domain(d)),
            Flag::SafetyAnswerAboveNever => self.terms.flag_safety_answer.into(),
        }
    }

    pub fn problem(&self, problem: Problem) -> String {
        match problem {
            Problem::Required => self.terms.problem_required.into(),
            Problem::TooLong { max } => (self.terms.problem_too_long)(max),
            Problem::ControlCharacters => self.terms.problem_control_characters.into(),
            Problem::DateUnreadable => self.terms.problem_date_unreadable.into(),
            Problem::DateInFuture => self.terms.problem_date_in_future.into(),
            Problem::DateBefore1900 => self.terms.problem_date_before_1900.into(),
            Problem::DateBeforeBirth => self.terms.problem_date_before_birth.into(),
            Problem::DateBeforeCaseOpened => self.terms.problem_date_before_case_opened.into(),
            Problem::PhoneMalformed => self.terms.problem_phone.into(),
            Problem::EmailMalformed => self.terms.problem_email.into(),
            Problem::ChoiceRequired => self.terms.problem_choice_required.into(),
            Problem::KanaOnly => self.terms.problem_kana_only.into(),
            Problem::EraDateUnreadable => self.terms.problem_era_date_unreadable.into(),
            Problem::EraDateDiffers => self.terms.problem_era_date_differs.into(),
            Problem::NeedRequired => self.terms.problem_need_required.into(),
            Problem::NumberUnreadable => self.terms.problem_number_unreadable.into(),
            Problem::DateNotAfterStart => self.terms.problem_date_not_after_start.into(),
            Problem::DateBeforeStart => self.terms.problem_date_before_start.into(),
            Problem::DateInPast => self.terms.problem_date_in_past.into(),
            Problem::TimeUnreadable => self.terms.problem_time_unreadable.into(),
            Problem::TimeInFuture => self.terms.problem_time_in_future.into(),
            Problem::MinutesOutOfRange => {
                (self.terms.problem_minutes_out_of_range)(crate::domain::contact::MINUTES_MAX)
            }
            Problem::TimesOutOfRange => self.terms.problem_times_out_of_range.into(),
            Problem::InsuredNumberDigits => self.terms.problem_insured_number.into(),
            Problem::UnitsOutOfRange => self.terms.problem_units_out_of_range.into(),
            Problem::SameSetting => self.terms.problem_same_setting.into(),
            Problem::NameTaken => self.terms.problem_name_taken.into(),
            Problem::NothingChanged => self.terms.problem_nothing_changed.into(),
            Problem::PassphraseWeak(weakness) => {
                use crate::domain::security::Weakness as W;
                match weakness {
                    W::TooShort => self.lock.too_short,
                    W::FewDistinct => self.lock.few_distinct,
                    W::Common => self.lock.common,
                    W::Sequence => self.lock.sequence,
                }
                .into()
            }
            Problem::PassphraseGuessable => self.lock.guessable.into(),
            Problem::PassphrasesDiffer => self.lock.mismatch.into(),
            Problem::SamePassphrase => self.lock.same_passphrase.into(),
            Problem::RecoveryKeyMalformed => self.lock.recovery_format.into(),
            Problem::LockMinutesOutOfRange => self.lock.lock_minutes_range.into(),
            Problem::WipeAfterOutOfRange => self.lock.wipe_after_range.into(),
        }
    }
}

/// The export formats' words in the catalogue's language.
impl crate::domain::export::Words for Messages {
    fn language(&self) -> &'static str {
        Locale::ALL
            .into_iter()
            .find(|l| std::ptr::eq(l.messages(), self))
            .unwrap_or_default()
            .tag()
    }
    fn column(&self, column: crate::domain::export::Column) -> &'static str {
        (self.export.columns)(column)
    }
    fn instrument(&self, instrument: Instrument) -> &'static str {
        Messages::instrument(self, instrument).name
    }
    fn band(&self, band: Band) -> &'static str {
        Messages::band(self, band)
    }
    fn concern(&self, concern: Concern) -> &'static str {
        (self.plan.concerns)(concern)
    }
    fn role(&self, role: Role) -> &'static str {
        (self.plan.roles)(role)
    }
    fn mode(&self, mode: ContactMode) -> &'static str {
        (self.follow_up.modes)(mode)
    }
    fn phase(&self, phase: Phase) -> &'static str {
        Messages::phase(self, phase)
    }
    fn model(&self, model: CaseModel) -> &'static str {
        Messages::model(self, model)
    }
    fn specialty(&self, specialty: Specialty) -> &'static str {
        Messages::specialty(self, specialty)
    }
    fn tier(&self, tier: Option<Tier>) -> &'static str {
        self.tier_or_unstratified(tier)
    }
    fn priority(&self, priority: Priority) -> &'static str {
        (self.coordination.priorities)(priority)
    }
    fn gender(&self, gender: Gender) -> &'static str {
        Messages::gender(self, gender)
    }
    fn goal_status(&self, status: GoalStatus) -> &'static str {
        (self.plan.goal_statuses)(status)
    }
    fn achievement(&self, achievement: Achievement) -> &'static str {
        (self.plan.achievements)(achievement)
    }
    fn activity_status(&self, status: ActivityStatus) -> &'static str {
        (self.plan.activity_statuses)(status)
    }
    fn referral_status(&self, status: ReferralStatus) -> &'static str {
        (self.coordination.referral_statuses)(status)
    }
    fn appointment_status(&self, status: AppointmentStatus) -> &'static str {
        (self.coordination.appointment_statuses)(status)
    }
    fn task(&self, task: &crate::domain::task::Task) -> String {
        self.task_name(task)
    }
    fn appointment_title(&self, who: &str, purpose: &str) -> String {
        (self.export.appointment_title)(who, purpose)
    }
    fn follow_up_title(&self, who: &str) -> String {
        (self.export.follow_up_title)(who)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_tenths_of_their_unit() {
        let m = Locale::En.messages();
        assert_eq!((m.common.bytes)(999.0), "999 B");
        assert_eq!((m.common.bytes)(1234.0), "1.2 KB");
        assert_eq!((m.common.bytes)(73_728.0), "73.7 KB");
        assert_eq!((m.common.bytes)(10_737_491_968.0), "10.7 GB");
    }

    #[test]
    fn a_first_visit_takes_the_first_preferred_language_the_app_has() {
        assert_eq!(Locale::negotiate(["ja-JP", "en-US"]), Locale::Ja);
        assert_eq!(Locale::negotiate(["fr-FR", "ja"]), Locale::Ja);
        assert_eq!(Locale::negotiate(["en-GB", "ja"]), Locale::En);
        assert_eq!(Locale::negotiate(["fr", "de"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
        assert_eq!(Locale::from_tag("JA_jp"), Some(Locale::Ja));
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
    }

    #[test]
    fn every_enum_value_and_problem_has_a_text_in_every_language() {
        for locale in Locale::ALL {
            let m = locale.messages();
            let texts = Phase::ALL
                .map(|v| m.phase(v))
                .into_iter()
                .chain(Specialty::ALL.map(|v| m.specialty(v)))
                .chain(CaseModel::ALL.map(|v| m.model(v)))
                .chain(CaseModel::ALL.map(|v| m.model_hint(v)))
                .chain(Gender::ALL.map(|v| m.gender(v)))
                .chain(ConsentChoice::ALL.map(|v| m.consent_choice(v)))
                .chain(CaseStatus::ALL.map(|v| m.case_status(v)))
                .chain(Criterion::ALL.map(|v| m.criterion(v)))
                .chain(Decision::ALL.map(|v| m.decision(v)))
                .chain(Section::ALL.map(|v| m.section(v)))
                .chain(Section::ALL.map(|v| m.section_hint(v)))
                .chain(AssessmentStatus::ALL.map(|v| m.assessment_status(v)))
                .chain(Band::ALL.map(|v| m.band(v)))
                .chain(AhcDomain::ALL.map(|v| m.ahc_domain(v)))
                .chain(Tier::ALL.map(|v| m.tier(v)));
            for text in texts {
                assert!(!text.trim().is_empty(), "{locale:?}");
            }
            for rule in Rule::ALL {
                assert!(
                    (m.terms.rule_text)(rule, 3).contains('3'),
                    "{locale:?} {rule:?}"
                );
            }
        }
        let m = Locale::En.messages();
        assert_eq!(
            m.problem(Problem::TooLong { max: 200 }),
            "Use at most 200 characters."
        );
        assert!(m.problem(Problem::PhoneMalformed).contains("digits"));
    }

    #[test]
    fn every_instrument_has_wording_for_each_item_and_option_in_every_language() {
        use crate::domain::instruments::AnswerKind;
        for (locale, instrument) in Locale::ALL
            .into_iter()
            .flat_map(|l| Instrument::ALL.map(|i| (l, i)))
        {
            let m = locale.messages();
            let texts = m.instrument(instrument);
            let items = instrument.definition().items;
            assert_eq!(texts.items.len(), items.len(), "{instrument:?}");
            for (item, words) in items.iter().zip(texts.items) {
                let options = match item.answer {
                    AnswerKind::Choice { points } => points.len(),
                    AnswerKind::Ticks { options, .. } => options as usize,
                    AnswerKind::Count { .. } => 0,
                };
                assert_eq!(words.options.len(), options, "{instrument:?} {}", item.key);
                assert!(!words.question.is_empty());
            }
        }
        let m = Locale::En.messages();
        assert_eq!(
            m.reason(&Reason {
                rule: Rule::LaceAtLeast10,
                value: 12
            }),
            "LACE 12 ≥ 10 → High"
        );
    }

    #[test]
    fn texts_with_values() {
        let m = Locale::En.messages();
        assert_eq!(
            (m.caseload.showing_clients)(50, 1200, 1200),
            "Showing 50 of 1200 clients"
        );
        assert_eq!(
            (m.client.delete_confirm)("Ana", 0),
            "Delete Ana? This cannot be undone."
        );
        assert!((m.client.delete_confirm)("Ana", 3).contains("all 3 of their cases"));
        assert_eq!(
            (m.common.form_has_errors)(1),
            "1 field needs attention. Nothing has been saved yet."
        );
    }
}
