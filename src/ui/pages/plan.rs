//! The care plan page: the case's needs, goals in the client's words with their interventions, strengths and
//! barriers, the care team, client education, the review with the client, and the plan's earlier revisions. The
//! case model's template offers its interventions; the cadence its rules set is shown.

use crate::domain::case::CaseStatus;
use crate::domain::coordination::NeedDraft;
use crate::domain::ids::Id;
use crate::domain::plan::{
    contact_cadence_days, template, Achievement, ActivityStatus, AgreementDraft, CarePlan,
    Direction, EducationDraft, FactorDraft, FactorKind, Goal, GoalDraft, GoalPriority, GoalStatus,
    GoalValueDraft, Intervention, InterventionDraft, Measure, MemberDraft, Period, Role,
    Suggestion, Topic,
};
use crate::domain::task::{Concern, Need};
use crate::domain::validation::{Field, PlanField};
use crate::domain::workflow::plans::{PlanEdit, Target};
use crate::storage::{PlanFile, StorageError};
use crate::ui::form::{bind, toggle, CheckList, Checkbox, FormErrorSummary, FormState, RadioField};
use crate::ui::form::{input, select, textarea, Input};
use crate::ui::pages::actions::{act, running};
use crate::ui::pages::{loaded, CaseTabs, Details, FailureNotice, Section, UnreadableNotice};
use crate::ui::route::Route;
use crate::ui::{date, local_date, t, today, use_db};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub(crate) fn PlanPage(id: Id) -> impl IntoView {
    let file = crate::ui::pages::actions::load_acting(id, |storage, id| async move {
        storage.plan_file(id).await
    });
    loaded(file, |file| view! { <PlanView file=file /> })
}

/// Runs one plan change and re-reads the page.
fn edit(case_id: Id, failure: RwSignal<Option<StorageError>>, change: PlanEdit) {
    let storage = use_db();
    act(failure, async move {
        storage.edit_plan(case_id, change).await.map(drop)
    });
}

/// Saves a validated form's change: the form shows a storage failure itself, and the page is read again after.
fn save_change(state: FormState, case_id: Id, change: PlanEdit) {
    let storage = use_db();
    crate::ui::pages::actions::save_and_reread(state, async move {
        storage.edit_plan(case_id, change).await
    });
}

/// Codes and their catalogue texts, for a select or radio field.
fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    text: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (code(*v), text(*v))).collect()
}

/// A need's words: the case manager's description, or what raised it.
pub(crate) fn need_label(need: &Need) -> String {
    let m = t();
    match &need.description {
        Some(text) => (m.plan.need_with_description)((m.plan.concerns)(need.concern), text),
        None => (m.plan.concerns)(need.concern).to_string(),
    }
}

