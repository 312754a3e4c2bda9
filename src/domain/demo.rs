//! The demo workspace's caseload: 25 fictional clients (Japanese names with their readings, and Latin ones) whose
//! cases cover every phase, risk tier, model and specialty, with instrument results scored and stratified by the
//! domain's own rules, needs, care plans with goals, contacts, appointments today, a referral past its follow-up
//! date and tasks due today or overdue: a morning as a case manager would find it. Pure: the same `today`, `now`
//! and ids give the same caseload; every name and story here is invented.

use crate::domain::administration::Administration;
use crate::domain::audit::Action;
use crate::domain::case::{Case, CaseDetails, CaseModel, CaseStatus, Specialty};
use crate::domain::client::{Client, ClientDraft};
use crate::domain::contact::{Contact, ContactMode};
use crate::domain::coordination::{Appointment, AppointmentStatus, Referral, ReferralStatus};
use crate::domain::instruments::Instrument;
use crate::domain::phase::Phase;
use crate::domain::plan::{CarePlan, GoalDraft, Role, TeamMember};
use crate::domain::staff::StaffMember;
use crate::domain::task::{Concern, Need, Priority, Task, TaskKind};
use crate::domain::workflow::results::{record_result, CaseResults};
use crate::domain::workflow::{Changeset, FreshIds, Record};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};

/// How many clients the demo holds.
pub const CLIENTS: usize = 25;

