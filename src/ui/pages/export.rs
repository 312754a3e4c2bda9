//! The export page (the caseload, open tasks and the contact log as CSV; appointments and due contacts as a
//! calendar) and the case page's FHIR export. Each file is made in the page by the domain's writers and downloaded;
//! nothing is sent anywhere. Plain-text files carry a warning that anyone who gets them can read them, and a kiosk
//! offers none of them (its encrypted way out is the case handover).

use crate::domain::ids::Id;
use crate::storage::{Storage, StorageError};
use crate::ui::kiosk::Kiosk;
use crate::ui::{storage_error_text, t, today, use_db};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// A file an export can make.
#[derive(Clone, Copy, PartialEq)]
enum What {
    Caseload,
    Tasks,
    Contacts,
    Calendar,
    Fhir(Id),
}

/// A file made: its name, text, media type, how many rows or entries, and how many records were left out.
struct Made {
    name: String,
    text: String,
    mime: &'static str,
    count: usize,
    left_out: usize,
}

/// The device's offset from UTC at a local time (as the browser knows its zone's rules, daylight saving included),
/// for the times FHIR writes with a zone.
fn local_offset(at: chrono::NaiveDateTime) -> chrono::FixedOffset {
    use chrono::{Datelike, Timelike};
    let date = js_sys::Date::new_with_year_month_day_hr_min(
        at.year() as u32,
        at.month0() as i32,
        at.day() as i32,
        at.hour() as i32,
        at.minute() as i32,
    );
    let minutes = date.get_timezone_offset() as i32;
    chrono::FixedOffset::west_opt(minutes * 60)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"))
}

async fn make(storage: Storage, what: What, full_names: bool) -> Result<Made, StorageError> {
    let m = t();
    let day = today();
    let csv = "text/csv;charset=utf-8";
    Ok(match what {
        What::Caseload => {
            let open = storage.open_caseload().await?;
            let count = open.value.cases.len();
            Made {
                name: format!("caseload-{day}.csv"),
                text: crate::domain::export::caseload_csv(
                    &open.value.clients,
                    &open.value.cases,
                    m,
                ),
                mime: csv,
                count,
                left_out: open.unreadable.len(),
            }
        }
        What::Tasks => {
            let tasks = storage.open_tasks().await?;
            let cases: Vec<Id> = tasks.value.iter().map(|t| t.case_id).collect();
            let names = storage.client_names_of_cases(&cases).await?;
            Made {
                name: format!("tasks-{day}.csv"),
                text: crate::domain::export::tasks_csv(&tasks.value, &names, m),
                mime: csv,
                count: tasks.value.len(),
                left_out: tasks.unreadable.len(),
            }
        }
        What::Contacts => {
            let contacts = storage.all_contacts().await?;
            let cases: Vec<Id> = contacts.value.iter().map(|c| c.case_id).collect();
            let names = storage.client_names_of_cases(&cases).await?;
            Made {
                name: format!("contacts-{day}.csv"),
                text: crate::domain::export::contacts_csv(&contacts.value, &names, m),
                mime: csv,
                count: contacts.value.len(),
                left_out: contacts.unreadable.len(),
            }
        }
        What::Calendar => {
            let appointments = storage.appointments_from(day).await?;
            let due = storage
                .contacts_due(crate::domain::export::calendar_until(day))
                .await?;
            let follow_ups: Vec<(Id, chrono::NaiveDate)> =
                due.value.iter().map(|(case, on)| (case.id, *on)).collect();
            let mut cases: Vec<Id> = appointments.value.iter().map(|a| a.case_id).collect();
            cases.extend(follow_ups.iter().map(|(id, _)| *id));
            let names = storage.client_names_of_cases(&cases).await?;
            let text = crate::domain::export::calendar(
                &appointments.value,
                &follow_ups,
                day,
                &names,
                full_names,
                m,
                chrono::Utc::now(),
            );
            Made {
                name: format!("calendar-{day}.ics"),
                count: text.matches("BEGIN:VEVENT").count(),
                text,
                mime: "text/calendar;charset=utf-8",
                left_out: appointments.unreadable.len() + due.unreadable.len(),
            }
        }
        What::Fhir(case_id) => {
            let file = storage.case_file(case_id).await?;
            let records = crate::domain::fhir::CaseRecords {
                client: &file.client,
                case: &file.case,
                administrations: &file.administrations,
                tasks: &file.tasks,
                needs: &file.needs,
                plan: file.plan.as_ref(),
                referrals: &file.referrals,
                appointments: &file.appointments,
                contacts: &file.contacts,
            };
            let bundle =
                crate::domain::fhir::bundle(&records, m, &local_offset, chrono::Utc::now());
            let count = bundle["entry"].as_array().map_or(0, Vec::len);
            Made {
                name: format!("case-{}-fhir-{day}.json", &case_id.to_string()[..8]),
                text: serde_json::to_string_pretty(&bundle).unwrap_or_default(),
                mime: "application/fhir+json",
                count,
                left_out: file.unreadable.len(),
            }
        }
    })
}

