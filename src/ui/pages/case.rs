//! A case's page, the hub of its process: the phase stepper, risk tier with its reasons and override, safety
//! alerts, instruments with their trends, tasks, needs, screening and assessment, and the case history.

use crate::domain::administration::{safety_alert, trend, Administration, EnteredInErrorDraft};
use crate::domain::case::{Case, CaseStatus, EventKind};
use crate::domain::ids::Id;
use crate::domain::instruments::Instrument;
use crate::domain::phase::{Phase, PhaseProgress};
use crate::domain::risk::{tier_code, Tier, TierOverrideDraft};
use crate::domain::task::{Task, TaskKind};
use crate::domain::validation::Field;
use crate::storage::{CaseFile, StorageError};
use crate::ui::form::{bind, FormErrorSummary, FormState, SelectField, TextArea, TextField};
use crate::ui::pages::{load_for_id, loaded, FailureNotice, UnreadableNotice};
use crate::ui::route::Route;
use crate::ui::{date, local_date, local_time, t, today, use_db};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Bumped after every change made on the page, so the case is read again; the page then puts the keyboard focus
/// back on its heading (the re-read replaces what had it).
#[derive(Clone, Copy)]
struct Refresh(RwSignal<u32>, RwSignal<bool>);

impl Refresh {
    fn run(self) {
        self.1.set(true);
        self.0.update(|n| *n += 1);
    }
}

#[component]
pub(crate) fn CasePage(id: Id) -> impl IntoView {
    let refresh = Refresh(RwSignal::new(0), RwSignal::new(false));
    provide_context(refresh);
    let running = Running(RwSignal::new(false));
    provide_context(running);
    let file = load_for_id(id, move |storage, id| {
        refresh.0.track();
        async move { storage.case_file(id).await }
    });
    // An action stays "running" until the page shows its result: no button acts on what is no longer shown.
    Effect::new(move |_| {
        if file.is_loaded() {
            running.0.set(false);
        }
    });
    loaded(file, |file| view! { <CaseView file=file /> })
}

/// Whether one of the page's actions is running: every action button is disabled meanwhile, so a second press
/// cannot start the same change twice.
#[derive(Clone, Copy)]
struct Running(RwSignal<bool>);

/// Runs a storage write, then re-reads the page; a failure is shown in `failure`. Nothing starts while another
/// action of the page runs.
fn act<F>(failure: RwSignal<Option<StorageError>>, write: F)
where
    F: std::future::Future<Output = Result<(), StorageError>> + 'static,
{
    let refresh = expect_context::<Refresh>();
    let running = expect_context::<Running>().0;
    if running.get_untracked() {
        return;
    }
    running.set(true);
    failure.set(None);
    spawn_local(async move {
        match write.await {
            Ok(()) => refresh.run(),
            Err(error) => {
                running.set(false);
                failure.set(Some(error));
            }
        }
    });
}

/// True while an action of the page runs (for `disabled`).
fn running() -> Signal<bool> {
    let running = expect_context::<Running>().0;
    Signal::derive(move || running.get())
}

