//! Field-level validation shared by every form: which field is wrong and why, as codes the UI turns into messages.
//!
//! Forms edit drafts (plain strings); a draft becomes a validated value in one step, or a list of `FieldError`s,
//! one per field at most, so each message can sit next to its field.

use chrono::{Datelike, NaiveDate};

/// A form field that can carry an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    FullName,
    NameReading,
    FamilyName,
    GivenName,
    FamilyReading,
    GivenReading,
    /// The date of birth written in the Japanese era calendar (an alternative way to enter it).
    DateOfBirthEra,
    PreferredName,
    DateOfBirth,
    PreferredLanguage,
    Phone,
    Email,
    Address,
    SupportName,
    SupportRelation,
    SupportPhone,
    /// The gender and the consent choice (only named when two versions of a client differ in them).
    Gender,
    Consent,
    ConsentDate,
    ConsentRecordedBy,
    Specialty,
    Model,
    CaseManager,
    OpenedOn,
    ReferralSource,
    ReferralReason,
    IdentificationReason,
    OtherCriterion,
    Decision,
    Rationale,
    ScreenedBy,
    ScreenedOn,
    AdministeredBy,
    AdministeredOn,
    OverrideTier,
    OverrideRationale,
    OverrideBy,
    ClosureReason,
    ErrorReason,
    ErrorBy,
    StaffName,
    StaffRole,
    StaffSpecialty,
    /// A field of the care plan or of care coordination.
    Plan(PlanField),
    /// A field of follow-up: the contact log.
    FollowUp(FollowUpField),
    /// A field of the passphrase, unlock, user and lock forms.
    Security(SecurityField),
}

/// The fields of the passphrase, unlock, user and lock forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecurityField {
    /// Your name, at first start.
    UserName,
    /// A new user's name.
    NewUserName,
    /// Who is unlocking.
    User,
    /// The first passphrase (first start).
    Passphrase,
    PassphraseAgain,
    /// A passphrase replacing one (changed, or set with the recovery key).
    NewPassphrase,
    NewPassphraseAgain,
    /// A new user's passphrase.
    TheirPassphrase,
    TheirPassphraseAgain,
    /// The acting user's passphrase, to change it.
    CurrentPassphrase,
    /// The acting user's passphrase, confirming a new user.
    YourPassphrase,
    RecoveryKey,
    LockMinutes,
    WipeAfter,
}

/// The fields of the follow-up forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FollowUpField {
    ContactDate,
    ContactTime,
    ContactMode,
    ContactMinutes,
    ContactWith,
    ContactSummary,
    NoteFormat,
    NoteContact,
    NoteSubjective,
    NoteObjective,
    NoteData,
    NoteAssessment,
    NotePlan,
    NoteAuthor,
    AddendumText,
    AddendumAuthor,
    TransitionFrom,
    TransitionTo,
    TransitionDate,
    TransitionTime,
    /// What happened to the medication on line `n` of the reconciliation.
    MedicationChange(u8),
    MedicationName(u8),
    /// The dose (or, with it, the frequency) of line `n`.
    MedicationDose(u8),
    MedicationFrequency(u8),
    ReconciledBy,
    EvaluationOutcome,
    EvaluationComment,
    EvaluationBy,
    ClosedOn,
    ClosureCode,
    ClosureComment,
    ReopenReason,
    ReopenBy,
}

/// The fields of the care plan and care coordination forms (goals, interventions, strengths and barriers, the care
/// team, education, the plan review, needs, referrals, appointments and tasks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanField {
    GoalText,
    GoalNeeds,
    GoalMeasure,
    GoalUnit,
    GoalTarget,
    GoalDirection,
    GoalStart,
    GoalTargetDate,
    GoalPriority,
    GoalStatus,
    GoalAchievement,
    GoalFactors,
    GoalValueDate,
    GoalValueAmount,
    InterventionGoal,
    InterventionText,
    InterventionMember,
    InterventionTimes,
    InterventionPeriod,
    InterventionFrom,
    InterventionUntil,
    InterventionStatus,
    InterventionAuthorization,
    FactorKind,
    FactorText,
    MemberRole,
    MemberName,
    MemberOrganisation,
    MemberPhone,
    MemberEmail,
    EducationTopic,
    EducationDate,
    EducationBy,
    EducationTeachBack,
    EducationNote,
    ReviewedOn,
    ClientAgreed,
    NeedConcern,
    NeedDescription,
    ReferralTo,
    ReferralNeed,
    ReferralWhy,
    ReferralStatus,
    ReferralSentOn,
    ReferralFollowUp,
    ReferralNote,
    AppointmentDate,
    AppointmentTime,
    AppointmentWith,
    AppointmentPlace,
    AppointmentPurpose,
    AppointmentIntervention,
    AppointmentAccompanied,
    AppointmentStatus,
    TaskTitle,
    TaskDue,
    TaskPriority,
    TaskAssignee,
    MoveReason,
    CoveragePayer,
    CoverageMemberId,
    CoverageContact,
    CoverageLtc,
    InsuredNumber,
    CareLevel,
    CertifiedFrom,
    CertifiedTo,
    AuthorizationPayer,
    AuthorizationService,
    AuthorizationUnits,
    AuthorizationFrom,
    AuthorizationTo,
    AppointmentAuthorization,
}

