//! The export formats over the demo caseload (every phase, tier, model and instrument, Japanese and Latin names):
//! each case's FHIR bundle with every reference resolved and the LOINC codes in place, and the CSV and calendar
//! files, in both languages. The files are written to `target/format-samples/`, where `scripts/test.sh` has
//! independent libraries read them (`tests/formats/validate.py`: fhir.resources, icalendar, Python's csv).

use care_planner::domain::administration::Administration;
use care_planner::domain::case::Case;
use care_planner::domain::client::Client;
use care_planner::domain::export;
use care_planner::domain::fhir::{self, CaseRecords};
use care_planner::domain::ids::Id;
use care_planner::domain::instruments::Instrument;
use care_planner::domain::workflow::Record;
use care_planner::i18n::Locale;
use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Default)]
struct Workspace {
    clients: HashMap<Id, Client>,
    cases: Vec<Case>,
    records: Vec<Record>,
}

fn demo(japanese: bool) -> Workspace {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let mut n: u128 = 0;
    let mut ids = || {
        n += 1;
        Id::from_random_bytes(n.to_be_bytes())
    };
    let changes = care_planner::domain::demo::caseload(today, now, japanese, &mut ids);
    let mut w = Workspace::default();
    for record in changes.puts {
        match record {
            Record::Client(mut c) => {
                // The demo records no support contacts: each client is given one (a RelatedPerson in FHIR).
                c.details.support_contact = Some(care_planner::domain::client::SupportContact {
                    name: if japanese {
                        "佐藤 一郎".into()
                    } else {
                        "Rui Lima".into()
                    },
                    relation: Some(if japanese {
                        "息子".into()
                    } else {
                        "son".into()
                    }),
                    phone: Some("090-1234-5678".into()),
                });
                w.clients.insert(c.id, c);
            }
            Record::Case(c) => w.cases.push(c),
            other => w.records.push(other),
        }
    }
    w
}

