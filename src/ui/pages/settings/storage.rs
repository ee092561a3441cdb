//! How safe the data is on this device: persistent or not, how much of the
//! quota is used, with a warning above 80 %.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t_string, use_i18n};
use crate::store::device;
use crate::text::format_bytes;
use crate::ui::components::language::use_lang;

#[component]
pub fn StorageSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let refresh = RwSignal::new(0u32);
    let persisted = LocalResource::new(move || {
        refresh.track();
        async move { device::is_persisted().await.unwrap_or(false) }
    });
    let estimate = LocalResource::new(move || {
        refresh.track();
        async move { device::estimate().await }
    });

    let request = move |_| {
        spawn_local(async move {
            let _ = device::request_persistence().await;
            refresh.update(|n| *n += 1);
        });
    };

    view! {
        <section class="card settings-section" aria-labelledby="settings-storage">
            <h2 id="settings-storage" class="card__title">{move || t_string!(i18n, storage.title)}</h2>
            <Suspense fallback=|| ()>
                {move || persisted.get().map(|yes| if yes {
                    view! { <p data-testid="storage-persistence">{t_string!(i18n, storage.persistent)}</p> }.into_any()
                } else {
                    view! {
                        <p data-testid="storage-persistence">{t_string!(i18n, storage.not_persistent)}</p>
                        <div class="button-row">
                            <button type="button" class="button" on:click=request>{t_string!(i18n, storage.request)}</button>
                        </div>
                    }.into_any()
                })}
                {move || estimate.get().map(|estimate| match estimate {
                    Some(e) => {
                        let percent = if e.quota > 0.0 { e.usage * 100.0 / e.quota } else { 0.0 };
                        let percent_text = format!("{percent:.1}");
                        let percent_text = if lang.get() == crate::text::Lang::De { percent_text.replace('.', ",") } else { percent_text };
                        let used = format_bytes(e.usage as u64, lang.get());
                        let quota = format_bytes(e.quota as u64, lang.get());
                        view! {
                            <p data-testid="storage-usage">{t_string!(i18n, storage.usage, used = &used, quota = &quota, percent = &percent_text)}</p>
                            <meter min="0" max="100" low="60" high="80" optimum="10" value=percent
                                aria-label=t_string!(i18n, storage.title)></meter>
                            {device::usage_warning(e.usage, e.quota).then(|| view! {
                                <p class="notice notice--warning" role="alert">{t_string!(i18n, storage.warning)}</p>
                            })}
                        }.into_any()
                    }
                    None => view! { <p>{t_string!(i18n, storage.usage_unknown)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
