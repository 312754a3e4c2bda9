//! The message catalogue: every text the user sees, per locale (English now; Japanese is a second `Messages`).
//!
//! Keys are struct fields, so a missing or misspelt message is a compile error in every locale, with no macro
//! and no runtime lookup. Texts with values in them are functions. Enum names are arrays indexed by the enum.

use crate::domain::case::{CaseModel, CaseStatus, Specialty};
use crate::domain::client::{ConsentChoice, Gender};
use crate::domain::phase::Phase;
use crate::domain::validation::{Field, Problem};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    En,
}

impl Locale {
    pub fn messages(self) -> &'static Messages {
        match self {
            Locale::En => &EN,
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }
}

pub struct Messages {
    pub app_title: &'static str,
    pub app_tagline: &'static str,
    pub nav_caseload: &'static str,
    pub loading: &'static str,
    pub opening_records: &'static str,
    pub reload: &'static str,
    pub dismiss: &'static str,
    pub back_to_caseload: &'static str,
    pub not_recorded: &'static str,

    // Storage problems.
    pub storage_unavailable: &'static str,
    pub storage_aborted: &'static str,
    pub storage_quota: &'static str,
    pub storage_blocked: &'static str,
    pub storage_version_changed: &'static str,
    pub storage_connection_lost: &'static str,
    pub storage_not_found: &'static str,
    pub storage_corrupt: &'static str,
    pub storage_refused: &'static str,

    // Caseload.
    pub caseload_heading: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub register_client: &'static str,
    pub showing_clients: fn(shown: usize, matching: usize, total: usize) -> String,
    pub no_clients: &'static str,
    pub no_matches: fn(query: &str) -> String,
    pub col_name: &'static str,
    pub col_age: &'static str,
    pub col_open_cases: &'static str,
    pub col_phase: &'static str,
    pub show_more: &'static str,

    // Client form and page.
    pub register_heading: &'static str,
    pub edit_client_heading: &'static str,
    pub section_identity: &'static str,
    pub section_contact: &'static str,
    pub section_support: &'static str,
    pub section_consent: &'static str,
    pub optional: &'static str,
    pub required: &'static str,
    pub choose: &'static str,
    pub save_client: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub form_has_errors: fn(count: usize) -> String,
    pub age_years: fn(years: u32) -> String,
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

    // Case form and page.
    pub open_case_heading: fn(client: &str) -> String,
    pub save_case: &'static str,
    pub case_heading: fn(client: &str) -> String,
    pub process_heading: &'static str,
    pub current_phase: &'static str,
    pub move_to_label: &'static str,
    pub move_button: &'static str,
    pub history_heading: &'static str,
    pub history_opened: fn(phase: &str) -> String,
    pub history_moved: fn(from: &str, to: &str) -> String,
    pub phase_step: fn(number: usize, name: &str) -> String,

    /// Indexed by [`Field`] through [`Messages::field`].
    pub field_full_name: &'static str,
    pub field_preferred_name: &'static str,
    pub field_date_of_birth: &'static str,
    pub field_gender: &'static str,
    pub field_preferred_language: &'static str,
    pub field_phone: &'static str,
    pub field_email: &'static str,
    pub field_address: &'static str,
    pub field_support_name: &'static str,
    pub field_support_relation: &'static str,
    pub field_support_phone: &'static str,
    pub field_consent: &'static str,
    pub field_consent_date: &'static str,
    pub field_consent_recorded_by: &'static str,
    pub field_specialty: &'static str,
    pub field_model: &'static str,
    pub field_case_manager: &'static str,
    pub field_opened_on: &'static str,
    pub field_referral_source: &'static str,
    pub field_referral_reason: &'static str,

    pub problem_required: &'static str,
    pub problem_too_long: fn(max: usize) -> String,
    pub problem_date_unreadable: &'static str,
    pub problem_date_in_future: &'static str,
    pub problem_date_before_1900: &'static str,
    pub problem_date_before_birth: &'static str,
    pub problem_phone: &'static str,
    pub problem_email: &'static str,
    pub problem_choice_required: &'static str,

    pub phases: [&'static str; 9],
    pub specialties: [&'static str; 9],
    pub models: [&'static str; 4],
    pub model_hints: [&'static str; 4],
    pub genders: [&'static str; 5],
    pub consent_choices: [&'static str; 3],
    pub case_statuses: [&'static str; 2],
}

fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter()
        .position(|v| v == value)
        .expect("every variant is in ALL")
}

impl Messages {
    pub fn phase(&self, phase: Phase) -> &'static str {
        self.phases[position(&Phase::ALL, &phase)]
    }

    pub fn specialty(&self, specialty: Specialty) -> &'static str {
        self.specialties[position(&Specialty::ALL, &specialty)]
    }

    pub fn model(&self, model: CaseModel) -> &'static str {
        self.models[position(&CaseModel::ALL, &model)]
    }

    pub fn model_hint(&self, model: CaseModel) -> &'static str {
        self.model_hints[position(&CaseModel::ALL, &model)]
    }

    pub fn gender(&self, gender: Gender) -> &'static str {
        self.genders[position(&Gender::ALL, &gender)]
    }

    pub fn consent_choice(&self, choice: ConsentChoice) -> &'static str {
        self.consent_choices[position(&ConsentChoice::ALL, &choice)]
    }

