//! Encryption at rest against real IndexedDB and WebCrypto in headless Chromium: the whole storage suite on an
//! encrypted workspace, what is on disk (no plain text, keyed tier codes), records moved or replayed, unlock and
//! its failures, users, the recovery key, and sealing a workspace of before encryption when interrupted.
#![cfg(target_arch = "wasm32")]

mod suite;

use care_planner::domain::client::ClientDetails;
use care_planner::domain::ids::Id;
use care_planner::domain::risk::Tier;
use care_planner::domain::security::LockDraft;
use care_planner::storage::schema::{self, Version};
use care_planner::storage::{Confirmed, Storage, StorageError, StorageEvent, Unlock, SEAL_BATCH};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASS: &str = "lantern orchard velvet";

fn unique_name(test: &str) -> String {
    format!("enc-{test}-{}", js_sys::Math::random())
}

fn quiet() -> Rc<dyn Fn(StorageEvent)> {
    Rc::new(|_| {})
}

async fn open(name: &str) -> Storage {
    Storage::open_at(name, Version::CURRENT, quiet())
        .await
        .expect("open")
}

/// A new database with encryption set up for "Nurse Sato".
async fn sealed(name: &str) -> Storage {
    let storage = open(name).await;
    storage.set_up("Nurse Sato", PASS).await.expect("set up");
    storage
}

macro_rules! encrypted {
    ($($name:ident),*) => {
        $(
            #[wasm_bindgen_test]
            async fn $name() {
                suite::$name(sealed(&unique_name(stringify!($name))).await).await;
            }
        )*
    };
}

storage_suite!(encrypted);

fn details(name: &str) -> ClientDetails {
    suite::details(name)
}

/// How many open cases the case list shows as urgent (through the keyed tier code).
async fn urgent_cases(storage: &Storage) -> usize {
    storage
        .open_cases(Some(Some(Tier::Urgent)))
        .await
        .unwrap()
        .value
        .len()
}

/// A PHQ-9 with item 9 answered above 0: the case becomes urgent.
async fn phq9_item9(storage: &Storage, case: &care_planner::domain::case::Case) {
    storage
        .record_administration(suite::administration(
            case,
            care_planner::domain::instruments::Instrument::Phq9,
            suite::phq9(0, 2),
        ))
        .await
        .unwrap();
}

async fn done(request: &web_sys::IdbRequest) -> JsValue {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("request");
    request.result().unwrap()
}

async fn raw_db(name: &str) -> web_sys::IdbDatabase {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.open(name).unwrap();
    done(&request).await.unchecked_into()
}

/// Every row of `store` as JSON text.
async fn raw_rows(db: &web_sys::IdbDatabase, store: &str) -> Vec<String> {
    let tx = db.transaction_with_str(store).unwrap();
    let rows = done(&tx.object_store(store).unwrap().get_all().unwrap()).await;
    js_sys::Array::from(&rows)
        .iter()
        .map(|row| js_sys::JSON::stringify(&row).unwrap().as_string().unwrap())
        .collect()
}

async fn raw_get(db: &web_sys::IdbDatabase, store: &str, key: &str) -> JsValue {
    let tx = db.transaction_with_str(store).unwrap();
    done(&tx.object_store(store).unwrap().get(&key.into()).unwrap()).await
}

async fn raw_put(db: &web_sys::IdbDatabase, store: &str, row: &JsValue) {
    let tx = db
        .transaction_with_str_and_mode(store, web_sys::IdbTransactionMode::Readwrite)
        .unwrap();
    done(&tx.object_store(store).unwrap().put(row).unwrap()).await;
}

fn set(row: &JsValue, field: &str, value: &JsValue) {
    js_sys::Reflect::set(row, &field.into(), value).unwrap();
}

fn field(row: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(row, &name.into()).unwrap()
}

/// Every store's rows, as text, in one string.
async fn everything(name: &str) -> String {
    let db = raw_db(name).await;
    let mut all = String::new();
    let stores = db.object_store_names();
    for i in 0..stores.length() {
        for row in raw_rows(&db, &stores.get(i).unwrap()).await {
            all.push_str(&row);
        }
    }
    db.close();
    all
}

