//! The lock's encryption, by the browser's WebCrypto: a key made from the
//! passphrase with PBKDF2-SHA-256, AES-256-GCM with a fresh random nonce for
//! each save. The key cannot be read out of the browser (non-extractable) and
//! lives in memory for this page only; the passphrase is never kept.
//! Natively each function fails, as there is no WebCrypto to call.

use crate::lock::{Envelope, IV_LEN, SALT_LEN};

pub use imp::{available, random_bytes, sha256};

/// The lower-case hex of `bytes`, as a SHA-256 is written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The SHA-256 of `bytes` in lower-case hex: how a pooled file and a kept
/// document are known.
pub async fn sha256_hex(bytes: &[u8]) -> Result<String, String> {
    sha256(bytes).await.map(|digest| hex(&digest))
}

/// Why a locked value could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// AES-GCM refused it: the passphrase is not the one it was locked with
    /// (or the value was changed, which looks the same).
    WrongPassphrase,
    /// Something else went wrong, in words.
    Failed(String),
}

/// A session's key, with the salt and rounds it was made with, which every
/// save writes beside the ciphertext.
#[derive(Clone)]
pub struct SessionKey {
    key: imp::Key,
    pub salt: [u8; SALT_LEN],
    pub iterations: u32,
    /// In the first module (feature `lockless`, see `crate::start`) no key
    /// can be made: every path that holds one, the lock's sealing and
    /// rewriting, is left out of that module's wasm.
    #[cfg(feature = "lockless")]
    _never: std::convert::Infallible,
}

/// Keys are known by the salt they were made with: a new passphrase has a
/// new salt.
impl PartialEq for SessionKey {
    fn eq(&self, other: &SessionKey) -> bool {
        (self.salt, self.iterations) == (other.salt, other.iterations)
    }
}

impl SessionKey {
    /// The key for `passphrase` with `salt` and `iterations` rounds.
    pub async fn derive(
        passphrase: &str,
        salt: [u8; SALT_LEN],
        iterations: u32,
    ) -> Result<SessionKey, String> {
        let key = imp::derive(passphrase, &salt, iterations).await?;
        SessionKey::new(key, salt, iterations)
    }

    #[cfg(not(feature = "lockless"))]
    fn new(key: imp::Key, salt: [u8; SALT_LEN], iterations: u32) -> Result<SessionKey, String> {
        Ok(SessionKey {
            key,
            salt,
            iterations,
        })
    }

    #[cfg(feature = "lockless")]
    fn new(_: imp::Key, _: [u8; SALT_LEN], _: u32) -> Result<SessionKey, String> {
        Err("this module has no lock: the page must be opened again".to_owned())
    }

    /// `plaintext` encrypted with a new random nonce.
    pub async fn seal(&self, plaintext: &str) -> Result<Envelope, String> {
        let iv = imp::random_bytes()?;
        let ciphertext = imp::encrypt(&self.key, &iv, plaintext.as_bytes(), &[]).await?;
        Ok(Envelope {
            iterations: self.iterations,
            salt: self.salt,
            iv,
            ciphertext,
        })
    }

    /// The text inside `envelope`.
    pub async fn open(&self, envelope: &Envelope) -> Result<String, OpenError> {
        let plain = imp::decrypt(&self.key, &envelope.iv, &envelope.ciphertext, &[]).await?;
        String::from_utf8(plain)
            .map_err(|_| OpenError::Failed("what was unlocked is not text".to_owned()))
    }

    /// `plain` encrypted, as [`seal_bytes`] does.
    pub async fn seal_bytes(&self, plain: &[u8]) -> Result<Vec<u8>, String> {
        seal_bytes(&self.key, plain, &[]).await
    }

    /// What [`SessionKey::seal_bytes`] sealed.
    pub async fn open_bytes(&self, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        open_bytes(&self.key, sealed, &[]).await
    }

    /// `plain` encrypted and bound to `bound` (AES-GCM's additional data):
    /// it opens only with that same `bound`, so a sealed record moved under
    /// another record's key does not open.
    pub async fn seal_bound(&self, plain: &[u8], bound: &[u8]) -> Result<Vec<u8>, String> {
        seal_bytes(&self.key, plain, bound).await
    }

    /// What [`SessionKey::seal_bound`] sealed with `bound`.
    pub async fn open_bound(&self, sealed: &[u8], bound: &[u8]) -> Result<Vec<u8>, OpenError> {
        open_bytes(&self.key, sealed, bound).await
    }

