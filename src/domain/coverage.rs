//! Coverage: who pays for the client's care (an insurer or programme; for Japan's long-term care insurance also the
//! insured number, the care level and its certification period) and the services each payer authorized (visits or
//! units, valid from and to). An intervention or an appointment that uses an authorized service counts against it:
//! attended appointments as units used (directly, or through the intervention they carry out), the plan's active
//! interventions as units still planned. The plan warns before an authorization runs out, expires or is planned
//! beyond its units, and before a certification ends.

use crate::domain::coordination::{Appointment, AppointmentStatus};
use crate::domain::ids::Id;
use crate::domain::plan::{Intervention, Period};
use crate::domain::validation::{
    optional_text, required_date, required_text, Field, FieldErrors, PlanField, Problem,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Days before a certification or an authorization ends from which the plan warns.
pub const WARN_DAYS: i64 = 30;
/// Units left at or below which an authorization is running out.
pub const FEW_UNITS_LEFT: u32 = 2;

/// Japan's long-term care insurance levels (要支援1–2, 要介護1–5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CareLevel {
    Support1,
    Support2,
    Care1,
    Care2,
    Care3,
    Care4,
    Care5,
}

crate::domain::codes::codes!(CareLevel {
    Support1 => "support_1",
    Support2 => "support_2",
    Care1 => "care_1",
    Care2 => "care_2",
    Care3 => "care_3",
    Care4 => "care_4",
    Care5 => "care_5",
});

/// A long-term care insurance certification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certification {
    pub insured_number: String,
    pub care_level: CareLevel,
    #[serde(with = "crate::domain::stored_time::date")]
    pub valid_from: NaiveDate,
    #[serde(with = "crate::domain::stored_time::date")]
    pub valid_to: NaiveDate,
}

/// A service a payer authorized: so many visits or units, within dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    pub id: Id,
    pub service: String,
    pub units: u32,
    #[serde(with = "crate::domain::stored_time::date")]
    pub valid_from: NaiveDate,
    #[serde(with = "crate::domain::stored_time::date")]
    pub valid_to: NaiveDate,
}

/// One payer of the client's care on this case (FHIR Coverage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub id: Id,
    pub case_id: Id,
    /// The insurer or programme.
    pub payer: String,
    pub member_id: Option<String>,
    pub contact: Option<String>,
    pub certification: Option<Certification>,
    pub authorizations: Vec<Authorization>,
    #[serde(with = "crate::domain::stored_time::instant")]
    pub updated_at: DateTime<Utc>,
}

impl Coverage {
    /// The earliest date something of this coverage ends (certification or authorization): what the time-based
    /// rule reads through the due-date index.
    pub fn first_end(&self) -> Option<NaiveDate> {
        self.ends().min()
    }

    /// The first end date on or after `day` (what the renewal rule acts on next).
    pub fn next_end(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.ends().filter(|d| *d >= day).min()
    }

    fn ends(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.certification
            .iter()
            .map(|c| c.valid_to)
            .chain(self.authorizations.iter().map(|a| a.valid_to))
    }
}

/// Every service the payers authorized, with its id (what an intervention or an appointment may use).
pub fn authorized_services(coverages: &[Coverage]) -> Vec<(Id, String)> {
    coverages
        .iter()
        .flat_map(|c| c.authorizations.iter().map(|a| (a.id, a.service.clone())))
        .collect()
}

/// The authorization an appointment uses: its own, or else that of the intervention it carries out.
fn authorization_of(appointment: &Appointment, interventions: &[Intervention]) -> Option<Id> {
    appointment.authorization_id.or_else(|| {
        let carried = appointment.intervention_id?;
        interventions
            .iter()
            .find(|i| i.id == carried)?
            .authorization_id
    })
}

/// Units of `authorization` used: attended appointments that use it, directly or through their intervention.
pub fn units_used(
    authorization: Id,
    appointments: &[Appointment],
    interventions: &[Intervention],
) -> u32 {
    appointments
        .iter()
        .filter(|a| {
            a.status == AppointmentStatus::Attended
                && authorization_of(a, interventions) == Some(authorization)
        })
        .count() as u32
}

