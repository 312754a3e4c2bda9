//! The English catalogue.

use super::*;
use chrono::{Datelike, Timelike};

const FREQUENCY: &[&str] = &[
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
];
const AHC_OFTEN: &[&str] = &["Often true", "Sometimes true", "Never true"];
const AHC_SAFETY: &[&str] = &["Never", "Rarely", "Sometimes", "Fairly often", "Frequently"];
const LACE_CONDITIONS: [&str; 14] = [
    "Previous myocardial infarction",
    "Cerebrovascular disease",
    "Peripheral vascular disease",
    "Diabetes without complications",
    "Congestive heart failure",
    "Diabetes with end-organ damage",
    "Chronic pulmonary disease",
    "Mild liver or renal disease",
    "Any tumour (including lymphoma or leukaemia)",
    "Dementia",
    "Connective tissue disease",
    "AIDS",
    "Moderate or severe liver or renal disease",
    "Metastatic solid tumour",
];

const fn q(question: &'static str, options: &'static [&'static str]) -> ItemTexts {
    ItemTexts { question, options }
}

fn rule_text(rule: Rule, v: u32) -> String {
    match rule {
        Rule::Phq9Item9AboveZero => format!("PHQ-9 item 9 = {v} > 0"),
        Rule::Phq9AtLeast20 => format!("PHQ-9 {v} ≥ 20"),
        Rule::LaceAtLeast10 => format!("LACE {v} ≥ 10"),
        Rule::Phq9From15To19 => format!("PHQ-9 {v} in 15–19"),
        Rule::Gad7AtLeast15 => format!("GAD-7 {v} ≥ 15"),
        Rule::KatzUpTo2 => format!("Katz ADL {v} ≤ 2"),
        Rule::AhcSafetyPositive => format!("AHC safety sum {v} > 10"),
        Rule::AhcThreeOrMoreDomains => format!("AHC {v} domains positive ≥ 3"),
        Rule::LaceFrom5To9 => format!("LACE {v} in 5–9"),
        Rule::Phq9From10To14 => format!("PHQ-9 {v} in 10–14"),
        Rule::Gad7From10To14 => format!("GAD-7 {v} in 10–14"),
        Rule::KatzFrom3To5 => format!("Katz ADL {v} in 3–5"),
        Rule::LawtonUpTo5 => format!("Lawton IADL {v} ≤ 5"),
        Rule::AhcOneOrTwoDomains => format!("AHC {v} of 5 domains positive (1–2)"),
    }
}

/// "24 Nov 2026": day, month abbreviation, year, which no reader takes for another date.
fn english_date(date: chrono::NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

fn signed(delta: i64) -> String {
    if delta > 0 {
        format!("+{delta}")
    } else {
        delta.to_string()
    }
}

static PHQ9: InstrumentTexts = InstrumentTexts {
    name: "PHQ-9 (depression)",
    intro: "Over the last 2 weeks, how often has the client been bothered by any of the following problems?",
    items: &[
        q("1. Little interest or pleasure in doing things", FREQUENCY),
        q("2. Feeling down, depressed, or hopeless", FREQUENCY),
        q("3. Trouble falling or staying asleep, or sleeping too much", FREQUENCY),
        q("4. Feeling tired or having little energy", FREQUENCY),
        q("5. Poor appetite or overeating", FREQUENCY),
        q("6. Feeling bad about yourself, or that you are a failure or have let yourself or your family down", FREQUENCY),
        q("7. Trouble concentrating on things, such as reading the newspaper or watching television", FREQUENCY),
        q("8. Moving or speaking so slowly that other people could have noticed; or the opposite, being so fidgety or restless that you have been moving around a lot more than usual", FREQUENCY),
        q("9. Thoughts that you would be better off dead, or of hurting yourself in some way", FREQUENCY),
        q(
            "10. If any problems were checked, how difficult have they made it to do work, take care of things at home, or get along with other people? (recorded, not scored)",
            &["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"],
        ),
    ],
};

static GAD7: InstrumentTexts = InstrumentTexts {
    name: "GAD-7 (anxiety)",
    intro:
        "Over the last 2 weeks, how often has the client been bothered by the following problems?",
    items: &[
        q("1. Feeling nervous, anxious, or on edge", FREQUENCY),
        q("2. Not being able to stop or control worrying", FREQUENCY),
        q("3. Worrying too much about different things", FREQUENCY),
        q("4. Trouble relaxing", FREQUENCY),
        q(
            "5. Being so restless that it is hard to sit still",
            FREQUENCY,
        ),
        q("6. Becoming easily annoyed or irritable", FREQUENCY),
        q(
            "7. Feeling afraid, as if something awful might happen",
            FREQUENCY,
        ),
    ],
};

static AHC: InstrumentTexts = InstrumentTexts {
    name: "AHC health-related social needs (core)",
    intro: "Ask each question as written. Questions 7 to 10 are about safety: violence and abuse happen to a lot of people and affect their health.",
    items: &[
        q(
            "1. What is your living situation today?",
            &[
                "I have a steady place to live",
                "I have a place to live today, but I am worried about losing it in the future",
                "I do not have a steady place to live (staying with others, in a hotel, a shelter, outside, in a car, or similar)",
            ],
        ),
        q(
            "2. Think about the place you live. Do you have problems with any of the following? (tick all that apply)",
            &[
                "Pests such as bugs, ants, or mice",
                "Mold",
                "Lead paint or pipes",
                "Lack of heat",
                "Oven or stove not working",
                "Smoke detectors missing or not working",
                "Water leaks",
                "None of the above",
            ],
        ),
        q("3. Within the past 12 months, you worried that your food would run out before you got money to buy more.", AHC_OFTEN),
        q("4. Within the past 12 months, the food you bought just didn't last and you didn't have money to get more.", AHC_OFTEN),
        q(
            "5. In the past 12 months, has lack of reliable transportation kept you from medical appointments, meetings, work or from getting things needed for daily living? (tick all that apply)",
            &[
                "Yes, it has kept me from medical appointments or from getting my medications",
                "Yes, it has kept me from non-medical meetings, appointments, work, or from getting things that I need",
                "No",
            ],
        ),
        q(
            "6. In the past 12 months has the electric, gas, oil, or water company threatened to shut off services in your home?",
            &["Yes", "No", "Already shut off"],
        ),
        q("7. How often does anyone, including family and friends, physically hurt you?", AHC_SAFETY),
        q("8. How often does anyone, including family and friends, insult or talk down to you?", AHC_SAFETY),
        q("9. How often does anyone, including family and friends, threaten you with harm?", AHC_SAFETY),
        q("10. How often does anyone, including family and friends, scream or curse at you?", AHC_SAFETY),
    ],
};

static KATZ: InstrumentTexts = InstrumentTexts {
    name: "Katz Index of Independence in ADL",
    intro: "For each activity, choose independent (no supervision, direction or personal help) or dependent. 6 is full function; lower means more dependence.",
    items: &[
        q("Bathing", &["Independent: bathes self completely, or needs help with only one part of the body", "Dependent: needs help with more than one part of the body, or getting in or out of the tub or shower"]),
        q("Dressing", &["Independent: gets clothes and dresses completely (help tying shoes is fine)", "Dependent: needs help with dressing, or needs to be completely dressed"]),
        q("Toileting", &["Independent: goes to the toilet, gets on and off, arranges clothes, cleans self", "Dependent: needs help transferring to the toilet or cleaning, or uses a bedpan or commode"]),
        q("Transferring", &["Independent: moves in and out of bed or chair unassisted (aids are fine)", "Dependent: needs help moving from bed to chair, or requires a complete transfer"]),
        q("Continence", &["Independent: complete self-control over urination and defecation", "Dependent: partially or totally incontinent of bowel or bladder"]),
        q("Feeding", &["Independent: gets food from plate into mouth without help", "Dependent: needs partial or total help with feeding, or parenteral feeding"]),
    ],
};

static LAWTON: InstrumentTexts = InstrumentTexts {
    name: "Lawton Instrumental ADL",
    intro: "For each area, choose the level that best describes the client's highest functioning. 8 is fully independent; lower means more help is needed.",
    items: &[
        q("Ability to use the telephone", &["Operates the telephone on own initiative", "Dials a few well-known numbers", "Answers the telephone, but does not dial", "Does not use the telephone at all"]),
        q("Shopping", &["Takes care of all shopping needs independently", "Shops independently for small purchases only", "Needs to be accompanied on any shopping trip", "Completely unable to shop"]),
        q("Food preparation", &["Plans, prepares and serves adequate meals independently", "Prepares adequate meals if supplied with ingredients", "Heats and serves prepared meals, or prepares meals but does not keep an adequate diet", "Needs to have meals prepared and served"]),
        q("Housekeeping", &["Maintains the house alone, or with occasional help with heavy work", "Performs light daily tasks such as dishwashing and bed making", "Performs light daily tasks but cannot keep an acceptable level of cleanliness", "Needs help with all home maintenance tasks", "Does not take part in any housekeeping tasks"]),
        q("Laundry", &["Does all personal laundry", "Launders small items", "All laundry must be done by others"]),
        q("Mode of transportation", &["Travels independently on public transport or drives own car", "Arranges own travel by taxi, but does not otherwise use public transport", "Travels on public transport when assisted or accompanied", "Travel limited to taxi or car with the help of another", "Does not travel at all"]),
        q("Responsibility for own medications", &["Takes medication in correct doses at the correct time", "Takes medication if prepared in advance in separate doses", "Is not capable of dispensing own medication"]),
        q("Ability to handle finances", &["Manages financial matters independently", "Manages day-to-day purchases, but needs help with banking and major purchases", "Incapable of handling money"]),
    ],
};

static LACE: InstrumentTexts = InstrumentTexts {
    name: "LACE index (30-day readmission or death)",
    intro: "From the current or most recent hospital admission.",
    items: &[
        q("L: length of stay, in days (0 if less than one day)", &[]),
        q("A: was the admission acute (emergent)?", &["Yes", "No"]),
        q("C: comorbidity score (the LACE worksheet's points)", &[]),
        q("E: emergency department visits in the 6 months before admission (not counting this one)", &[]),
        q("Or tick the client's conditions, and the comorbidity score is computed from them", &LACE_CONDITIONS),
    ],
};

pub static EN: Messages = Messages {
    common: CommonTexts {
        app_title: "Care planner",
        language_label: "Language",
        date: english_date,
        date_time: |at| format!("{}, {:02}:{:02}", english_date(at.date()), at.hour(), at.minute()),
        detail_parts: |parts| parts.join(" · "),
        unvalidated_translation: "The care planner's own translation: not a validated version of this instrument.",
        separator: " · ",
        dash: " — ",
        label_separator: ": ",
        optional_note: " (optional)",
        in_parentheses: |aside| format!(" ({aside})"),
        app_tagline: "Records stay in this browser on this device.",
        nav_caseload: "Caseload",
        loading: "Loading…",
        opening_records: "Opening records…",
        reload: "Reload",
        back_to_caseload: "Back to caseload",
        not_recorded: "Not recorded",
        page_not_found: "There is no page at this address.",

        storage_unavailable: "This browser does not allow the care planner to keep records (storage may be disabled or in private mode).",
        storage_aborted: "The records could not be read or saved, so nothing was changed. Please try again.",
        storage_quota: "This device's storage for the care planner is full. Nothing was saved. Free up space, then try again.",
        storage_blocked: "The care planner is open in another tab with an older version. Close the other tabs to continue.",
        storage_version_changed: "The care planner was updated in another tab. Reload this page to continue.",
        storage_connection_lost: "The connection to the records was lost. Reload this page to continue.",
        storage_not_found: "This record no longer exists. It may have been deleted in another tab.",
        storage_corrupt: "A stored record could not be read.",
        storage_conflict: "Another tab changed this record at the same moment, so nothing was saved. Reload the page to see the latest version, then try again.",
        storage_migration_failed: "The database could not be brought up to this version of the app. Your records are untouched, at the previous version. Close the app's other tabs and reload.",
        refused_not_on_case: "That record is not part of this case any more (it may have changed in another tab). Reload the page.",
        unreadable_records: |count| if count == 1 {
            "1 record could not be read and is not shown:".into()
        } else {
            format!("{count} records could not be read and are not shown:")
        },
        unreadable_record: |store, key| if key.is_empty() { format!("a record in {store}") } else { format!("{store} record {key}") },
        storage_status: |used, available| format!("Storage on this device: {used} used, {available} free."),
        storage_persisted: "The browser keeps this data until you clear it.",
        storage_not_persisted: "The browser may clear this data if the device runs short of space.",
        storage_unknown: "This browser does not say how much space is used.",
        bytes: |bytes| {
            // Tenths by integer arithmetic: float formatting would add its machinery to the wasm.
            const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
            let mut tenths = (bytes.max(0.0) * 10.0) as u64;
            let mut unit = 0;
            while tenths >= 10_000 && unit < UNITS.len() - 1 {
                tenths /= 1000;
                unit += 1;
            }
            if unit == 0 { format!("{} {}", tenths / 10, UNITS[unit]) } else { format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit]) }
        },
        panic_heading: "Something went wrong",
        panic_body: "The app met an error it cannot recover from. Everything that was saved is safe; only what was typed into a form and not yet saved may be lost. Reload to carry on.",
        panic_reload: "Reload",
        autosave_failed: |reason| format!("An assessment draft could not be saved: {reason}"),
        autosave_retry: "Try again now",
        autosave_open: "Open the assessment",
        col_phase: "Current phase",
        choose: "Choose…",
        saving: "Saving…",
        cancel: "Cancel",
        form_has_errors: |count| {
            if count == 1 {
                "1 field needs attention. Nothing has been saved yet.".into()
            } else {
                format!("{count} fields need attention. Nothing has been saved yet.")
            }
        },
        case_heading: |client| format!("Case for {client}"),
        field_preferred_name: "Preferred name",
        field_name_reading: "Name reading (kana)",
        field_date_of_birth: "Date of birth",
        field_preferred_language: "Preferred language",
        field_phone: "Phone",
        field_email: "E-mail",
        field_address: "Address",
        field_specialty: "Specialty",
        field_model: "Case management model",
        field_case_manager: "Assigned case manager",
        field_opened_on: "Opened on",
        field_referral_source: "Referral source",
        field_referral_reason: "Reason for referral",

        screening_heading: "Screening",
        assessment_heading: "Holistic assessment",
        unstratified: "Not yet stratified",
        refused_case_closed: "This case is closed, so it cannot be changed.",
        refused_already_in_phase: "The case is already in that phase.",
        case_closed_no_changes: "This case is closed: it takes no new results, assessments or screenings.",
        nav_cases: "Cases",
        col_tier: "Tier",
    },
    terms: TermTexts {
        score_with_band: |total, band| format!("{total} ({band})"),
        phq2_score: |score, cut_off, positive| if positive {
            format!("PHQ-2 {score} ({cut_off} or more: positive)")
        } else {
            format!("PHQ-2 {score} (below {cut_off}: negative)")
        },
        field_full_name: "Full name",
        field_date_of_birth_era: "Date of birth in the Japanese era calendar",
        field_family_name: "Family name",
        field_given_name: "Given name",
        field_family_reading: "Family name reading (kana)",
        field_given_reading: "Given name reading (kana)",
        field_support_name: "Name",
        field_support_relation: "Relation to client",
        field_support_phone: "Phone",
        field_consent_date: "Date of decision",
        field_consent_recorded_by: "Recorded by",
        problem_required: "This field is required.",
        problem_too_long: |max| format!("Use at most {max} characters."),
        problem_control_characters: "Remove the invisible or control characters (for example a zero-width space or a text-direction mark) from this field.",
        problem_date_unreadable: "Enter a real date (year-month-day).",
        problem_date_in_future: "This date is in the future.",
        problem_date_before_1900: "Dates before 1900 are not accepted.",
        problem_date_before_birth: "This date is before the client's date of birth.",
        problem_date_before_case_opened: "This date is before the case was opened.",
        problem_phone: "Enter a phone number of 6 to 15 digits; spaces, hyphens, brackets and a leading + are fine.",
        problem_email: "Enter an e-mail address such as name@example.org.",
        problem_choice_required: "Choose one of the options.",
        problem_kana_only: "Write the reading in hiragana or katakana.",
        problem_era_date_unreadable: "Write an era date such as 昭和49年5月12日 or S49.5.12 (a day that era had).",
        problem_era_date_differs: "This is not the same day as the date of birth above.",

        field_identification_reason: "Why the client was identified",
        field_other_criterion: "Other criterion",
        field_decision: "Decision",
        field_rationale: "Rationale",
        field_screened_by: "Screened by",
        field_screened_on: "Screened on",
        field_administered_by: "Administered by",
        field_administered_on: "Date given",
        field_override_tier: "Tier",
        field_override_rationale: "Rationale for the override",
        field_override_by: "Decided by",
        field_closure_reason: "Reason for closing",
        field_error_reason: "Why is this result wrong?",
        field_error_by: "Marked by",

        criteria: |value| match value {
            Criterion::FrequentEmergencyVisits => "2 or more emergency visits in 6 months",
            Criterion::RecentAdmission => "An admission in the last 30 days",
            Criterion::MultipleChronicConditions => "3 or more chronic conditions",
            Criterion::Polypharmacy => "5 or more regular medications",
            Criterion::UnmetSocialNeed => "An unmet social need",
            Criterion::CaregiverStrain => "Caregiver strain",
            Criterion::ClinicianReferral => "Clinician referral",
            Criterion::Other => "Other",
        },
        decisions: |value| match value {
            Decision::Eligible => "Eligible",
            Decision::NotEligible => "Not eligible",
            Decision::NeedsMoreInformation => "Needs more information",
        },

        assessment_statuses: |value| match value {
            AssessmentStatus::Draft => "Draft",
            AssessmentStatus::Complete => "Complete",
        },
        sections: |value| match value {
            Section::Allergies => "Allergies",
            Section::FunctionalStatus => "Functional status",
            Section::Cognition => "Cognition",
            Section::MentalHealth => "Mental and behavioral health",
            Section::SubstanceUse => "Substance use",
            Section::LivingSituation => "Living situation",
            Section::FinancialSituation => "Financial situation",
            Section::SupportNetwork => "Caregiver and support network",
            Section::CulturalPreferences => "Cultural and spiritual preferences",
            Section::WhatMatters => "What matters most to the client",
            Section::Strengths => "Strengths",
            Section::Barriers => "Barriers",
        },
        section_hints: |value| match value {
            Section::Allergies => "Substances and reactions.",
            Section::FunctionalStatus => "Mobility, self-care, daily activities.",
            Section::Cognition => "Memory, orientation, decision-making.",
            Section::MentalHealth => "Mood, anxiety, behaviour, past treatment.",
            Section::SubstanceUse => "Alcohol, tobacco, other substances.",
            Section::LivingSituation => "Home, who lives there, safety, access.",
            Section::FinancialSituation => "Income, benefits, insurance, costs of care.",
            Section::SupportNetwork => "Who helps, how often, and how they are coping.",
            Section::CulturalPreferences => "Beliefs, practices and customs that shape care.",
            Section::WhatMatters => "In the client's own words.",
            Section::Strengths => "What the client brings: skills, relationships, resources.",
            Section::Barriers => "What stands in the way.",
        },

        instruments: |instrument| match instrument {
            Instrument::Phq9 => &PHQ9,
            Instrument::Gad7 => &GAD7,
            Instrument::AhcHrsn => &AHC,
            Instrument::Katz => &KATZ,
            Instrument::Lawton => &LAWTON,
            Instrument::Lace => &LACE,
        },
        bands: |value| match value {
            Band::Minimal => "minimal",
            Band::Mild => "mild",
            Band::Moderate => "moderate",
            Band::ModeratelySevere => "moderately severe",
            Band::Severe => "severe",
            Band::FullFunction => "full function",
            Band::ModerateImpairment => "moderate impairment",
            Band::SevereImpairment => "severe impairment",
            Band::LowRisk => "low risk",
            Band::ModerateRisk => "moderate risk",
            Band::HighRisk => "high risk",
        },
        ahc_domains: |value| match value {
            AhcDomain::Housing => "Housing instability or quality",
            AhcDomain::Food => "Food insecurity",
            AhcDomain::Transportation => "Transportation",
            AhcDomain::Utilities => "Utilities",
            AhcDomain::Safety => "Interpersonal safety",
        },
        flag_self_harm: "PHQ-9 item 9 above 0: thoughts of death or self-harm. Same-day safety follow-up needed.",
        flag_phq2_positive: "PHQ-2 positive (items 1 + 2 ≥ 3).",
        flag_further_evaluation: "GAD-7 10 or more: further evaluation is recommended.",
        flag_social_need: |domain| format!("Positive: {domain}. Added as a need for the care plan."),
        flag_safety_answer: "A safety answer above \"never\": talk about it, even though the total is below the cut-off.",
        tiers: |value| match value {
            Tier::Urgent => "Urgent",
            Tier::High => "High",
            Tier::Moderate => "Moderate",
            Tier::Low => "Low",
        },
        rule_text,
        positive_domains: |count| format!("{count} of 5 domains positive"),
        phases: |value| match value {
            Phase::Screening => "Screening",
            Phase::Assessment => "Assessment",
            Phase::RiskStratification => "Risk stratification",
            Phase::Planning => "Planning",
            Phase::Implementation => "Implementation & care coordination",
            Phase::FollowUp => "Follow-up",
            Phase::TransitionalCare => "Transitional care",
            Phase::PostTransition => "Post-transition communication",
            Phase::Evaluation => "Evaluation",
        },
        specialties: |value| match value {
            Specialty::Nursing => "Nursing",
            Specialty::SocialWork => "Social work",
            Specialty::Medical => "Medical",
            Specialty::MentalHealth => "Mental health",
            Specialty::SubstanceUse => "Substance use",
            Specialty::Juvenile => "Juvenile",
            Specialty::Geriatric => "Geriatric",
            Specialty::Legal => "Legal",
            Specialty::Clinical => "Clinical",
        },
        models: |value| match value {
            CaseModel::StrengthsBased => "Strengths-based",
            CaseModel::Clinical => "Clinical",
            CaseModel::Brokerage => "Brokerage",
            CaseModel::Intensive => "Intensive",
        },
        model_hints: |value| match value {
            CaseModel::StrengthsBased => "Builds on the client's own strengths and goals.",
            CaseModel::Clinical => "The case manager also provides clinical care.",
            CaseModel::Brokerage => "Links the client to services; lighter contact.",
            CaseModel::Intensive => "Small caseload, frequent contact, hands-on support.",
        },
        genders: |value| match value {
            Gender::Female => "Female",
            Gender::Male => "Male",
            Gender::NonBinary => "Non-binary",
            Gender::Other => "Another gender",
            Gender::NotDisclosed => "Prefers not to say",
        },
        consent_choices: |value| match value {
            ConsentChoice::NotRecorded => "Not yet recorded",
            ConsentChoice::Given => "Given",
            ConsentChoice::NotGiven => "Not given",
        },
        case_statuses: |value| match value {
            CaseStatus::Open => "Open",
            CaseStatus::Closed => "Closed",
        },
    },
    caseload: CaseloadTexts {
        caseload_heading: "Caseload",
        search_label: "Search clients by name",
        search_placeholder: "Name, reading or preferred name",
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
        show_more: "Show more",

        age_years: |years| format!("{years} years"),
        none_dash: "—",
    },
    client: ClientTexts {
        birth_date: |date, age| format!("{} ({age} years)", english_date(date)),
        register_heading: "Register a client",
        edit_client_heading: "Edit client",
        section_identity: "Identity",
        section_contact: "Contact",
        section_support: "Support person / emergency contact",
        section_consent: "Consent to case management",
        save_client: "Save client",
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

        field_gender: "Gender",
        field_consent: "Consent",
    },
    case: CaseTexts {
        screened_note: |date, by| format!(" ({date}, {by})"),
        results_heading: "Results",
        no_results: "No instrument has been given yet.",
        result_line: |instrument, date, by, result| format!("{instrument} on {date} by {by}: {result}"),
        mark_entered_in_error: "Mark entered in error…",
        entered_in_error_heading: "Mark this result entered in error",
        entered_in_error_explained: "The result stays in the history but stops counting for the tier, trends and flags; a safety task it raised is closed with the same reason.",
        entered_in_error_submit: "Confirm: entered in error",
        entered_in_error_label: |date, by, reason| format!("Entered in error on {date} by {by}: {reason}"),
        task_cancelled: |date, reason| format!("closed on {date}: {reason}"),
        earlier_definition: |version| format!("scored with an earlier definition ({version})"),

        open_case_heading: |client| format!("Open a case for {client}"),
        save_case: "Open case",
        process_heading: "Case management process",
        move_to_label: "Move the case to",
        move_button: "Move",
        history_heading: "Case history",
        history_opened: |phase| format!("Case opened in {phase}"),
        history_moved: |from, to| format!("{from} → {to}"),
        phase_step: |number, name| format!("{number}. {name}"),

        record_screening: "Record screening",
        edit_screening: "Edit screening",
        screening_not_recorded: "Not screened yet.",
        close_not_eligible_offer: "The client was found not eligible. Close this case with the screening rationale as the reason?",
        close_case_button: "Close the case",
        case_closed: |date, reason| format!("Closed on {date}: {reason}"),
        assessment_open: "Open the assessment",
        assessment_not_started: "Not started.",
        instruments_heading: "Standardized instruments",
        administer: "Administer",
        administer_again: "Administer again",
        never_administered: "Not administered yet.",
        latest_result: |result, date| format!("{result} on {date}"),
        change_since_previous: |delta| format!("{} since previous", signed(delta)),
        change_since_baseline: |delta| format!("{} since baseline", signed(delta)),
        administrations_count: |count| if count == 1 { "1 administration".into() } else { format!("{count} administrations") },
        safety_alert: |date| format!("Safety alert: PHQ-9 item 9 was answered above 0 on {date}. Follow up today."),
        risk_heading: "Risk stratification",
        tier_label: "Tier",
        computed_tier: |tier| format!("Computed by the default rules: {tier}"),
        overridden_tier: |tier, by, date| format!("Set to {tier} by {by} on {date}"),
        no_risk_reasons: "No rule applies yet: administer instruments to stratify.",
        override_heading: "Override the tier",
        override_button: "Override",
        clear_override_button: "Return to the computed tier",
        history_screening: |decision| format!("Screening recorded: {decision}"),
        history_override: |computed, tier, by, rationale| format!("Tier overridden by {by}: {computed} → {tier} ({rationale})"),
        history_override_cleared: |by| format!("Override removed by {by}; the computed tier applies"),
        history_closed: |reason| format!("Case closed: {reason}"),
        history_override_lifted: |overridden, computed| {
            format!("Override to {overridden} lifted: a new result computed {computed}")
        },
        tasks_heading: "Tasks",
        no_tasks: "No tasks.",
        task_safety_follow_up: "Same-day safety follow-up (PHQ-9 item 9)",
        task_due: |date| format!("due {date}"),
        task_overdue: "overdue",
        task_urgent: "Urgent",
        task_done: |date| format!("done {date}"),
        mark_done: "Mark done",
        needs_heading: "Needs for the care plan",
        no_needs: "No needs identified yet.",
        need_from_screening: |domain, date| format!("{domain} (AHC screening, {date})"),
        need_withdrawn: |date, reason| format!("withdrawn on {date}: {reason}"),
        history_entered_in_error: |instrument, by, reason| format!("{instrument} result marked entered in error by {by}: {reason}"),
        cancel_entered_in_error: "Keep the result",
        cases_list_heading: "Open cases",
        filter_by_tier: "Filter by tier",
        all_tiers: "All tiers",
        no_cases_in_tier: "No open cases in this tier.",
        no_open_cases: "No open cases.",
        col_client: "Client",
        col_instrument: "Instrument",
        col_latest: "Latest result",
    },
    screening: ScreeningTexts {
        screening_criteria: "Eligibility criteria met",
        save_screening: "Save screening",
    },
    assessment: AssessmentTexts {
        autosave_retrying: "Trying again…",
        assessment_saved_at: |at| format!("Saved at {:02}:{:02}:{:02}", at.hour(), at.minute(), at.second()),
        assessment_saving: "Saving draft…",
        assessment_complete_button: "Mark the assessment complete",
        assessment_completed: "Assessment complete.",
        assessment_what_matters_missing: "Write down what matters most to the client, in their own words, before completing.",
        assessment_unnamed_condition: |row| format!("Condition {row} has details but no name."),
        assessment_unnamed_medication: |row| format!("Medication {row} has details but no name."),
        assessment_too_long: |section| format!("{section} is longer than 4000 characters."),
        conditions_heading: "Conditions",
        medications_heading: "Medications",
        condition_name: "Condition",
        condition_since: "Since",
        condition_notes: "Notes",
        medication_name: "Medication",
        medication_dose: "Dose",
        medication_frequency: "Frequency",
        medication_prescriber: "Prescriber",
        add_condition: "Add a condition",
        add_medication: "Add a medication",
        remove_row: "Remove",
        remove_row_label: |what, row| format!("Remove {what} {row}"),
    },
    instrument: InstrumentPageTexts {
        save_administration: "Save result",
        source_label: "Source",
        version_label: |version| format!("Definition {version}"),
        unanswered_count: |count| {
            if count == 1 {
                "1 item is not answered yet. The result is scored when every item is answered.".into()
            } else {
                format!("{count} items are not answered yet. The result is scored when every item is answered.")
            }
        },
        not_answered: "Not answered yet",
        score_preview: |result| format!("Score: {result}"),
        derived_from_ticks: "Computed from the conditions ticked below.",
        ahc_safety_caveat: "The safety cut-off (sum above 10) is known to miss many people who report physical violence (SIREN review), so any answer above \"never\" deserves a conversation.",
        count_out_of_range: |max| format!("Enter a whole number from 0 to {max}."),
    },
};