#[component]
fn PlanView(file: PlanFile) -> impl IntoView {
    let m = t();
    crate::ui::pages::actions::focus_heading_after_action("#plan-heading");
    let PlanFile {
        work,
        revisions,
        administrations,
        unreadable,
    } = file;
    provide_context(EditingGoal(RwSignal::new(None)));
    provide_context(RecordingValue(RwSignal::new(None)));
    let case = work.case.clone();
    let case_id = case.id;
    let open = case.status == CaseStatus::Open;
    let plan = work.plan.clone();
    let cadence = contact_cadence_days(case.tier(), case.details.model);
    let (suggestions, asks_strengths) = template(case.details.model);
    let open_needs: Vec<Need> = work.needs.iter().filter(|n| n.is_open()).cloned().collect();
    let status_line = match &plan {
        None => m.plan.no_plan_yet.to_string(),
        Some(p) => {
            let status = match &p.agreement {
                None => (m.plan.revision_awaiting_review)(p.revision),
                Some(a) if a.agreed => (m.plan.revision_agreed)(p.revision, &date(a.reviewed_on)),
                Some(a) => (m.plan.revision_not_agreed)(p.revision, &date(a.reviewed_on)),
            };
            (m.plan.revision_since)(&status, &local_date(p.revised_at))
        }
    };
    let missing_strengths: Vec<String> = match (&plan, asks_strengths) {
        (Some(p), true) => p
            .goals_without_strengths()
            .map(|g| g.text.clone())
            .collect(),
        _ => vec![],
    };
    let source_of = move |need: &Need| -> String {
        match need.source {
            None => m.plan.need_added_by_hand.to_string(),
            Some(source) => administrations
                .iter()
                .find(|a| a.id == source)
                .map(|a| {
                    (m.plan.need_raised_by)(
                        m.instrument(a.instrument).name,
                        &date(a.administered_on),
                    )
                })
                .unwrap_or_default(),
        }
    };
    let needs_view = work
        .needs
        .iter()
        .map(|n| {
            let source = source_of(n);
            let later = n.also_raised_by.len();
            let need = n.clone();
            view! {
                <li class:withdrawn=!n.is_open()>
                    <strong>{need_label(n)}</strong> " "
                    <span class="hint">{source}</span>
                    {(later > 0).then(|| view! { " " <span class="hint">{(m.plan.need_raised_again)(later)}</span> })}
                    {n.withdrawn.as_ref().map(|w| view! { " " <span class="hint">{(m.case.need_withdrawn)(&local_date(w.at), &w.reason)}</span> })}
                    {(open && !need.raised_by_result()).then(|| view! { " " <RemoveButton case_id=case_id target=Target::Need(need.id) what=need_label(&need) /> })}
                </li>
            }
        })
        .collect_view();
    // The forms choose among the plan's goals and members; before the plan exists there are none (its first change
    // starts it, with the client on the team).
    let plan_for_forms = plan.clone().unwrap_or_else(|| CarePlan {
        team: vec![],
        ..CarePlan::new(case_id, client_member(case_id), case.updated_at)
    });
    let print_href = Route::PlanPrint(case_id).href();
    // The services the case's payers authorized, that an intervention may use.
    let authorized: Vec<(String, String)> =
        crate::domain::coverage::authorized_services(&work.coverages)
            .into_iter()
            .map(|(id, service)| (id.to_string(), service))
            .collect();
    view! {
        <section class="page">
            <h1 id="plan-heading" tabindex="-1">{(m.plan.heading)(&work.client_name)}</h1>
            <CaseTabs case_id=case_id current=Section::Plan />
            <UnreadableNotice records=unreadable />
            <crate::ui::pages::coordination::CoverageWarnings work=work.clone() />
            <p class="plan-status" data-testid="plan-status">{status_line}</p>
            <p>{(m.plan.cadence)(cadence, m.model(case.details.model))}</p>
            {plan.is_some().then(|| view! { <p><A href=print_href attr:class="button">{m.plan.print_link}</A></p> })}
            {(!open).then(|| view! { <p class="banner banner-warning">{m.common.case_closed_no_changes}</p> })}

            <h2>{m.plan.needs_heading}</h2>
            {if work.needs.is_empty() {
                view! { <p class="empty">{m.plan.no_needs}</p> }.into_any()
            } else {
                view! { <ul class="needs">{needs_view}</ul> }.into_any()
            }}
            {open.then(|| view! { <NeedForm case_id=case_id /> })}

            <h2>{m.plan.goals_heading}</h2>
            {match plan.as_ref().filter(|p| !p.goals.is_empty()) {
                None => view! { <p class="empty">{m.plan.no_goals}</p> }.into_any(),
                Some(p) => view! { <GoalList plan=p.clone() needs=work.needs.clone() open=open authorized=authorized.clone() /> }.into_any(),
            }}
            {(!missing_strengths.is_empty()).then(|| view! {
                <div class="banner banner-warning" role="status">
                    <p>{m.plan.strengths_asked}</p>
                    <ul>{missing_strengths.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                </div>
            })}
            {open.then(|| view! {
                <GoalEditor case_id=case_id plan=plan_for_forms.clone() needs=open_needs.clone() all_needs=work.needs.clone() />
            })}

            <h2>{m.plan.interventions_heading}</h2>
            {open.then(|| view! {
                <p class="hint">{(m.plan.template_offer)(m.model(case.details.model))}</p>
                <InterventionForm case_id=case_id plan=plan_for_forms.clone() suggestions=suggestions.to_vec() authorized=authorized.clone() />
            })}

            <h2>{m.plan.factors_heading}</h2>
            <FactorList plan=plan_for_forms.clone() case_id=case_id open=open />

            <h2>{m.plan.team_heading}</h2>
            <TeamList plan=plan_for_forms.clone() case_id=case_id open=open />

            <h2>{m.plan.education_heading}</h2>
            <EducationList plan=plan_for_forms.clone() case_id=case_id open=open />

            <h2>{m.plan.review_heading}</h2>
            {match (&plan, open) {
                (Some(p), true) if !p.goals.is_empty() => view! { <ReviewForm case_id=case_id /> }.into_any(),
                _ => view! { <p class="empty">{m.plan.review_needs_goals}</p> }.into_any(),
            }}

            <h2>{m.plan.revisions_heading}</h2>
            {if revisions.is_empty() {
                view! { <p class="empty">{m.plan.no_revisions}</p> }.into_any()
            } else {
                view! {
                    <ul class="revisions">
                        {revisions.into_iter().map(|r| view! {
                            <li>
                                <details>
                                    <summary>{(m.plan.revision_summary)(r.plan.revision, &local_date(r.superseded_at))}</summary>
                                    <PlanSummary plan=r.plan />
                                </details>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A placeholder member for a plan not yet saved (its team is emptied: nobody can be chosen before it exists).
fn client_member(case_id: Id) -> crate::domain::plan::TeamMember {
    crate::domain::plan::TeamMember {
        id: case_id,
        role: Role::Client,
        name: String::new(),
        organisation: None,
        phone: None,
        email: None,
    }
}

/// A plan's goals and interventions, read-only (an earlier revision).
#[component]
fn PlanSummary(plan: CarePlan) -> impl IntoView {
    let m = t();
    view! {
        <ul>
            {plan.goals.iter().map(|g| {
                let interventions: Vec<String> = plan.interventions_of(g.id).map(|i| i.text.clone()).collect();
                view! {
                    <li>
                        {g.text.clone()} " " <span class="hint">{(m.plan.goal_dates)(&date(g.start), &date(g.target_date))}</span>
                        <ul>{interventions.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// What a goal measures, in words.
pub(crate) fn measure_text(measure: &Measure) -> String {
    let m = t();
    match measure {
        Measure::Done => m.plan.measure_done.to_string(),
        Measure::Numeric {
            unit,
            target,
            direction,
        } => (m.plan.measure_numeric)((m.plan.directions)(*direction), &target.to_string(), unit),
    }
}

/// How often, in words.
pub(crate) fn frequency_text(i: &Intervention) -> String {
    let m = t();
    (m.plan.frequency)(i.frequency.times, i.frequency.period)
}

#[component]
fn GoalList(
    plan: CarePlan,
    needs: Vec<Need>,
    open: bool,
    authorized: Vec<(String, String)>,
) -> impl IntoView {
    let m = t();
    let case_id = plan.case_id;
    let editing = expect_context::<EditingGoal>().0;
    view! {
        <ol class="goals">
            {plan.goals.iter().map(|goal| {
                let addressed: Vec<String> = goal
                    .need_ids
                    .iter()
                    .filter_map(|id| needs.iter().find(|n| n.id == *id))
                    .map(need_label)
                    .collect();
                let builds_on: Vec<String> = goal
                    .factor_ids
                    .iter()
                    .filter_map(|id| plan.factors.iter().find(|f| f.id == *id))
                    .map(|f| (m.plan.factor_line)((m.plan.factor_kinds)(f.kind), &f.text))
                    .collect();
                let interventions: Vec<Intervention> = plan.interventions_of(goal.id).cloned().collect();
                let mut rows = vec![
                    (m.plan.addresses, (m.common.list)(&addressed)),
                    (m.field(Field::Plan(PlanField::GoalMeasure)), measure_text(&goal.measure)),
                    (m.plan.dates, (m.plan.goal_dates)(&date(goal.start), &date(goal.target_date))),
                    (m.field(Field::Plan(PlanField::GoalPriority)), (m.plan.goal_priorities)(goal.priority).to_string()),
                ];
                if !builds_on.is_empty() {
                    rows.push((m.field(Field::Plan(PlanField::GoalFactors)), (m.common.list)(&builds_on)));
                }
                let goal = goal.clone();
                view! {
                    <li class="goal" data-testid="goal">
                        <h3>{goal.text.clone()}</h3>
                        <Details rows=rows />
                        {matches!(goal.measure, Measure::Numeric { .. }).then(|| view! { <GoalValues case_id=case_id goal=goal.clone() open=open /> })}
                        {if open {
                            view! { <GoalProgress case_id=case_id goal=goal.clone() /> }.into_any()
                        } else {
                            view! { <p>{(m.plan.goal_statuses)(goal.status)} {m.common.separator} {(m.plan.achievements)(goal.achievement)}</p> }.into_any()
                        }}
                        <h4>{m.plan.interventions_heading}</h4>
                        {if interventions.is_empty() {
                            view! { <p class="empty">{m.plan.no_interventions}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="interventions">
                                    {interventions.into_iter().map(|i| {
                                        let by = i.member_id.and_then(|id| plan.member(id)).map(|m| m.name.clone());
                                        let uses = i.authorization_id.and_then(|a| {
                                            authorized.iter().find(|(id, _)| *id == a.to_string()).map(|(_, service)| service.clone())
                                        });
                                        view! { <InterventionRow case_id=case_id intervention=i by=by uses=uses open=open /> }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {open.then(|| {
                            let chosen = goal.clone();
                            let edit = move |_| {
                                editing.set(Some(chosen.clone()));
                                request_animation_frame(|| crate::ui::form::focus("#goal-editor h3"));
                            };
                            view! {
                                <div class="actions">
                                    <button type="button" class="button button-small" aria-label=(m.plan.edit_named)(&goal.text) on:click=edit>{m.plan.edit_goal}</button>
                                    <RemoveButton case_id=case_id target=Target::Goal(goal.id) what=goal.text.clone() />
                                </div>
                            }
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// A goal's status and achievement, changed in place (not a new revision).
#[component]
fn GoalProgress(case_id: Id, goal: Goal) -> impl IntoView {
    let m = t();
    let status = RwSignal::new(goal.status.code().to_string());
    let achievement = RwSignal::new(goal.achievement.code().to_string());
    let failure = RwSignal::new(None::<StorageError>);
    let id = goal.id;
    let status_id = format!("goal-status-{id}");
    let achievement_id = format!("goal-achievement-{id}");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(status), Some(achievement)) = (
            GoalStatus::from_code(&status.get_untracked()),
            Achievement::from_code(&achievement.get_untracked()),
        ) else {
            return;
        };
        edit(
            case_id,
            failure,
            PlanEdit::GoalProgress {
                id,
                status,
                achievement,
            },
        );
    };
    view! {
        <form class="inline-form" on:submit=save>
            <label for=status_id.clone()>{m.field(Field::Plan(PlanField::GoalStatus))}</label>
            <select id=status_id prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                {GoalStatus::ALL.into_iter().map(|s| view! { <option value=s.code() selected=s == goal.status>{(m.plan.goal_statuses)(s)}</option> }).collect_view()}
            </select>
            <label for=achievement_id.clone()>{m.field(Field::Plan(PlanField::GoalAchievement))}</label>
            <select id=achievement_id prop:value=move || achievement.get() on:change=move |ev| achievement.set(event_target_value(&ev))>
                {Achievement::ALL.into_iter().map(|a| view! { <option value=a.code() selected=a == goal.achievement>{(m.plan.achievements)(a)}</option> }).collect_view()}
            </select>
            <button type="submit" class="button" disabled=running()>{m.plan.update_progress}</button>
        </form>
        <FailureNotice failure=failure />
    }
}

#[component]
fn InterventionRow(
    case_id: Id,
    intervention: Intervention,
    by: Option<String>,
    uses: Option<String>,
    open: bool,
) -> impl IntoView {
    let m = t();
    let failure = RwSignal::new(None::<StorageError>);
    let id = intervention.id;
    let current = intervention.status;
    let select_id = format!("intervention-status-{id}");
    let when = match intervention.until {
        Some(until) => (m.plan.goal_dates)(&date(intervention.from), &date(until)),
        None => (m.plan.from_date)(&date(intervention.from)),
    };
    let line = (m.plan.intervention_line)(
        &frequency_text(&intervention),
        by.as_deref().unwrap_or(m.plan.nobody_yet),
        &when,
    );
    let change = move |ev: leptos::ev::Event| {
        if let Some(status) = ActivityStatus::from_code(&event_target_value(&ev)) {
            edit(
                case_id,
                failure,
                PlanEdit::InterventionStatus { id, status },
            );
        }
    };
    view! {
        <li class="intervention" data-testid="intervention">
            <strong>{intervention.text.clone()}</strong> " " <span class="hint">{line}</span>
            {uses.map(|service| view! { " " <span class="hint">{(m.plan.intervention_uses)(&service)}</span> })}
            {if open {
                view! {
                    <div class="inline-form">
                        <label for=select_id.clone()>{m.field(Field::Plan(PlanField::InterventionStatus))}</label>
                        <select id=select_id on:change=change disabled=running()>
                            {ActivityStatus::ALL.into_iter().map(|s| view! { <option value=s.code() selected=s == current>{(m.plan.activity_statuses)(s)}</option> }).collect_view()}
                        </select>
                        <RemoveButton case_id=case_id target=Target::Intervention(id) what=intervention.text.clone() />
                    </div>
                }.into_any()
            } else {
                view! { " " <span>{(m.plan.activity_statuses)(current)}</span> }.into_any()
            }}
            <FailureNotice failure=failure />
        </li>
    }
}

/// Removes a plan record: when others still point to it, names them and offers to remove it with them.
#[component]
pub(crate) fn RemoveButton(case_id: Id, target: Target, what: String) -> impl IntoView {
    let m = t();
    let failure = RwSignal::new(None::<StorageError>);
    let label = (m.plan.remove_named)(&what);
    let remove = move |_| {
        edit(
            case_id,
            failure,
            PlanEdit::Remove {
                target,
                cascade: false,
            },
        )
    };
    let cascade = move |_| {
        edit(
            case_id,
            failure,
            PlanEdit::Remove {
                target,
                cascade: true,
            },
        )
    };
    view! {
        <button type="button" class="button button-small" aria-label=label on:click=remove disabled=running()>{m.plan.remove}</button>
        {move || match failure.get() {
            Some(StorageError::InUse(referrers)) => view! {
                <div class="confirm" role="alert">
                    <p>{(m.plan.still_used_by)(&what)}</p>
                    <ul>{referrers.iter().map(|r| view! { <li>{(m.plan.referrer)((m.plan.referrer_kinds)(r.kind), &r.label)}</li> }).collect_view()}</ul>
                    <p>{m.plan.cascade_explained}</p>
                    <div class="actions">
                        <button type="button" class="button button-danger" on:click=cascade disabled=running()>{m.plan.remove_with_links}</button>
                        <button type="button" class="button" on:click=move |_| failure.set(None)>{m.plan.keep}</button>
                    </div>
                </div>
            }.into_any(),
            _ => view! { <FailureNotice failure=failure /> }.into_any(),
        }}
    }
}

#[component]
fn NeedForm(case_id: Id) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(NeedDraft::default());
    crate::ui::language::carry("need-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let (concern, set_concern) = bind!(draft.concern);
    let (description, set_description) = bind!(draft.description);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some((concern, description)) =
            state.accept(draft.with_untracked(NeedDraft::validate))
        {
            save_change(
                state,
                case_id,
                PlanEdit::AddNeed {
                    concern,
                    description,
                },
            );
        }
    };
    view! {
        <details class="add-form">
            <summary>{m.plan.add_need}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                {select(Input::text(Field::Plan(PlanField::NeedConcern)).required(), choices(&Concern::ALL, Concern::code, m.plan.concerns), (concern, set_concern), errors)}
                {input(Input::text(Field::Plan(PlanField::NeedDescription)).required(), (description, set_description), errors)}
                <FormActions state=state submit=m.plan.save_need />
            </form>
        </details>
    }
}

/// The end of a form on the plan and coordination pages: the error summary, a storage failure and the button.
#[component]
pub(crate) fn FormActions(state: FormState, submit: &'static str) -> impl IntoView {
    let m = t();
    let saving = state.saving;
    view! {
        <FormErrorSummary errors=state.errors />
        <FailureNotice failure=state.failure />
        <div class="actions">
            <button type="submit" class="button button-primary" disabled=move || saving.get() || running().get()>
                {move || if saving.get() { m.common.saving } else { submit }}
            </button>
        </div>
    }
}

/// The goal whose value is being recorded, if any: one value form on the page at a time (unique field ids).
#[derive(Clone, Copy)]
struct RecordingValue(RwSignal<Option<Id>>);

/// A numeric goal's values: a small chart toward the target line (its values also in words, for a screen reader
/// and in a list), and the form to record one more.
#[component]
fn GoalValues(case_id: Id, goal: Goal, open: bool) -> impl IntoView {
    let m = t();
    let Measure::Numeric { unit, target, .. } = goal.measure.clone() else {
        return ().into_any();
    };
    let recording = expect_context::<RecordingValue>().0;
    let goal_id = goal.id;
    let lines: Vec<String> = goal
        .values
        .iter()
        .map(|v| (m.plan.value_line)(&date(v.on), &v.value.to_string(), &unit))
        .collect();
    let label = (m.plan.chart_label)(
        &(m.common.list)(&lines),
        &(m.plan.amount)(&target.to_string(), &unit),
    );
    view! {
        {if goal.values.is_empty() {
            view! { <p class="empty">{m.plan.no_values}</p> }.into_any()
        } else {
            view! {
                {crate::ui::chart::line_chart(crate::ui::chart::Chart {
                    points: goal.values.iter().map(|v| (v.on, v.value.0)).collect(),
                    low: goal.values.iter().map(|v| v.value.0).chain([target.0]).min().unwrap_or(0),
                    high: goal.values.iter().map(|v| v.value.0).chain([target.0]).max().unwrap_or(0),
                    bands: vec![],
                    target: Some(target.0),
                    label,
                })}
                <details class="values">
                    <summary>{m.plan.values_heading}</summary>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </details>
            }
            .into_any()
        }}
        {open.then(|| view! {
            {move || if recording.get() == Some(goal_id) {
                view! { <ValueForm case_id=case_id goal_id=goal_id /> }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-small" id=format!("record-value-{goal_id}") on:click=move |_| recording.set(Some(goal_id))>
                        {m.plan.record_value}
                    </button>
                }
                .into_any()
            }}
        })}
    }
    .into_any()
}

#[component]
fn ValueForm(case_id: Id, goal_id: Id) -> impl IntoView {
    let m = t();
    let today = today();
    let draft = RwSignal::new(GoalValueDraft::new(today));
    let state = FormState::new();
    let errors = state.errors;
    let recording = expect_context::<RecordingValue>().0;
    let (on, set_on) = bind!(draft.on);
    let (value, set_value) = bind!(draft.value);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(value) = state.accept(draft.with_untracked(|d| d.validate(today))) {
            save_change(state, case_id, PlanEdit::RecordValue { goal_id, value });
        }
    };
    request_animation_frame(|| crate::ui::form::focus("#field-goalvalueamount"));
    view! {
        <form class="form inline-value-form" novalidate on:submit=submit autocomplete="off">
            {input(Input::date(Field::Plan(PlanField::GoalValueDate)).required().max(today.to_string()), (on, set_on), errors)}
            {input(Input::text(Field::Plan(PlanField::GoalValueAmount)).required(), (value, set_value), errors)}
            <FormActions state=state submit=m.plan.save_value />
            <button type="button" class="button" on:click=move |_| {
                recording.set(None);
                request_animation_frame(move || crate::ui::form::focus(&format!("#record-value-{goal_id}")));
            }>{m.common.cancel}</button>
        </form>
    }
}

/// The goal being edited, if any: one goal form on the page at a time, so every field keeps a unique id.
#[derive(Clone, Copy)]
struct EditingGoal(RwSignal<Option<Goal>>);

/// The goal form: adding a goal, or editing the one chosen in the list (with a way back to adding).
#[component]
fn GoalEditor(
    case_id: Id,
    plan: CarePlan,
    needs: Vec<Need>,
    all_needs: Vec<Need>,
) -> impl IntoView {
    let m = t();
    let editing = expect_context::<EditingGoal>().0;
    // A goal being edited offers the open needs and those it already addresses (withdrawn since, its link kept).
    let open_needs = needs.clone();
    let needs_of = move |goal: &Goal| -> Vec<Need> {
        all_needs
            .iter()
            .filter(|n| open_needs.iter().any(|o| o.id == n.id) || goal.need_ids.contains(&n.id))
            .cloned()
            .collect()
    };
    move || {
        match editing.get() {
        None => view! { <GoalForm case_id=case_id plan=plan.clone() needs=needs.clone() editing=None /> }.into_any(),
        Some(goal) => view! {
            <section id="goal-editor" class="editor" aria-labelledby="goal-editor-heading">
                <h3 id="goal-editor-heading" tabindex="-1">{(m.plan.editing_goal)(&goal.text)}</h3>
                <GoalForm case_id=case_id plan=plan.clone() needs=needs_of(&goal) editing=Some(goal) />
                <button type="button" class="button" on:click=move |_| editing.set(None)>{m.plan.stop_editing}</button>
            </section>
        }.into_any(),
    }
    }
}

#[component]
fn GoalForm(case_id: Id, plan: CarePlan, needs: Vec<Need>, editing: Option<Goal>) -> impl IntoView {
    let m = t();
    let today = today();
    let goal_id = editing.as_ref().map(|g| g.id);
    let draft = RwSignal::new(
        editing
            .as_ref()
            .map_or_else(|| GoalDraft::new(today), GoalDraft::of),
    );
    if goal_id.is_none() {
        crate::ui::language::carry("goal-form", draft);
    }
    let state = FormState::new();
    let errors = state.errors;
    let need_ids: Vec<Id> = needs.iter().map(|n| n.id).collect();
    let factor_ids: Vec<Id> = plan.factors.iter().map(|f| f.id).collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = goal_id.unwrap_or_else(|| use_db().new_id());
        if let Some(goal) =
            state.accept(draft.with_untracked(|d| d.validate(id, &need_ids, &factor_ids)))
        {
            save_change(state, case_id, PlanEdit::SaveGoal(goal));
        }
    };
    let (text, set_text) = bind!(draft.text);
    let (measure, set_measure) = bind!(draft.measure);
    let (unit, set_unit) = bind!(draft.unit);
    let (target, set_target) = bind!(draft.target);
    let (direction, set_direction) = bind!(draft.direction);
    let (start, set_start) = bind!(draft.start);
    let (target_date, set_target_date) = bind!(draft.target_date);
    let (priority, set_priority) = bind!(draft.priority);
    let (status, set_status) = bind!(draft.status);
    let (achievement, set_achievement) = bind!(draft.achievement);
    let ticked_needs = Signal::derive(move || draft.with(|d| d.need_ids.clone()));
    let ticked_factors = Signal::derive(move || draft.with(|d| d.factor_ids.clone()));
    let need_options: Vec<(String, String)> = needs
        .iter()
        .map(|n| (n.id.to_string(), need_label(n)))
        .collect();
    let factor_options: Vec<(String, String)> = plan
        .factors
        .iter()
        .map(|f| {
            (
                f.id.to_string(),
                (m.plan.factor_line)((m.plan.factor_kinds)(f.kind), &f.text),
            )
        })
        .collect();
    let measures = vec![
        ("done", m.plan.measure_kind_done),
        ("numeric", m.plan.measure_kind_numeric),
    ];
    let numeric = move || measure.get() == "numeric";
    let add = goal_id.is_none();
    let form = view! {
        <form class="form" novalidate on:submit=submit autocomplete="off">
            {textarea(Input::text(Field::Plan(PlanField::GoalText)).required(), (text, set_text), errors)}
            <p class="hint">{m.plan.goal_text_hint}</p>
            {if need_options.is_empty() {
                view! { <p class="field-error" role="status">{m.plan.goal_needs_a_need}</p> }.into_any()
            } else {
                view! { <CheckList field=Field::Plan(PlanField::GoalNeeds) options=need_options value=ticked_needs on_toggle=move |id: String| draft.update(|d| toggle(&mut d.need_ids, id)) errors=errors /> }.into_any()
            }}
            <RadioField field=Field::Plan(PlanField::GoalMeasure) options=measures value=measure on_change=set_measure errors=errors />
            {move || numeric().then(|| view! {
                {input(Input::text(Field::Plan(PlanField::GoalUnit)).required(), (unit, set_unit), errors)}
                {input(Input::text(Field::Plan(PlanField::GoalTarget)).required(), (target, set_target), errors)}
                {select(Input::text(Field::Plan(PlanField::GoalDirection)).required(), choices(&Direction::ALL, Direction::code, t().plan.directions), (direction, set_direction), errors)}
            })}
            {input(Input::date(Field::Plan(PlanField::GoalStart)).required(), (start, set_start), errors)}
            {input(Input::date(Field::Plan(PlanField::GoalTargetDate)).required(), (target_date, set_target_date), errors)}
            {select(Input::text(Field::Plan(PlanField::GoalPriority)).required(), choices(&GoalPriority::ALL, GoalPriority::code, m.plan.goal_priorities), (priority, set_priority), errors)}
            {select(Input::text(Field::Plan(PlanField::GoalStatus)).required(), choices(&GoalStatus::ALL, GoalStatus::code, m.plan.goal_statuses), (status, set_status), errors)}
            {select(Input::text(Field::Plan(PlanField::GoalAchievement)).required(), choices(&Achievement::ALL, Achievement::code, m.plan.achievements), (achievement, set_achievement), errors)}
            {(!factor_options.is_empty()).then(|| view! {
                <CheckList field=Field::Plan(PlanField::GoalFactors) options=factor_options value=ticked_factors on_toggle=move |id: String| draft.update(|d| toggle(&mut d.factor_ids, id)) errors=errors />
            })}
            <FormActions state=state submit=m.plan.save_goal />
        </form>
    };
    if add {
        view! { <details class="add-form" id="add-goal"><summary>{m.plan.add_goal}</summary>{form}</details> }.into_any()
    } else {
        form.into_any()
    }
}

#[component]
fn InterventionForm(
    case_id: Id,
    plan: CarePlan,
    suggestions: Vec<Suggestion>,
    authorized: Vec<(String, String)>,
) -> impl IntoView {
    let m = t();
    let today = today();
    let draft = RwSignal::new(InterventionDraft::new(today));
    crate::ui::language::carry("intervention-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let has_goals = !plan.goals.is_empty();
    let goals = plan
        .goals
        .iter()
        .map(|g| (g.id.to_string(), g.text.clone()))
        .collect::<Vec<_>>();
    let members = plan
        .team
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                (m.plan.member_line)(&p.name, (m.plan.roles)(p.role)),
            )
        })
        .collect::<Vec<_>>();
    let authorization_ids: Vec<Id> = authorized
        .iter()
        .filter_map(|(id, _)| id.parse().ok())
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        if let Some(intervention) =
            state.accept(draft.with_untracked(|d| d.validate(id, &plan, &authorization_ids)))
        {
            save_change(state, case_id, PlanEdit::SaveIntervention(intervention));
        }
    };
    let (goal, set_goal) = bind!(draft.goal_id);
    let (text, set_text) = bind!(draft.text);
    let (member, set_member) = bind!(draft.member_id);
    let (times, set_times) = bind!(draft.times);
    let (period, set_period) = bind!(draft.period);
    let (from, set_from) = bind!(draft.from);
    let (until, set_until) = bind!(draft.until);
    let (status, set_status) = bind!(draft.status);
    let (authorization, set_authorization) = bind!(draft.authorization_id);
    if !has_goals {
        return view! { <p class="empty">{m.plan.interventions_need_goals}</p> }.into_any();
    }
    view! {
        <div class="suggestions" role="group" aria-label=m.plan.suggestions_label>
            {suggestions.into_iter().map(|s| {
                let use_it = move |_| {
                    let frequency = s.frequency();
                    draft.update(|d| {
                        d.text = (t().plan.suggestions)(s).to_string();
                        d.times = frequency.times.to_string();
                        d.period = frequency.period.code().to_string();
                    });
                    crate::ui::form::focus("#add-intervention summary");
                    crate::ui::form::open_details("add-intervention");
                };
                view! { <button type="button" class="button button-small" on:click=use_it>{(m.plan.suggestions)(s)}</button> }
            }).collect_view()}
        </div>
        <details class="add-form" id="add-intervention">
            <summary>{m.plan.add_intervention}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                <SelectOwned field=Field::Plan(PlanField::InterventionGoal) options=goals value=goal on_change=set_goal errors=errors required=true />
                {textarea(Input::text(Field::Plan(PlanField::InterventionText)).required(), (text, set_text), errors)}
                <SelectOwned field=Field::Plan(PlanField::InterventionMember) options=members value=member on_change=set_member errors=errors required=false />
                {input(Input::of(Field::Plan(PlanField::InterventionTimes), "number").required(), (times, set_times), errors)}
                {select(Input::text(Field::Plan(PlanField::InterventionPeriod)).required(), choices(&Period::ALL, Period::code, m.plan.periods), (period, set_period), errors)}
                {input(Input::date(Field::Plan(PlanField::InterventionFrom)).required(), (from, set_from), errors)}
                {input(Input::date(Field::Plan(PlanField::InterventionUntil)), (until, set_until), errors)}
                {select(Input::text(Field::Plan(PlanField::InterventionStatus)).required(), choices(&ActivityStatus::ALL, ActivityStatus::code, m.plan.activity_statuses), (status, set_status), errors)}
                {(!authorized.is_empty()).then(|| view! {
                    <SelectOwned field=Field::Plan(PlanField::InterventionAuthorization) options=authorized value=authorization on_change=set_authorization errors=errors required=false />
                })}
                <FormActions state=state submit=m.plan.save_intervention />
            </form>
        </details>
    }
    .into_any()
}

/// A choice among records (a goal, a team member): options carry their own text.
#[component]
pub(crate) fn SelectOwned(
    field: Field,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    errors: crate::ui::form::ErrorsSignal,
    required: bool,
) -> impl IntoView {
    let m = t();
    let id = crate::ui::form::field_id(field);
    let error_id = format!("{id}-error");
    let message = Signal::derive(move || errors.with(|e| e.get(field)).map(|p| t().problem(p)));
    view! {
        <div class="field" class:field-invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>
                {m.field(field)}
                {(!required).then(|| view! { <span class="hint">{m.common.optional_note}</span> })}
            </label>
            <select id=id aria-invalid=move || message.with(Option::is_some).to_string() aria-describedby=error_id.clone()
                prop:value=move || value.get() on:change=move |ev| on_change.run(event_target_value(&ev))>
                <option value="">{if required { m.common.choose } else { m.plan.none_chosen }}</option>
                {options.into_iter().map(|(code, text)| {
                    let selected = code.clone();
                    view! { <option value=code selected=move || value.get() == selected>{text}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=error_id aria-live="polite">{move || message.get()}</p>
        </div>
    }
}

#[component]
fn FactorList(plan: CarePlan, case_id: Id, open: bool) -> impl IntoView {
    let m = t();
    let factors = plan.factors;
    let draft = RwSignal::new(FactorDraft::default());
    crate::ui::language::carry("factor-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let (kind, set_kind) = bind!(draft.kind);
    let (text, set_text) = bind!(draft.text);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        if let Some(factor) = state.accept(draft.with_untracked(|d| d.validate(id))) {
            save_change(state, case_id, PlanEdit::SaveFactor(factor));
        }
    };
    view! {
        {if factors.is_empty() {
            view! { <p class="empty">{m.plan.no_factors}</p> }.into_any()
        } else {
            view! {
                <ul class="factors">
                    {factors.into_iter().map(|f| view! {
                        <li class:barrier=f.kind == FactorKind::Barrier>
                            {(m.plan.factor_line)((m.plan.factor_kinds)(f.kind), &f.text)}
                            {open.then(|| view! { " " <RemoveButton case_id=case_id target=Target::Factor(f.id) what=f.text.clone() /> })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {open.then(|| view! {
            <details class="add-form">
                <summary>{m.plan.add_factor}</summary>
                <form class="form" novalidate on:submit=submit autocomplete="off">
                    {select(Input::text(Field::Plan(PlanField::FactorKind)).required(), choices(&FactorKind::ALL, FactorKind::code, m.plan.factor_kinds), (kind, set_kind), errors)}
                    {input(Input::text(Field::Plan(PlanField::FactorText)).required(), (text, set_text), errors)}
                    <FormActions state=state submit=m.plan.save_factor />
                </form>
            </details>
        })}
    }
}

#[component]
fn TeamList(plan: CarePlan, case_id: Id, open: bool) -> impl IntoView {
    let m = t();
    let team = plan.team;
    let draft = RwSignal::new(MemberDraft::default());
    crate::ui::language::carry("member-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let (role, set_role) = bind!(draft.role);
    let (name, set_name) = bind!(draft.name);
    let (organisation, set_organisation) = bind!(draft.organisation);
    let (phone, set_phone) = bind!(draft.phone);
    let (email, set_email) = bind!(draft.email);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        if let Some(member) = state.accept(draft.with_untracked(|d| d.validate(id))) {
            save_change(state, case_id, PlanEdit::SaveMember(member));
        }
    };
    view! {
        {if team.is_empty() {
            view! { <p class="empty">{m.plan.no_team}</p> }.into_any()
        } else {
            view! {
                <table class="team">
                    <thead><tr>
                        <th scope="col">{m.field(Field::Plan(PlanField::MemberName))}</th>
                        <th scope="col">{m.field(Field::Plan(PlanField::MemberRole))}</th>
                        <th scope="col">{m.field(Field::Plan(PlanField::MemberOrganisation))}</th>
                        <th scope="col">{m.plan.contact}</th>
                        <th scope="col"><span class="visually-hidden">{m.plan.remove}</span></th>
                    </tr></thead>
                    <tbody>
                        {team.into_iter().map(|p| {
                            let contact: Vec<String> = p.phone.iter().chain(p.email.iter()).cloned().collect();
                            view! {
                                <tr data-testid="member">
                                    <td>{p.name.clone()}</td>
                                    <td>{(m.plan.roles)(p.role)}</td>
                                    <td>{p.organisation.clone().unwrap_or_default()}</td>
                                    <td>{(m.common.list)(&contact)}</td>
                                    <td>{open.then(|| view! { <RemoveButton case_id=case_id target=Target::Member(p.id) what=p.name.clone() /> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {open.then(|| view! {
            <details class="add-form">
                <summary>{m.plan.add_member}</summary>
                <form class="form" novalidate on:submit=submit autocomplete="off">
                    {select(Input::text(Field::Plan(PlanField::MemberRole)).required(), choices(&Role::ALL, Role::code, m.plan.roles), (role, set_role), errors)}
                    {input(Input::text(Field::Plan(PlanField::MemberName)).required(), (name, set_name), errors)}
                    {input(Input::text(Field::Plan(PlanField::MemberOrganisation)), (organisation, set_organisation), errors)}
                    {input(Input::of(Field::Plan(PlanField::MemberPhone), "tel"), (phone, set_phone), errors)}
                    {input(Input::of(Field::Plan(PlanField::MemberEmail), "email"), (email, set_email), errors)}
                    <FormActions state=state submit=m.plan.save_member />
                </form>
            </details>
        })}
    }
}

#[component]
fn EducationList(plan: CarePlan, case_id: Id, open: bool) -> impl IntoView {
    let m = t();
    let today = today();
    let items = plan.education.clone();
    let members = plan
        .team
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                (m.plan.member_line)(&p.name, (m.plan.roles)(p.role)),
            )
        })
        .collect::<Vec<_>>();
    let draft = RwSignal::new(EducationDraft::new(today));
    crate::ui::language::carry("education-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let (topic, set_topic) = bind!(draft.topic);
    let (taught_on, set_taught_on) = bind!(draft.taught_on);
    let (by, set_by) = bind!(draft.by);
    let (note, set_note) = bind!(draft.note);
    let teach_back = Signal::derive(move || draft.with(|d| d.teach_back));
    let name_of = {
        let plan = plan.clone();
        move |id: Option<Id>| id.and_then(|id| plan.member(id)).map(|p| p.name.clone())
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        if let Some(education) =
            state.accept(draft.with_untracked(|d| d.validate(id, &plan, today)))
        {
            save_change(state, case_id, PlanEdit::AddEducation(education));
        }
    };
    view! {
        {if items.is_empty() {
            view! { <p class="empty">{m.plan.no_education}</p> }.into_any()
        } else {
            view! {
                <ul class="education">
                    {items.into_iter().map(|e| view! {
                        <li>
                            {(m.plan.education_line)((m.plan.topics)(e.topic), &date(e.taught_on), name_of(e.by).as_deref().unwrap_or(m.plan.nobody_yet))}
                            " " <strong>{if e.teach_back { m.plan.teach_back_confirmed } else { m.plan.teach_back_not_confirmed }}</strong>
                            {e.note.map(|n| view! { " " <span class="hint">{n}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {open.then(|| view! {
            <details class="add-form">
                <summary>{m.plan.add_education}</summary>
                <form class="form" novalidate on:submit=submit autocomplete="off">
                    {select(Input::text(Field::Plan(PlanField::EducationTopic)).required(), choices(&Topic::ALL, Topic::code, m.plan.topics), (topic, set_topic), errors)}
                    {input(Input::date(Field::Plan(PlanField::EducationDate)).required().max(today.to_string()), (taught_on, set_taught_on), errors)}
                    <SelectOwned field=Field::Plan(PlanField::EducationBy) options=members value=by on_change=set_by errors=errors required=false />
                    <Checkbox field=Field::Plan(PlanField::EducationTeachBack) value=teach_back on_change=move |v: bool| draft.update(|d| d.teach_back = v) />
                    {textarea(Input::text(Field::Plan(PlanField::EducationNote)), (note, set_note), errors)}
                    <FormActions state=state submit=m.plan.save_education />
                </form>
            </details>
        })}
    }
}

#[component]
fn ReviewForm(case_id: Id) -> impl IntoView {
    let m = t();
    let today = today();
    let draft = RwSignal::new(AgreementDraft::new(today));
    let state = FormState::new();
    let errors = state.errors;
    let (reviewed_on, set_reviewed_on) = bind!(draft.reviewed_on);
    let (agreed, set_agreed) = bind!(draft.agreed);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(agreement) =
            state.accept(draft.with_untracked(|d| d.validate(today, chrono::Utc::now())))
        {
            save_change(state, case_id, PlanEdit::Review(agreement));
        }
    };
    let options = vec![
        ("agreed", m.plan.client_agreed),
        ("not_agreed", m.plan.client_not_agreed),
    ];
    view! {
        <form class="form" novalidate on:submit=submit id="review-form">
            <p class="hint">{m.plan.review_hint}</p>
            {input(Input::date(Field::Plan(PlanField::ReviewedOn)).required().max(today.to_string()), (reviewed_on, set_reviewed_on), errors)}
            <RadioField field=Field::Plan(PlanField::ClientAgreed) options=options value=agreed on_change=set_agreed errors=errors />
            <FormActions state=state submit=m.plan.record_review />
        </form>
    }
}