    pub fn case_status(&self, status: CaseStatus) -> &'static str {
        match status {
            CaseStatus::Open => self.case_statuses[0],
            CaseStatus::Closed => self.case_statuses[1],
        }
    }

    pub fn field(&self, field: Field) -> &'static str {
        match field {
            Field::FullName => self.field_full_name,
            Field::PreferredName => self.field_preferred_name,
            Field::DateOfBirth => self.field_date_of_birth,
            Field::PreferredLanguage => self.field_preferred_language,
            Field::Phone => self.field_phone,
            Field::Email => self.field_email,
            Field::Address => self.field_address,
            Field::SupportName => self.field_support_name,
            Field::SupportRelation => self.field_support_relation,
            Field::SupportPhone => self.field_support_phone,
            Field::ConsentDate => self.field_consent_date,
            Field::ConsentRecordedBy => self.field_consent_recorded_by,
            Field::Specialty => self.field_specialty,
            Field::Model => self.field_model,
            Field::CaseManager => self.field_case_manager,
            Field::OpenedOn => self.field_opened_on,
            Field::ReferralSource => self.field_referral_source,
            Field::ReferralReason => self.field_referral_reason,
        }
    }

    pub fn problem(&self, problem: Problem) -> String {
        match problem {
            Problem::Required => self.problem_required.into(),
            Problem::TooLong { max } => (self.problem_too_long)(max),
            Problem::DateUnreadable => self.problem_date_unreadable.into(),
            Problem::DateInFuture => self.problem_date_in_future.into(),
            Problem::DateBefore1900 => self.problem_date_before_1900.into(),
            Problem::DateBeforeBirth => self.problem_date_before_birth.into(),
            Problem::PhoneMalformed => self.problem_phone.into(),
            Problem::EmailMalformed => self.problem_email.into(),
            Problem::ChoiceRequired => self.problem_choice_required.into(),
        }
    }
}

