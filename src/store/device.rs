//! What the browser tells about its storage for this site: whether it may
//! evict our data under pressure (persistence) and how full it is.
//!
//! Without persistence a browser may silently delete IndexedDB data when the
//! disk runs low; local-first data has no server copy, so the app asks for
//! persistence and warns before the quota is used up.

/// Used and available bytes for this origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageEstimate {
    /// Bytes used.
    pub usage: f64,
    /// Bytes this origin may use.
    pub quota: f64,
}

impl StorageEstimate {
    /// True when the app should warn (see [`usage_warning`]).
    pub fn is_nearly_full(&self) -> bool {
        usage_warning(self.usage, self.quota)
    }
}

/// Share of the quota above which the app warns.
pub const WARNING_SHARE: f64 = 0.8;

/// True when more than 80 % of the quota is used. An unknown or zero quota
/// gives no warning: there is nothing sensible to say.
pub fn usage_warning(usage: f64, quota: f64) -> bool {
    quota.is_finite() && quota > 0.0 && usage / quota > WARNING_SHARE
}

#[cfg(target_arch = "wasm32")]
pub use browser::{estimate, is_persisted, request_persistence};

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::Promise;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::StorageManager;

    use super::StorageEstimate;
    use crate::store::StoreError;

    fn storage() -> Result<StorageManager, StoreError> {
        let window = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no browser window".to_owned()))?;
        // `navigator.storage` is missing in insecure contexts and old
        // browsers; web-sys types it as always present, so check by hand.
        let storage = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("storage"))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())
            .ok_or_else(|| StoreError::Unavailable("navigator.storage is missing".to_owned()))?;
        Ok(storage.unchecked_into())
    }

    async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, StoreError> {
        let promise =
            promise.map_err(|e| StoreError::Unavailable(crate::store::indexeddb::js_text(&e)))?;
        JsFuture::from(promise)
            .await
            .map_err(|e| StoreError::Unavailable(crate::store::indexeddb::js_text(&e)))
    }

    /// Asks the browser not to evict our data. `Ok(true)` if it agreed;
    /// browsers may decide without asking the person, or say no.
    pub async fn request_persistence() -> Result<bool, StoreError> {
        let storage = storage()?;
        Ok(settle(storage.persist()).await?.as_bool().unwrap_or(false))
    }

    /// Whether the data is already protected from eviction.
    pub async fn is_persisted() -> Result<bool, StoreError> {
        let storage = storage()?;
        Ok(settle(storage.persisted())
            .await?
            .as_bool()
            .unwrap_or(false))
    }

    /// Usage and quota, if the browser tells.
    pub async fn estimate() -> Option<StorageEstimate> {
        let storage = storage().ok()?;
        let estimate: web_sys::StorageEstimate =
            settle(storage.estimate()).await.ok()?.unchecked_into();
        Some(StorageEstimate {
            usage: estimate.get_usage()?,
            quota: estimate.get_quota()?,
        })
    }
}
