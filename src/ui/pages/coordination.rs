//! The care coordination page: referrals and their closed loop (overdue ones marked), appointments and how each
//! went, and the case's tasks, whether written by hand or made by a rule.

use crate::domain::case::CaseStatus;
use crate::domain::coordination::{
    Appointment, AppointmentDraft, AppointmentStatus, Referral, ReferralDraft, ReferralStatus,
    TaskDraft,
};
use crate::domain::coverage::{AuthorizationDraft, CareLevel, Coverage, CoverageDraft};
use crate::domain::ids::Id;
use crate::domain::plan::CarePlan;
use crate::domain::task::{Need, Priority, Task, TaskKind};
use crate::domain::validation::{Field, PlanField};
use crate::domain::workflow::plans::CaseWork;
use crate::storage::{PlanFile, StorageError};
use crate::ui::form::{bind, Checkbox, FormState};
use crate::ui::form::{input, select, textarea, Input};
use crate::ui::pages::actions::{act, running, Refresh};
use crate::ui::pages::plan::{need_label, FormActions, SelectOwned};
use crate::ui::pages::{loaded, CaseTabs, FailureNotice, Section, UnreadableNotice};
use crate::ui::{date, local_date, t, today, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn CoordinationPage(id: Id) -> impl IntoView {
    let file = crate::ui::pages::actions::load_acting(id, |storage, id| async move {
        storage.plan_file(id).await
    });
    loaded(file, |file| view! { <CoordinationView file=file /> })
}

/// Saves a validated form's write; the page is read again after.
fn save(
    state: FormState,
    write: impl std::future::Future<Output = Result<(), StorageError>> + 'static,
) {
    let refresh = expect_context::<Refresh>();
    state.save(write, move |_| refresh.run());
}

/// A team member's name, if the plan has them.
fn member_name(plan: Option<&CarePlan>, id: Option<Id>) -> Option<String> {
    id.and_then(|id| plan?.member(id)).map(|p| p.name.clone())
}

/// The options of a choice among the plan's members.
fn member_options(plan: Option<&CarePlan>) -> Vec<(String, String)> {
    let m = t();
    plan.map(|p| {
        p.team
            .iter()
            .map(|x| {
                (
                    x.id.to_string(),
                    (m.plan.member_line)(&x.name, (m.plan.roles)(x.role)),
                )
            })
            .collect()
    })
    .unwrap_or_default()
}

#[component]
fn CoordinationView(file: PlanFile) -> impl IntoView {
    let m = t();
    crate::ui::pages::actions::focus_heading_after_action("#coordination-heading");
    let PlanFile {
        work, unreadable, ..
    } = file;
    provide_context(Updating(RwSignal::new(None)));
    let case_id = work.case.id;
    let open = work.case.status == CaseStatus::Open;
    let name = work.client_name.clone();
    view! {
        <section class="page">
            <h1 id="coordination-heading" tabindex="-1">{(m.coordination.heading)(&name)}</h1>
            <CaseTabs case_id=case_id current=Section::Coordination />
            <UnreadableNotice records=unreadable />
            {(!open).then(|| view! { <p class="banner banner-warning">{m.common.case_closed_no_changes}</p> })}
            <CoverageSection work=work.clone() open=open />
            <Referrals work=work.clone() open=open />
            <Appointments work=work.clone() open=open />
            <Tasks work=work open=open />
        </section>
    }
}

/// The referral whose next step is being recorded, if any: one referral form on the page at a time.
#[derive(Clone, Copy)]
struct Updating(RwSignal<Option<Referral>>);

#[component]
fn Referrals(work: CaseWork, open: bool) -> impl IntoView {
    let m = t();
    let today = today();
    let case_id = work.case.id;
    let needs: Vec<Need> = work.needs.iter().filter(|n| n.is_open()).cloned().collect();
    let rows = work
        .referrals
        .iter()
        .map(|r| {
            let need = r
                .need_id
                .and_then(|id| work.needs.iter().find(|n| n.id == id))
                .map(need_label);
            view! { <ReferralRow referral=r.clone() need=need open=open today=today /> }
        })
        .collect_view();
    let updating = expect_context::<Updating>().0;
    view! {
        <h2>{m.coordination.referrals_heading}</h2>
        {if work.referrals.is_empty() {
            view! { <p class="empty">{m.coordination.no_referrals}</p> }.into_any()
        } else {
            view! { <ul class="referrals">{rows}</ul> }.into_any()
        }}
        {open.then_some(move || match updating.get() {
            None => view! { <ReferralForm case_id=case_id needs=needs.clone() existing=None /> }.into_any(),
            Some(referral) => view! {
                <section id="referral-editor" class="editor" aria-labelledby="referral-editor-heading">
                    <h3 id="referral-editor-heading" tabindex="-1">{(m.coordination.next_step_for)(&referral.to)}</h3>
                    <ReferralForm case_id=case_id needs=needs.clone() existing=Some(referral) />
                    <button type="button" class="button" on:click=move |_| updating.set(None)>{m.coordination.stop_updating}</button>
                </section>
            }.into_any(),
        })}
    }
}

#[component]
fn ReferralRow(
    referral: Referral,
    need: Option<String>,
    open: bool,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let m = t();
    let overdue = referral.is_overdue(today);
    let sent = referral
        .sent_on
        .map(|d| (m.coordination.sent_on)(&date(d)))
        .unwrap_or_default();
    let follow = if referral.is_open() {
        (m.coordination.follow_up_by)(&date(referral.follow_up_due))
    } else {
        String::new()
    };
    let history: Vec<String> = referral
        .updates
        .iter()
        .map(|u| {
            let status = (m.coordination.referral_statuses)(u.status);
            match &u.note {
                Some(note) => (m.coordination.update_with_note)(&local_date(u.at), status, note),
                None => (m.coordination.update_line)(&local_date(u.at), status),
            }
        })
        .collect();
    let can_update = open && referral.is_open();
    view! {
        <li class="referral" class:overdue=overdue data-testid="referral">
            <strong>{referral.to.clone()}</strong> " "
            <span class="tag">{(m.coordination.referral_statuses)(referral.status)}</span>
            {overdue.then(|| view! { " " <strong class="tag tag-urgent" data-testid="overdue">{m.coordination.overdue}</strong> })}
            <p>
                {need.map(|n| (m.coordination.for_need)(&n))} " "
                <span class="hint">{sent} " " {follow}</span>
            </p>
            <p class="prose">{referral.reason.clone()}</p>
            <details>
                <summary>{m.coordination.referral_history}</summary>
                <ul>{history.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
            </details>
            {can_update.then(|| {
                let chosen = referral.clone();
                let update = move |_| {
                    expect_context::<Updating>().0.set(Some(chosen.clone()));
                    request_animation_frame(|| crate::ui::form::focus("#referral-editor h3"));
                };
                view! {
                    <button type="button" class="button button-small" aria-label=(m.coordination.record_step_named)(&referral.to) on:click=update>
                        {m.coordination.update_referral}
                    </button>
                }
            })}
        </li>
    }
}

#[component]
fn ReferralForm(case_id: Id, needs: Vec<Need>, existing: Option<Referral>) -> impl IntoView {
    let m = t();
    let today = today();
    let draft = RwSignal::new(
        existing
            .as_ref()
            .map_or_else(ReferralDraft::new, ReferralDraft::update_of),
    );
    if existing.is_none() {
        crate::ui::language::carry("referral-form", draft);
    }
    let state = FormState::new();
    let errors = state.errors;
    let need_ids: Vec<Id> = needs.iter().map(|n| n.id).collect();
    let need_options: Vec<(String, String)> = needs
        .iter()
        .map(|n| (n.id.to_string(), need_label(n)))
        .collect();
    let statuses: Vec<(&'static str, &'static str)> = match &existing {
        None => vec![ReferralStatus::Draft, ReferralStatus::Sent],
        Some(r) => r.status.next().to_vec(),
    }
    .into_iter()
    .map(|s| (s.code(), (m.coordination.referral_statuses)(s)))
    .collect();
    let is_new = existing.is_none();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        let checked = draft.with_untracked(|d| {
            d.validate(
                id,
                case_id,
                existing.as_ref(),
                &need_ids,
                today,
                chrono::Utc::now(),
            )
        });
        if let Some(referral) = state.accept(checked) {
            let storage = use_db();
            save(state, async move {
                storage.save_referral(referral).await.map(drop)
            });
        }
    };
    let (to, set_to) = bind!(draft.to);
    let (need, set_need) = bind!(draft.need_id);
    let (reason, set_reason) = bind!(draft.reason);
    let (status, set_status) = bind!(draft.status);
    let (sent_on, set_sent_on) = bind!(draft.sent_on);
    let (follow_up, set_follow_up) = bind!(draft.follow_up_due);
    let (note, set_note) = bind!(draft.note);
    let form = view! {
        <form class="form" novalidate on:submit=submit autocomplete="off">
            {is_new.then(|| view! {
                {input(Input::text(Field::Plan(PlanField::ReferralTo)).required(), (to, set_to), errors)}
                <SelectOwned field=Field::Plan(PlanField::ReferralNeed) options=need_options value=need on_change=set_need errors=errors required=false />
                {textarea(Input::text(Field::Plan(PlanField::ReferralWhy)).required(), (reason, set_reason), errors)}
            })}
            {select(Input::text(Field::Plan(PlanField::ReferralStatus)).required(), statuses, (status, set_status), errors)}
            {input(Input::date(Field::Plan(PlanField::ReferralSentOn)).max(today.to_string()), (sent_on, set_sent_on), errors)}
            {input(Input::date(Field::Plan(PlanField::ReferralFollowUp)).required(), (follow_up, set_follow_up), errors)}
            <p class="hint">{m.coordination.follow_up_hint}</p>
            {textarea(Input::text(Field::Plan(PlanField::ReferralNote)), (note, set_note), errors)}
            <FormActions state=state submit=if is_new { m.coordination.save_referral } else { m.coordination.save_update } />
        </form>
    };
    if is_new {
        view! { <details class="add-form"><summary>{m.coordination.add_referral}</summary>{form}</details> }.into_any()
    } else {
        form.into_any()
    }
}

#[component]
fn Appointments(work: CaseWork, open: bool) -> impl IntoView {
    let m = t();
    let case_id = work.case.id;
    let plan = work.plan.clone();
    let rows = work
        .appointments
        .iter()
        .map(|a| {
            let with = member_name(plan.as_ref(), a.with_member);
            let intervention = a
                .intervention_id
                .and_then(|id| plan.as_ref()?.interventions.iter().find(|i| i.id == id))
                .map(|i| i.text.clone());
            view! { <AppointmentRow appointment=a.clone() with=with intervention=intervention open=open /> }
        })
        .collect_view();
    view! {
        <h2>{m.coordination.appointments_heading}</h2>
        {if work.appointments.is_empty() {
            view! { <p class="empty">{m.coordination.no_appointments}</p> }.into_any()
        } else {
            view! { <ul class="appointments">{rows}</ul> }.into_any()
        }}
        {open.then(|| view! { <AppointmentForm case_id=case_id plan=plan.clone() coverages=work.coverages.clone() /> })}
    }
}

#[component]
fn AppointmentRow(
    appointment: Appointment,
    with: Option<String>,
    intervention: Option<String>,
    open: bool,
) -> impl IntoView {
    let m = t();
    let failure = RwSignal::new(None::<StorageError>);
    let id = appointment.id;
    let case_id = appointment.case_id;
    let mark = move |status: AppointmentStatus| {
        let storage = use_db();
        act(failure, async move {
            storage
                .set_appointment_status(case_id, id, status, today())
                .await
                .map(drop)
        });
    };
    let scheduled = appointment.status == AppointmentStatus::Scheduled;
    let when = (m.common.date_time)(appointment.starts);
    view! {
        <li class="appointment" data-testid="appointment">
            <strong>{when}</strong> " " {appointment.purpose.clone()} " "
            <span class="tag">{(m.coordination.appointment_statuses)(appointment.status)}</span>
            <p class="hint">
                {(m.coordination.appointment_at)(&appointment.place)}
                {with.map(|w| view! { {m.common.separator} {(m.coordination.appointment_with)(&w)} })}
                {intervention.map(|i| view! { {m.common.separator} {(m.coordination.carries_out)(&i)} })}
                {appointment.accompanied.then(|| view! { {m.common.separator} {m.coordination.accompanied} })}
            </p>
            {(open && scheduled).then(|| view! {
                <div class="actions" role="group" aria-label=m.coordination.record_outcome>
                    <button type="button" class="button button-small" on:click=move |_| mark(AppointmentStatus::Attended) disabled=running()>{m.coordination.mark_attended}</button>
                    <button type="button" class="button button-small" on:click=move |_| mark(AppointmentStatus::Missed) disabled=running()>{m.coordination.mark_missed}</button>
                    <button type="button" class="button button-small" on:click=move |_| mark(AppointmentStatus::Cancelled) disabled=running()>{m.coordination.mark_cancelled}</button>
                </div>
            })}
            <FailureNotice failure=failure />
        </li>
    }
}

#[component]
fn AppointmentForm(case_id: Id, plan: Option<CarePlan>, coverages: Vec<Coverage>) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(AppointmentDraft {
        date: today().to_string(),
        ..AppointmentDraft::default()
    });
    crate::ui::language::carry("appointment-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let members = member_options(plan.as_ref());
    let interventions: Vec<(String, String)> = plan
        .as_ref()
        .map(|p| {
            p.interventions
                .iter()
                .map(|i| (i.id.to_string(), i.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    let authorized = crate::domain::coverage::authorized_services(&coverages);
    let authorization_ids: Vec<Id> = authorized.iter().map(|(id, _)| *id).collect();
    let authorization_options: Vec<(String, String)> = authorized
        .into_iter()
        .map(|(id, service)| (id.to_string(), service))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        if let Some(appointment) = state.accept(draft.with_untracked(|d| {
            d.validate(
                id,
                case_id,
                plan.as_ref(),
                &authorization_ids,
                chrono::Utc::now(),
            )
        })) {
            let storage = use_db();
            save(state, async move {
                storage.add_appointment(appointment).await.map(drop)
            });
        }
    };
    let (on, set_on) = bind!(draft.date);
    let (time, set_time) = bind!(draft.time);
    let (with, set_with) = bind!(draft.with_member);
    let (place, set_place) = bind!(draft.place);
    let (purpose, set_purpose) = bind!(draft.purpose);
    let (intervention, set_intervention) = bind!(draft.intervention_id);
    let (authorization, set_authorization) = bind!(draft.authorization_id);
    let accompanied = Signal::derive(move || draft.with(|d| d.accompanied));
    view! {
        <details class="add-form">
            <summary>{m.coordination.add_appointment}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                {input(Input::date(Field::Plan(PlanField::AppointmentDate)).required(), (on, set_on), errors)}
                {input(Input::of(Field::Plan(PlanField::AppointmentTime), "time").required(), (time, set_time), errors)}
                <SelectOwned field=Field::Plan(PlanField::AppointmentWith) options=members value=with on_change=set_with errors=errors required=false />
                {input(Input::text(Field::Plan(PlanField::AppointmentPlace)).required(), (place, set_place), errors)}
                {input(Input::text(Field::Plan(PlanField::AppointmentPurpose)).required(), (purpose, set_purpose), errors)}
                <SelectOwned field=Field::Plan(PlanField::AppointmentIntervention) options=interventions value=intervention on_change=set_intervention errors=errors required=false />
                {(!authorization_options.is_empty()).then(|| view! {
                    <SelectOwned field=Field::Plan(PlanField::AppointmentAuthorization) options=authorization_options value=authorization on_change=set_authorization errors=errors required=false />
                })}
                <Checkbox field=Field::Plan(PlanField::AppointmentAccompanied) value=accompanied on_change=move |v: bool| draft.update(|d| d.accompanied = v) />
                <FormActions state=state submit=m.coordination.save_appointment />
            </form>
        </details>
    }
}

/// What a task is, in words: its title, or what the rule that made it was about.
pub(crate) fn task_title(
    task: &Task,
    appointments: &[Appointment],
    referrals: &[Referral],
    coverages: &[Coverage],
) -> String {
    let m = t();
    match task.kind {
        TaskKind::Manual => task.title.clone().unwrap_or_default(),
        TaskKind::SafetyFollowUp => m.case.task_safety_follow_up.to_string(),
        TaskKind::PostTransitionContact => (m.dashboard.task_kinds)(task.kind).to_string(),
        TaskKind::MissedAppointment => {
            let what = task
                .source
                .and_then(|id| appointments.iter().find(|a| a.id == id))
                .map(|a| (m.common.date_time)(a.starts))
                .unwrap_or_default();
            (m.coordination.task_missed_appointment)(&what)
        }
        TaskKind::CoverageEnding => {
            let payer = task
                .source
                .and_then(|id| coverages.iter().find(|c| c.id == id))
                .map(|c| c.payer.clone())
                .unwrap_or_default();
            (m.coordination.task_coverage_ending)(&payer)
        }
        TaskKind::ReferralOverdue => {
            let to = task
                .source
                .and_then(|id| referrals.iter().find(|r| r.id == id))
                .map(|r| r.to.clone())
                .unwrap_or_default();
            (m.coordination.task_referral_overdue)(&to)
        }
    }
}

#[component]
fn Tasks(work: CaseWork, open: bool) -> impl IntoView {
    let m = t();
    let today = today();
    let failure = RwSignal::new(None::<StorageError>);
    let plan = work.plan.clone();
    let case_id = work.case.id;
    let rows = work
        .tasks
        .iter()
        .map(|task| {
            let id = task.id;
            let title = task_title(task, &work.appointments, &work.referrals, &work.coverages);
            let made_by = Some((m.coordination.made_by)(task.kind));
            let assignee = member_name(plan.as_ref(), task.assignee);
            let urgent = task.priority == Priority::Urgent && task.is_open();
            let status = match (task.done_at, &task.cancelled) {
                (Some(at), _) => (m.case.task_done)(&local_date(at)),
                (None, Some(c)) => m.cancellation(c, &local_date(c.at)),
                (None, None) => (m.case.task_due)(&date(task.due)),
            };
            let mark = move |_| {
                let storage = use_db();
                act(failure, async move { storage.complete_task(id).await.map(drop) });
            };
            view! {
                <li class:task-open=task.is_open() class:task-urgent=urgent data-testid="task">
                    {urgent.then(|| view! { <strong class="tag tag-urgent">{m.case.task_urgent}</strong> " " })}
                    <strong>{title}</strong> {m.common.dash} {status}
                    {task.is_overdue(today).then(|| view! { " " <strong class="tag">{m.case.task_overdue}</strong> })}
                    {assignee.map(|a| view! { " " <span class="hint">{(m.coordination.assigned_to)(&a)}</span> })}
                    {made_by.map(|by| view! { " " <span class="hint" data-testid="made-by">{by}</span> })}
                    {(open && task.is_open()).then(|| view! {
                        " " <button type="button" class="button button-small" on:click=mark disabled=running()>{m.case.mark_done}</button>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{m.case.tasks_heading}</h2>
        {if work.tasks.is_empty() {
            view! { <p class="empty">{m.case.no_tasks}</p> }.into_any()
        } else {
            view! { <ul class="tasks">{rows}</ul> }.into_any()
        }}
        <FailureNotice failure=failure />
        {open.then(|| view! { <TaskForm case_id=case_id plan=plan.clone() /> })}
    }
}

#[component]
fn TaskForm(case_id: Id, plan: Option<CarePlan>) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(TaskDraft::new(today()));
    crate::ui::language::carry("task-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let members = member_options(plan.as_ref());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(task) = state.accept(draft.with_untracked(|d| d.validate(plan.as_ref()))) {
            let storage = use_db();
            save(state, async move {
                storage.add_task(case_id, task).await.map(drop)
            });
        }
    };
    let (title, set_title) = bind!(draft.title);
    let (due, set_due) = bind!(draft.due);
    let (priority, set_priority) = bind!(draft.priority);
    let (assignee, set_assignee) = bind!(draft.assignee);
    let priorities = Priority::ALL
        .iter()
        .map(|p| (p.code(), (m.coordination.priorities)(*p)))
        .collect();
    view! {
        <details class="add-form">
            <summary>{m.coordination.add_task}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                {input(Input::text(Field::Plan(PlanField::TaskTitle)).required(), (title, set_title), errors)}
                {input(Input::date(Field::Plan(PlanField::TaskDue)).required(), (due, set_due), errors)}
                {select(Input::text(Field::Plan(PlanField::TaskPriority)).required(), priorities, (priority, set_priority), errors)}
                <SelectOwned field=Field::Plan(PlanField::TaskAssignee) options=members value=assignee on_change=set_assignee errors=errors required=false />
                <FormActions state=state submit=m.coordination.save_task />
            </form>
        </details>
    }
}

/// The case's coverage warnings, in words (shown on the coordination and the plan page).
#[component]
pub(crate) fn CoverageWarnings(work: CaseWork) -> impl IntoView {
    use crate::domain::coverage::{warnings, Warning};
    let m = t();
    let interventions = work.interventions();
    let lines: Vec<String> = warnings(&work.coverages, &work.appointments, interventions, today())
        .into_iter()
        .map(|w| match w {
            Warning::CertificationEnds { payer, days } => {
                (m.coordination.warning_certification)(&payer, days)
            }
            Warning::AuthorizationEnds { service, days } => {
                (m.coordination.warning_authorization_ends)(&service, days)
            }
            Warning::AuthorizationRunsOut { service, left } => {
                (m.coordination.warning_runs_out)(&service, left)
            }
            Warning::AuthorizationShort {
                service,
                used,
                planned,
                units,
            } => (m.coordination.warning_short)(&service, used, planned, units),
        })
        .collect();
    (!lines.is_empty()).then(|| {
        view! {
            <div class="banner banner-warning" role="status" data-testid="coverage-warnings">
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

#[component]
fn CoverageSection(work: CaseWork, open: bool) -> impl IntoView {
    let m = t();
    let case_id = work.case.id;
    let appointments = work.appointments.clone();
    let interventions = work.interventions();
    let today = today();
    let rows = work
        .coverages
        .iter()
        .map(|c| {
            let certification = c.certification.as_ref().map(|x| {
                (m.coordination.certification_line)(
                    (m.coordination.care_levels)(x.care_level),
                    &x.insured_number,
                    &date(x.valid_from),
                    &date(x.valid_to),
                )
            });
            let details: Vec<String> = c
                .member_id
                .iter()
                .map(|id| (m.coordination.member_id_line)(id))
                .chain(c.contact.iter().cloned())
                .collect();
            let authorizations: Vec<String> = c
                .authorizations
                .iter()
                .map(|a| {
                    (m.coordination.authorization_line)(
                        &a.service,
                        crate::domain::coverage::units_used(a.id, &appointments, interventions),
                        crate::domain::coverage::units_planned(a, interventions, &appointments, today),
                        a.units,
                        &date(a.valid_from),
                        &date(a.valid_to),
                    )
                })
                .collect();
            view! {
                <li data-testid="coverage">
                    <strong>{c.payer.clone()}</strong> " " <span class="hint">{(m.common.list)(&details)}</span>
                    {certification.map(|line| view! { <p>{line}</p> })}
                    <ul>{authorizations.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{m.coordination.coverage_heading}</h2>
        <CoverageWarnings work=work.clone() />
        {if work.coverages.is_empty() {
            view! { <p class="empty">{m.coordination.no_coverage}</p> }.into_any()
        } else {
            view! { <ul class="coverages">{rows}</ul> }.into_any()
        }}
        {open.then(|| view! {
            <CoverageForm case_id=case_id />
            {(!work.coverages.is_empty()).then(|| view! { <AuthorizationForm case_id=case_id coverages=work.coverages.clone() /> })}
        })}
    }
}

#[component]
fn CoverageForm(case_id: Id) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(CoverageDraft::default());
    crate::ui::language::carry("coverage-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        if let Some(coverage) =
            state.accept(draft.with_untracked(|d| d.validate(id, case_id, chrono::Utc::now())))
        {
            let storage = use_db();
            save(state, async move {
                storage.save_coverage(coverage).await.map(drop)
            });
        }
    };
    let (payer, set_payer) = bind!(draft.payer);
    let (member_id, set_member_id) = bind!(draft.member_id);
    let (contact, set_contact) = bind!(draft.contact);
    let (insured, set_insured) = bind!(draft.insured_number);
    let (level, set_level) = bind!(draft.care_level);
    let (from, set_from) = bind!(draft.valid_from);
    let (to, set_to) = bind!(draft.valid_to);
    let ltc = Signal::derive(move || draft.with(|d| d.ltc));
    let levels: Vec<(&'static str, &'static str)> = CareLevel::ALL
        .iter()
        .map(|l| (l.code(), (m.coordination.care_levels)(*l)))
        .collect();
    view! {
        <details class="add-form">
            <summary>{m.coordination.add_coverage}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                {input(Input::text(Field::Plan(PlanField::CoveragePayer)).required(), (payer, set_payer), errors)}
                {input(Input::text(Field::Plan(PlanField::CoverageMemberId)), (member_id, set_member_id), errors)}
                {input(Input::text(Field::Plan(PlanField::CoverageContact)), (contact, set_contact), errors)}
                <Checkbox field=Field::Plan(PlanField::CoverageLtc) value=ltc on_change=move |v: bool| draft.update(|d| d.ltc = v) />
                {move || ltc.get().then(|| view! {
                    {input(Input::text(Field::Plan(PlanField::InsuredNumber)).required(), (insured, set_insured), errors)}
                    {select(Input::text(Field::Plan(PlanField::CareLevel)).required(), levels.clone(), (level, set_level), errors)}
                    {input(Input::date(Field::Plan(PlanField::CertifiedFrom)).required(), (from, set_from), errors)}
                    {input(Input::date(Field::Plan(PlanField::CertifiedTo)).required(), (to, set_to), errors)}
                })}
                <FormActions state=state submit=m.coordination.save_coverage />
            </form>
        </details>
    }
}

#[component]
fn AuthorizationForm(case_id: Id, coverages: Vec<Coverage>) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(AuthorizationDraft::default());
    crate::ui::language::carry("authorization-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let ids: Vec<Id> = coverages.iter().map(|c| c.id).collect();
    let payers: Vec<(String, String)> = coverages
        .iter()
        .map(|c| (c.id.to_string(), c.payer.clone()))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        if let Some((coverage, authorization)) =
            state.accept(draft.with_untracked(|d| d.validate(id, &ids)))
        {
            let storage = use_db();
            save(state, async move {
                storage
                    .add_authorization(case_id, coverage, authorization)
                    .await
                    .map(drop)
            });
        }
    };
    let (payer, set_payer) = bind!(draft.coverage_id);
    let (service, set_service) = bind!(draft.service);
    let (units, set_units) = bind!(draft.units);
    let (from, set_from) = bind!(draft.valid_from);
    let (to, set_to) = bind!(draft.valid_to);
    view! {
        <details class="add-form">
            <summary>{m.coordination.add_authorization}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                <SelectOwned field=Field::Plan(PlanField::AuthorizationPayer) options=payers value=payer on_change=set_payer errors=errors required=true />
                {input(Input::text(Field::Plan(PlanField::AuthorizationService)).required(), (service, set_service), errors)}
                {input(Input::of(Field::Plan(PlanField::AuthorizationUnits), "number").required(), (units, set_units), errors)}
                {input(Input::date(Field::Plan(PlanField::AuthorizationFrom)).required(), (from, set_from), errors)}
                {input(Input::date(Field::Plan(PlanField::AuthorizationTo)).required(), (to, set_to), errors)}
                <FormActions state=state submit=m.coordination.save_authorization />
            </form>
        </details>
    }
}