#[wasm_bindgen_test]
async fn nothing_typed_is_on_disk_in_plain_text_and_tiers_are_keyed_codes() {
    let name = unique_name("on-disk");
    let storage = sealed(&name).await;
    let (_, case) = suite::client_with_case(&storage, "Zyxquv Marker").await;
    phq9_item9(&storage, &case).await;
    assert_eq!(
        storage.case_file(case.id).await.unwrap().case.tier(),
        Some(Tier::Urgent)
    );
    let disk = everything(&name).await;
    for plain in ["Zyxquv", "Marker", "urgent", "phq9_item9", "Nurse"] {
        // The user's name is on the unlock screen: it is the one name in the keyring, nowhere else.
        let outside_keyring = disk.replace("\"name\":\"Nurse Sato\"", "");
        assert!(
            !outside_keyring.contains(plain),
            "{plain} is on disk in plain text"
        );
    }
    // The dashboard still counts the urgent case through the keyed index code.
    let dashboard = storage.dashboard(suite::today()).await.unwrap();
    assert!(dashboard.counts.by_tier.contains(&(Some(Tier::Urgent), 1)));
    assert_eq!(urgent_cases(&storage).await, 1);
}

#[wasm_bindgen_test]
async fn a_body_moved_to_another_record_or_an_older_revision_put_back_does_not_open() {
    let name = unique_name("moved");
    let storage = sealed(&name).await;
    let ana = storage.create_client(details("Ana Lima")).await.unwrap();
    let bea = storage.create_client(details("Bea Lima")).await.unwrap();
    let mut forged = bea.clone();
    forged.details = details("Bea Forged");
    let db = raw_db(&name).await;
    let ana_row = raw_get(&db, schema::CLIENTS, &ana.id.to_string()).await;
    let first_body = field(&ana_row, "body");
    storage
        .update_client(ana.id, details("Ana Lima Souza"))
        .await
        .unwrap();

    // Ana's first body under Ana's current revision: a replay.
    let now = raw_get(&db, schema::CLIENTS, &ana.id.to_string()).await;
    set(&now, "body", &first_body);
    raw_put(&db, schema::CLIENTS, &now).await;
    // Ana's body in Bea's record: a move.
    let bea_row = raw_get(&db, schema::CLIENTS, &bea.id.to_string()).await;
    set(&bea_row, "body", &first_body);
    set(&bea_row, "rev", &JsValue::from(1));
    raw_put(&db, schema::CLIENTS, &bea_row).await;
    // A body in plain JSON, as an attacker without the key would write.
    let plain = raw_get(&db, schema::CLIENTS, &bea.id.to_string()).await;
    db.close();

    for id in [ana.id, bea.id] {
        assert!(
            matches!(storage.client_file(id).await, Err(StorageError::Corrupt(_))),
            "{id} opened"
        );
    }
    let db = raw_db(&name).await;
    set(
        &plain,
        "body",
        &serde_json::to_string(&forged).unwrap().into(),
    );
    raw_put(&db, schema::CLIENTS, &plain).await;
    db.close();
    assert!(matches!(
        storage.client_file(bea.id).await,
        Err(StorageError::Corrupt(_))
    ));
}

#[wasm_bindgen_test]
async fn unlocking_takes_the_right_passphrase_and_slows_down_after_five_failures() {
    let name = unique_name("unlock");
    let storage = sealed(&name).await;
    let client = storage.create_client(details("Ana Lima")).await.unwrap();
    storage.lock();
    assert_eq!(
        storage.client_file(client.id).await.map(|_| ()),
        Err(StorageError::Locked)
    );
    let again = open(&name).await;
    assert!(again.is_locked());
    let user = again.keyring().await.unwrap().unwrap().users[0].id.clone();
    for n in 1..=4 {
        assert_eq!(
            again.unlock(&user, "not the passphrase").await.unwrap(),
            Unlock::Refused {
                failures: n,
                wait_secs: 0
            }
        );
    }
    // Right after four failures, the right passphrase opens and clears the count.
    assert_eq!(
        again.unlock(&user, PASS).await.unwrap(),
        Unlock::Unlocked { sealing: false }
    );
    assert_eq!(again.keyring().await.unwrap().unwrap().failures, 0);
    assert_eq!(
        again
            .client_file(client.id)
            .await
            .unwrap()
            .client
            .details
            .full_name,
        "Ana Lima"
    );
    again.lock();
    for n in 1..=5 {
        let outcome = again.unlock(&user, "wrong again").await.unwrap();
        assert_eq!(
            outcome,
            Unlock::Refused {
                failures: n,
                wait_secs: if n < 5 { 0 } else { 5 }
            }
        );
    }
    // The sixth try waits, even with the right passphrase: nothing is checked.
    assert!(matches!(
        again.unlock(&user, PASS).await.unwrap(),
        Unlock::TooSoon { wait_secs: 1..=5 }
    ));
    assert!(again.is_locked());
}

