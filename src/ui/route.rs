//! The app's addresses: every page as a typed value, read from a path and written back as one.
//!
//! One `Route` value per page, matched by this module rather than by a table of `leptos_router` routes: each of
//! those compiles its own matching and rendering code (about 40 KB of wasm for ten routes), and a typed address
//! also means a link can only point at a page that exists. `leptos_router` still provides the history, links and
//! query strings.

use crate::domain::ids::Id;
use crate::domain::instruments::Instrument;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Caseload,
    NewClient,
    Client(Id),
    EditClient(Id),
    /// A new case for the client.
    NewCase(Id),
    Cases,
    Case(Id),
    Screening(Id),
    Assessment(Id),
    Instrument(Id, Instrument),
    /// The case's care plan.
    Plan(Id),
    /// The care plan printed for the client.
    PlanPrint(Id),
    /// Referrals, appointments and tasks of the case.
    Coordination(Id),
    /// The case's contact log and when the next contact is due.
    FollowUp(Id),
    /// The case's moves between care settings.
    Transitions(Id),
    /// Goal outcomes, instrument results from baseline to latest, closure and reopening.
    Evaluation(Id),
    /// Everything that happened in the case.
    History(Id),
    /// The staff list.
    Staff,
    /// The workspace's audit trail and its verification.
    Audit,
    /// This device's settings (kiosk mode).
    Device,
    Users,
    /// The plain-text exports (CSV, calendar).
    Export,
    /// The client's handover to a colleague.
    Handover(Id),
    /// Receiving a colleague's handover file.
    Receive,
    NotFound,
}

impl Route {
    /// The page at `path` (the address without its query); `NotFound` for anything else, malformed ids included.
    pub(crate) fn parse(path: &str) -> Route {
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        let mut parts = path.split('/').skip(1);
        let segments: [Option<&str>; 5] = std::array::from_fn(|_| parts.next());
        if parts.next().is_some() {
            return Route::NotFound;
        }
        let id = |text: Option<&str>| text.and_then(|t| t.parse::<Id>().ok());
        let route = match segments {
            [Some(""), None, ..] => Some(Route::Caseload),
            [Some("clients"), Some("new"), None, ..] => Some(Route::NewClient),
            [Some("clients"), client, None, ..] => id(client).map(Route::Client),
            [Some("clients"), client, Some("edit"), None, ..] => id(client).map(Route::EditClient),
            [Some("clients"), client, Some("cases"), Some("new"), None] => {
                id(client).map(Route::NewCase)
            }
            [Some("cases"), None, ..] => Some(Route::Cases),
            [Some("staff"), None, ..] => Some(Route::Staff),
            [Some("audit"), None, ..] => Some(Route::Audit),
            [Some("device"), None, ..] => Some(Route::Device),
            [Some("users"), None, ..] => Some(Route::Users),
            [Some("export"), None, ..] => Some(Route::Export),
            [Some("handover"), None, ..] => Some(Route::Receive),
            [Some("clients"), client, Some("handover"), None, ..] => {
                id(client).map(Route::Handover)
            }
            [Some("cases"), case, None, ..] => id(case).map(Route::Case),
            [Some("cases"), case, Some("screening"), None, ..] => id(case).map(Route::Screening),
            [Some("cases"), case, Some("assessment"), None, ..] => id(case).map(Route::Assessment),
            [Some("cases"), case, Some("plan"), None, ..] => id(case).map(Route::Plan),
            [Some("cases"), case, Some("plan"), Some("print"), None] => {
                id(case).map(Route::PlanPrint)
            }
            [Some("cases"), case, Some("coordination"), None, ..] => {
                id(case).map(Route::Coordination)
            }
            [Some("cases"), case, Some("follow-up"), None, ..] => id(case).map(Route::FollowUp),
            [Some("cases"), case, Some("transitions"), None, ..] => {
                id(case).map(Route::Transitions)
            }
            [Some("cases"), case, Some("evaluation"), None, ..] => id(case).map(Route::Evaluation),
            [Some("cases"), case, Some("history"), None, ..] => id(case).map(Route::History),
            [Some("cases"), case, Some("instruments"), Some(code), None] => id(case)
                .zip(Instrument::from_code(code))
                .map(|(id, i)| Route::Instrument(id, i)),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The address of the page.
    pub(crate) fn href(self) -> String {
        match self {
            Route::Caseload | Route::NotFound => "/".into(),
            Route::NewClient => "/clients/new".into(),
            Route::Client(id) => format!("/clients/{id}"),
            Route::EditClient(id) => format!("/clients/{id}/edit"),
            Route::NewCase(id) => format!("/clients/{id}/cases/new"),
            Route::Cases => "/cases".into(),
            Route::Case(id) => format!("/cases/{id}"),
            Route::Screening(id) => format!("/cases/{id}/screening"),
            Route::Assessment(id) => format!("/cases/{id}/assessment"),
            Route::Instrument(id, instrument) => {
                format!("/cases/{id}/instruments/{}", instrument.code())
            }
            Route::Plan(id) => format!("/cases/{id}/plan"),
            Route::PlanPrint(id) => format!("/cases/{id}/plan/print"),
            Route::Coordination(id) => format!("/cases/{id}/coordination"),
            Route::FollowUp(id) => format!("/cases/{id}/follow-up"),
            Route::Transitions(id) => format!("/cases/{id}/transitions"),
            Route::Staff => "/staff".into(),
            Route::Audit => "/audit".into(),
            Route::Device => "/device".into(),
            Route::Users => "/users".into(),
            Route::Export => "/export".into(),
            Route::Receive => "/handover".into(),
            Route::Handover(id) => format!("/clients/{id}/handover"),
            Route::Evaluation(id) => format!("/cases/{id}/evaluation"),
            Route::History(id) => format!("/cases/{id}/history"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_round_trips_through_its_address() {
        let id: Id = "0190b1c2-3d4e-7f00-8a1b-2c3d4e5f6a7b".parse().unwrap();
        let pages = [
            Route::Caseload,
            Route::NewClient,
            Route::Client(id),
            Route::EditClient(id),
            Route::NewCase(id),
            Route::Cases,
            Route::Case(id),
            Route::Screening(id),
            Route::Assessment(id),
            Route::Plan(id),
            Route::PlanPrint(id),
            Route::Coordination(id),
            Route::FollowUp(id),
            Route::Transitions(id),
            Route::Evaluation(id),
            Route::Staff,
            Route::Audit,
            Route::Device,
            Route::Users,
            Route::Export,
            Route::Receive,
            Route::Handover(id),
            Route::History(id),
        ]
        .into_iter()
        .chain(
            Instrument::ALL
                .into_iter()
                .map(|i| Route::Instrument(id, i)),
        );
        for page in pages {
            assert_eq!(Route::parse(&page.href()), page, "{}", page.href());
            assert_eq!(
                Route::parse(&format!("{}/", page.href())),
                page,
                "trailing slash"
            );
        }
    }

    #[test]
    fn anything_else_is_not_found() {
        let id = "0190b1c2-3d4e-7f00-8a1b-2c3d4e5f6a7b";
        for path in [
            "",
            "/nowhere",
            "/clients",
            "/clients/not-an-id",
            &format!("/clients/{id}/delete"),
            &format!("/clients/{id}/cases"),
            &format!("/cases/{id}/instruments"),
            &format!("/cases/{id}/instruments/unknown"),
            &format!("/cases/{id}/instruments/phq9/more"),
            &format!("/cases/{id}/screening/x/y/z"),
            &format!("/cases/{id}/plan/draft"),
            &format!("/cases/{id}/history/all"),
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }
}