/// A fictional client's name: whole (Latin), or family and given with their kana readings.
enum Name {
    Whole(&'static str),
    Parts(&'static str, &'static str, &'static str, &'static str),
}

const NAMES: [Name; CLIENTS] = [
    Name::Parts("山本", "さくら", "やまもと", "さくら"),
    Name::Whole("Maria Fernandes"),
    Name::Parts("佐々木", "健一", "ささき", "けんいち"),
    Name::Whole("Tom Whitaker"),
    Name::Parts("中村", "ひなた", "なかむら", "ひなた"),
    Name::Whole("Amara Okafor"),
    Name::Parts("小林", "正雄", "こばやし", "まさお"),
    Name::Whole("Lena Novak"),
    Name::Parts("加藤", "美和", "かとう", "みわ"),
    Name::Whole("Diego Ramos"),
    Name::Parts("吉田", "翔", "よしだ", "しょう"),
    Name::Whole("Grace Lin"),
    Name::Parts("松本", "千代", "まつもと", "ちよ"),
    Name::Whole("Samuel Adeyemi"),
    Name::Parts("井上", "大輔", "いのうえ", "だいすけ"),
    Name::Whole("Ingrid Larsen"),
    Name::Parts("木村", "ふみ", "きむら", "ふみ"),
    Name::Whole("Omar Haddad"),
    Name::Parts("林", "陽子", "はやし", "ようこ"),
    Name::Whole("Priya Raman"),
    Name::Parts("清水", "勇", "しみず", "いさむ"),
    Name::Whole("Elena Petrova"),
    Name::Parts("森", "結衣", "もり", "ゆい"),
    Name::Whole("Jack Moreau"),
    Name::Parts("池田", "幸子", "いけだ", "さちこ"),
];

/// The demo's case managers (fictional).
const STAFF: [&str; 4] = ["Aiko Tanaka", "Ben Carter", "高橋 美咲", "Rosa Delgado"];

/// What the demo's records say, in the language the demo is started in.
struct Words {
    language: &'static str,
    reason: &'static str,
    contact: &'static str,
    goal: &'static str,
    need: &'static str,
    place: &'static str,
    purpose: &'static str,
    referral_to: &'static str,
    referral_reason: &'static str,
    with_whom: &'static str,
    closed: &'static str,
}

const EN: Words = Words {
    language: "en",
    reason: "Referred by the hospital after a fall at home",
    contact: "Talked through the week; medicines taken as planned.",
    goal: "I want to walk to the shops on my own again",
    need: "Meals on the days nobody visits",
    place: "Community clinic",
    purpose: "Care plan review",
    referral_to: "Neighbourhood food bank",
    referral_reason: "Short of food at the end of the month",
    with_whom: "Client",
    closed: "Walking to the shops again; the family helps on weekends.",
};

const JA: Words = Words {
    language: "ja",
    reason: "自宅での転倒後、病院から紹介",
    contact: "この1週間の様子を確認。服薬は予定どおり。",
    goal: "また一人で買い物に歩いて行けるようになりたい",
    need: "訪問のない日の食事",
    place: "地域診療所",
    purpose: "ケアプランの見直し",
    referral_to: "地域のフードバンク",
    referral_reason: "月末に食料が不足する",
    with_whom: "本人",
    closed: "再び買い物に歩いて行けるようになった。週末は家族が支援。",
};

/// PHQ-9 answers (nine items, then the difficulty question) that the default rules read as the tier wanted:
/// 0 low (total 2), 1 moderate (total 11), 2 high (total 16), 3 urgent (item 9 answered 1).
fn phq9(tier: usize) -> Vec<Option<u32>> {
    let items: [u32; 9] = match tier {
        0 => [1, 1, 0, 0, 0, 0, 0, 0, 0],
        1 => [2, 2, 2, 1, 1, 1, 1, 1, 0],
        2 => [2, 2, 2, 2, 2, 2, 2, 2, 0],
        _ => [1, 1, 1, 1, 0, 0, 0, 0, 1],
    };
    items.into_iter().map(Some).chain([Some(1)]).collect()
}

fn days_back(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

/// The demo caseload, in one changeset (`japanese`: the records' own words in Japanese).
pub fn caseload(
    today: NaiveDate,
    now: DateTime<Utc>,
    japanese: bool,
    ids: &mut dyn FreshIds,
) -> Changeset {
    let words = if japanese { &JA } else { &EN };
    let mut changes = Changeset::default();
    let staff: Vec<StaffMember> = STAFF
        .iter()
        .enumerate()
        .map(|(k, name)| StaffMember {
            id: ids.fresh(),
            name: (*name).into(),
            role: "Case manager".into(),
            specialty: Some(Specialty::ALL[k % Specialty::ALL.len()]),
            created_at: now,
            updated_at: now,
        })
        .collect();
    for member in &staff {
        changes.put(Record::Staff(member.clone()), Action::Created, now);
    }
    for (i, name) in NAMES.iter().enumerate() {
        client(i, name, &staff, words, today, now, ids, &mut changes);
    }
    changes
}

#[allow(clippy::too_many_arguments)]
fn client(
    i: usize,
    name: &Name,
    staff: &[StaffMember],
    words: &Words,
    today: NaiveDate,
    now: DateTime<Utc>,
    ids: &mut dyn FreshIds,
    changes: &mut Changeset,
) {
    let draft = match *name {
        Name::Whole(full) => ClientDraft {
            full_name: full.into(),
            ..ClientDraft::default()
        },
        Name::Parts(family, given, family_reading, given_reading) => ClientDraft {
            name_in_parts: true,
            family_name: family.into(),
            given_name: given.into(),
            family_reading: family_reading.into(),
            given_reading: given_reading.into(),
            ..ClientDraft::default()
        },
    };
    let born = NaiveDate::from_ymd_opt(
        1938 + (i as i32 * 3) % 60,
        1 + (i as u32 % 12),
        1 + (i as u32 * 7) % 28,
    );
    let details = ClientDraft {
        date_of_birth: born.map(|d| d.to_string()).unwrap_or_default(),
        phone: format!("+81 90-0000-{:04}", 1000 + i),
        ..draft
    }
    .validate(today)
    .expect("the demo's clients are valid");
    let client = Client {
        id: ids.fresh(),
        details,
        created_at: now,
        updated_at: now,
    };
    let manager = &staff[i % staff.len()];
    let mut case = Case::open(
        ids.fresh(),
        client.id,
        CaseDetails {
            specialty: Specialty::ALL[i % Specialty::ALL.len()],
            model: CaseModel::ALL[i % CaseModel::ALL.len()],
            case_manager: manager.name.clone(),
            case_manager_id: Some(manager.id),
            opened_on: days_back(today, 10 + (i as u64 * 11) % 200),
            referral_source: None,
            referral_reason: words.reason.into(),
        },
        now,
    );
    let phase = Phase::ALL[i % Phase::ALL.len()];
    case.phase = phase;
    let case_id = case.id;
    // Results from assessment on, one tier in five left unstratified: every tier appears among the 25.
    let tier = i % 5;
    let mut results = CaseResults {
        case: case.clone(),
        administrations: vec![],
        tasks: vec![],
        needs: vec![],
    };
    if phase > Phase::Screening && tier > 0 {
        let on = days_back(today, 1 + (i as u64 % 6));
        if let Ok(result) = Administration::record(
            ids.fresh(),
            &case,
            Instrument::Phq9,
            phq9(tier - 1),
            &on.to_string(),
            &manager.name,
            words.language,
            today,
            now,
        ) {
            if let Ok(scored) = record_result(&results, result, today, now, ids) {
                for record in scored.puts {
                    match record {
                        Record::Case(c) => case = c,
                        Record::Need(n) => results.needs.push(n),
                        other => changes.put(other, Action::Created, now),
                    }
                }
            }
        }
    }
    results.case = case.clone();
    // A plan from planning on: a need in the client's situation and a goal in their words.
    if phase >= Phase::Planning {
        let need = Need {
            id: ids.fresh(),
            case_id,
            concern: Concern::Food,
            description: Some(words.need.into()),
            source: None,
            also_raised_by: vec![],
            identified_at: now,
            withdrawn: None,
        };
        let goal = GoalDraft {
            text: words.goal.into(),
            need_ids: vec![need.id.to_string()],
            target_date: (today + Duration::days(60)).to_string(),
            ..GoalDraft::new(days_back(today, 14))
        }
        .validate(ids.fresh(), &[need.id], &[])
        .expect("the demo's goals are valid");
        let mut plan = CarePlan::new(
            case_id,
            TeamMember {
                id: ids.fresh(),
                role: Role::Client,
                name: client.details.full_name.clone(),
                organisation: None,
                phone: None,
                email: None,
            },
            now,
        );
        plan.goals.push(goal);
        results.needs.push(need);
        changes.put(Record::Plan(plan), Action::Created, now);
    }
    for need in results.needs {
        changes.put(Record::Need(need), Action::Created, now);
    }
    // Contacts from implementation on; the last some days ago, so some are due today.
    if phase >= Phase::Implementation {
        for k in 0..3u64 {
            let at = days_back(today, 3 + (i as u64 % 9) + k * 10)
                .and_hms_opt(10, 30, 0)
                .expect("a time");
            let contact = Contact {
                id: ids.fresh(),
                case_id,
                at,
                mode: ContactMode::ALL[(i + k as usize) % ContactMode::ALL.len()],
                minutes: 20 + 5 * k as u32,
                with_whom: words.with_whom.into(),
                summary: words.contact.into(),
                logged_at: now,
            };
            if k == 0 {
                case.last_contact = Some(at.date());
            }
            changes.put(Record::Contact(contact), Action::Created, now);
        }
    }
    // Today's appointments for a few; a referral past its follow-up date for one; tasks due today or overdue.
    if i % 6 == 1 {
        let appointment = Appointment {
            id: ids.fresh(),
            case_id,
            starts: today.and_hms_opt(9 + (i as u32 % 8), 0, 0).expect("a time"),
            with_member: None,
            place: words.place.into(),
            purpose: words.purpose.into(),
            intervention_id: None,
            authorization_id: None,
            accompanied: false,
            status: AppointmentStatus::Scheduled,
            updated_at: now,
        };
        changes.put(Record::Appointment(appointment), Action::Created, now);
    }
    if i % 8 == 3 {
        let referral = Referral {
            id: ids.fresh(),
            case_id,
            to: words.referral_to.into(),
            need_id: None,
            reason: words.referral_reason.into(),
            status: ReferralStatus::Sent,
            sent_on: Some(days_back(today, 21)),
            follow_up_due: days_back(today, 2),
            updates: vec![],
            updated_at: now,
        };
        changes.put(Record::Referral(referral), Action::Created, now);
    }
    if i % 4 == 2 {
        let task = Task::by_rule(
            ids.fresh(),
            case_id,
            TaskKind::MissedAppointment,
            Priority::Normal,
            ids.fresh(),
            days_back(today, i as u64 % 3),
            now,
        );
        changes.put(Record::Task(task), Action::Created, now);
    }
    // One case in the evaluation phase is closed, as a finished case would be.
    if phase == Phase::Evaluation && i >= Phase::ALL.len() {
        case.status = CaseStatus::Closed;
        case.closure = Some(crate::domain::case::Closure {
            at: now,
            reason: words.closed.into(),
            code: Some(crate::domain::case::ClosureReason::GoalsMet),
            on: Some(days_back(today, 1)),
        });
    }
    changes.put(Record::Client(client), Action::Created, now);
    changes.put(Record::Case(case), Action::Created, now);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::Id;
    use crate::domain::risk::Tier;

    fn demo() -> Changeset {
        let mut n: u128 = 0;
        let mut ids = move || {
            n += 1;
            Id::from_random_bytes(n.to_le_bytes())
        };
        caseload(
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            DateTime::parse_from_rfc3339("2026-11-25T00:30:00Z")
                .unwrap()
                .with_timezone(&Utc),
            false,
            &mut ids,
        )
    }

    #[test]
    fn the_demo_covers_every_phase_tier_model_and_specialty() {
        let changes = demo();
        let cases: Vec<&Case> = changes
            .puts
            .iter()
            .filter_map(|r| match r {
                Record::Case(c) => Some(c),
                _ => None,
            })
            .collect();
        let clients = changes
            .puts
            .iter()
            .filter(|r| matches!(r, Record::Client(_)))
            .count();
        assert_eq!((clients, cases.len()), (CLIENTS, CLIENTS));
        for phase in Phase::ALL {
            assert!(cases.iter().any(|c| c.phase == phase), "{phase:?}");
        }
        for tier in [
            None,
            Some(Tier::Low),
            Some(Tier::Moderate),
            Some(Tier::High),
            Some(Tier::Urgent),
        ] {
            assert!(
                cases
                    .iter()
                    .any(|c| c.risk.tier == tier && c.status == CaseStatus::Open),
                "{tier:?}"
            );
        }
        for model in CaseModel::ALL {
            assert!(cases.iter().any(|c| c.details.model == model), "{model:?}");
        }
        for specialty in Specialty::ALL {
            assert!(
                cases.iter().any(|c| c.details.specialty == specialty),
                "{specialty:?}"
            );
        }
        assert!(
            cases.iter().any(|c| c.status == CaseStatus::Closed),
            "a closed case"
        );
    }

    #[test]
    fn the_demo_morning_has_work_due_today() {
        let changes = demo();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let count = |f: &dyn Fn(&Record) -> bool| changes.puts.iter().filter(|r| f(r)).count();
        assert!(count(&|r| matches!(r, Record::Task(t) if t.due <= today && t.is_open())) >= 3);
        assert!(
            count(&|r| matches!(r, Record::Task(t) if t.kind == TaskKind::SafetyFollowUp)) >= 1
        );
        assert!(count(&|r| matches!(r, Record::Appointment(a) if a.starts.date() == today)) >= 3);
        assert!(count(&|r| matches!(r, Record::Referral(f) if f.follow_up_due < today)) >= 1);
        assert!(count(&|r| matches!(r, Record::Plan(p) if !p.goals.is_empty())) >= 10);
        assert!(count(&|r| matches!(r, Record::Administration(_))) >= 10);
        assert!(count(&|r| matches!(r, Record::Contact(_))) >= 20);
        // Every record is written once: no id twice.
        let mut keys: Vec<(crate::domain::audit::EntityKind, Id)> =
            changes.puts.iter().map(|r| (r.kind(), r.id())).collect();
        let all = keys.len();
        keys.sort_by_key(|(kind, id)| (format!("{kind:?}"), id.to_string()));
        keys.dedup();
        assert_eq!(keys.len(), all);
    }
}