#[wasm_bindgen_test]
async fn users_have_their_own_passphrases_and_the_audit_trail_names_who_acted() {
    let name = unique_name("users");
    let storage = sealed(&name).await;
    let sato = storage.actor().unwrap();
    assert_eq!(
        storage
            .add_user("wrong", "Kenji Ito", "kenji's own phrase")
            .await
            .unwrap(),
        Confirmed::Wrong {
            failures: 1,
            wait_secs: 0
        }
    );
    assert_eq!(
        storage
            .add_user(PASS, "Kenji Ito", "kenji's own phrase")
            .await
            .unwrap(),
        Confirmed::Yes
    );
    let keyring = storage.keyring().await.unwrap().unwrap();
    assert_eq!(keyring.users.len(), 2);
    let (first, kenji) = (keyring.users[0].clone(), keyring.users[1].clone());
    let ana = storage.create_client(details("Ana Lima")).await.unwrap();
    storage.lock();

    assert_eq!(
        storage.unlock(&kenji.id, PASS).await.unwrap(),
        Unlock::Refused {
            failures: 1,
            wait_secs: 0
        }
    );
    assert_eq!(
        storage
            .unlock(&kenji.id, "kenji's own phrase")
            .await
            .unwrap(),
        Unlock::Unlocked { sealing: false }
    );
    let kenji_staff: Id = kenji.staff_id.parse().unwrap();
    assert_eq!(storage.actor(), Some(kenji_staff));
    storage
        .update_client(ana.id, details("Ana Lima Souza"))
        .await
        .unwrap();
    let trail = storage.audit_trail(ana.id).await.unwrap();
    assert_eq!(
        trail.iter().map(|e| e.by).collect::<Vec<_>>(),
        vec![Some(sato), Some(kenji_staff)]
    );
    assert!(storage
        .staff()
        .await
        .unwrap()
        .value
        .iter()
        .any(|s| s.id == kenji_staff && s.name == "Kenji Ito"));

    // Kenji changes his passphrase: the old one no longer opens, the new one does, and the records are untouched.
    assert!(matches!(
        storage
            .change_passphrase("nope", "a new kenji phrase")
            .await
            .unwrap(),
        Confirmed::Wrong { .. }
    ));
    assert_eq!(
        storage
            .change_passphrase("kenji's own phrase", "a new kenji phrase")
            .await
            .unwrap(),
        Confirmed::Yes
    );
    storage.lock();
    assert!(matches!(
        storage
            .unlock(&kenji.id, "kenji's own phrase")
            .await
            .unwrap(),
        Unlock::Refused { .. }
    ));
    assert_eq!(
        storage
            .unlock(&kenji.id, "a new kenji phrase")
            .await
            .unwrap(),
        Unlock::Unlocked { sealing: false }
    );
    assert_eq!(
        storage
            .client_file(ana.id)
            .await
            .unwrap()
            .client
            .details
            .full_name,
        "Ana Lima Souza"
    );

    // Removing the first user: they can no longer unlock; the last user cannot be removed.
    storage.remove_user(&first.id).await.unwrap();
    assert_eq!(
        storage.remove_user(&kenji.id).await,
        Err(StorageError::LastUser)
    );
    storage.lock();
    assert_eq!(
        storage.unlock(&first.id, PASS).await,
        Err(StorageError::NotFound)
    );
}

