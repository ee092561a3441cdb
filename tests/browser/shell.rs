//! The app shell in a real DOM: it mounts, shows landmarks and remembers
//! the language.

use chefsache::text::Lang;
use chefsache::ui::components::language::{store_language, stored_language};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn the_language_choice_is_kept_in_local_storage() {
    store_language(Lang::En);
    assert_eq!(stored_language(), Some(Lang::En));
    store_language(Lang::De);
    assert_eq!(stored_language(), Some(Lang::De));
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_navigation_and_a_main_landmark() {
    store_language(Lang::De);
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), chefsache::app::App);
    next_frame().await;

    let nav = host
        .query_selector("nav")
        .unwrap()
        .expect("a navigation landmark");
    assert_eq!(
        nav.get_attribute("aria-label").as_deref(),
        Some("Hauptnavigation")
    );
    assert!(
        host.query_selector("main#main").unwrap().is_some(),
        "a main landmark"
    );
    let h1 = host.query_selector("h1").unwrap().expect("a page heading");
    assert_eq!(h1.text_content().unwrap(), "Übersicht");
    drop(handle);
}