    /// The key as a JavaScript object, to hand to a part's module.
    #[cfg(target_arch = "wasm32")]
    pub fn to_js(&self) -> wasm_bindgen::JsValue {
        let object = js_sys::Object::new();
        let fields: [(&str, wasm_bindgen::JsValue); 3] = [
            ("key", self.key.0.clone().into()),
            ("salt", js_sys::Uint8Array::from(&self.salt[..]).into()),
            ("iterations", self.iterations.into()),
        ];
        for (name, value) in fields {
            let _ = js_sys::Reflect::set(&object, &name.into(), &value);
        }
        object.into()
    }

    /// The key [`SessionKey::to_js`] handed over, if `value` is one: never
    /// natively, where there is no WebCrypto key to hand over.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_js(_value: &wasm_bindgen::JsValue) -> Option<SessionKey> {
        None
    }

    /// The key [`SessionKey::to_js`] handed over, if `value` is one.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Option<SessionKey> {
        use wasm_bindgen::JsCast;
        let field = |name: &str| js_sys::Reflect::get(value, &name.into()).ok();
        let key = field("key")?.dyn_into::<web_sys::CryptoKey>().ok()?;
        let salt = js_sys::Uint8Array::new(&field("salt")?).to_vec();
        let iterations = field("iterations")?.as_f64()? as u32;
        SessionKey::new(imp::Key(key), salt.try_into().ok()?, iterations).ok()
    }
}

/// The key of the documents: random, kept in the browser's database
/// beside them, sealed there by the lock's key while the lock is on (see
/// `crate::documents`).
#[derive(Clone)]
pub struct DataKey(imp::Key);

impl DataKey {
    /// The key of the raw bytes `raw` (32 of them).
    pub async fn import(raw: &[u8]) -> Result<DataKey, String> {
        imp::import(raw).await.map(DataKey)
    }

    /// `plain` encrypted, as [`seal_bytes`] does.
    pub async fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, String> {
        seal_bytes(&self.0, plain, &[]).await
    }

    /// What [`DataKey::seal`] sealed.
    pub async fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        open_bytes(&self.0, sealed, &[]).await
    }
}

/// `plain` encrypted with a fresh random nonce, which leads the result, and
/// bound to `bound` (none when empty).
async fn seal_bytes(key: &imp::Key, plain: &[u8], bound: &[u8]) -> Result<Vec<u8>, String> {
    let iv: [u8; IV_LEN] = imp::random_bytes()?;
    let mut sealed = iv.to_vec();
    sealed.extend(imp::encrypt(key, &iv, plain, bound).await?);
    Ok(sealed)
}