#[wasm_bindgen_test]
async fn the_recovery_key_opens_and_sets_a_new_passphrase() {
    let name = unique_name("recovery");
    let storage = open(&name).await;
    let recovery = storage.set_up("Nurse Sato", PASS).await.unwrap();
    assert_eq!(recovery.len(), 39);
    let ana = storage.create_client(details("Ana Lima")).await.unwrap();
    storage.lock();
    let user = storage.keyring().await.unwrap().unwrap().users[0]
        .id
        .clone();
    // The last character changed (to one it is not: the key is random, so a fixed "X" matched it one time in 32).
    let last = if recovery.ends_with('X') { 'Y' } else { 'X' };
    let mistyped = format!("{}{last}", &recovery[..recovery.len() - 1]);
    assert!(matches!(
        storage
            .recover(&user, &mistyped, "fresh start phrase")
            .await
            .unwrap(),
        Unlock::Refused { failures: 1, .. }
    ));
    assert!(storage.is_locked());
    assert_eq!(
        storage
            .recover(&user, &recovery.to_lowercase(), "fresh start phrase")
            .await
            .unwrap(),
        Unlock::Unlocked { sealing: false }
    );
    assert_eq!(
        storage
            .client_file(ana.id)
            .await
            .unwrap()
            .client
            .details
            .full_name,
        "Ana Lima"
    );
    storage.lock();
    assert!(matches!(
        storage.unlock(&user, PASS).await.unwrap(),
        Unlock::Refused { .. }
    ));
    assert_eq!(
        storage.unlock(&user, "fresh start phrase").await.unwrap(),
        Unlock::Unlocked { sealing: false }
    );
}

#[wasm_bindgen_test]
async fn sealing_a_workspace_of_before_encryption_interrupted_halfway_loses_nothing() {
    let name = unique_name("seal-existing");
    let storage = open(&name).await;
    let total = SEAL_BATCH + SEAL_BATCH / 2;
    let mut ids = Vec::new();
    for n in 0..total {
        ids.push(
            storage
                .create_client(details(&format!("Plain Person {n}")))
                .await
                .unwrap()
                .id,
        );
    }
    let case = storage
        .open_case(ids[0], suite::case_details())
        .await
        .unwrap();
    phq9_item9(&storage, &case).await;
    assert!(everything(&name).await.contains("Plain Person"));

    storage.set_up("Nurse Sato", PASS).await.unwrap();
    assert!(!storage.keyring().await.unwrap().unwrap().sealed);
    // Interrupted after the first batch (as a closed page would stop it).
    assert!(!storage.seal_existing(&|_, _| {}, Some(1)).await.unwrap());
    let disk = everything(&name).await;
    let left = disk.matches("Plain Person").count();
    assert!(
        left > 0 && left < total,
        "{left} of {total} left in plain text"
    );

    // The next start: locked; the unlock says sealing is due, everything reads, sealing finishes.
    let again = open(&name).await;
    let user = again.keyring().await.unwrap().unwrap().users[0].id.clone();
    assert_eq!(
        again.unlock(&user, PASS).await.unwrap(),
        Unlock::Unlocked { sealing: true }
    );
    assert_eq!(again.caseload().await.unwrap().value.len(), total);
    let steps = std::cell::RefCell::new(Vec::new());
    assert!(again
        .seal_existing(&|done, all| steps.borrow_mut().push((done, all)), None)
        .await
        .unwrap());
    assert_eq!(steps.borrow().last().map(|s| s.0 == s.1), Some(true));
    let disk = everything(&name).await;
    assert!(!disk.contains("Plain Person") && !disk.contains("\"urgent\""));
    assert!(again.keyring().await.unwrap().unwrap().sealed);
    let caseload = again.caseload().await.unwrap();
    assert_eq!(caseload.value.len(), total);
    assert!(caseload.unreadable.is_empty(), "{:?}", caseload.unreadable);
    assert_eq!(
        again.case_file(case.id).await.unwrap().case.tier(),
        Some(Tier::Urgent)
    );
    assert_eq!(urgent_cases(&again).await, 1);
}