/// Why a field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    /// Control characters or invisible formatting characters (zero-width, bidi overrides) that cannot be shown.
    ControlCharacters,
    DateUnreadable,
    DateInFuture,
    DateBefore1900,
    DateBeforeBirth,
    DateBeforeCaseOpened,
    PhoneMalformed,
    EmailMalformed,
    ChoiceRequired,
    /// A name reading in anything but kana.
    KanaOnly,
    /// An era date that cannot be read (or names a day the era did not have).
    EraDateUnreadable,
    /// The era date and the calendar date of birth name different days.
    EraDateDiffers,
    /// A goal must address at least one of the case's needs.
    NeedRequired,
    /// Not a number.
    NumberUnreadable,
    /// A target date on or before the start date.
    DateNotAfterStart,
    /// An end date before the start date.
    DateBeforeStart,
    /// A follow-up date already past.
    DateInPast,
    /// Not a time of day (`HH:MM`).
    TimeUnreadable,
    /// A time later today than now (something logged must have happened).
    TimeInFuture,
    /// A name someone else already has.
    NameTaken,
    /// A transition to the setting it came from.
    SameSetting,
    /// A change marked as such that changes nothing.
    NothingChanged,
    /// Minutes outside 0 to `contact::MINUTES_MAX`.
    MinutesOutOfRange,
    /// How many times per period: 1 to 31.
    TimesOutOfRange,
    /// A long-term care insured number: ten digits.
    InsuredNumberDigits,
    /// Units authorized: 1 to 1000.
    UnitsOutOfRange,
    /// A new passphrase refused, and why.
    PassphraseWeak(crate::domain::security::Weakness),
    /// A new passphrase refused as too easy to guess for no one named reason.
    PassphraseGuessable,
    /// The passphrase typed again is not the same.
    PassphrasesDiffer,
    /// A new passphrase equal to the current one.
    SamePassphrase,
    /// Not 32 characters of Crockford base32.
    RecoveryKeyMalformed,
    /// Auto-lock minutes outside 1 to 30.
    LockMinutesOutOfRange,
    /// "Wipe after" below the least allowed, or not a number.
    WipeAfterOutOfRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Errors collected while validating one draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: Field, problem: Problem) {
        // One message per field: the first problem found is the one to fix first.
        if self.get(field).is_none() {
            self.0.push(FieldError { field, problem });
        }
    }

    pub fn get(&self, field: Field) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// `Ok(value)` when nothing was refused.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// The earliest date of birth or event the product accepts.
pub fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid constant date")
}

/// Whether `c` is a control or invisible formatting character: C0/C1 controls (other than the line breaks and tabs
/// a multi-line field may hold), the zero-width space, bidirectional marks, embeddings, overrides and isolates, the
/// word joiner family, the soft hyphen and the byte-order mark. The zero-width (non-)joiners U+200C and U+200D are
/// not among them: Persian and Indic names and emoji sequences need them (a text made of nothing else is refused). Such characters can make a name look blank, or look like
/// another name, and are refused rather than silently removed.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{AD}' | '\u{61C}' | '\u{180E}'
        | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Cleans one field's text: trims it, turns `\r\n` into `\n`, and checks it. A single-line field refuses line
/// breaks and tabs as well. Unicode normalisation (NFC) happens where text enters the app (see `ui::form`), so the
/// domain sees composed text.
fn clean(raw: &str, multi_line: bool) -> Result<String, Problem> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    let refused = |c: char| is_invisible_control(c) || (!multi_line && (c == '\n' || c == '\t'));
    let joiner_only =
        !text.is_empty() && text.chars().all(|c| matches!(c, '\u{200C}' | '\u{200D}'));
    if joiner_only || text.chars().any(refused) {
        return Err(Problem::ControlCharacters);
    }
    Ok(text.to_string())
}

