// TEMP STUB (matches the store branch's API)
use uuid::Uuid;
use super::{RecordKey, StoreError};
#[derive(Clone, Debug)]
pub struct ChangeNotice { pub from_tab: Uuid, pub keys: Vec<RecordKey>, pub replaced_all: bool }
pub struct ChangeBroadcaster(Uuid);
impl ChangeBroadcaster {
    pub fn new() -> Result<Self, StoreError> { Ok(Self(Uuid::new_v4())) }
    pub fn notice(&self, keys: Vec<RecordKey>) -> ChangeNotice { ChangeNotice { from_tab: self.0, keys, replaced_all: false } }
    pub fn replaced_notice(&self) -> ChangeNotice { ChangeNotice { from_tab: self.0, keys: vec![], replaced_all: true } }
    pub fn announce(&self, _n: &ChangeNotice) -> Result<(), StoreError> { Ok(()) }
    pub fn subscribe(&self, _f: impl FnMut(ChangeNotice) + 'static) {}
}