#[wasm_bindgen_test]
async fn a_keyring_changed_outside_the_app_is_refused_at_unlock() {
    let name = unique_name("keyring-mac");
    let storage = sealed(&name).await;
    let user = storage.keyring().await.unwrap().unwrap().users[0]
        .id
        .clone();
    storage.lock();
    // Marking the workspace as not yet sealed would make plain (forged) bodies readable: refused.
    let db = raw_db(&name).await;
    let keyring = raw_get(&db, schema::META, "keyring").await;
    set(&keyring, "sealed", &JsValue::FALSE);
    raw_put(&db, schema::META, &keyring).await;
    db.close();
    assert!(matches!(
        storage.unlock(&user, PASS).await,
        Err(StorageError::Corrupt(_))
    ));
    assert!(storage.is_locked());
    // Put back as it was, it opens again (the failure count is not part of the MAC).
    let db = raw_db(&name).await;
    let keyring = raw_get(&db, schema::META, "keyring").await;
    set(&keyring, "sealed", &JsValue::TRUE);
    raw_put(&db, schema::META, &keyring).await;
    // A user's staff id is bound to their wrap: taking another's fails to open, as a wrong passphrase does.
    let users = js_sys::Array::from(&field(&keyring, "users"));
    set(
        &users.get(0),
        "staff_id",
        &JsValue::from_str("00000000-0000-4000-8000-000000000000"),
    );
    raw_put(&db, schema::META, &keyring).await;
    db.close();
    assert!(matches!(
        storage.unlock(&user, PASS).await.unwrap(),
        Unlock::Refused { .. }
    ));
}

#[wasm_bindgen_test]
async fn what_a_lock_kept_goes_back_only_to_the_user_who_locked() {
    let name = unique_name("lock-draft");
    let storage = sealed(&name).await;
    let sato = storage.actor().unwrap().to_string();
    assert_eq!(
        storage
            .add_user(PASS, "Kenji Ito", "kenji's own phrase")
            .await
            .unwrap(),
        Confirmed::Yes
    );
    let users = storage.keyring().await.unwrap().unwrap().users;
    let draft = LockDraft {
        user: sato.clone(),
        path: "/clients/new".into(),
        fields: vec![("field-fullname".into(), "Zyxq Halfway".into())],
    };
    let codec = storage.codec_now();
    storage.lock();
    storage.save_lock_draft(&codec, &draft).await.unwrap();
    assert!(!everything(&name).await.contains("Zyxq"), "kept sealed");
    // Kenji unlocks: not his; and his own lock keeps Sato's.
    storage
        .unlock(&users[1].id, "kenji's own phrase")
        .await
        .unwrap();
    assert_eq!(storage.take_lock_draft().await.unwrap(), None);
    let kenji_codec = storage.codec_now();
    let kenji = storage.actor().unwrap().to_string();
    storage.lock();
    storage
        .save_lock_draft(
            &kenji_codec,
            &LockDraft {
                user: kenji,
                path: "/".into(),
                fields: vec![],
            },
        )
        .await
        .unwrap();
    storage.unlock(&users[0].id, PASS).await.unwrap();
    assert_eq!(storage.take_lock_draft().await.unwrap(), Some(draft));
    assert_eq!(
        storage.take_lock_draft().await.unwrap(),
        None,
        "given back once"
    );
}

/// Whether a database holds nothing restorable: no record, no audit entry, no keyring.
async fn is_empty(storage: &Storage) -> bool {
    for store in schema::SEALED_STORES.iter().chain([&schema::AUDIT]) {
        if suite::count(storage, store).await != 0 {
            return false;
        }
    }
    storage.keyring().await.unwrap().is_none()
}

/// The file with its body edited by `edit` and its checksum recomputed, as a forger would.
fn forged(file: &str, edit: impl Fn(&str) -> String) -> String {
    let end = file.rfind("sha256 ").unwrap();
    let body = edit(&file[..end]);
    format!(
        "{body}sha256 {}\n",
        care_planner::domain::sha256::hex_digest(body.as_bytes())
    )
}