pub static EN: Messages = Messages {
    app_title: "Care planner",
    app_tagline: "Records stay in this browser on this device.",
    nav_caseload: "Caseload",
    loading: "Loading…",
    opening_records: "Opening records…",
    reload: "Reload",
    dismiss: "Dismiss",
    back_to_caseload: "Back to caseload",
    not_recorded: "Not recorded",

    storage_unavailable: "This browser does not allow the care planner to keep records (storage may be disabled or in private mode).",
    storage_aborted: "The change could not be saved, so nothing was changed. Please try again.",
    storage_quota: "This device's storage for the care planner is full. Nothing was saved. Free up space, then try again.",
    storage_blocked: "The care planner is open in another tab with an older version. Close the other tabs to continue.",
    storage_version_changed: "The care planner was updated in another tab. Reload this page to continue.",
    storage_connection_lost: "The connection to the records was lost. Reload this page to continue.",
    storage_not_found: "This record no longer exists. It may have been deleted in another tab.",
    storage_corrupt: "A stored record could not be read.",
    storage_refused: "That change is not allowed for this record.",

    caseload_heading: "Caseload",
    search_label: "Search clients by name",
    search_placeholder: "Name or preferred name",
    register_client: "Register a client",
    showing_clients: |shown, matching, total| {
        if matching == total {
            format!("Showing {shown} of {total} clients")
        } else {
            format!("Showing {shown} of {matching} matching clients ({total} in all)")
        }
    },
    no_clients: "No clients yet. Register the first one.",
    no_matches: |query| format!("No client name matches “{query}”."),
    col_name: "Name",
    col_age: "Age",
    col_open_cases: "Open cases",
    col_phase: "Current phase",
    show_more: "Show more",

    register_heading: "Register a client",
    edit_client_heading: "Edit client",
    section_identity: "Identity",
    section_contact: "Contact",
    section_support: "Support person / emergency contact",
    section_consent: "Consent to case management",
    optional: "optional",
    required: "required",
    choose: "Choose…",
    save_client: "Save client",
    saving: "Saving…",
    cancel: "Cancel",
    form_has_errors: |count| {
        if count == 1 {
            "1 field needs attention. Nothing has been saved yet.".into()
        } else {
            format!("{count} fields need attention. Nothing has been saved yet.")
        }
    },
    age_years: |years| format!("{years} years"),
    edit: "Edit",
    delete_client: "Delete client",
    delete_confirm: |name, cases| match cases {
        0 => format!("Delete {name}? This cannot be undone."),
        1 => format!("Delete {name} and their case, with its history? This cannot be undone."),
        n => format!("Delete {name} and all {n} of their cases, with their history? This cannot be undone."),
    },
    delete_confirm_button: "Yes, delete permanently",
    deleting: "Deleting…",
    consent_summary: |given, date, by| {
        if given {
            format!("Given on {date}, recorded by {by}")
        } else {
            format!("Not given (recorded on {date} by {by})")
        }
    },
    cases_heading: "Cases",
    no_cases: "No cases yet.",
    open_case: "Open a case",
    opened_on_summary: |date| format!("opened {date}"),

    open_case_heading: |client| format!("Open a case for {client}"),
    save_case: "Open case",
    case_heading: |client| format!("Case for {client}"),
    process_heading: "Case management process",
    current_phase: "Current phase",
    move_to_label: "Move the case to",
    move_button: "Move",
    history_heading: "Phase history",
    history_opened: |phase| format!("Case opened in {phase}"),
    history_moved: |from, to| format!("{from} → {to}"),
    phase_step: |number, name| format!("{number}. {name}"),

    field_full_name: "Full name",
    field_preferred_name: "Preferred name",
    field_date_of_birth: "Date of birth",
    field_gender: "Gender",
    field_preferred_language: "Preferred language",
    field_phone: "Phone",
    field_email: "E-mail",
    field_address: "Address",
    field_support_name: "Name",
    field_support_relation: "Relation to client",
    field_support_phone: "Phone",
    field_consent: "Consent",
    field_consent_date: "Date of decision",
    field_consent_recorded_by: "Recorded by",
    field_specialty: "Specialty",
    field_model: "Case management model",
    field_case_manager: "Assigned case manager",
    field_opened_on: "Opened on",
    field_referral_source: "Referral source",
    field_referral_reason: "Reason for referral",

    problem_required: "This field is required.",
    problem_too_long: |max| format!("Use at most {max} characters."),
    problem_date_unreadable: "Enter a real date (year-month-day).",
    problem_date_in_future: "This date is in the future.",
    problem_date_before_1900: "Dates before 1900 are not accepted.",
    problem_date_before_birth: "This date is before the client's date of birth.",
    problem_phone: "Enter a phone number of 6 to 15 digits; spaces, hyphens, brackets and a leading + are fine.",
    problem_email: "Enter an e-mail address such as name@example.org.",
    problem_choice_required: "Choose one of the options.",

    phases: [
        "Screening",
        "Assessment",
        "Risk stratification",
        "Planning",
        "Implementation & care coordination",
        "Follow-up",
        "Transitional care",
        "Post-transition communication",
        "Evaluation",
    ],
    specialties: [
        "Nursing",
        "Social work",
        "Medical",
        "Mental health",
        "Substance use",
        "Juvenile",
        "Geriatric",
        "Legal",
        "Clinical",
    ],
    models: ["Strengths-based", "Clinical", "Brokerage", "Intensive"],
    model_hints: [
        "Builds on the client's own strengths and goals.",
        "The case manager also provides clinical care.",
        "Links the client to services; lighter contact.",
        "Small caseload, frequent contact, hands-on support.",
    ],
    genders: ["Female", "Male", "Non-binary", "Another gender", "Prefers not to say"],
    consent_choices: ["Not yet recorded", "Given", "Not given"],
    case_statuses: ["Open", "Closed"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_enum_value_and_problem_has_a_non_empty_text() {
        let m = Locale::En.messages();
        for phase in Phase::ALL {
            assert!(!m.phase(phase).is_empty());
        }
        for s in Specialty::ALL {
            assert!(!m.specialty(s).is_empty());
        }
        for model in CaseModel::ALL {
            assert!(!m.model(model).is_empty() && !m.model_hint(model).is_empty());
        }
        for g in Gender::ALL {
            assert!(!m.gender(g).is_empty());
        }
        assert_eq!(
            m.problem(Problem::TooLong { max: 200 }),
            "Use at most 200 characters."
        );
        assert!(m.problem(Problem::PhoneMalformed).contains("digits"));
    }

    #[test]
    fn texts_with_values() {
        let m = Locale::En.messages();
        assert_eq!(
            (m.showing_clients)(50, 1200, 1200),
            "Showing 50 of 1200 clients"
        );
        assert_eq!(
            (m.delete_confirm)("Ana", 0),
            "Delete Ana? This cannot be undone."
        );
        assert!((m.delete_confirm)("Ana", 3).contains("all 3 of their cases"));
        assert_eq!(
            (m.form_has_errors)(1),
            "1 field needs attention. Nothing has been saved yet."
        );
    }
}
