//! A case's page, the hub of its process: the phase stepper, risk tier with its reasons and override, safety
//! alerts, instruments with their trends, tasks, needs, screening and assessment, and the case history.

use crate::domain::administration::{safety_alert, trend, Administration, EnteredInErrorDraft};
use crate::domain::assessment::Section as AssessmentSection;
use crate::domain::case::{Case, CaseStatus};
use crate::domain::coordination::{Appointment, AppointmentStatus, Referral};
use crate::domain::ids::Id;
use crate::domain::instruments::Instrument;
use crate::domain::phase::{Phase, PhaseProgress};
use crate::domain::progress::{met, missing_for_move, move_reason, ready_for, requirements, Facts};
use crate::domain::risk::{tier_code, Tier, TierOverrideDraft};
use crate::domain::task::Task;
use crate::domain::validation::{Field, PlanField};
use crate::storage::{CaseFile, StorageError};
use crate::ui::form::{bind, FormErrorSummary, FormState, TextArea};
use crate::ui::form::{input, select, textarea, Input};
use crate::ui::pages::actions::{act, running, Refresh};
use crate::ui::pages::coordination::task_title;
use crate::ui::pages::{loaded, CaseTabs, Details, FailureNotice, Section, UnreadableNotice};
use crate::ui::route::Route;
use crate::ui::{date, local_date, t, today, use_db};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub(crate) fn CasePage(id: Id) -> impl IntoView {
    // An action stays "running" until the page shows its result: no button acts on what is no longer shown.
    let file = crate::ui::pages::actions::load_acting(id, |storage, id| async move {
        storage.case_file(id).await
    });
    loaded(file, |file| view! { <CaseView file=file /> })
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
        plan,
        referrals,
        appointments,
        transitions,
        contacts,
        unreadable,
        ..
    } = file;
    let today = today();
    let facts = Facts::of(&case, assessment.as_ref(), plan.as_ref(), &referrals, today)
        .with_transitions(&transitions, &contacts, chrono::Local::now().naive_local());
    let open_needs = needs.iter().filter(|n| n.is_open()).count();
    let overdue_referrals = referrals.iter().filter(|r| r.is_overdue(today)).count();
    let coming: Vec<String> = appointments
        .iter()
        .filter(|a| a.status == AppointmentStatus::Scheduled && a.starts.date() >= today)
        .take(3)
        .map(|a| (m.case.appointment_line)(&(m.common.date_time)(a.starts), &a.purpose))
        .collect();
    let summary = assessment.as_ref().map(|a| {
        let conditions: Vec<String> = a
            .conditions
            .iter()
            .map(|c| c.name.clone())
            .filter(|n| !n.is_empty())
            .collect();
        (
            conditions,
            a.text(AssessmentSection::WhatMatters).to_string(),
        )
    });
    crate::ui::pages::actions::focus_heading_after_action("#case-heading");
    let d = case.details.clone();
    let details = vec![
        (
            m.common.field_specialty,
            m.specialty(d.specialty).to_string(),
        ),
        (m.common.field_model, m.model(d.model).to_string()),
        (m.common.field_case_manager, d.case_manager.clone()),
        (m.common.field_opened_on, date(d.opened_on)),
        (
            m.common.field_referral_source,
            d.referral_source
                .clone()
                .unwrap_or_else(|| m.common.not_recorded.into()),
        ),
        (m.common.field_referral_reason, d.referral_reason.clone()),
    ];
    let name = client.details.full_name.clone();
    let case_id = case.id;
    let open = case.status == CaseStatus::Open;
    let safety = safety_alert(&administrations, &tasks).map(|on| (m.case.safety_alert)(&date(on)));
    let closure = case.closure.clone().map(|c| {
        let on = c.on.map_or_else(|| local_date(c.at), date);
        (m.case.case_closed)(&on, &m.closure_words(c.code, &c.reason))
    });
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
            <CaseTabs case_id=case_id current=Section::Overview />
            <UnreadableNotice records=unreadable />
            <p><A href=Route::Client(client.id).href()>{name.clone()}</A> {m.common.separator} {m.case_status(case.status)}</p>
            {safety.map(|text| view! { <div class="banner banner-error safety-alert" role="alert"><p>{text}</p></div> })}
            {closure.map(|text| view! { <p class="banner banner-warning">{text}</p> })}
            <Details rows=details />

            {summary.map(|(conditions, matters)| view! {
                <h2>{m.case.assessment_summary_heading}</h2>
                <Details rows=vec![
                    (m.case.conditions_label, if conditions.is_empty() { m.common.not_recorded.to_string() } else { (m.common.list)(&conditions) }),
                    (m.section(AssessmentSection::WhatMatters), if matters.is_empty() { m.common.not_recorded.to_string() } else { matters }),
                ] />
            })}

            <h2>{m.case.process_heading}</h2>
            <PhaseStepper current=case.phase facts=facts />
            {open.then(|| view! { <MovePhase case_id=case_id current=case.phase facts=facts /> })}

            <RiskPanel case=case.clone() />

            <TaskList tasks=tasks appointments=appointments.clone() referrals=referrals.clone() />

            <h2>{m.case.coming_up_heading}</h2>
            <ul class="coming-up">
                {coming.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                <li><A href=Route::Plan(case_id).href()>{(m.case.open_needs_line)(open_needs)}</A></li>
                {(overdue_referrals > 0).then(|| view! {
                    <li><A href=Route::Coordination(case_id).href() attr:class="overdue-link">{(m.case.overdue_referrals_line)(overdue_referrals)}</A></li>
                })}
            </ul>

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
            <ScoreTrends administrations=administrations.clone() />
            <ResultList case_id=case_id open=open administrations=administrations />

            <h2>{m.export.heading}</h2>
            <crate::ui::pages::export::FhirExport case_id=case_id />

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

/// The nine phases, each with what it requires marked done or missing.
#[component]
fn PhaseStepper(current: Phase, facts: Facts) -> impl IntoView {
    let m = t();
    view! {
        <ol class="stepper">
            {Phase::ALL.into_iter().map(|phase| {
                let progress = phase.progress_against(current);
                let checks = requirements(phase);
                view! {
                    <li
                        class:done=progress == PhaseProgress::Done
                        class:current=progress == PhaseProgress::Current
                        aria-current=(progress == PhaseProgress::Current).then_some("step")
                    >
                        <span class="step-name">{(m.case.phase_step)(phase.number(), m.phase(phase))}</span>
                        {(!checks.is_empty()).then(|| view! {
                            <ul class="checks">
                                {checks.iter().map(|r| {
                                    let done = met(*r, &facts);
                                    view! {
                                        <li class:met=done class:missing=!done>
                                            {if done { m.case.check_done } else { m.case.check_missing }} " " {m.requirement(*r)}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// Moves the case: the next phase is offered once the current one's work is done; any other move names what is
/// still missing and asks why the case moves on anyway.
#[component]
fn MovePhase(case_id: crate::domain::ids::Id, current: Phase, facts: Facts) -> impl IntoView {
    let m = t();
    let target = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let state = FormState::new();
    let errors = state.errors;
    let refresh = expect_context::<Refresh>();
    let missing = Memo::new(move |_| {
        Phase::from_code(&target.get())
            .map(|to| missing_for_move(current, to, &facts))
            .unwrap_or_default()
    });
    let move_to = move |to: Phase, reason: Option<String>| {
        let storage = use_db();
        state.save(
            async move { storage.move_case(case_id, to, reason, today()).await },
            move |_| refresh.run(),
        );
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to) = Phase::from_code(&target.get_untracked()) else {
            return;
        };
        let checked = reason.with_untracked(|r| move_reason(&missing.get_untracked(), r));
        if let Some(reason) = state.accept(checked) {
            move_to(to, reason);
        }
    };
    let offer = ready_for(current, &facts);
    view! {
        {offer.map(|next| view! {
            <p class="ready">
                {(m.case.ready_to_move)(m.phase(current))} " "
                <button type="button" class="button button-primary" on:click=move |_| move_to(next, None) disabled=move || state.saving.get() || running().get()>
                    {(m.case.move_on_to)(&(m.case.phase_step)(next.number(), m.phase(next)))}
                </button>
            </p>
        })}
        <form class="inline-form move-form" on:submit=submit novalidate>
            <label for="move-to">{m.case.move_to_label}</label>
            <select id="move-to" prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">{m.common.choose}</option>
                {Phase::ALL.into_iter().filter(|p| *p != current).map(|p| view! {
                    <option value=p.code()>{(m.case.phase_step)(p.number(), m.phase(p))}</option>
                }).collect_view()}
            </select>
            {move || {
                let missing = missing.get();
                (!missing.is_empty()).then(|| view! {
                    <div class="banner banner-warning missing-work" role="status">
                        <p>{m.case.work_missing}</p>
                        <ul>{missing.iter().map(|r| view! { <li>{m.requirement(*r)}</li> }).collect_view()}</ul>
                        <TextArea field=Field::Plan(PlanField::MoveReason) value=reason on_input=move |v: String| reason.set(v) errors=errors required=true />
                    </div>
                })
            }}
            <button type="submit" class="button button-primary" disabled=move || target.with(String::is_empty) || state.saving.get() || running().get()>
                {m.case.move_button}
            </button>
        </form>
        <FormErrorSummary errors=errors />
        <FailureNotice failure=state.failure />
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
                {select(Input::text(Field::OverrideTier).required(), tiers, (tier, set_tier), errors)}
                {textarea(Input::text(Field::OverrideRationale).required(), (rationale, set_rationale), errors)}
                {input(Input::text(Field::OverrideBy).required(), (by, set_by), errors)}
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
fn TaskList(
    tasks: Vec<Task>,
    appointments: Vec<Appointment>,
    referrals: Vec<Referral>,
) -> impl IntoView {
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
                        let title = task_title(&task, &appointments, &referrals, &[]);
                        let id = task.id;
                        let urgent = task.priority == crate::domain::task::Priority::Urgent;
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

/// For each instrument given more than once, its totals over time as a small chart with its bands shaded; the chart's
/// label says every total and the bands in words.
#[component]
fn ScoreTrends(administrations: Vec<Administration>) -> impl IntoView {
    let m = t();
    let charts: Vec<_> = Instrument::ALL
        .into_iter()
        .filter_map(|instrument| {
            let given: Vec<&Administration> = administrations
                .iter()
                .filter(|a| a.instrument == instrument && a.counts())
                .collect();
            if given.len() < 2 {
                return None;
            }
            let name = m.instrument(instrument).name;
            let values: Vec<String> = given
                .iter()
                .map(|a| (m.case.trend_point)(&date(a.administered_on), &m.result(&a.outcome)))
                .collect();
            let ranges = instrument.band_ranges();
            let bands: Vec<String> = ranges
                .iter()
                .map(|(band, lo, hi)| (m.case.band_range)(m.band(*band), *lo, *hi))
                .collect();
            let label =
                (m.case.trend_label)(name, &(m.common.list)(&values), &(m.common.list)(&bands));
            let totals = given.iter().map(|a| i64::from(a.outcome.total));
            let chart = crate::ui::chart::Chart {
                points: given
                    .iter()
                    .map(|a| (a.administered_on, i64::from(a.outcome.total)))
                    .collect(),
                low: 0,
                high: totals
                    .max()
                    .unwrap_or(0)
                    .max(i64::from(instrument.max_total().unwrap_or(0))),
                bands: ranges
                    .iter()
                    .map(|(_, lo, hi)| (i64::from(*lo), i64::from(*hi)))
                    .collect(),
                target: None,
                label,
            };
            Some(view! {
                <figure class="trend" data-instrument=instrument.code()>
                    <figcaption>{name}</figcaption>
                    {crate::ui::chart::line_chart(chart)}
                </figure>
            })
        })
        .collect();
    if charts.is_empty() {
        return ().into_any();
    }
    view! {
        <h2>{m.case.trends_heading}</h2>
        <div class="trends">{charts}</div>
    }
    .into_any()
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
            {textarea(Input::text(Field::ErrorReason).required(), (reason, set_reason), errors)}
            {input(Input::text(Field::ErrorBy).required(), (by, set_by), errors)}
            <FormErrorSummary errors=errors />
            <div class="actions">
                <button type="submit" class="button button-danger" disabled=running()>{m.case.entered_in_error_submit}</button>
                <button type="button" class="button" on:click=move |_| marking.set(None)>{m.case.cancel_entered_in_error}</button>
            </div>
        </form>
        <FailureNotice failure=failure />
    }
}
