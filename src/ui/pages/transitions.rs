//! The transitions page: record a move between care settings; for each move, the 72-hour contact (met, due or
//! missed) with the contacts made since, the transition checklist, and medication reconciliation.

use crate::domain::assessment::Medication;
use crate::domain::case::CaseStatus;
use crate::domain::ids::Id;
use crate::domain::transition::{
    ChecklistItem, MedicationChange, PostContact, ReconciliationDraft, Setting, Transition,
    TransitionDraft,
};
use crate::domain::validation::{Field, FollowUpField};
use crate::storage::{StorageError, TransitionsFile};
use crate::ui::form::{bind, input, select, FormState, Input};
use crate::ui::pages::actions::{act_keeping_focus, load_acting, running, save_and_reread};
use crate::ui::pages::plan::FormActions;
use crate::ui::pages::{loaded, CaseTabs, FailureNotice, Section, UnreadableNotice};
use crate::ui::{local_time, t, today, use_db};
use leptos::prelude::*;

#[component]
pub(crate) fn TransitionsPage(id: Id) -> impl IntoView {
    let file = load_acting(id, |storage, id| async move {
        storage.transitions_file(id).await
    });
    loaded(file, |file| view! { <TransitionsView file=file /> })
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn medication(m: &Medication) -> String {
    (t().transitions.medication)(&m.name, &m.dose, &m.frequency)
}

#[component]
fn TransitionsView(file: TransitionsFile) -> impl IntoView {
    let m = t();
    crate::ui::pages::actions::focus_heading_after_action("#transitions-heading");
    let TransitionsFile {
        case,
        client_name,
        transitions,
        contacts,
        medications,
        unreadable,
    } = file;
    let open = case.status == CaseStatus::Open;
    let reconciling = RwSignal::new(None::<Id>);
    let failure = RwSignal::new(None::<StorageError>);
    let list = if transitions.is_empty() {
        view! { <p class="empty">{m.transitions.none}</p> }.into_any()
    } else {
        view! {
            <ol class="transitions">
                {transitions.into_iter().map(|tr| {
                    let since = tr
                        .contacts_after(&contacts)
                        .into_iter()
                        .map(|c| (m.follow_up.contact_line)(&(m.common.date_time)(c.at), (m.follow_up.modes)(c.mode), c.minutes, &c.with_whom))
                        .collect::<Vec<_>>();
                    let status = tr.post_contact(&contacts, now());
                    view! {
                        <li class="transition" data-testid="transition">
                            <h3>{(m.transitions.title)((m.transitions.settings)(tr.from), (m.transitions.settings)(tr.to), &(m.common.date_time)(tr.at))}</h3>
                            <PostContactLine status=status />
                            {(status != PostContact::NotRequired).then(|| view! {
                                <h4>{m.transitions.contacts_since}</h4>
                                {if since.is_empty() {
                                    view! { <p class="empty">{m.transitions.no_contact_since}</p> }.into_any()
                                } else {
                                    view! { <ul>{since.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul> }.into_any()
                                }}
                            })}
                            <Checklist transition=tr.clone() open=open failure=failure />
                            <Reconciled transition=tr.clone() />
                            {(open && tr.reconciliation.is_none()).then(|| {
                                let tid = tr.id;
                                let case_id = tr.case_id;
                                let medications = medications.clone();
                                move || if reconciling.get() == Some(tid) {
                                    view! { <ReconcileForm case_id=case_id transition_id=tid medications=medications.clone() reconciling=reconciling /> }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="button" id=format!("reconcile-{tid}") disabled=running()
                                            on:click=move |_| reconciling.set(Some(tid))>{m.transitions.reconcile}</button>
                                    }.into_any()
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="page">
            <h1 id="transitions-heading" tabindex="-1">{(m.transitions.heading)(&client_name)}</h1>
            <CaseTabs case_id=case.id current=Section::Transitions />
            <UnreadableNotice records=unreadable />
            {if open {
                view! { <TransitionForm case_id=case.id opened_on=case.details.opened_on /> }.into_any()
            } else {
                view! { <p class="banner banner-warning">{m.common.case_closed_no_changes}</p> }.into_any()
            }}
            <h2>{m.transitions.list_heading}</h2>
            <FailureNotice failure=failure />
            {list}
        </section>
    }
}

/// The 72-hour rule's state, in words.
#[component]
fn PostContactLine(status: PostContact) -> impl IntoView {
    let m = t();
    let when = |at| (m.common.date_time)(at);
    let (line, overdue) = match status {
        PostContact::NotRequired => return ().into_any(),
        PostContact::Met(at) => ((m.transitions.met)(&when(at)), false),
        PostContact::Due(by) => ((m.transitions.due)(&when(by)), false),
        PostContact::Missed(by) => ((m.transitions.missed)(&when(by)), true),
    };
    view! { <p class="next-contact" class:overdue=overdue data-testid="post-contact"><strong>{line}</strong></p> }
        .into_any()
}

#[component]
fn TransitionForm(case_id: Id, opened_on: chrono::NaiveDate) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(TransitionDraft::new(now()));
    crate::ui::language::carry("transition-form", draft);
    let state = FormState::new();
    let errors = state.errors;
    let f = Field::FollowUp;
    let (from, set_from) = bind!(draft.from);
    let (to, set_to) = bind!(draft.to);
    let (on, set_on) = bind!(draft.date);
    let (time, set_time) = bind!(draft.time);
    let settings = || -> Vec<(&'static str, &'static str)> {
        Setting::ALL
            .iter()
            .map(|s| (s.code(), (t().transitions.settings)(*s)))
            .collect()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = use_db().new_id();
        let checked =
            draft.with_untracked(|d| d.validate(id, case_id, opened_on, now(), chrono::Utc::now()));
        if let Some(transition) = state.accept(checked) {
            let storage = use_db();
            save_and_reread(
                state,
                async move { storage.record_transition(transition).await },
            );
        }
    };
    view! {
        <details class="add-form" id="add-transition">
            <summary>{m.transitions.record}</summary>
            <form class="form" novalidate on:submit=submit autocomplete="off">
                <p class="hint">{m.transitions.rule_hint}</p>
                {select(Input::text(f(FollowUpField::TransitionFrom)).required(), settings(), (from, set_from), errors)}
                {select(Input::text(f(FollowUpField::TransitionTo)).required(), settings(), (to, set_to), errors)}
                {input(Input::date(f(FollowUpField::TransitionDate)).required().max(today().to_string()), (on, set_on), errors)}
                {input(Input::of(f(FollowUpField::TransitionTime), "time").required(), (time, set_time), errors)}
                <FormActions state=state submit=m.transitions.save />
            </form>
        </details>
    }
}

/// The checklist as tick boxes; each tick is saved at once. Read-only on a closed case.
#[component]
fn Checklist(
    transition: Transition,
    open: bool,
    failure: RwSignal<Option<StorageError>>,
) -> impl IntoView {
    let m = t();
    let (case_id, tid) = (transition.case_id, transition.id);
    view! {
        <fieldset class="field check-list">
            <legend>{m.transitions.checklist}</legend>
            <div class="choices">
                {ChecklistItem::ALL.into_iter().map(|item| {
                    let done = transition.is_done(item);
                    // Ticked by confirming a reconciliation, which stays recorded: not unticked by hand.
                    let kept = item == ChecklistItem::MedicationReconciliation && transition.reconciliation.is_some();
                    let id = format!("check-{tid}-{}", item.code());
                    let target = format!("#{id}");
                    // A tick that failed to save shows the stored state again.
                    let node = NodeRef::<leptos::html::Input>::new();
                    Effect::new(move |_| {
                        if failure.with(Option::is_some) {
                            if let Some(input) = node.get() {
                                input.set_checked(done);
                            }
                        }
                    });
                    view! {
                        <label class="choice">
                            <input type="checkbox" id=id data-item=item.code() node_ref=node prop:checked=done
                                disabled=move || !open || kept || running().get()
                                on:change=move |ev| {
                                    let ticked = event_target_checked(&ev);
                                    let storage = use_db();
                                    act_keeping_focus(failure, target.clone(), async move {
                                        storage.set_checklist(case_id, tid, item, ticked).await.map(drop)
                                    });
                                } />
                            {(m.transitions.items)(item)}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A confirmed reconciliation: every medication with what happened to it.
#[component]
fn Reconciled(transition: Transition) -> impl IntoView {
    let m = t();
    let Some(r) = transition.reconciliation else {
        return ().into_any();
    };
    view! {
        <h4>{(m.transitions.items)(ChecklistItem::MedicationReconciliation)}</h4>
        <ul class="reconciled" data-testid="reconciled">
            {r.lines.iter().map(|line| {
                let change = (m.transitions.changes)(line.change);
                let listed = line.before.as_ref().or(line.after.as_ref()).map(medication).unwrap_or_default();
                let now = (line.change == MedicationChange::Changed).then(|| line.after.as_ref().map(medication)).flatten();
                view! { <li>{(m.transitions.reconciled_line)(change, &listed, now.as_deref())}</li> }
            }).collect_view()}
        </ul>
        <p class="hint">{(m.transitions.reconciled_by)(&r.by, &local_time(r.confirmed_at))}</p>
    }
    .into_any()
}

/// The reconciliation form: a line per medication on the current list, its change chosen (a changed one takes its
/// new dose and frequency), and lines for new medications.
#[component]
fn ReconcileForm(
    case_id: Id,
    transition_id: Id,
    medications: Vec<Medication>,
    reconciling: RwSignal<Option<Id>>,
) -> impl IntoView {
    let m = t();
    let draft = RwSignal::new(ReconciliationDraft::of(&medications));
    let state = FormState::new();
    let errors = state.errors;
    let f = Field::FollowUp;
    let lines = Memo::new(move |_| draft.with(|d| d.lines.len()));
    let text =
        move |i: usize,
              get: fn(&crate::domain::transition::MedicationLineDraft) -> &String,
              set: fn(&mut crate::domain::transition::MedicationLineDraft, String)| {
            (
                Signal::derive(move || {
                    draft.with(|d| d.lines.get(i).map(|l| get(l).clone()).unwrap_or_default())
                }),
                Callback::new(move |v: String| {
                    draft.update(|d| {
                        if let Some(l) = d.lines.get_mut(i) {
                            set(l, v)
                        }
                    })
                }),
            )
        };
    let (by, set_by) = bind!(draft.by);
    let choices: Vec<(&'static str, &'static str)> = [
        MedicationChange::Continued,
        MedicationChange::Changed,
        MedicationChange::Stopped,
    ]
    .into_iter()
    .map(|c| (c.code(), (m.transitions.changes)(c)))
    .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(reconciliation) =
            state.accept(draft.with_untracked(|d| d.validate(chrono::Utc::now())))
        {
            let storage = use_db();
            save_and_reread(state, async move {
                storage
                    .reconcile(case_id, transition_id, reconciliation)
                    .await
            });
        }
    };
    request_animation_frame(|| {
        crate::ui::form::focus("#reconcile-form select, #reconcile-form input")
    });
    let listed = medications.len();
    let line = move |i: usize| {
        let n = u8::try_from(i).unwrap_or(u8::MAX);
        let before = draft.with_untracked(|d| d.lines.get(i).and_then(|l| l.before.clone()));
        match before {
            Some(before) => {
                let change = text(i, |l| &l.change, |l, v| l.change = v);
                let changed = move || change.0.get() == MedicationChange::Changed.code();
                view! {
                    <fieldset class="medication-line">
                        <legend>{medication(&before)}</legend>
                        {select(Input::text(f(FollowUpField::MedicationChange(n))).required(), choices.clone(), change, errors)}
                        {move || changed().then(|| view! {
                            {input(Input::text(f(FollowUpField::MedicationDose(n))), text(i, |l| &l.dose, |l, v| l.dose = v), errors)}
                            {input(Input::text(f(FollowUpField::MedicationFrequency(n))), text(i, |l| &l.frequency, |l, v| l.frequency = v), errors)}
                        })}
                    </fieldset>
                }
                .into_any()
            }
            None => {
                let title = (m.transitions.new_line)(i + 1 - listed);
                let remove = (m.transitions.remove_new)(i + 1 - listed);
                view! {
                    <fieldset class="medication-line">
                        <legend>{title.clone()}</legend>
                        {input(Input::text(f(FollowUpField::MedicationName(n))).required(), text(i, |l| &l.name, |l, v| l.name = v), errors)}
                        {input(Input::text(f(FollowUpField::MedicationDose(n))), text(i, |l| &l.dose, |l, v| l.dose = v), errors)}
                        {input(Input::text(f(FollowUpField::MedicationFrequency(n))), text(i, |l| &l.frequency, |l, v| l.frequency = v), errors)}
                        <button type="button" class="button button-small" aria-label=remove
                            on:click=move |_| draft.update(|d| { if i < d.lines.len() { d.lines.remove(i); } })>
                            {m.assessment.remove_row}
                        </button>
                    </fieldset>
                }
                .into_any()
            }
        }
    };
    view! {
        <form class="form" id="reconcile-form" novalidate on:submit=submit autocomplete="off" aria-label=m.transitions.reconcile>
            <p class="hint">{m.transitions.reconcile_hint}</p>
            {medications.is_empty().then(|| view! { <p class="empty">{m.transitions.no_medications}</p> })}
            {move || (0..lines.get()).map(&line).collect_view()}
            <button type="button" class="button" on:click=move |_| draft.update(ReconciliationDraft::add_new)>{m.transitions.add_new}</button>
            {input(Input::text(f(FollowUpField::ReconciledBy)).required(), (by, set_by), errors)}
            <FormActions state=state submit=m.transitions.confirm />
            <button type="button" class="button" on:click=move |_| {
                reconciling.set(None);
                request_animation_frame(move || crate::ui::form::focus(&format!("#reconcile-{transition_id}")));
            }>{m.common.cancel}</button>
        </form>
    }
}