/// A single-line text field, trimmed; `None` when it is blank.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: Field,
    raw: &str,
    max: usize,
) -> Option<String> {
    bounded(errors, field, raw, max, false)
}

/// A multi-line text field (a rationale, a note), trimmed; `None` when it is blank.
pub fn optional_long_text(
    errors: &mut FieldErrors,
    field: Field,
    raw: &str,
    max: usize,
) -> Option<String> {
    bounded(errors, field, raw, max, true)
}

fn bounded(
    errors: &mut FieldErrors,
    field: Field,
    raw: &str,
    max: usize,
    multi_line: bool,
) -> Option<String> {
    let text = match clean(raw, multi_line) {
        Ok(text) => text,
        Err(problem) => {
            errors.push(field, problem);
            return Some(raw.trim().to_string());
        }
    };
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > max {
        errors.push(field, Problem::TooLong { max });
    }
    Some(text)
}

/// Free text kept as typed while it is a draft (an assessment section): line breaks allowed, control and invisible
/// characters dropped, cut at `max` characters so a draft can never grow without bound.
pub fn draft_text(raw: &str, max: usize) -> String {
    raw.replace("\r\n", "\n")
        .chars()
        .filter(|c| !is_invisible_control(*c) && (*c != '\r'))
        .take(max)
        .collect()
}

/// The longest text a free-text field or draft section may hold.
pub const LONG_TEXT_MAX: usize = 4000;

/// A text field that must not be blank.
pub fn required_text(errors: &mut FieldErrors, field: Field, raw: &str, max: usize) -> String {
    let text = optional_text(errors, field, raw, max);
    if text.is_none() {
        errors.push(field, Problem::Required);
    }
    text.unwrap_or_default()
}

/// A multi-line text field that must not be blank.
pub fn required_long_text(errors: &mut FieldErrors, field: Field, raw: &str, max: usize) -> String {
    let text = optional_long_text(errors, field, raw, max);
    if text.is_none() {
        errors.push(field, Problem::Required);
    }
    text.unwrap_or_default()
}

/// Reads exactly `YYYY-MM-DD` (four-digit year), a real calendar date. Written out rather than through chrono's
/// format-string parser, which would add its whole strftime engine to the wasm for this one pattern.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// A required date typed as `YYYY-MM-DD`, with no bounds (a target, a due date, a period's end).
pub fn required_date(errors: &mut FieldErrors, field: Field, raw: &str) -> Option<NaiveDate> {
    let text = raw.trim();
    if text.is_empty() {
        errors.push(field, Problem::Required);
        return None;
    }
    let date = parse_iso_date(text);
    if date.is_none() {
        errors.push(field, Problem::DateUnreadable);
    }
    date
}

/// As [`required_date`], but blank is `None`.
pub fn optional_date(errors: &mut FieldErrors, field: Field, raw: &str) -> Option<NaiveDate> {
    if raw.trim().is_empty() {
        return None;
    }
    required_date(errors, field, raw)
}

/// A date typed as `YYYY-MM-DD` (what `<input type="date">` gives), between 1900-01-01 and `today`.
pub fn optional_past_date(
    errors: &mut FieldErrors,
    field: Field,
    raw: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let text = raw.trim();
    if text.is_empty() {
        return None;
    }
    let Some(date) = parse_iso_date(text) else {
        errors.push(field, Problem::DateUnreadable);
        return None;
    };
    if date > today {
        errors.push(field, Problem::DateInFuture);
    } else if date < earliest_date() {
        errors.push(field, Problem::DateBefore1900);
    }
    Some(date)
}

pub fn required_past_date(
    errors: &mut FieldErrors,
    field: Field,
    raw: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let date = optional_past_date(errors, field, raw, today);
    if raw.trim().is_empty() {
        errors.push(field, Problem::Required);
    }
    date
}

/// Full-width ASCII (as typed with a Japanese input method) becomes plain ASCII, the ideographic space a space, and
/// half-width katakana full-width katakana (ﾔﾏﾀﾞ → ヤマダ), as Unicode's NFKC does for these.
pub fn fold_width(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            '\u{3000}' => out.push(' '),
            '‐' | '‑' | '―' | '−' => out.push('-'),
            // Half-width katakana, as NFKC maps them; a voiced or semi-voiced mark joins the kana before it.
            '\u{FF9E}' | '\u{FF9F}' => {
                let voiced = c == '\u{FF9E}';
                if let Some(base) = out.pop() {
                    out.push(with_sound_mark(base, voiced).unwrap_or(base));
                }
            }
            '\u{FF61}'..='\u{FF9D}' => out.push(HALF_WIDTH_KANA[(c as u32 - 0xFF61) as usize]),
            _ => out.push(c),
        }
    }
    out
}