#[wasm_bindgen_test]
async fn a_backup_file_restores_on_another_device_with_a_passphrase_or_the_recovery_key_and_nothing_else(
) {
    use care_planner::domain::backup::Problem;
    use care_planner::storage::RestoreError;
    let name = unique_name("backup");
    let storage = open(&name).await;
    let recovery = storage.set_up("Nurse Sato", PASS).await.unwrap();
    let (ana, case) = suite::client_with_case(&storage, "佐藤 花子").await;
    phq9_item9(&storage, &case).await;
    let file = storage.backup(chrono::Utc::now()).await.unwrap();
    assert!(file.name.ends_with(".cpbackup"));
    assert!(
        file.records >= 4,
        "client, case, result, task: {}",
        file.records
    );
    // Encrypted: nothing typed is in the file.
    for typed in ["佐藤", "花子", "Readmitted"] {
        assert!(!file.text.contains(typed), "{typed} is in the backup");
    }
    // The keyring travels in the clear (a user's name is needed to pick whose passphrase opens it), as it is
    // stored on the device: docs/SECURITY.md says so.
    assert!(file.text.contains("Nurse Sato"));

    // Each refusal names its reason and leaves the empty workspace empty.
    let target = open(&format!("{name}-to")).await;
    let refused = |p| Err::<u64, _>(RestoreError::File(p));
    let cases: Vec<(String, &str, Problem)> = vec![
        (
            file.text.clone(),
            "wrong passphrase here",
            Problem::WrongPassphrase,
        ),
        (
            file.text[..file.text.len() / 2].to_string(),
            PASS,
            Problem::Truncated,
        ),
        (
            file.text.replacen("\"records\"", "\"recordz\"", 1),
            PASS,
            Problem::Damaged,
        ),
        (
            forged(&file.text, |body| {
                let at = body.rfind('\n').unwrap() - 10;
                let mut b = body.to_string();
                let c = if &b[at..at + 1] == "A" { "B" } else { "A" };
                b.replace_range(at..at + 1, c);
                b
            }),
            PASS,
            Problem::Tampered,
        ),
        (
            forged(&file.text, |body| {
                body.replacen("lock_minutes\\\":5", "lock_minutes\\\":30", 1)
            }),
            PASS,
            Problem::Tampered,
        ),
        (
            file.text.replacen("BACKUP 1", "BACKUP 2", 1),
            PASS,
            Problem::Newer(2),
        ),
        ("not a backup".to_string(), PASS, Problem::NotABackup),
    ];
    for (text, secret, problem) in cases {
        assert_eq!(
            target.restore(text.as_bytes(), secret).await,
            refused(problem),
            "{problem:?}"
        );
        assert!(is_empty(&target).await, "{problem:?} left something behind");
    }

    // An older keyring of the same workspace (before a user was added) put under a newer backup, checksum
    // recomputed: its MAC is valid, but the payload is bound to the keyring it was made with.
    let added = storage
        .add_user(PASS, "Kenji Mori", "second passphrase here")
        .await
        .unwrap();
    assert_eq!(added, care_planner::storage::Confirmed::Yes);
    let newer = storage.backup(chrono::Utc::now()).await.unwrap();
    let header = |text: &str| text.lines().nth(1).unwrap().to_string();
    let old_keyring: serde_json::Value = serde_json::from_str(&header(&file.text)).unwrap();
    let mut swapped: serde_json::Value = serde_json::from_str(&header(&newer.text)).unwrap();
    swapped["keyring"] = old_keyring["keyring"].clone();
    let swapped_file = forged(&newer.text, |body| {
        body.replacen(&header(&newer.text), &swapped.to_string(), 1)
    });
    assert_eq!(
        target.restore(swapped_file.as_bytes(), PASS).await,
        refused(Problem::Tampered)
    );
    assert!(is_empty(&target).await);

    // A user's passphrase restores it whole; its users unlock it there and find everything.
    let restored = target.restore(file.text.as_bytes(), PASS).await.unwrap();
    assert_eq!(restored, file.records);
    let user = target.keyring().await.unwrap().unwrap().users[0].id.clone();
    assert!(matches!(
        target.unlock(&user, PASS).await.unwrap(),
        Unlock::Unlocked { .. }
    ));
    assert_eq!(
        target
            .client_file(ana.id)
            .await
            .unwrap()
            .client
            .details
            .full_name,
        "佐藤 花子"
    );
    assert_eq!(urgent_cases(&target).await, 1);
    assert!(matches!(
        target.verify_audit().await.unwrap(),
        care_planner::storage::audit_chain::AuditCheck::Intact { .. }
    ));
    // Not over a workspace that holds records.
    let before = everything(&format!("{name}-to")).await;
    assert_eq!(
        target.restore(file.text.as_bytes(), PASS).await,
        refused(Problem::NotEmpty)
    );
    assert_eq!(everything(&format!("{name}-to")).await, before);

    // The recovery key restores it too.
    let other = open(&format!("{name}-recovery")).await;
    assert_eq!(
        other.restore(file.text.as_bytes(), &recovery).await,
        Ok(file.records)
    );
}