/// Units the plan still counts on: the occurrences of each active intervention that uses `authorization`, from the
/// period holding `today` to the intervention's end or the authorization's, whichever comes first. A daily
/// intervention's periods are days, a weekly one's weeks counted from its start, a monthly one's calendar months;
/// every period that falls within the authorization counts in full, except the current one, where the visits
/// already attended for the intervention are taken off (they count as used). A one-off counts once while it is
/// still ahead and not attended.
pub fn units_planned(
    authorization: &Authorization,
    interventions: &[Intervention],
    appointments: &[Appointment],
    today: NaiveDate,
) -> u32 {
    interventions
        .iter()
        .filter(|i| i.authorization_id == Some(authorization.id) && i.status.is_active())
        .map(|i| planned_for(i, authorization, appointments, today))
        .sum()
}

fn planned_for(
    i: &Intervention,
    authorization: &Authorization,
    appointments: &[Appointment],
    today: NaiveDate,
) -> u32 {
    let start = i.from.max(authorization.valid_from);
    let end = i
        .until
        .map_or(authorization.valid_to, |u| u.min(authorization.valid_to));
    let attended_within = |from: NaiveDate, to: NaiveDate| {
        appointments
            .iter()
            .filter(|a| {
                a.intervention_id == Some(i.id)
                    && a.status == AppointmentStatus::Attended
                    && (from..=to).contains(&a.starts.date())
            })
            .count() as u32
    };
    if i.frequency.period == Period::Once {
        let ahead = i.from >= today
            && (authorization.valid_from..=authorization.valid_to).contains(&i.from);
        return u32::from(ahead && attended_within(i.from, i.from) == 0);
    }
    let times = i.frequency.times;
    let mut planned = 0;
    // The period holding `from`, walked forward until it starts after `end`.
    let period_of = |day: NaiveDate| -> (NaiveDate, NaiveDate) {
        match i.frequency.period {
            Period::Day | Period::Once => (day, day),
            Period::Week => {
                let k = (day - i.from).num_days().max(0) / 7;
                let first = i.from + chrono::Duration::days(k * 7);
                (first, first + chrono::Duration::days(6))
            }
            Period::Month => {
                use chrono::Datelike;
                let first = day.with_day(1).unwrap_or(day);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first);
                (first, next.pred_opt().unwrap_or(next))
            }
        }
    };
    let mut day = start.max(today);
    while day <= end {
        let (first, last) = period_of(day);
        planned += if (first..=last).contains(&today) {
            times.saturating_sub(attended_within(first, last))
        } else {
            times
        };
        day = last.succ_opt().unwrap_or(last);
        if day <= last {
            break;
        }
    }
    planned
}

/// What the plan warns about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A certification ends in `days` days (0: today; negative: it has ended).
    CertificationEnds { payer: String, days: i64 },
    /// An authorization ends in `days` days.
    AuthorizationEnds { service: String, days: i64 },
    /// An authorization has `left` units left (0: used up).
    AuthorizationRunsOut { service: String, left: u32 },
    /// The plan counts on more units than are left: `used` so far and `planned` still, of `units` authorized.
    AuthorizationShort {
        service: String,
        used: u32,
        planned: u32,
        units: u32,
    },
}

/// Every warning for the case's coverage on `today`: an end within 30 days either side (an end longer past is
/// history, not a warning), and an authorization still valid with few units left or planned beyond its units.
pub fn warnings(
    coverages: &[Coverage],
    appointments: &[Appointment],
    interventions: &[Intervention],
    today: NaiveDate,
) -> Vec<Warning> {
    let mut out = Vec::new();
    for coverage in coverages {
        if let Some(c) = &coverage.certification {
            let days = (c.valid_to - today).num_days();
            if days.abs() <= WARN_DAYS {
                out.push(Warning::CertificationEnds {
                    payer: coverage.payer.clone(),
                    days,
                });
            }
        }
        for a in &coverage.authorizations {
            let days = (a.valid_to - today).num_days();
            if days.abs() <= WARN_DAYS {
                out.push(Warning::AuthorizationEnds {
                    service: a.service.clone(),
                    days,
                });
            }
            if days < 0 {
                continue;
            }
            let used = units_used(a.id, appointments, interventions);
            let left = a.units.saturating_sub(used);
            if left <= FEW_UNITS_LEFT {
                out.push(Warning::AuthorizationRunsOut {
                    service: a.service.clone(),
                    left,
                });
            }
            let planned = units_planned(a, interventions, appointments, today);
            if used + planned > a.units {
                out.push(Warning::AuthorizationShort {
                    service: a.service.clone(),
                    used,
                    planned,
                    units: a.units,
                });
            }
        }
    }
    out
}

