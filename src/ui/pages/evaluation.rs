//! The evaluation and closure page: each goal's outcome with a comment, every instrument's result from baseline to
//! latest side by side, and the closure (listing the open work it cancels) — or, on a closed case, how it closed and
//! the form to reopen it.

use crate::domain::administration::trend;
use crate::domain::case::{CaseStatus, ClosureDraft, ClosureReason, ReopenDraft};
use crate::domain::ids::Id;
use crate::domain::instruments::Instrument;
use crate::domain::plan::{EvaluationDraft, Goal, GoalOutcome};
use crate::domain::validation::{Field, FollowUpField};
use crate::domain::workflow::plans::PlanEdit;
use crate::storage::EvaluationFile;
use crate::ui::form::{bind, input, select, textarea, FormState, Input, RadioField};
use crate::ui::pages::actions::{load_acting, running, save_and_reread};
use crate::ui::pages::plan::FormActions;
use crate::ui::pages::{loaded, CaseTabs, Section, UnreadableNotice};
use crate::ui::{date, local_time, t, today, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn EvaluationPage(id: Id) -> impl IntoView {
    let file = load_acting(id, |storage, id| async move {
        storage.evaluation_file(id).await
    });
    loaded(file, |file| view! { <EvaluationView file=file /> })
}

#[component]
fn EvaluationView(file: EvaluationFile) -> impl IntoView {
    let m = t();
    crate::ui::pages::actions::focus_heading_after_action("#evaluation-heading");
    let unevaluated = file.goals_unevaluated();
    let EvaluationFile {
        case,
        client_name,
        plan,
        administrations,
        open_work,
        read_at,
        unreadable,
    } = file;
    let open = case.status == CaseStatus::Open;
    let evaluating = RwSignal::new(None::<Id>);
    let goals = plan.map(|p| p.goals).unwrap_or_default();
    let goal_list = if goals.is_empty() {
        view! { <p class="empty">{m.evaluation.no_goals}</p> }.into_any()
    } else {
        view! {
            <ul class="goal-outcomes">
                {goals.into_iter().map(|goal| view! { <GoalOutcomeItem case_id=case.id goal=goal open=open evaluating=evaluating /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let trends: Vec<(Instrument, String, String, String)> = Instrument::ALL
        .into_iter()
        .filter_map(|i| {
            trend(&administrations, i).map(|t| {
                let cell = |a: &crate::domain::administration::Administration| {
                    (m.evaluation.result_cell)(&m.result(&a.outcome), &date(a.administered_on))
                };
                let delta = t.latest.outcome.total as i64 - t.baseline.outcome.total as i64;
                (
                    i,
                    cell(t.baseline),
                    cell(t.latest),
                    (m.evaluation.change)(delta),
                )
            })
        })
        .collect();
    let instruments = if trends.is_empty() {
        view! { <p class="empty">{m.evaluation.no_instruments}</p> }.into_any()
    } else {
        view! {
            <table class="results" data-testid="instrument-changes">
                <thead>
                    <tr>
                        <th scope="col">{m.evaluation.col_instrument}</th>
                        <th scope="col">{m.evaluation.col_baseline}</th>
                        <th scope="col">{m.evaluation.col_latest}</th>
                        <th scope="col">{m.evaluation.col_change}</th>
                    </tr>
                </thead>
                <tbody>
                    {trends.into_iter().map(|(i, baseline, latest, change)| view! {
                        <tr>
                            <th scope="row">{m.instrument(i).name}</th>
                            <td data-label=m.evaluation.col_baseline>{baseline}</td>
                            <td data-label=m.evaluation.col_latest>{latest}</td>
                            <td data-label=m.evaluation.col_change>{change}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let closing = if open {
        let opened_on = case.details.opened_on;
        let case_id = case.id;
        let lines: Vec<String> =
            open_work
                .tasks
                .iter()
                .map(|t| (m.evaluation.task_line)(&m.task_name(t), &date(t.due)))
                .chain(
                    open_work
                        .referrals
                        .iter()
                        .map(|r| (m.evaluation.referral_line)(&r.to)),
                )
                .chain(open_work.appointments.iter().map(|a| {
                    (m.dashboard.appointment)(&(m.common.date_time)(a.starts), &a.purpose)
                }))
                .collect();
        view! {
            <h2>{m.evaluation.close_heading}</h2>
            <CloseForm case_id=case_id opened_on=opened_on confirmed=open_work.ids() shown_at=read_at lines=lines unevaluated=unevaluated />
        }
        .into_any()
    } else {
        let closure = case.closure.clone();
        let (reason, on) = closure
            .map(|c| {
                (
                    m.closure_words(c.code, &c.reason),
                    c.on.map_or_else(|| crate::ui::local_date(c.at), date),
                )
            })
            .unwrap_or_default();
        view! {
            <p class="banner banner-warning" data-testid="closed">{(m.evaluation.closed)(&reason, &on)}</p>
            <ReopenForm case_id=case.id />
        }
        .into_any()
    };
    view! {
        <section class="page">
            <h1 id="evaluation-heading" tabindex="-1">{(m.evaluation.heading)(&client_name)}</h1>
            <CaseTabs case_id=case.id current=Section::Evaluation />
            <UnreadableNotice records=unreadable />
            <h2>{m.evaluation.goals_heading}</h2>
            {goal_list}
            <h2>{m.evaluation.instruments_heading}</h2>
            {instruments}
            {closing}
        </section>
    }
}

/// One goal with its outcome, and (on an open case) the form to record or change it, one form on the page at a time.
#[component]
fn GoalOutcomeItem(
    case_id: Id,
    goal: Goal,
    open: bool,
    evaluating: RwSignal<Option<Id>>,
) -> impl IntoView {
    let m = t();
    let goal_id = goal.id;
    let outcome = match &goal.evaluation {
        Some(e) => view! {
            <p><strong>{(m.evaluation.evaluated)((m.evaluation.outcomes)(e.outcome), &e.by, &local_time(e.at))}</strong></p>
            <p class="prose">{e.comment.clone()}</p>
        }
        .into_any(),
        None => view! { <p class="hint">{m.evaluation.not_evaluated}</p> }.into_any(),
    };
    let label = if goal.evaluation.is_some() {
        m.evaluation.evaluate_again
    } else {
        m.evaluation.evaluate
    };
    let evaluation = goal.evaluation.clone();
    view! {
        <li data-testid="goal-outcome">
            <h3>{goal.text.clone()}</h3>
            {outcome}
            {(open && goal.status != crate::domain::plan::GoalStatus::Cancelled).then_some(move || if evaluating.get() == Some(goal_id) {
                view! { <EvaluationForm case_id=case_id goal_id=goal_id draft=EvaluationDraft::of(evaluation.as_ref()) evaluating=evaluating /> }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-small" id=format!("evaluate-{goal_id}") disabled=running()
                        on:click=move |_| evaluating.set(Some(goal_id))>{label}</button>
                }
                .into_any()
            })}
        </li>
    }
}

#[component]
fn EvaluationForm(
    case_id: Id,
    goal_id: Id,
    draft: EvaluationDraft,
    evaluating: RwSignal<Option<Id>>,
) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(draft);
    let state = FormState::new();
    let errors = state.errors;
    let f = Field::FollowUp;
    let (outcome, set_outcome) = bind!(draft.outcome);
    let (comment, set_comment) = bind!(draft.comment);
    let (by, set_by) = bind!(draft.by);
    let outcomes: Vec<(&'static str, &'static str)> = GoalOutcome::ALL
        .iter()
        .map(|o| (o.code(), (m.evaluation.outcomes)(*o)))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(evaluation) =
            state.accept(draft.with_untracked(|d| d.validate(chrono::Utc::now())))
        {
            let storage = use_db();
            save_and_reread(state, async move {
                storage
                    .edit_plan(
                        case_id,
                        PlanEdit::Evaluate {
                            goal_id,
                            evaluation,
                        },
                    )
                    .await
            });
        }
    };
    request_animation_frame(|| crate::ui::form::focus("#field-evaluationoutcome input"));
    view! {
        <form class="form" novalidate on:submit=submit autocomplete="off" aria-label=m.evaluation.evaluate>
            <RadioField field=f(FollowUpField::EvaluationOutcome) options=outcomes value=outcome on_change=set_outcome errors=errors />
            {textarea(Input::text(f(FollowUpField::EvaluationComment)).required(), (comment, set_comment), errors)}
            {input(Input::text(f(FollowUpField::EvaluationBy)).required(), (by, set_by), errors)}
            <FormActions state=state submit=m.evaluation.save_outcome />
            <button type="button" class="button" on:click=move |_| {
                evaluating.set(None);
                request_animation_frame(move || crate::ui::form::focus(&format!("#evaluate-{goal_id}")));
            }>{m.common.cancel}</button>
        </form>
    }
}

/// The closure form: day, reason and comment, with the open work it cancels listed above its button.
#[component]
fn CloseForm(
    case_id: Id,
    opened_on: chrono::NaiveDate,
    confirmed: Vec<Id>,
    shown_at: chrono::NaiveDateTime,
    lines: Vec<String>,
    unevaluated: usize,
) -> impl IntoView {
    let m = t();
    // `?close=transferred` (from a handover): the reason chosen already.
    let preset = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("close"))
        .filter(|code| ClosureReason::from_code(code).is_some())
        .unwrap_or_default();
    let draft = RwSignal::new(ClosureDraft {
        code: preset,
        ..ClosureDraft::new(today())
    });
    crate::ui::language::carry("closure-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let f = Field::FollowUp;
    let (on, set_on) = bind!(draft.on);
    let (code, set_code) = bind!(draft.code);
    let (comment, set_comment) = bind!(draft.comment);
    let reasons: Vec<(&'static str, &'static str)> = ClosureReason::ALL
        .iter()
        .map(|r| (r.code(), (m.evaluation.reasons)(*r)))
        .collect();
    let explain = unevaluated > 0;
    let submit_text = if lines.is_empty() {
        m.evaluation.close
    } else {
        m.evaluation.cancel_and_close
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(form) =
            state.accept(draft.with_untracked(|d| d.validate(opened_on, today(), explain)))
        {
            let storage = use_db();
            let confirmed = confirmed.clone();
            save_and_reread(state, async move {
                storage
                    .close_case_with(case_id, form, confirmed, shown_at)
                    .await
            });
        }
    };
    view! {
        <form class="form" id="close-form" novalidate on:submit=submit autocomplete="off" aria-label=m.evaluation.close_heading>
            {input(Input::date(f(FollowUpField::ClosedOn)).required().max(today().to_string()), (on, set_on), errors)}
            {select(Input::text(f(FollowUpField::ClosureCode)).required(), reasons, (code, set_code), errors)}
            {if lines.is_empty() {
                view! { <p class="hint">{m.evaluation.no_open_work}</p> }.into_any()
            } else {
                view! {
                    <p>{m.evaluation.open_work}</p>
                    <ul data-testid="open-work">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                }
                .into_any()
            }}
            {explain.then(|| view! { <p class="banner banner-warning">{(m.evaluation.unevaluated)(unevaluated)}</p> })}
            {textarea(if explain { Input::text(f(FollowUpField::ClosureComment)).required() } else { Input::text(f(FollowUpField::ClosureComment)) }, (comment, set_comment), errors)}
            <FormActions state=state submit=submit_text />
        </form>
    }
}

#[component]
fn ReopenForm(case_id: Id) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(ReopenDraft::default());
    let state = FormState::new();
    let errors = state.errors;
    let f = Field::FollowUp;
    let (reason, set_reason) = bind!(draft.reason);
    let (by, set_by) = bind!(draft.by);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some((reason, by)) = state.accept(draft.with_untracked(ReopenDraft::validate)) {
            let storage = use_db();
            save_and_reread(state, async move {
                storage.reopen_case(case_id, reason, by).await
            });
        }
    };
    view! {
        <details class="add-form" id="reopen">
            <summary>{m.evaluation.reopen}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                <p class="hint">{m.evaluation.reopen_hint}</p>
                {textarea(Input::text(f(FollowUpField::ReopenReason)).required(), (reason, set_reason), errors)}
                {input(Input::text(f(FollowUpField::ReopenBy)).required(), (by, set_by), errors)}
                <FormActions state=state submit=m.evaluation.reopen_button />
            </form>
        </details>
    }
}