/// U+FF61 to U+FF9D in order, as NFKC maps them (Unicode's Halfwidth and Fullwidth Forms block).
const HALF_WIDTH_KANA: [char; 61] = [
    '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー',
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ',
    'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ',
    'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン',
];

/// The katakana with its voiced (゛) or semi-voiced (゜) mark, if it takes one: in Unicode the voiced form
/// follows its base (カ ガ), the semi-voiced one two after it (ハ バ パ).
fn with_sound_mark(base: char, voiced: bool) -> Option<char> {
    let shift = match (base, voiced) {
        (
            'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ'
            | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ',
            true,
        ) => 1,
        ('ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ', false) => 2,
        ('ウ', true) => return Some('ヴ'),
        _ => return None,
    };
    char::from_u32(base as u32 + shift)
}

/// A name reading (ふりがな): hiragana or katakana with spaces, the long-vowel mark and the middle dot; half-width
/// katakana is stored full-width. Empty is `None`.
pub fn optional_kana(
    errors: &mut FieldErrors,
    field: Field,
    raw: &str,
    max: usize,
) -> Option<String> {
    let text = optional_text(errors, field, raw, max)?;
    let text = fold_width(&text);
    let kana = |c: char| {
        matches!(c, '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | '゛' | '゜')
            || c.is_whitespace()
    };
    if !text.chars().all(kana) {
        errors.push(field, Problem::KanaOnly);
    }
    Some(text)
}

/// A phone number: digits with optional spaces, dots, hyphens and brackets, an optional leading `+`, and 6 to 15
/// digits in all (ITU-T E.164 allows at most 15). Full-width characters are accepted and stored as ASCII.
pub fn optional_phone(errors: &mut FieldErrors, field: Field, raw: &str) -> Option<String> {
    let text = fold_width(raw.trim());
    if text.is_empty() {
        return None;
    }
    let body = text.strip_prefix('+').unwrap_or(&text);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(6..=15).contains(&digits) {
        errors.push(field, Problem::PhoneMalformed);
    }
    Some(text)
}

/// An e-mail address: one `@`, a non-empty local part, a domain with a dot and no empty label, no spaces.
pub fn optional_email(errors: &mut FieldErrors, field: Field, raw: &str) -> Option<String> {
    let text = fold_width(raw.trim());
    if text.is_empty() {
        return None;
    }
    let well_formed = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty())
                && !text.chars().any(char::is_whitespace)
                && text.len() <= 254
        }
        None => false,
    };
    if !well_formed {
        errors.push(field, Problem::EmailMalformed);
    }
    Some(text)
}