/// Two dates, the second not before the first.
fn period(
    errors: &mut FieldErrors,
    from: (Field, &str),
    to: (Field, &str),
) -> Option<(NaiveDate, NaiveDate)> {
    let start = required_date(errors, from.0, from.1);
    let end = required_date(errors, to.0, to.1);
    let (start, end) = (start?, end?);
    if end < start {
        errors.push(to.0, Problem::DateBeforeStart);
        return None;
    }
    Some((start, end))
}

/// The payer form (with the long-term care certification, when the payer is that insurance).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageDraft {
    pub payer: String,
    pub member_id: String,
    pub contact: String,
    pub ltc: bool,
    pub insured_number: String,
    pub care_level: String,
    pub valid_from: String,
    pub valid_to: String,
}

impl CoverageDraft {
    pub fn validate(
        &self,
        id: Id,
        case_id: Id,
        now: DateTime<Utc>,
    ) -> Result<Coverage, FieldErrors> {
        use crate::domain::client::SHORT_TEXT_MAX;
        let f = |p| Field::Plan(p);
        let mut errors = FieldErrors::default();
        let payer = required_text(
            &mut errors,
            f(PlanField::CoveragePayer),
            &self.payer,
            SHORT_TEXT_MAX,
        );
        let member_id = optional_text(
            &mut errors,
            f(PlanField::CoverageMemberId),
            &self.member_id,
            60,
        );
        let contact = optional_text(
            &mut errors,
            f(PlanField::CoverageContact),
            &self.contact,
            SHORT_TEXT_MAX,
        );
        let certification = if self.ltc {
            let insured_number = crate::domain::validation::fold_width(self.insured_number.trim());
            let digits =
                insured_number.len() == 10 && insured_number.bytes().all(|b| b.is_ascii_digit());
            if !digits {
                errors.push(f(PlanField::InsuredNumber), Problem::InsuredNumberDigits);
            }
            let level = CareLevel::from_code(&self.care_level);
            if level.is_none() {
                errors.push(f(PlanField::CareLevel), Problem::ChoiceRequired);
            }
            let dates = period(
                &mut errors,
                (f(PlanField::CertifiedFrom), &self.valid_from),
                (f(PlanField::CertifiedTo), &self.valid_to),
            );
            level
                .zip(dates)
                .map(|(care_level, (valid_from, valid_to))| Certification {
                    insured_number,
                    care_level,
                    valid_from,
                    valid_to,
                })
        } else {
            None
        };
        if errors.is_empty() {
            Ok(Coverage {
                id,
                case_id,
                payer,
                member_id,
                contact,
                certification,
                authorizations: vec![],
                updated_at: now,
            })
        } else {
            Err(errors)
        }
    }
}

/// The authorization form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthorizationDraft {
    pub coverage_id: String,
    pub service: String,
    pub units: String,
    pub valid_from: String,
    pub valid_to: String,
}