fn samples() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/format-samples");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bundles(w: &Workspace, locale: Locale) -> Vec<serde_json::Value> {
    let offset = |_| FixedOffset::east_opt(9 * 3600).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    w.cases
        .iter()
        .map(|case| {
            let of = |f: &dyn Fn(&Record) -> bool| {
                w.records
                    .iter()
                    .filter(|r| f(r))
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let mine = of(&|r| r.case_id() == Some(case.id));
            macro_rules! pick {
                ($v:ident) => {
                    mine.iter()
                        .filter_map(|r| match r {
                            Record::$v(x) => Some(x.clone()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                };
            }
            let plan = pick!(Plan).into_iter().next();
            // The demo scores PHQ-9 only: every other instrument is added beside each PHQ-9, each item given its lowest answer.
            let mut administrations = pick!(Administration);
            for phq9 in administrations.clone() {
                for instrument in Instrument::ALL
                    .into_iter()
                    .filter(|i| *i != Instrument::Phq9)
                {
                    let answers: Vec<Option<u32>> = instrument
                        .definition()
                        .items
                        .iter()
                        .map(|item| (0..10).find(|v| item.answer.accepts(*v)))
                        .collect();
                    if let Ok(outcome) = instrument.score(&answers) {
                        administrations.push(Administration {
                            id: Id::from_random_bytes(
                                fhir::resource_id(phq9.id, instrument.code())
                                    .parse::<Id>()
                                    .unwrap()
                                    .as_bytes()
                                    .to_owned(),
                            ),
                            instrument,
                            answers,
                            outcome,
                            ..phq9.clone()
                        });
                    }
                }
            }
            let records = CaseRecords {
                client: &w.clients[&case.client_id],
                case,
                administrations: &administrations,
                tasks: &pick!(Task),
                needs: &pick!(Need),
                plan: plan.as_ref(),
                referrals: &pick!(Referral),
                appointments: &pick!(Appointment),
                contacts: &pick!(Contact),
            };
            fhir::bundle(&records, locale.messages(), &offset, now)
        })
        .collect()
}

#[test]
fn every_demo_case_exports_as_a_bundle_whose_references_all_resolve() {
    for (japanese, locale) in [(false, Locale::En), (true, Locale::Ja)] {
        let w = demo(japanese);
        let all = bundles(&w, locale);
        assert_eq!(all.len(), w.cases.len());
        let mut codes = std::collections::BTreeSet::new();
        for (n, bundle) in all.iter().enumerate() {
            assert_eq!(fhir::unresolved(bundle), Vec::<String>::new(), "case {n}");
            assert_eq!(bundle["type"], "collection");
            assert_eq!(bundle["language"], locale.tag());
            let entries = bundle["entry"].as_array().unwrap();
            let urls: std::collections::HashSet<&str> = entries
                .iter()
                .map(|e| e["fullUrl"].as_str().unwrap())
                .collect();
            assert_eq!(
                urls.len(),
                entries.len(),
                "full URLs are unique in case {n}"
            );
            for e in entries {
                for c in e["resource"]["code"]["coding"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    codes.insert(c["code"].as_str().unwrap().to_string());
                }
            }
            let path = samples().join(format!("case-{}-{n:02}.json", locale.tag()));
            std::fs::write(path, serde_json::to_string_pretty(bundle).unwrap()).unwrap();
        }
        for code in [
            "44249-1", "44261-6", "69737-5", "70274-6", "55758-7", "96777-8",
        ] {
            assert!(codes.contains(code), "{code} in {codes:?}");
        }
        let text = serde_json::to_string(&all).unwrap();
        for t in [
            "Patient",
            "EpisodeOfCare",
            "Condition",
            "CareTeam",
            "CarePlan",
            "Goal",
            "ServiceRequest",
            "Task",
            "Appointment",
            "Encounter",
            "QuestionnaireResponse",
            "Observation",
            "RelatedPerson",
        ] {
            assert!(text.contains(&format!("\"resourceType\":\"{t}\"")), "{t}");
        }
        // The app's own questionnaires; LOINC's panel codes on panel Observations with the scores as members.
        assert!(text.contains("\"questionnaire\":\"urn:care-planner:questionnaire:phq9\""));
        assert!(text.contains("\"hasMember\""));
        if japanese {
            // Names with their readings, as JP Core writes them, and the code displays in Japanese.
            assert!(text.contains("\"valueCode\":\"SYL\""));
            let m = locale.messages();
            assert!(text.contains(m.phase(care_planner::domain::phase::Phase::Screening)));
            let any_name = w
                .clients
                .values()
                .find(|c| c.details.name_reading.is_some())
                .unwrap();
            assert!(text.contains(&any_name.details.full_name));
            assert!(text.contains(any_name.details.name_reading.as_deref().unwrap()));
        }
    }
}

#[test]
fn the_csv_and_calendar_files_of_the_demo_are_written_in_both_languages() {
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    for (japanese, locale) in [(false, Locale::En), (true, Locale::Ja)] {
        let w = demo(japanese);
        let m = locale.messages();
        let names: HashMap<Id, String> = w
            .cases
            .iter()
            .map(|c| (c.id, w.clients[&c.client_id].details.full_name.clone()))
            .collect();
        let tasks: Vec<_> = w
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Task(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        let contacts: Vec<_> = w
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Contact(c) => Some(c.clone()),
                _ => None,
            })
            .collect();
        let appointments: Vec<_> = w
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Appointment(a) => Some(a.clone()),
                _ => None,
            })
            .collect();
        // The demo's cases have no next contact due yet: each is given one, a week on.
        let due: Vec<(Id, NaiveDate)> = w
            .cases
            .iter()
            .map(|c| (c.id, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()))
            .collect();
        let tag = locale.tag();
        let dir = samples();
        let caseload = export::caseload_csv(&w.clients, &w.cases, m);
        assert!(
            caseload.contains(m.phase(care_planner::domain::phase::Phase::Planning))
                || caseload.contains(m.phase(care_planner::domain::phase::Phase::Assessment))
        );
        std::fs::write(dir.join(format!("caseload-{tag}.csv")), &caseload).unwrap();
        std::fs::write(
            dir.join(format!("tasks-{tag}.csv")),
            export::tasks_csv(&tasks, &names, m),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("contacts-{tag}.csv")),
            export::contacts_csv(&contacts, &names, m),
        )
        .unwrap();
        let calendar =
            export::calendar(&appointments, &due, now.date_naive(), &names, false, m, now);
        // The titles in the export's language, Japanese intact.
        let title = (m.export.follow_up_title)("");
        assert!(calendar.contains(&format!("SUMMARY:{title}")), "{title}");
        for name in names.values() {
            assert!(
                !calendar.contains(name.as_str()),
                "{name} written in full in the calendar"
            );
        }
        std::fs::write(dir.join(format!("calendar-{tag}.ics")), calendar).unwrap();
    }
}