#[component]
fn CaseView(file: CaseFile) -> impl IntoView {
    let m = t();
    let CaseFile {
        case,
        client,
        administrations,
        tasks,
        needs,
        assessment,
        unreadable,
    } = file;
    let refresh = expect_context::<Refresh>();
    Effect::new(move |_| {
        if refresh.1.get_untracked() {
            refresh.1.set(false);
            crate::ui::form::focus("#case-heading");
        }
    });
    let d = case.details.clone();
    let name = client.details.full_name.clone();
    let case_id = case.id;
    let open = case.status == CaseStatus::Open;
    let safety = safety_alert(&administrations, &tasks).map(|on| (m.case.safety_alert)(&date(on)));
    let closure = case
        .closure
        .clone()
        .map(|c| (m.case.case_closed)(&local_date(c.at), &c.reason));
    let screening_href = Route::Screening(case_id).href();
    let assessment_href = Route::Assessment(case_id).href();
    let not_eligible = case.closure_offer().map(str::to_string);
    let screening_label = if case.screening.is_some() {
        m.case.edit_screening
    } else {
        m.case.record_screening
    };
    view! {
        <section class="page">
            <h1 id="case-heading" tabindex="-1">{(m.common.case_heading)(&name)}</h1>
            <UnreadableNotice records=unreadable />
            <p><A href=Route::Client(client.id).href()>{name.clone()}</A> {m.common.separator} {m.case_status(case.status)}</p>
            {safety.map(|text| view! { <div class="banner banner-error safety-alert" role="alert"><p>{text}</p></div> })}
            {closure.map(|text| view! { <p class="banner banner-warning">{text}</p> })}
            <dl class="details">
                <dt>{m.common.field_specialty}</dt><dd>{m.specialty(d.specialty)}</dd>
                <dt>{m.common.field_model}</dt><dd>{m.model(d.model)}</dd>
                <dt>{m.common.field_case_manager}</dt><dd>{d.case_manager.clone()}</dd>
                <dt>{m.common.field_opened_on}</dt><dd>{date(d.opened_on)}</dd>
                <dt>{m.common.field_referral_source}</dt><dd>{d.referral_source.clone().unwrap_or_else(|| m.common.not_recorded.into())}</dd>
                <dt>{m.common.field_referral_reason}</dt><dd class="prose">{d.referral_reason.clone()}</dd>
            </dl>

            <h2>{m.case.process_heading}</h2>
            <PhaseStepper current=case.phase />
            {open.then(|| view! { <MovePhase case_id=case_id current=case.phase /> })}

            <RiskPanel case=case.clone() />

            <TaskList tasks=tasks />

            <h2>{m.case.needs_heading}</h2>
            {if needs.is_empty() {
                view! { <p class="empty">{m.case.no_needs}</p> }.into_any()
            } else {
                view! {
                    <ul class="needs">
                        {needs.into_iter().map(|n| view! {
                            <li>
                                {match &n.withdrawn {
                                    None => view! { <span>{(m.case.need_from_screening)(m.ahc_domain(n.domain), &local_date(n.identified_at))}</span> }.into_any(),
                                    Some(w) => view! {
                                        <s>{(m.case.need_from_screening)(m.ahc_domain(n.domain), &local_date(n.identified_at))}</s>
                                        " " <span class="hint">{(m.case.need_withdrawn)(&local_date(w.at), &w.reason)}</span>
                                    }.into_any(),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <h2>{m.common.screening_heading}</h2>
            {match &case.screening {
                None => view! { <p class="empty">{m.case.screening_not_recorded}</p> }.into_any(),
                Some(s) => view! {
                    <p class="screening-summary">
                        <strong>{m.decision(s.decision)}</strong> {m.common.dash} {s.rationale.clone()}
                        <span class="hint">{(m.case.screened_note)(&date(s.screened_on), &s.screened_by)}</span>
                    </p>
                }.into_any(),
            }}
            {not_eligible.map(|rationale| view! { <CloseOffer case_id=case_id rationale=rationale /> })}
            {open.then(|| view! {
                <A href=screening_href attr:class="button">{screening_label}</A>
            })}

            <h2>{m.common.assessment_heading}</h2>
            <p>
                {assessment.as_ref().map_or(m.case.assessment_not_started, |a| m.assessment_status(a.status))}
                " "
                <A href=assessment_href attr:class="button">{m.case.assessment_open}</A>
            </p>

            <InstrumentTable case_id=case_id open=open administrations=administrations.clone() />
            <ResultList case_id=case_id open=open administrations=administrations />

            <h2>{m.case.history_heading}</h2>
            <CaseHistory case=case />
        </section>
    }
}

/// After a "not eligible" screening: close the case with the screening's rationale as the reason.
#[component]
fn CloseOffer(case_id: crate::domain::ids::Id, rationale: String) -> impl IntoView {
    let m = t();
    let failure = RwSignal::new(None::<StorageError>);
    let close = move |_| {
        let storage = use_db();
        let reason = rationale.clone();
        act(failure, async move {
            storage.close_case(case_id, reason).await.map(drop)
        });
    };
    view! {
        <div class="confirm" role="group" aria-label=m.case.close_case_button>
            <p>{m.case.close_not_eligible_offer}</p>
            <button type="button" class="button button-danger" on:click=close disabled=running()>{m.case.close_case_button}</button>
        </div>
        <FailureNotice failure=failure />
    }
}

#[component]
fn PhaseStepper(current: Phase) -> impl IntoView {
    let m = t();
    view! {
        <ol class="stepper">
            {Phase::ALL.into_iter().map(|phase| {
                let progress = phase.progress_against(current);
                view! {
                    <li
                        class:done=progress == PhaseProgress::Done
                        class:current=progress == PhaseProgress::Current
                        aria-current=(progress == PhaseProgress::Current).then_some("step")
                    >
                        {(m.case.phase_step)(phase.number(), m.phase(phase))}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn MovePhase(case_id: crate::domain::ids::Id, current: Phase) -> impl IntoView {
    let m = t();
    let target = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<StorageError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to) = Phase::from_code(&target.get_untracked()) else {
            return;
        };
        let storage = use_db();
        act(failure, async move {
            storage.move_case(case_id, to).await.map(drop)
        });
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <label for="move-to">{m.case.move_to_label}</label>
            <select id="move-to" prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">{m.common.choose}</option>
                {Phase::ALL.into_iter().filter(|p| *p != current).map(|p| view! {
                    <option value=p.code()>{(m.case.phase_step)(p.number(), m.phase(p))}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button button-primary" disabled=move || target.with(String::is_empty) || running().get()>
                {m.case.move_button}
            </button>
        </form>
        <FailureNotice failure=failure />
    }
}

#[component]
fn RiskPanel(case: Case) -> impl IntoView {
    let m = t();
    let effective = case.tier();
    let computed = case.risk.clone();
    let over = case.tier_override.clone();
    let open = case.status == CaseStatus::Open;
    let case_id = case.id;
    view! {
        <section class="risk" aria-labelledby="risk-heading">
            <h2 id="risk-heading">{m.case.risk_heading}</h2>
            <p class="tier-line">
                {m.case.tier_label} {m.common.label_separator}
                <span class=format!("tier tier-{}", tier_code(effective)) data-testid="effective-tier">{m.tier_or_unstratified(effective)}</span>
            </p>
            <p class="computed-tier">{(m.case.computed_tier)(m.tier_or_unstratified(computed.tier))}</p>
            {over.as_ref().map(|o| view! {
                <p class="override-line">
                    {(m.case.overridden_tier)(m.tier(o.tier), &o.by, &local_date(o.at))} {m.common.label_separator} {o.rationale.clone()}
                </p>
            })}
            {if computed.reasons.is_empty() {
                view! { <p class="empty">{m.case.no_risk_reasons}</p> }.into_any()
            } else {
                view! {
                    <ul class="reasons">
                        {computed.reasons.iter().map(|r| view! { <li>{m.reason(r)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {open.then(|| view! { <OverrideForm case_id=case_id overridden=over.is_some() /> })}
        </section>
    }
}

#[component]
fn OverrideForm(case_id: crate::domain::ids::Id, overridden: bool) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(TierOverrideDraft::default());
    let state = FormState::new();
    let errors = state.errors;
    let refresh = expect_context::<Refresh>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(over) = state.accept(draft.with_untracked(|d| d.validate(Utc::now()))) {
            let storage = use_db();
            state.save(
                async move { storage.override_tier(case_id, over).await },
                move |_| refresh.run(),
            );
        }
    };
    let clear = move |_| {
        if let Some(by) = state.accept(draft.with_untracked(|d| d.validate_clear())) {
            let storage = use_db();
            state.save(
                async move { storage.clear_tier_override(case_id, by).await },
                move |_| refresh.run(),
            );
        }
    };
    let tiers = Tier::ALL.iter().map(|t| (t.code(), m.tier(*t))).collect();
    let (tier, set_tier) = bind!(draft.tier);
    let (rationale, set_rationale) = bind!(draft.rationale);
    let (by, set_by) = bind!(draft.by);
    view! {
        <details class="override" open=overridden>
            <summary>{m.case.override_heading}</summary>
            <form class="form" novalidate on:submit=submit>
                <SelectField field=Field::OverrideTier options=tiers errors=errors required=true value=tier on_change=set_tier />
                <TextArea field=Field::OverrideRationale errors=errors required=true value=rationale on_input=set_rationale />
                <TextField field=Field::OverrideBy errors=errors required=true value=by on_input=set_by />
                <FormErrorSummary errors=errors />
                <FailureNotice failure=state.failure />
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || state.saving.get() || running().get()>{m.case.override_button}</button>
                    {overridden.then(|| view! {
                        <button type="button" class="button" disabled=move || state.saving.get() || running().get() on:click=clear>
                            {m.case.clear_override_button}
                        </button>
                    })}
                </div>
            </form>
        </details>
    }
}

#[component]
fn TaskList(tasks: Vec<Task>) -> impl IntoView {
    let m = t();
    let today = today();
    let failure = RwSignal::new(None::<StorageError>);
    view! {
        <h2>{m.case.tasks_heading}</h2>
        {if tasks.is_empty() {
            view! { <p class="empty">{m.case.no_tasks}</p> }.into_any()
        } else {
            view! {
                <ul class="tasks">
                    {tasks.into_iter().map(|task| {
                        let title = match task.kind {
                            TaskKind::SafetyFollowUp => m.case.task_safety_follow_up,
                        };
                        let id = task.id;
                        let urgent = task.priority == crate::domain::task::Priority::Urgent;
                        let status = match (task.done_at, &task.cancelled) {
                            (Some(at), _) => (m.case.task_done)(&local_date(at)),
                            (None, Some(c)) => (m.case.task_cancelled)(&local_date(c.at), &c.reason),
                            (None, None) => (m.case.task_due)(&date(task.due)),
                        };
                        let mark = move |_| {
                            let storage = use_db();
                            act(failure, async move { storage.complete_task(id).await.map(drop) });
                        };
                        view! {
                            <li class:task-open=task.is_open() class:task-urgent=urgent && task.is_open()>
                                {(urgent && task.is_open()).then(|| view! { <strong class="tag tag-urgent">{m.case.task_urgent}</strong> " " })}
                                {title} {m.common.dash} {status}
                                {task.is_overdue(today).then(|| view! { " " <strong class="tag">{m.case.task_overdue}</strong> })}
                                {task.is_open().then(|| view! {
                                    " " <button type="button" class="button button-small" on:click=mark disabled=running()>{m.case.mark_done}</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <FailureNotice failure=failure />
    }
}

#[component]
fn InstrumentTable(
    case_id: crate::domain::ids::Id,
    open: bool,
    administrations: Vec<Administration>,
) -> impl IntoView {
    let m = t();
    view! {
        <h2>{m.case.instruments_heading}</h2>
        <table class="instruments">
            <thead>
                <tr>
                    <th scope="col">{m.case.col_instrument}</th>
                    <th scope="col">{m.case.col_latest}</th>
                    <th scope="col"><span class="visually-hidden">{m.case.administer}</span></th>
                </tr>
            </thead>
            <tbody>
                {Instrument::ALL.into_iter().map(|instrument| {
                    let texts = m.instrument(instrument);
                    let href = Route::Instrument(case_id, instrument).href();
                    let summary = trend(&administrations, instrument).map(|t| {
                        let latest = &t.latest.outcome;
                        let mut history = Vec::new();
                        if let Some(delta) = t.since_previous {
                            history.push((m.case.change_since_previous)(delta));
                        }
                        if let Some(delta) = t.since_baseline {
                            history.push((m.case.change_since_baseline)(delta));
                        }
                        history.push((m.case.administrations_count)(t.count));
                        let flags: Vec<String> = latest.flags.iter().map(|f| m.flag(*f)).collect();
                        (
                            (m.case.latest_result)(&m.result(latest), &date(t.latest.administered_on)),
                            (m.common.detail_parts)(&history),
                            flags,
                        )
                    });
                    let administered = summary.is_some();
                    view! {
                        <tr data-instrument=instrument.code()>
                            <th scope="row">{texts.name}</th>
                            {match summary {
                                None => view! { <td class="empty">{m.case.never_administered}</td> }.into_any(),
                                Some((result, history, flags)) => view! {
                                    <td>
                                        <span class="latest">{result}</span>
                                        <span class="hint">{m.common.separator} {history}</span>
                                        <ul class="flags">{flags.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                                    </td>
                                }.into_any(),
                            }}
                            <td>
                                {open.then(|| view! {
                                    <A href=href attr:class="button button-small">
                                        {if administered { m.case.administer_again } else { m.case.administer }}
                                    </A>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Every result, newest first, each with its score and who gave it; one keyed in wrongly can be marked entered in
/// error (it stays listed, struck through, and stops counting).
#[component]
fn ResultList(
    case_id: crate::domain::ids::Id,
    open: bool,
    administrations: Vec<Administration>,
) -> impl IntoView {
    let m = t();
    let marking = RwSignal::new(None::<crate::domain::ids::Id>);
    view! {
        <h2>{m.case.results_heading}</h2>
        {if administrations.is_empty() {
            view! { <p class="empty">{m.case.no_results}</p> }.into_any()
        } else {
            view! {
                <ul class="results">
                    {administrations.into_iter().rev().map(|a| {
                        let id = a.id;
                        let mut line = (m.case.result_line)(
                            m.instrument(a.instrument).name,
                            &date(a.administered_on),
                            &a.administered_by,
                            &m.result(&a.outcome),
                        );
                        if let Some(version) = a.earlier_definition() {
                            line = (m.common.detail_parts)(&[line, (m.case.earlier_definition)(version)]);
                        }
                        if !a.validated_wording() {
                            line = (m.common.detail_parts)(&[line, m.common.unvalidated_translation.to_string()]);
                        }
                        let error = a.entered_in_error.clone();
                        let counts = error.is_none();
                        view! {
                            <li class:entered-in-error=!counts data-result=id.to_string()>
                                {if counts { view! { <span>{line}</span> }.into_any() } else { view! { <s>{line}</s> }.into_any() }}
                                {error.map(|e| view! {
                                    <p class="hint">{(m.case.entered_in_error_label)(&local_date(e.at), &e.by, &e.reason)}</p>
                                })}
                                {(open && counts).then(|| view! {
                                    " " <button type="button" class="button button-small"
                                        aria-expanded=move || (marking.get() == Some(id)).to_string()
                                        aria-controls=format!("entered-in-error-{id}")
                                        on:click=move |_| marking.set(Some(id))>{m.case.mark_entered_in_error}</button>
                                })}
                                {move || (marking.get() == Some(id)).then(|| view! {
                                    <EnteredInErrorForm case_id=case_id administration_id=id marking=marking />
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn EnteredInErrorForm(
    case_id: crate::domain::ids::Id,
    administration_id: crate::domain::ids::Id,
    marking: RwSignal<Option<crate::domain::ids::Id>>,
) -> impl IntoView {
    let m = t();
    let state = FormState::new();
    let draft = RwSignal::new(EnteredInErrorDraft::default());
    let (reason, set_reason) = bind!(draft.reason);
    let (by, set_by) = bind!(draft.by);
    let errors = state.errors;
    let failure = RwSignal::new(None::<StorageError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(mark) = state.accept(draft.with_untracked(|d| d.validate(Utc::now()))) {
            let storage = use_db();
            act(failure, async move {
                storage
                    .mark_entered_in_error(case_id, administration_id, mark)
                    .await
                    .map(drop)
            });
        }
    };
    view! {
        <form class="confirm" id=format!("entered-in-error-{administration_id}") on:submit=submit novalidate>
            <h3>{m.case.entered_in_error_heading}</h3>
            <p class="hint">{m.case.entered_in_error_explained}</p>
            <TextArea field=Field::ErrorReason errors=errors required=true value=reason on_input=set_reason />
            <TextField field=Field::ErrorBy errors=errors required=true value=by on_input=set_by />
            <FormErrorSummary errors=errors />
            <div class="actions">
                <button type="submit" class="button button-danger" disabled=running()>{m.case.entered_in_error_submit}</button>
                <button type="button" class="button" on:click=move |_| marking.set(None)>{m.case.cancel_entered_in_error}</button>
            </div>
        </form>
        <FailureNotice failure=failure />
    }
}

/// Phase moves and other events together, newest first.
#[component]
fn CaseHistory(case: Case) -> impl IntoView {
    let m = t();
    let mut lines: Vec<(DateTime<Utc>, String)> = case
        .history
        .iter()
        .map(|change| {
            let text = match change.from {
                None => (m.case.history_opened)(m.phase(change.to)),
                Some(from) => (m.case.history_moved)(m.phase(from), m.phase(change.to)),
            };
            (change.at, text)
        })
        .collect();
    lines.extend(case.events.iter().map(|event| {
        let text = match &event.kind {
            EventKind::ScreeningRecorded { decision } => {
                (m.case.history_screening)(m.decision(*decision))
            }
            EventKind::TierOverridden {
                computed,
                tier,
                rationale,
                by,
            } => (m.case.history_override)(
                m.tier_or_unstratified(*computed),
                m.tier(*tier),
                by,
                rationale,
            ),
            EventKind::OverrideCleared { by } => (m.case.history_override_cleared)(by),
            EventKind::OverrideLifted {
                overridden,
                computed,
            } => (m.case.history_override_lifted)(
                m.tier(*overridden),
                m.tier_or_unstratified(*computed),
            ),
            EventKind::Closed { reason } => (m.case.history_closed)(reason),
            EventKind::ResultEnteredInError {
                instrument,
                reason,
                by,
            } => (m.case.history_entered_in_error)(m.instrument(*instrument).name, by, reason),
        };
        (event.at, text)
    }));
    // Stable: for the same instant, later-recorded lines stay later before the reversal.
    crate::domain::order::sort_by_key(&mut lines, |(at, _)| *at);
    lines.reverse();
    view! {
        <ul class="history">
            {lines.into_iter().map(|(at, text)| view! {
                <li><time datetime=at.to_rfc3339()>{local_time(at)}</time> " " {text}</li>
            }).collect_view()}
        </ul>
    }
}
