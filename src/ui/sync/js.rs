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
    /// Every glue function that answers with a promise, by name, with its
    /// arguments as a JSON array (one binding instead of one per function).
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    fn call(name: &str, args: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    pub fn lead(on_leader: &Function);
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    pub fn start(options: &str, on_event: &Function);
    #[wasm_bindgen(js_namespace = ChefsacheSync)]
    pub fn stop();
}

/// Calls the glue function `name` with `args` (text arguments).
fn glue(name: &str, args: &[&str]) -> Promise {
    call(
        name,
        &serde_json::to_string(args).unwrap_or_else(|_| "[]".to_owned()),
    )
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
    JsFuture::from(glue("load", &[]))
        .await
        .map_err(|_| GlueError)?;
    Ok(())
}

pub async fn sign_in(server: &str, name: &str, password: &str) -> Result<String, GlueError> {
    text(glue("login", &[server, name, password])).await
}

pub async fn get_database(url: &str) -> Result<String, GlueError> {
    text(glue("database", &[url])).await
}

pub async fn put_database(url: &str) -> Result<String, GlueError> {
    text(glue("createDatabase", &[url])).await
}

pub async fn current(ids: &str) -> Result<String, GlueError> {
    text(glue("current", &[ids])).await
}

pub async fn put_docs(docs: &str) -> Result<String, GlueError> {
    text(glue("put", &[docs])).await
}

pub async fn conflict_docs() -> Result<String, GlueError> {
    text(glue("conflicts", &[])).await
}

pub async fn doc_at(id: &str, rev: &str) -> Result<String, GlueError> {
    text(glue("atRev", &[id, rev])).await
}

pub async fn share_project(remote: &str, selector: &str) -> Result<String, GlueError> {
    text(glue("share", &[remote, selector])).await
}

/// Keeps a team database in step (both ways, live) with the records of
/// `selector`; a new selector restarts it.
pub async fn keep_shared(remote: &str, selector: &str) -> Result<String, GlueError> {
    text(glue("keepShared", &[remote, selector])).await
}
