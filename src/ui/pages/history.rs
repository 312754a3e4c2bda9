//! The case history: every phase move (with what was missing and why it moved on anyway) and every clinical event —
//! screening, results with their scores, the assessment completed, tier changes and overrides, the plan reviewed,
//! referrals sent and followed up, closure — newest first; then the case record's audit trail, with who acted.

use crate::domain::case::{Case, EventKind};
use crate::domain::ids::Id;
use crate::storage::{CaseFile, PlanFile};
use crate::ui::pages::{load_for_id, loaded, CaseTabs, Section, UnreadableNotice};
use crate::ui::{local_time, t};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[component]
pub(crate) fn HistoryPage(id: Id) -> impl IntoView {
    let file = load_for_id(id, |storage, id| async move {
        let case = storage.case_file(id).await?;
        let plan = storage.plan_file(id).await?;
        let trail = storage.audit_trail(id).await?;
        let staff = storage.staff().await?.value;
        Ok((case, plan, (trail, staff)))
    });
    loaded(
        file,
        |(case, plan, trail)| view! { <HistoryView file=case plan=plan trail=trail /> },
    )
}

/// The lines of the case's own history: phase moves and events.
fn case_lines(case: &Case) -> Vec<(DateTime<Utc>, String)> {
    let m = t();
    let mut lines: Vec<(DateTime<Utc>, String)> = case
        .history
        .iter()
        .map(|change| {
            let mut text = match change.from {
                None => (m.case.history_opened)(m.phase(change.to)),
                Some(from) => (m.case.history_moved)(m.phase(from), m.phase(change.to)),
            };
            if let Some(reason) = &change.reason {
                let missing: Vec<String> = change
                    .skipped
                    .iter()
                    .map(|r| m.requirement(*r).to_string())
                    .collect();
                text =
                    (m.case.history_moved_with_missing)(&text, &(m.common.list)(&missing), reason);
            }
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
            EventKind::TierChanged { from, to } => (m.case.history_tier_changed)(
                m.tier_or_unstratified(*from),
                m.tier_or_unstratified(*to),
            ),
            EventKind::Closed { reason, code } => {
                (m.case.history_closed)(&m.closure_words(*code, reason))
            }
            EventKind::Reopened { reason, by } => (m.case.history_reopened)(by, reason),
            EventKind::ResultEnteredInError {
                instrument,
                reason,
                by,
            } => (m.case.history_entered_in_error)(m.instrument(*instrument).name, by, reason),
        };
        (event.at, text)
    }));
    lines
}

#[component]
fn HistoryView(
    file: CaseFile,
    plan: PlanFile,
    trail: (
        Vec<crate::domain::audit::AuditEntry>,
        Vec<crate::domain::staff::StaffMember>,
    ),
) -> impl IntoView {
    let m = t();
    let name = file.client.details.full_name.clone();
    let case_id = file.case.id;
    let mut lines = case_lines(&file.case);
    lines.extend(file.administrations.iter().map(|a| {
        let result = m.result(&a.outcome);
        (
            a.recorded_at,
            (m.case.history_result)(m.instrument(a.instrument).name, &result, &a.administered_by),
        )
    }));
    if let Some(at) = file.assessment.as_ref().and_then(|a| a.completed_at) {
        lines.push((at, m.case.history_assessment_completed.to_string()));
    }
    let reviews = plan
        .revisions
        .iter()
        .map(|r| &r.plan)
        .chain(plan.work.plan.iter())
        .filter_map(|p| p.agreement.as_ref().map(|a| (p.revision, a)));
    lines.extend(reviews.map(|(revision, a)| {
        let text = if a.agreed {
            (m.case.history_plan_agreed)(revision)
        } else {
            (m.case.history_plan_not_agreed)(revision)
        };
        (a.recorded_at, text)
    }));
    lines.extend(plan.work.referrals.iter().flat_map(|r| {
        r.updates.iter().map(move |u| {
            (
                u.at,
                (m.case.history_referral)(&r.to, (m.coordination.referral_statuses)(u.status)),
            )
        })
    }));
    // Stable: for the same instant, later-recorded lines stay later before the reversal.
    crate::domain::order::sort_by_key(&mut lines, |(at, _)| *at);
    lines.reverse();
    let unreadable = [file.unreadable, plan.unreadable].concat();
    view! {
        <section class="page">
            <h1 id="history-heading">{(m.case.history_page_heading)(&name)}</h1>
            <CaseTabs case_id=case_id current=Section::History />
            <UnreadableNotice records=unreadable />
            <ul class="history">
                {lines.into_iter().map(|(at, text)| view! {
                    <li><time datetime=at.to_rfc3339()>{local_time(at)}</time> " " {text}</li>
                }).collect_view()}
            </ul>
            <h2>{m.audit.case_heading}</h2>
            <ol class="audit-list" data-testid="case-audit">
                {
                    let (entries, staff) = trail;
                    entries.into_iter().rev().map(|e| {
                        let who = e
                            .by
                            .and_then(|id| staff.iter().find(|s| s.id == id))
                            .map_or_else(|| m.audit.nobody.to_string(), |s| s.name.clone());
                        view! {
                            <li>{(m.audit.line)(&local_time(e.at), &who, (m.audit.kind)(e.entity), (m.audit.action)(e.action))}</li>
                        }
                    }).collect_view()
                }
            </ol>
        </section>
    }
}
