//! WebCrypto, the only cipher: AES-256-GCM for records and wrapped keys, PBKDF2-HMAC-SHA256 from a passphrase,
//! HKDF from the workspace's data key to the keys it is used through. Browser only.
//!
//! The data key is 32 random bytes made by the browser's generator in a JavaScript buffer. It is never copied into
//! the wasm memory: it is wrapped (encrypted) per user and for the recovery key, and unwrapping imports it straight
//! into a non-extractable HKDF key and overwrites the buffer. From that key come a non-extractable AES-GCM key for
//! records and the short secret that keys the index codes (bytes in the wasm memory, dropped at lock).

use crate::domain::security::{base64_decode, base64_encode, record_aad, SEALED_PREFIX};
use crate::storage::StorageError;
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Why WebCrypto is missing or failed.
fn crypto_error(what: &str, error: JsValue) -> StorageError {
    let detail = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .unwrap_or_else(|| format!("{error:?}"));
    StorageError::Crypto(format!("{what}: {detail}"))
}

/// The browser's WebCrypto. It exists only in a secure context (HTTPS or this machine).
fn subtle() -> Result<SubtleCrypto, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    if !window.is_secure_context() {
        return Err(StorageError::InsecureContext);
    }
    Ok(window
        .crypto()
        .map_err(|e| crypto_error("crypto", e))?
        .subtle())
}

fn object(fields: &[(&str, &JsValue)]) -> Object {
    let o = Object::new();
    for (name, value) in fields {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &(*name).into(), value);
    }
    o
}

fn usages(list: &[&str]) -> Array {
    list.iter().map(|u| JsValue::from_str(u)).collect()
}

async fn call(
    what: &str,
    promise: Result<js_sys::Promise, JsValue>,
) -> Result<JsValue, StorageError> {
    let promise = promise.map_err(|e| crypto_error(what, e))?;
    JsFuture::from(promise)
        .await
        .map_err(|e| crypto_error(what, e))
}

/// `n` random bytes from the browser's generator, in the wasm memory (IVs, salts, the recovery key).
pub fn random_bytes(n: usize) -> Result<Vec<u8>, StorageError> {
    let mut bytes = vec![0u8; n];
    web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .crypto()
        .map_err(|e| crypto_error("crypto", e))?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|e| crypto_error("random", e))?;
    Ok(bytes)
}

/// A new data key: 32 random bytes in a JavaScript buffer (never in the wasm memory).
pub fn new_data_key() -> Result<Uint8Array, StorageError> {
    let key = Uint8Array::new_with_length(32);
    web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .crypto()
        .map_err(|e| crypto_error("crypto", e))?
        .get_random_values_with_array_buffer_view(&key)
        .map_err(|e| crypto_error("random", e))?;
    Ok(key)
}

