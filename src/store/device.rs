// TEMP STUB
#[derive(Clone, Copy, Debug)]
pub struct StorageEstimate { pub usage: u64, pub quota: u64 }
pub async fn request_persistence() -> Result<bool, wasm_bindgen::JsValue> { Ok(false) }
pub async fn is_persisted() -> Result<bool, wasm_bindgen::JsValue> { Ok(false) }
pub async fn estimate() -> Option<StorageEstimate> { None }
pub fn usage_warning(usage: u64, quota: u64) -> bool { quota > 0 && usage * 5 > quota * 4 }
