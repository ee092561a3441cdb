// TEMP STUB (matches the store branch's API)
use super::StoreError;
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageEstimate { pub usage: f64, pub quota: f64 }
pub async fn request_persistence() -> Result<bool, StoreError> { Ok(false) }
pub async fn is_persisted() -> Result<bool, StoreError> { Ok(false) }
pub async fn estimate() -> Option<StorageEstimate> { None }
pub fn usage_warning(usage: f64, quota: f64) -> bool { quota > 0.0 && usage / quota > 0.8 }
