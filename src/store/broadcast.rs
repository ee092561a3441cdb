// TEMP STUB
use uuid::Uuid;
use super::RecordKey;
#[derive(Clone, Debug)]
pub struct ChangeNotice { pub from_tab: Uuid, pub keys: Vec<RecordKey>, pub replaced_all: bool }
pub struct ChangeBroadcaster;
impl ChangeBroadcaster {
    pub fn new(_tab: Uuid) -> Result<Self, wasm_bindgen::JsValue> { Ok(Self) }
    pub fn announce(&self, _n: &ChangeNotice) {}
    pub fn subscribe(&self, _f: impl Fn(ChangeNotice) + 'static) {}
}