/// Whole years from `birth` to `today` (0 when `today` is before `birth`).
pub fn age_in_years(birth: NaiveDate, today: NaiveDate) -> u32 {
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn phone(raw: &str) -> Option<Problem> {
        let mut e = FieldErrors::default();
        optional_phone(&mut e, Field::Phone, raw);
        e.get(Field::Phone)
    }

    fn email(raw: &str) -> Option<Problem> {
        let mut e = FieldErrors::default();
        optional_email(&mut e, Field::Email, raw);
        e.get(Field::Email)
    }

    #[test]
    fn phone_numbers() {
        let bad = Some(Problem::PhoneMalformed);
        for (raw, expected) in [
            ("", None),
            ("+81 90-1234-5678", None),
            ("(555) 123-4567", None),
            ("０９０－１２３４－５６７８", None),
            ("12345", bad),
            ("1234567890123456", bad),
            ("555-CALL-NOW", bad),
            ("12+345678", bad),
            ("phone", bad),
        ] {
            assert_eq!(phone(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn full_width_phone_is_stored_as_ascii() {
        let mut e = FieldErrors::default();
        let stored = optional_phone(&mut e, Field::Phone, "０９０－１２３４");
        assert_eq!(stored.as_deref(), Some("090-1234"));
    }

    #[test]
    fn email_addresses() {
        let bad = Some(Problem::EmailMalformed);
        for (raw, expected) in [
            ("", None),
            ("ana@example.org", None),
            ("  ana.lima+cm@clinic.example.jp ", None),
            ("ana", bad),
            ("ana@", bad),
            ("@example.org", bad),
            ("ana@example", bad),
            ("ana@@example.org", bad),
            ("ana lima@example.org", bad),
            ("ana@example..org", bad),
        ] {
            assert_eq!(email(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn dates_must_be_readable_past_and_after_1900() {
        let today = d(2026, 11, 23);
        let check = |raw: &str| {
            let mut e = FieldErrors::default();
            optional_past_date(&mut e, Field::DateOfBirth, raw, today);
            e.get(Field::DateOfBirth)
        };
        assert_eq!(check("2026-11-23"), None);
        assert_eq!(check("1900-01-01"), None);
        assert_eq!(check("2026-11-24"), Some(Problem::DateInFuture));
        assert_eq!(check("1899-12-31"), Some(Problem::DateBefore1900));
        assert_eq!(check("23/11/2026"), Some(Problem::DateUnreadable));
        assert_eq!(check("2026-02-30"), Some(Problem::DateUnreadable));
    }

    #[test]
    fn iso_dates_are_read_exactly() {
        assert_eq!(parse_iso_date("2026-11-24"), Some(d(2026, 11, 24)));
        assert_eq!(parse_iso_date("2024-02-29"), Some(d(2024, 2, 29)));
        for bad in [
            "2026-02-30",
            "2026-1-24",
            "26-11-24",
            "2026/11/24",
            "2026-11-24 ",
            "２０２６-11-24",
            "+026-11-24",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn text_limits() {
        let mut e = FieldErrors::default();
        assert_eq!(required_text(&mut e, Field::FullName, "   ", 10), "");
        assert_eq!(e.get(Field::FullName), Some(Problem::Required));
        let mut e = FieldErrors::default();
        required_text(&mut e, Field::FullName, "山田太郎山田太郎山田太郎", 10);
        assert_eq!(e.get(Field::FullName), Some(Problem::TooLong { max: 10 }));
    }

    #[test]
    fn invisible_and_control_characters_are_refused_with_their_own_problem() {
        for raw in [
            "\u{200B}",
            "\u{200B}\u{200C}\u{200D}",
            "\u{202E}Ana",
            "Ana\u{7}",
            "\u{FEFF}",
            "A\u{2066}na",
            "Ana\nLima",
            "Ana\tLima",
        ] {
            let mut e = FieldErrors::default();
            required_text(&mut e, Field::FullName, raw, 100);
            assert_eq!(
                e.get(Field::FullName),
                Some(Problem::ControlCharacters),
                "{raw:?}"
            );
        }
        // Line breaks and tabs are fine in a multi-line field; a bidi override is not.
        let mut e = FieldErrors::default();
        let text = required_long_text(
            &mut e,
            Field::Rationale,
            " Seen twice.\r\nBetter\tnow ",
            100,
        );
        assert_eq!(
            (text.as_str(), e.is_empty()),
            ("Seen twice.\nBetter\tnow", true)
        );
        let mut e = FieldErrors::default();
        required_long_text(&mut e, Field::Rationale, "ok\u{202D}", 100);
        assert_eq!(e.get(Field::Rationale), Some(Problem::ControlCharacters));
        // Persian with a zero-width non-joiner, and an emoji ZWJ sequence, are names too.
        let mut e = FieldErrors::default();
        required_text(&mut e, Field::FullName, "مه\u{200C}سا رضایی", 100);
        required_text(
            &mut e,
            Field::PreferredName,
            "Ana \u{1F469}\u{200D}\u{1F467}",
            100,
        );
        assert!(e.is_empty(), "{e:?}");
        // Ordinary Japanese, accents and emoji pass.
        let mut e = FieldErrors::default();
        let name = required_text(&mut e, Field::FullName, "  山田 太郎 Zoë 🙂 ", 100);
        assert_eq!((name.as_str(), e.is_empty()), ("山田 太郎 Zoë 🙂", true));
    }

    #[test]
    fn drafts_drop_invisible_characters_and_are_bounded() {
        assert_eq!(draft_text("a\u{200B}b\r\nc\u{7}", 100), "ab\nc");
        assert_eq!(draft_text(&"あ".repeat(10), 4), "ああああ");
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_in_years(d(1950, 11, 23), d(2026, 11, 23)), 76);
        assert_eq!(age_in_years(d(1950, 11, 24), d(2026, 11, 23)), 75);
        assert_eq!(age_in_years(d(2000, 2, 29), d(2026, 2, 28)), 25);
        assert_eq!(age_in_years(d(2027, 1, 1), d(2026, 1, 1)), 0);
    }
}
