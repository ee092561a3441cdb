//! The bindings to `public/sync/glue.js` (window.ChefsacheSync), which
//! wraps PouchDB. Every value crosses as JSON text, so there are few
//! bindings and no JS object handling on this side. The glue is a global
//! script loaded on demand ([`load`]), not a wasm-bindgen snippet: a
//! snippet would be imported by the main JS and so load with every page.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ChefsacheSync, js_name = load)]
    fn load_pouchdb() -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    fn login(server: &str, name: &str, password: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    fn database(url: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync, js_name = createDatabase)]
    fn create_database(url: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    pub fn lead(on_leader: &Function);
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    pub fn start(options: &str, on_event: &Function);
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    pub fn stop();
    #[wasm_bindgen(js_namespace = ChefsacheSync, js_name = current)]
    fn current_docs(ids: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    fn put(docs: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    fn conflicts() -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync, js_name = atRev)]
    fn at_rev(id: &str, rev: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    fn share(remote: &str, selector: &str) -> Promise;
}

/// The answer of a glue call that failed (PouchDB did not load, the local
/// database refused): the bridge treats it like no answer.
pub struct GlueError;

async fn text(promise: Promise) -> Result<String, GlueError> {
    let value = JsFuture::from(promise).await.map_err(|_| GlueError)?;
    value.as_string().ok_or(GlueError)
}

/// Loads the glue (a `<script>` element, allowed by the CSP's
/// `script-src 'self'`), then PouchDB.
pub async fn load() -> Result<(), GlueError> {
    let loaded = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("ChefsacheSync"))
        .map(|v| !v.is_undefined())
        .unwrap_or(false);
    if !loaded {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or(GlueError)?;
        let script: web_sys::HtmlElement = document
            .create_element("script")
            .map_err(|_| GlueError)?
            .dyn_into()
            .map_err(|_| GlueError)?;
        script
            .set_attribute("src", "/sync/glue.js")
            .map_err(|_| GlueError)?;
        let done = Promise::new(&mut |resolve, reject| {
            script.set_onload(Some(&resolve));
            script.set_onerror(Some(&reject));
        });
        document
            .head()
            .ok_or(GlueError)?
            .append_child(&script)
            .map_err(|_| GlueError)?;
        JsFuture::from(done).await.map_err(|_| GlueError)?;
    }
    JsFuture::from(load_pouchdb())
        .await
        .map_err(|_| GlueError)?;
    Ok(())
}

pub async fn sign_in(server: &str, name: &str, password: &str) -> Result<String, GlueError> {
    text(login(server, name, password)).await
}

pub async fn get_database(url: &str) -> Result<String, GlueError> {
    text(database(url)).await
}

pub async fn put_database(url: &str) -> Result<String, GlueError> {
    text(create_database(url)).await
}

pub async fn current(ids: &str) -> Result<String, GlueError> {
    text(current_docs(ids)).await
}

pub async fn put_docs(docs: &str) -> Result<String, GlueError> {
    text(put(docs)).await
}

pub async fn conflict_docs() -> Result<String, GlueError> {
    text(conflicts()).await
}

pub async fn doc_at(id: &str, rev: &str) -> Result<String, GlueError> {
    text(at_rev(id, rev)).await
}

pub async fn share_project(remote: &str, selector: &str) -> Result<String, GlueError> {
    text(share(remote, selector)).await
}