/// What [`seal_bytes`] sealed with `key` and `bound`.
async fn open_bytes(key: &imp::Key, sealed: &[u8], bound: &[u8]) -> Result<Vec<u8>, OpenError> {
    match sealed.split_at_checked(IV_LEN) {
        Some((iv, ciphertext)) => imp::decrypt(key, iv, ciphertext, bound).await,
        None => Err(OpenError::Failed(
            "the stored value is too short".to_owned(),
        )),
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

    use super::OpenError;
    use crate::storage::idb::reason;

    /// A non-extractable AES-GCM key.
    #[derive(Clone)]
    pub struct Key(pub CryptoKey);

    fn crypto() -> Result<web_sys::Crypto, String> {
        web_sys::window()
            .ok_or("there is no window")?
            .crypto()
            .map_err(|e| reason(&e))
    }

    /// WebCrypto's SubtleCrypto, which browsers give only to secure pages
    /// (https, or this computer's own address).
    fn subtle() -> Result<SubtleCrypto, String> {
        let crypto = crypto()?;
        let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).unwrap_or_default();
        if subtle.is_undefined() {
            return Err("this browser gives encryption only to pages opened over https".to_owned());
        }
        Ok(crypto.subtle())
    }

    /// Whether this page can encrypt.
    pub fn available() -> bool {
        subtle().is_ok()
    }

    /// `N` random bytes from the browser's secure generator.
    pub fn random_bytes<const N: usize>() -> Result<[u8; N], String> {
        let mut bytes = [0; N];
        crypto()?
            .get_random_values_with_u8_array(&mut bytes)
            .map_err(|e| reason(&e))?;
        Ok(bytes)
    }

    /// What a WebCrypto call's promise resolves to, or why it failed.
    async fn resolve(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
        match promise {
            Ok(promise) => JsFuture::from(promise).await,
            Err(error) => Err(error),
        }
        .map_err(|e| reason(&e))
    }

    fn usages(names: &[&str]) -> Array {
        names.iter().map(|name| JsValue::from_str(name)).collect()
    }

    pub async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<Key, String> {
        let subtle = subtle()?;
        // The same passphrase typed on two keyboards may differ in Unicode form.
        let normal = js_sys::JsString::from(passphrase).normalize("NFC");
        let bytes = Uint8Array::from(String::from(normal).as_bytes());
        let base = resolve(subtle.import_key_with_str(
            "raw",
            &bytes,
            "PBKDF2",
            false,
            &usages(&["deriveKey"]),
        ))
        .await?;
        let params =
            Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
        let key = resolve(subtle.derive_key_with_object_and_object(
            &params,
            base.unchecked_ref(),
            &AesDerivedKeyParams::new("AES-GCM", 256),
            false,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await?;
        Ok(Key(key.unchecked_into()))
    }

    /// The AES-GCM key of the raw bytes `raw`, non-extractable.
    pub async fn import(raw: &[u8]) -> Result<Key, String> {
        let key = resolve(subtle()?.import_key_with_str(
            "raw",
            &Uint8Array::from(raw),
            "AES-GCM",
            false,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await?;
        Ok(Key(key.unchecked_into()))
    }

    /// AES-GCM with nonce `iv` and additional data `bound` (empty: none,
    /// which AES-GCM treats alike).
    fn gcm(iv: &[u8], bound: &[u8]) -> AesGcmParams {
        let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
        if !bound.is_empty() {
            params.set_additional_data_u8_array(&Uint8Array::from(bound));
        }
        params
    }

    /// The SHA-256 digest of `bytes`: how a pooled file is known again.
    pub async fn sha256(bytes: &[u8]) -> Result<Vec<u8>, String> {
        let digest = resolve(subtle()?.digest_with_str_and_u8_array("SHA-256", bytes)).await?;
        Ok(Uint8Array::new(&digest).to_vec())
    }

    pub async fn encrypt(
        key: &Key,
        iv: &[u8],
        plain: &[u8],
        bound: &[u8],
    ) -> Result<Vec<u8>, String> {
        let subtle = subtle()?;
        let params = gcm(iv, bound);
        let sealed =
            resolve(subtle.encrypt_with_object_and_u8_array(&params, &key.0, plain)).await?;
        Ok(Uint8Array::new(&sealed).to_vec())
    }

    pub async fn decrypt(
        key: &Key,
        iv: &[u8],
        sealed: &[u8],
        bound: &[u8],
    ) -> Result<Vec<u8>, OpenError> {
        let subtle = subtle().map_err(OpenError::Failed)?;
        let params = gcm(iv, bound);
        match resolve(subtle.decrypt_with_object_and_u8_array(&params, &key.0, sealed)).await {
            Ok(plain) => Ok(Uint8Array::new(&plain).to_vec()),
            Err(reason) if reason.starts_with("OperationError") => Err(OpenError::WrongPassphrase),
            Err(reason) => Err(OpenError::Failed(reason)),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    //! Stand-ins outside the browser: there is no WebCrypto to call.

    use super::OpenError;

    const NO_BROWSER: &str = "encryption needs a browser";

    #[derive(Clone)]
    pub struct Key;

    pub fn available() -> bool {
        false
    }

    pub fn random_bytes<const N: usize>() -> Result<[u8; N], String> {
        Err(NO_BROWSER.to_owned())
    }

    pub async fn derive(_passphrase: &str, _salt: &[u8], _iterations: u32) -> Result<Key, String> {
        Err(NO_BROWSER.to_owned())
    }

    pub async fn sha256(_bytes: &[u8]) -> Result<Vec<u8>, String> {
        Err(NO_BROWSER.to_owned())
    }

    pub async fn import(_raw: &[u8]) -> Result<Key, String> {
        Err(NO_BROWSER.to_owned())
    }

    pub async fn encrypt(_: &Key, _: &[u8], _: &[u8], _: &[u8]) -> Result<Vec<u8>, String> {
        Err(NO_BROWSER.to_owned())
    }

    pub async fn decrypt(_: &Key, _: &[u8], _: &[u8], _: &[u8]) -> Result<Vec<u8>, OpenError> {
        Err(OpenError::Failed(NO_BROWSER.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_lower_case_hex() {
        assert_eq!(super::hex(&[0x00, 0xab, 0x0f]), "00ab0f");
    }
}