impl AuthorizationDraft {
    /// The authorization `id` and the coverage (one of `coverages`) it belongs to.
    pub fn validate(&self, id: Id, coverages: &[Id]) -> Result<(Id, Authorization), FieldErrors> {
        let f = |p| Field::Plan(p);
        let mut errors = FieldErrors::default();
        let coverage = self
            .coverage_id
            .parse::<Id>()
            .ok()
            .filter(|c| coverages.contains(c));
        if coverage.is_none() {
            errors.push(f(PlanField::AuthorizationPayer), Problem::ChoiceRequired);
        }
        let service = required_text(
            &mut errors,
            f(PlanField::AuthorizationService),
            &self.service,
            crate::domain::client::SHORT_TEXT_MAX,
        );
        let units = match crate::domain::validation::fold_width(self.units.trim()).parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => Some(n),
            _ => {
                errors.push(f(PlanField::AuthorizationUnits), Problem::UnitsOutOfRange);
                None
            }
        };
        let dates = period(
            &mut errors,
            (f(PlanField::AuthorizationFrom), &self.valid_from),
            (f(PlanField::AuthorizationTo), &self.valid_to),
        );
        match (coverage, units, dates) {
            (Some(coverage), Some(units), Some((valid_from, valid_to))) if errors.is_empty() => {
                Ok((
                    coverage,
                    Authorization {
                        id,
                        service,
                        units,
                        valid_from,
                        valid_to,
                    },
                ))
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn id(n: u8) -> Id {
        Id::from_random_bytes([n; 16])
    }

    fn ltc() -> CoverageDraft {
        CoverageDraft {
            payer: "Setagaya City long-term care insurance".into(),
            ltc: true,
            insured_number: "０１２３４５６７８９".into(),
            care_level: "care_2".into(),
            valid_from: "2026-06-01".into(),
            valid_to: "2026-12-20".into(),
            ..CoverageDraft::default()
        }
    }

    #[test]
    fn a_long_term_care_certification_needs_a_ten_digit_number_a_level_and_its_period() {
        let coverage = ltc().validate(id(1), id(2), Utc::now()).unwrap();
        let c = coverage.certification.unwrap();
        assert_eq!(
            (c.insured_number.as_str(), c.care_level),
            ("0123456789", CareLevel::Care2)
        );
        let bad = CoverageDraft {
            insured_number: "12345".into(),
            care_level: String::new(),
            valid_to: "2026-05-01".into(),
            ..ltc()
        };
        let errors = bad.validate(id(1), id(2), Utc::now()).unwrap_err();
        assert_eq!(
            errors.get(Field::Plan(PlanField::InsuredNumber)),
            Some(Problem::InsuredNumberDigits)
        );
        assert_eq!(
            errors.get(Field::Plan(PlanField::CareLevel)),
            Some(Problem::ChoiceRequired)
        );
        assert_eq!(
            errors.get(Field::Plan(PlanField::CertifiedTo)),
            Some(Problem::DateBeforeStart)
        );
    }

    fn appointment(n: u8, authorization: Id, status: AppointmentStatus) -> Appointment {
        Appointment {
            id: id(n),
            case_id: id(2),
            starts: day(10).and_hms_opt(10, 0, 0).unwrap(),
            with_member: None,
            place: "Home".into(),
            purpose: "Bathing help".into(),
            intervention_id: None,
            authorization_id: Some(authorization),
            accompanied: false,
            status,
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn attended_appointments_count_against_an_authorization_and_the_plan_warns_before_it_runs_out_or_ends(
    ) {
        let mut coverage = ltc().validate(id(1), id(2), Utc::now()).unwrap();
        let (_, authorization) = AuthorizationDraft {
            coverage_id: id(1).to_string(),
            service: "Home bathing".into(),
            units: "4".into(),
            valid_from: "2026-11-01".into(),
            valid_to: "2027-01-31".into(),
        }
        .validate(id(9), &[id(1)])
        .unwrap();
        coverage.authorizations.push(authorization);
        let appointments = vec![
            appointment(20, id(9), AppointmentStatus::Attended),
            appointment(21, id(9), AppointmentStatus::Missed),
            appointment(22, id(9), AppointmentStatus::Attended),
        ];
        assert_eq!(
            units_used(id(9), &appointments, &[]),
            2,
            "a missed visit uses nothing"
        );
        let coverages = [coverage];
        // 19 Nov: the certification (to 20 Dec) is 31 days away, 2 units left: running out.
        assert_eq!(
            warnings(&coverages, &appointments, &[], day(19)),
            vec![Warning::AuthorizationRunsOut {
                service: "Home bathing".into(),
                left: 2
            }]
        );
        // 20 Nov: 30 days to the end of the certification.
        assert!(
            warnings(&coverages, &appointments[..1], &[], day(20)).contains(
                &Warning::CertificationEnds {
                    payer: "Setagaya City long-term care insurance".into(),
                    days: 30
                }
            )
        );
        assert_eq!(
            coverages[0].first_end(),
            Some(NaiveDate::from_ymd_opt(2026, 12, 20).unwrap())
        );
    }

    #[test]
    fn an_authorization_needs_its_payer_a_service_units_and_dates_in_order() {
        let errors = AuthorizationDraft {
            coverage_id: id(5).to_string(),
            units: "0".into(),
            valid_from: "2026-11-10".into(),
            valid_to: "2026-11-01".into(),
            ..AuthorizationDraft::default()
        }
        .validate(id(9), &[id(1)])
        .unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (
                    Field::Plan(PlanField::AuthorizationPayer),
                    Problem::ChoiceRequired
                ),
                (
                    Field::Plan(PlanField::AuthorizationService),
                    Problem::Required
                ),
                (
                    Field::Plan(PlanField::AuthorizationUnits),
                    Problem::UnitsOutOfRange
                ),
                (
                    Field::Plan(PlanField::AuthorizationTo),
                    Problem::DateBeforeStart
                ),
            ]
        );
    }

    fn bathing(units: u32) -> Authorization {
        Authorization {
            id: id(9),
            service: "Home bathing".into(),
            units,
            valid_from: day(1),
            valid_to: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
        }
    }

    fn visits(
        times: u32,
        period: Period,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Intervention {
        use crate::domain::plan::{ActivityStatus, Frequency};
        Intervention {
            id: id(30),
            goal_id: id(31),
            text: "Help with bathing".into(),
            member_id: None,
            frequency: Frequency { times, period },
            from,
            until,
            status: ActivityStatus::InProgress,
            authorization_id: Some(id(9)),
        }
    }

    #[test]
    fn an_intervention_counts_its_occurrences_still_ahead_within_the_authorization() {
        let authorization = bathing(20);
        let count = |i: Intervention, today| units_planned(&authorization, &[i], &[], today);
        // Twice a week from 24 Nov (a Tuesday) to 31 Jan: 69 days, 10 weeks begun, 20 visits.
        assert_eq!(count(visits(2, Period::Week, day(24), None), day(24)), 20);
        // Read on 1 Dec, the week of 24 Nov is behind: 62 days, 9 weeks begun.
        assert_eq!(
            count(
                visits(2, Period::Week, day(24), None),
                day(1).with_month(12).unwrap()
            ),
            18
        );
        // Ending on 7 Dec: 14 days, exactly 2 weeks.
        let until = NaiveDate::from_ymd_opt(2026, 12, 7);
        assert_eq!(count(visits(2, Period::Week, day(24), until), day(24)), 4);
        // Daily from 30 Nov to 2 Dec: 3 days.
        let until = NaiveDate::from_ymd_opt(2026, 12, 2);
        assert_eq!(count(visits(1, Period::Day, day(30), until), day(24)), 3);
        // Monthly: November, December and January begun.
        assert_eq!(count(visits(1, Period::Month, day(24), None), day(24)), 3);
        // A one-off still ahead counts once; one in the past not at all.
        assert_eq!(count(visits(1, Period::Once, day(28), None), day(24)), 1);
        assert_eq!(count(visits(1, Period::Once, day(20), None), day(24)), 0);
        // Starting after the authorization ends: nothing falls within it.
        let late = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        assert_eq!(count(visits(2, Period::Week, late, None), day(24)), 0);
        // Finished, cancelled or stopped: the plan no longer counts on it.
        let mut done = visits(2, Period::Week, day(24), None);
        done.status = crate::domain::plan::ActivityStatus::Completed;
        assert_eq!(count(done, day(24)), 0);
        // Another authorization's intervention does not count.
        let mut other = visits(2, Period::Week, day(24), None);
        other.authorization_id = Some(id(8));
        assert_eq!(count(other, day(24)), 0);
    }

    #[test]
    fn an_appointment_for_an_intervention_uses_its_authorization_and_the_plan_warns_when_it_needs_more(
    ) {
        let intervention = visits(2, Period::Week, day(24), None);
        let mut attended = appointment(40, id(9), AppointmentStatus::Attended);
        attended.authorization_id = None;
        attended.intervention_id = Some(intervention.id);
        let unlinked = Appointment {
            intervention_id: None,
            ..attended.clone()
        };
        let interventions = [intervention];
        assert_eq!(units_used(id(9), &[attended.clone()], &interventions), 1);
        assert_eq!(units_used(id(9), &[unlinked], &interventions), 0);
        let mut coverage = ltc().validate(id(1), id(2), Utc::now()).unwrap();
        coverage.certification = None;
        // 20 visits planned from 24 Nov, one used: 21 needed of 20 authorized.
        coverage.authorizations.push(bathing(20));
        let coverages = [coverage];
        assert_eq!(
            warnings(&coverages, &[attended.clone()], &interventions, day(24)),
            vec![Warning::AuthorizationShort {
                service: "Home bathing".into(),
                used: 1,
                planned: 20,
                units: 20
            }]
        );
        // A visit attended this week for the intervention is used, and no longer planned: 1 + 19 fit in 20.
        let mut this_week = attended.clone();
        this_week.starts = day(24).and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(
            units_planned(
                &coverages[0].authorizations[0],
                &interventions,
                &[this_week.clone()],
                day(24)
            ),
            19
        );
        assert_eq!(
            warnings(&coverages, &[this_week], &interventions, day(24)),
            vec![]
        );
        // With 21 authorized, the plan fits.
        let mut enough = coverages.clone();
        enough[0].authorizations[0].units = 21;
        assert_eq!(
            warnings(&enough, &[attended], &interventions, day(24)),
            vec![]
        );
    }
}