/// The AES-256-GCM key a secret wraps the data key with: PBKDF2-HMAC-SHA256 of `secret` (a passphrase, or a
/// recovery key's bytes) with `salt`, `iterations` times.
pub async fn wrapping_key(
    secret: &[u8],
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, StorageError> {
    let subtle = subtle()?;
    let material: CryptoKey = call(
        "import passphrase",
        subtle.import_key_with_str(
            "raw",
            &Uint8Array::from(secret),
            "PBKDF2",
            false,
            &usages(&["deriveKey"]),
        ),
    )
    .await?
    .unchecked_into();
    let params = object(&[
        ("name", &"PBKDF2".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &Uint8Array::from(salt)),
        ("iterations", &iterations.into()),
    ]);
    let aes = object(&[("name", &"AES-GCM".into()), ("length", &256.into())]);
    Ok(call(
        "derive wrapping key",
        subtle.derive_key_with_object_and_object(
            &params,
            &material,
            &aes,
            false,
            &usages(&["encrypt", "decrypt"]),
        ),
    )
    .await?
    .unchecked_into())
}

fn gcm(iv: &[u8], aad: &[u8]) -> Object {
    object(&[
        ("name", &"AES-GCM".into()),
        ("iv", &Uint8Array::from(iv)),
        ("additionalData", &Uint8Array::from(aad)),
    ])
}

/// Encrypts `data` (a JavaScript buffer) under `key` with a fresh IV: IV ‖ ciphertext ‖ tag.
async fn encrypt_js(key: &CryptoKey, aad: &[u8], data: &Object) -> Result<Vec<u8>, StorageError> {
    let iv = random_bytes(12)?;
    let sealed = call(
        "encrypt",
        subtle()?.encrypt_with_object_and_buffer_source(&gcm(&iv, aad), key, data),
    )
    .await?;
    let mut out = iv;
    out.extend(Uint8Array::new(&sealed).to_vec());
    Ok(out)
}

/// Decrypts IV ‖ ciphertext ‖ tag into a JavaScript buffer; `None` when the key or the additional data is not the
/// one it was sealed with, or the bytes were changed.
async fn decrypt_js(
    key: &CryptoKey,
    aad: &[u8],
    sealed: &[u8],
) -> Result<Option<ArrayBuffer>, StorageError> {
    if sealed.len() < 12 + 16 {
        return Ok(None);
    }
    let promise = subtle()?
        .decrypt_with_object_and_u8_array(&gcm(&sealed[..12], aad), key, &sealed[12..])
        .map_err(|e| crypto_error("decrypt", e))?;
    match JsFuture::from(promise).await {
        Ok(plain) => Ok(Some(plain.unchecked_into())),
        // OperationError: the tag did not verify.
        Err(e)
            if Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .as_deref()
                == Some("OperationError") =>
        {
            Ok(None)
        }
        Err(e) => Err(crypto_error("decrypt", e)),
    }
}

/// The data key wrapped under `wrapping`: IV ‖ ciphertext ‖ tag, as base64.
pub async fn wrap(
    data_key: &Uint8Array,
    wrapping: &CryptoKey,
    aad: &[u8],
) -> Result<String, StorageError> {
    Ok(base64_encode(&encrypt_js(wrapping, aad, data_key).await?))
}

/// Unwraps the data key into a JavaScript buffer (to wrap it again for another holder); `None` if `wrapping` is
/// not the key it was wrapped with. The caller overwrites the buffer when done (`forget`).
pub async fn unwrap_raw(
    wrapped: &str,
    wrapping: &CryptoKey,
    aad: &[u8],
) -> Result<Option<Uint8Array>, StorageError> {
    let bytes =
        base64_decode(wrapped).ok_or_else(|| StorageError::Corrupt("wrapped key".into()))?;
    Ok(decrypt_js(wrapping, aad, &bytes)
        .await?
        .map(|b| Uint8Array::new(&b)))
}

/// Overwrites a key's buffer.
pub fn forget(buffer: &Uint8Array) {
    buffer.fill(0, 0, buffer.length());
}

/// The data key imported as a non-extractable HKDF key (the buffer is then overwritten).
pub async fn import_data_key(raw: &Uint8Array) -> Result<CryptoKey, StorageError> {
    let key = call(
        "import data key",
        subtle()?.import_key_with_str(
            "raw",
            raw,
            "HKDF",
            false,
            &usages(&["deriveKey", "deriveBits"]),
        ),
    )
    .await;
    forget(raw);
    Ok(key?.unchecked_into())
}

fn hkdf(workspace: &str, info: &str) -> Object {
    object(&[
        ("name", &"HKDF".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &Uint8Array::from(workspace.as_bytes())),
        ("info", &Uint8Array::from(info.as_bytes())),
    ])
}

/// The non-extractable AES-256-GCM key for records, derived from the data key.
pub async fn record_key(data_key: &CryptoKey, workspace: &str) -> Result<CryptoKey, StorageError> {
    aes_key(data_key, workspace, "records/1").await
}

/// The non-extractable AES-256-GCM key that seals a backup's payload (apart from the records' key).
pub async fn backup_key(data_key: &CryptoKey, workspace: &str) -> Result<CryptoKey, StorageError> {
    aes_key(data_key, workspace, "backup/1").await
}

async fn aes_key(
    data_key: &CryptoKey,
    workspace: &str,
    info: &str,
) -> Result<CryptoKey, StorageError> {
    let aes = object(&[("name", &"AES-GCM".into()), ("length", &256.into())]);
    Ok(call(
        "derive key",
        subtle()?.derive_key_with_object_and_object(
            &hkdf(workspace, info),
            data_key,
            &aes,
            false,
            &usages(&["encrypt", "decrypt"]),
        ),
    )
    .await?
    .unchecked_into())
}

/// Seals bytes under `key`, bound to `aad`: IV ‖ ciphertext ‖ tag.
pub async fn seal_bytes(
    key: &CryptoKey,
    aad: &[u8],
    plain: &[u8],
) -> Result<Vec<u8>, StorageError> {
    encrypt_js(key, aad, &Uint8Array::from(plain)).await
}

/// Opens what `seal_bytes` sealed; `None` when the key, the additional data or the bytes are not as sealed.
pub async fn open_bytes(
    key: &CryptoKey,
    aad: &[u8],
    sealed: &[u8],
) -> Result<Option<Vec<u8>>, StorageError> {
    Ok(decrypt_js(key, aad, sealed)
        .await?
        .map(|b| Uint8Array::new(&b).to_vec()))
}

/// A 32-byte secret for `purpose`, derived from the data key (the index codes, the keyring's MAC).
pub async fn secret(
    data_key: &CryptoKey,
    workspace: &str,
    purpose: &str,
) -> Result<[u8; 32], StorageError> {
    let bits = call(
        "derive secret",
        subtle()?.derive_bits_with_object(&hkdf(workspace, purpose), data_key, 256),
    )
    .await?;
    let bytes = Uint8Array::new(&bits).to_vec();
    bytes
        .try_into()
        .map_err(|_| StorageError::Crypto("derived secret of the wrong length".into()))
}

/// Seals a record's content: `e1.` and base64 of IV ‖ ciphertext ‖ tag, bound to its store, key and revision.
pub async fn seal(
    key: &CryptoKey,
    store: &str,
    id: &str,
    rev: u32,
    plain: &[u8],
) -> Result<String, StorageError> {
    let sealed = encrypt_js(key, &record_aad(store, id, rev), &Uint8Array::from(plain)).await?;
    Ok(format!("{SEALED_PREFIX}{}", base64_encode(&sealed)))
}

/// Opens a sealed body; a body that is not valid for this store, key and revision under this key is corrupt.
pub async fn open(
    key: &CryptoKey,
    store: &str,
    id: &str,
    rev: u32,
    body: &str,
) -> Result<Vec<u8>, StorageError> {
    let not_sealed = || StorageError::Corrupt(format!("{store} {id}: not a sealed record"));
    let bytes = body
        .strip_prefix(SEALED_PREFIX)
        .and_then(base64_decode)
        .ok_or_else(not_sealed)?;
    match decrypt_js(key, &record_aad(store, id, rev), &bytes).await? {
        Some(plain) => Ok(Uint8Array::new(&plain).to_vec()),
        None => Err(StorageError::Corrupt(format!(
            "{store} {id}: does not open with this workspace's key here (moved, replayed or changed)"
        ))),
    }
}
