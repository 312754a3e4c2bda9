//! The storage suite natively, against the in-memory backend (`cargo test`).

mod suite;

use care_planner::storage::MemoryBackend;

macro_rules! native {
    ($($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                futures::executor::block_on(suite::$name(suite::repo(MemoryBackend::default())));
            }
        )*
    };
}

storage_suite!(native);

/// A commit that fails after its checks (as a browser abort would) writes nothing; the same form sent again then
/// saves the result exactly once.
#[test]
fn a_failing_commit_writes_nothing_and_a_retry_saves_once() {
    use care_planner::domain::instruments::Instrument;
    use care_planner::storage::schema::{ADMINISTRATIONS, AUDIT, TASKS};
    use care_planner::storage::StorageError;
    futures::executor::block_on(async {
        let backend = MemoryBackend::default();
        let storage = suite::repo(backend.clone());
        let (_, case) = suite::client_with_case(&storage, "Sam Retry").await;
        let result = suite::administration(&case, Instrument::Phq9, suite::phq9(0, 1));
        let audit = backend.len(AUDIT);
        backend.fail_next_commit(StorageError::QuotaExceeded);
        assert_eq!(
            storage.record_administration(result.clone()).await,
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(
            (
                backend.len(ADMINISTRATIONS),
                backend.len(TASKS),
                backend.len(AUDIT)
            ),
            (0, 0, audit)
        );
        assert!(
            storage
                .record_administration(result.clone())
                .await
                .unwrap()
                .written
        );
        assert!(!storage.record_administration(result).await.unwrap().written);
        assert_eq!((backend.len(ADMINISTRATIONS), backend.len(TASKS)), (1, 1));
    });
}

#[test]
fn a_backup_payload_restores_everything_into_an_empty_workspace_or_nothing() {
    futures::executor::block_on(
        suite::a_backup_payload_restores_everything_into_an_empty_workspace_or_nothing(
            suite::repo(MemoryBackend::default()),
            suite::repo(MemoryBackend::default()),
            suite::repo(MemoryBackend::default()),
        ),
    );
}

#[test]
fn a_handover_imports_whole_and_clashes_follow_the_choices() {
    futures::executor::block_on(
        suite::a_handover_imports_whole_and_clashes_follow_the_choices(
            suite::repo(MemoryBackend::default()),
            suite::repo(MemoryBackend::default()),
        ),
    );
}

/// An import whose commit fails writes nothing at all (one transaction per file).
#[test]
fn a_handover_import_that_fails_writes_nothing() {
    use care_planner::domain::handover::{Choice, Choices};
    use care_planner::storage::StorageError;
    futures::executor::block_on(async {
        let payload = suite::richest_handover(&suite::repo(MemoryBackend::default())).await;
        let backend = MemoryBackend::default();
        let to = suite::repo(backend.clone());
        let (_, _) = suite::client_with_case(&to, "Rui Lima").await;
        let before: Vec<usize> = care_planner::storage::schema::STORES
            .iter()
            .map(|(s, _)| backend.len(s))
            .collect();
        backend.fail_next_commit(StorageError::QuotaExceeded);
        assert_eq!(
            to.import_handover(&payload, &Choices::all(Choice::KeepBoth, &payload))
                .await,
            Err(care_planner::storage::RestoreError::Storage(
                StorageError::QuotaExceeded
            ))
        );
        let after: Vec<usize> = care_planner::storage::schema::STORES
            .iter()
            .map(|(s, _)| backend.len(s))
            .collect();
        assert_eq!(before, after);
    });
}