/// One export: its button, what it holds, and what came of it.
#[component]
fn ExportButton(
    what: What,
    label: &'static str,
    hint: &'static str,
    testid: &'static str,
    #[prop(optional)] full_names: Option<RwSignal<bool>>,
) -> impl IntoView {
    let m = t();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<(String, usize, usize), String>>);
    let hint_id = format!("{testid}-hint");
    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        outcome.set(None);
        let storage = use_db();
        let full = full_names.is_some_and(|f| f.get_untracked());
        spawn_local(async move {
            let result = match make(storage, what, full).await {
                Ok(made) => match crate::ui::backup::download(&made.name, &made.text, made.mime) {
                    Some(()) => Ok((made.name, made.count, made.left_out)),
                    None => Err(m.export.download_failed.to_string()),
                },
                Err(e) => Err(storage_error_text(&e).to_string()),
            };
            let _ = outcome.try_set(Some(result));
            let _ = busy.try_set(false);
        });
    };
    view! {
        <div class="export">
            <button type="button" class="button" data-testid=testid aria-describedby=hint_id.clone()
                aria-disabled=move || busy.get().to_string() on:click=run>
                {move || if busy.get() { m.export.preparing } else { label }}
            </button>
            <p class="hint" id=hint_id>{hint}</p>
            <p role="status" data-testid=format!("{testid}-outcome")>
                {move || match outcome.get() {
                    Some(Ok((name, count, 0))) => (m.export.downloaded)(&name, count),
                    Some(Ok((name, count, left))) => format!("{} {}", (m.export.downloaded)(&name, count), (m.export.left_out)(left)),
                    Some(Err(why)) => why,
                    None => String::new(),
                }}
            </p>
        </div>
    }
}

#[component]
pub(crate) fn ExportPage() -> impl IntoView {
    let m = t();
    let kiosk = expect_context::<Kiosk>();
    let full_names = RwSignal::new(false);
    view! {
        <section class="page" aria-labelledby="export-heading">
            <h1 id="export-heading" tabindex="-1">{m.export.heading}</h1>
            <p>{m.export.intro}</p>
            <Show when=move || !kiosk.get()
                fallback=move || view! { <p class="banner banner-warning" data-testid="export-kiosk">{m.export.kiosk_refused}</p> }>
                <p class="banner banner-warning" data-testid="plain-warning">{m.export.plain_warning}</p>
                <ExportButton what=What::Caseload label=m.export.caseload hint=m.export.caseload_hint testid="export-caseload" />
                <ExportButton what=What::Tasks label=m.export.tasks hint=m.export.tasks_hint testid="export-tasks" />
                <ExportButton what=What::Contacts label=m.export.contacts hint=m.export.contacts_hint testid="export-contacts" />
                <div class="setting">
                    <label>
                        <input type="checkbox" id="calendar-full-names" data-testid="calendar-full-names"
                            prop:checked=move || full_names.get()
                            on:change=move |ev| full_names.set(event_target_checked(&ev)) />
                        " " {m.export.full_names}
                    </label>
                </div>
                <ExportButton what=What::Calendar label=m.export.calendar hint=m.export.calendar_hint testid="export-calendar"
                    full_names=full_names />
            </Show>
            {(!crate::ui::demo::active()).then(|| view! {
                <h2>{m.handover.heading}</h2>
                <p>{m.handover.export_note}</p>
                <p><A href=crate::ui::route::Route::Receive.href() attr:class="button">{m.handover.receive_open}</A></p>
            })}
        </section>
    }
}

/// The case page's FHIR export, with its warning; on a kiosk, the reason it is not offered.
#[component]
pub(crate) fn FhirExport(case_id: Id) -> impl IntoView {
    let m = t();
    let kiosk = expect_context::<Kiosk>();
    view! {
        <Show when=move || !kiosk.get()
            fallback=move || view! { <p class="hint" data-testid="export-kiosk">{m.export.kiosk_refused}</p> }>
            <p class="hint" data-testid="fhir-warning">{m.export.plain_warning}</p>
            <ExportButton what=What::Fhir(case_id) label=m.export.fhir hint=m.export.fhir_hint testid="export-fhir" />
        </Show>
    }
}