#[wasm_bindgen_test]
async fn a_handover_file_opens_on_another_device_with_its_one_time_passphrase_and_nothing_else() {
    use care_planner::domain::envelope::Problem;
    use care_planner::domain::handover::{Choice, Choices};
    use care_planner::storage::RestoreError;
    let name = unique_name("handover");
    let storage = open(&name).await;
    storage.set_up("Nurse Sato", PASS).await.unwrap();
    let (client, case) = suite::client_with_case(&storage, "佐藤 花子").await;
    phq9_item9(&storage, &case).await;
    let file = storage
        .handover(client.id, &[case.id], chrono::Utc::now())
        .await
        .unwrap();
    assert!(file.name.ends_with(".cphandover"));
    assert_eq!(file.passphrase.len(), 19, "{}", file.passphrase);
    for typed in ["佐藤", "花子", "Nurse Sato", &file.passphrase] {
        assert!(!file.text.contains(typed), "{typed} is in the file");
    }

    // The colleague's own workspace, with its own keys: the file opens with the passphrase however it is typed.
    let other = open(&format!("{name}-to")).await;
    other.set_up("Nurse Kato", PASS).await.unwrap();
    let typed = file.passphrase.to_lowercase().replace('-', " ");
    let opened = other
        .open_handover(file.text.as_bytes(), &typed)
        .await
        .ok()
        .unwrap();
    assert_eq!(opened.payload.client, client);
    assert_eq!(opened.header.records, opened.payload.records().len() as u64);
    other
        .import_handover(
            &opened.payload,
            &Choices::all(Choice::KeepBoth, &opened.payload),
        )
        .await
        .unwrap();
    let there = other.case_file(case.id).await.unwrap();
    assert_eq!(there.client.details.full_name, "佐藤 花子");
    assert_eq!(there.administrations.len(), 1);

    // A wrong passphrase, one that is not one at all, a changed payload, a changed header: each refused.
    let refused =
        |r: std::result::Result<care_planner::storage::OpenedHandover, RestoreError>| match r {
            Err(RestoreError::File(p)) => p,
            Ok(_) => panic!("opened"),
            Err(e) => panic!("{e:?}"),
        };
    let wrong = care_planner::domain::handover::passphrase(&[7; 10]);
    assert_eq!(
        refused(other.open_handover(file.text.as_bytes(), &wrong).await),
        Problem::WrongPassphrase
    );
    assert_eq!(
        refused(
            other
                .open_handover(file.text.as_bytes(), "lantern orchard")
                .await
        ),
        Problem::WrongPassphrase
    );
    let lines: Vec<&str> = file.text.lines().collect();
    let rechecked = |header: &str, payload: &str| {
        let body = format!("{}\n{header}\n{payload}\n", lines[0]);
        format!(
            "{body}sha256 {}\n",
            care_planner::domain::sha256::hex_digest(body.as_bytes())
        )
    };
    let mut payload = lines[2].to_string();
    let at = payload.len() - 5;
    let flipped = if &payload[at..at + 1] == "A" {
        "B"
    } else {
        "A"
    };
    payload.replace_range(at..at + 1, flipped);
    assert_eq!(
        refused(
            other
                .open_handover(rechecked(lines[1], &payload).as_bytes(), &file.passphrase)
                .await
        ),
        Problem::WrongPassphrase,
        "a changed payload does not open"
    );
    let more = lines[1].replacen("\"records\":", "\"records\":1", 1);
    assert_eq!(
        refused(
            other
                .open_handover(rechecked(&more, lines[2]).as_bytes(), &file.passphrase)
                .await
        ),
        Problem::WrongPassphrase,
        "a payload under another header does not open"
    );
    let cut = &file.text[..file.text.len() / 2];
    assert_eq!(
        refused(other.open_handover(cut.as_bytes(), &file.passphrase).await),
        Problem::Truncated
    );
}
