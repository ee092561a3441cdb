//! Every text the UI asks for exists in German and in English.
//!
//! leptos_i18n already refuses to build when a key is missing from the
//! default locale (German); a key missing only in English would silently
//! fall back to German. These tests read the locale files and the UI's
//! sources natively, so `cargo test` catches that, and they guard the error
//! vocabulary: `src/ui/messages.rs` names every variant of every core error
//! (no catch-all arm, so a new variant does not compile until it has a
//! text), and every key it uses exists in both languages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chefsache::domain::Field;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The locale as `dotted.key -> text`.
fn locale(lang: &str) -> BTreeMap<String, String> {
    let path = root().join(format!("src/i18n/locales/{lang}.json"));
    let text = std::fs::read_to_string(&path).expect("locale file");
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    let mut flat = BTreeMap::new();
    flatten("", &value, &mut flat);
    flat
}

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, value, out);
            }
        }
        Value::String(text) => {
            out.insert(prefix.to_string(), text.clone());
        }
        other => panic!("{prefix}: only texts are expected, found {other}"),
    }
}

/// Does `key` have a text: itself, or as plural forms (`key_one` and
/// `key_other`)?
fn has_text(locale: &BTreeMap<String, String>, key: &str) -> bool {
    locale.contains_key(key)
        || (locale.contains_key(&format!("{key}_one"))
            && locale.contains_key(&format!("{key}_other")))
}

/// The `{{ name }}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        found.insert(after[..end].trim().to_string());
        rest = &after[end + 2..];
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The keys of every `t!`, `t_string!`, `td_string!` … call in `source`.
fn keys_used(source: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for macro_name in ["t!(", "t_string!(", "td!(", "td_string!(", "tu_string!("] {
        let mut rest = source;
        while let Some(at) = rest.find(macro_name) {
            let boundary_ok = rest[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            rest = &rest[at + macro_name.len()..];
            if !boundary_ok {
                continue;
            }
            // `(context, key, args…)`: the key is the second argument.
            let Some(comma) = rest.find(',') else { break };
            let key: String = rest[comma + 1..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                .collect();
            // `table_page.$key` inside a `macro_rules!` is not a key yet.
            if !key.is_empty() && !key.ends_with('.') {
                keys.insert(key);
            }
        }
    }
    keys
}

#[test]
fn both_languages_have_the_same_keys() {
    let de: BTreeSet<String> = locale("de").into_keys().collect();
    let en: BTreeSet<String> = locale("en").into_keys().collect();
    let only_de: Vec<_> = de.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&de).collect();
    assert!(only_de.is_empty(), "missing in en.json: {only_de:?}");
    assert!(only_en.is_empty(), "missing in de.json: {only_en:?}");
}

#[test]
fn both_languages_fill_the_same_placeholders() {
    let de = locale("de");
    let en = locale("en");
    // Plural forms may leave out `count` ("1 Kontakt"), so compare the
    // union of a key's forms.
    let base = |key: &str| {
        key.strip_suffix("_one")
            .or_else(|| key.strip_suffix("_other"))
            .unwrap_or(key)
            .to_string()
    };
    let mut by_base: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for (key, text) in &de {
        by_base
            .entry(base(key))
            .or_default()
            .0
            .extend(placeholders(text));
    }
    for (key, text) in &en {
        by_base
            .entry(base(key))
            .or_default()
            .1
            .extend(placeholders(text));
    }
    for (key, (de_names, en_names)) in by_base {
        assert_eq!(de_names, en_names, "placeholders of {key} differ");
    }
}

#[test]
fn no_text_uses_the_old_single_brace_placeholders() {
    for lang in ["de", "en"] {
        for (key, text) in locale(lang) {
            let without = text.replace("{{", "").replace("}}", "");
            assert!(
                !without.contains('{') && !without.contains('}'),
                "{lang}.json {key}: use {{{{ name }}}}, not {{name}}: {text}"
            );
        }
    }
}

#[test]
fn every_key_the_ui_uses_has_a_text_in_both_languages() {
    let de = locale("de");
    let en = locale("en");
    let mut files = Vec::new();
    rust_files(&root().join("src/ui"), &mut files);
    let mut checked = 0;
    for file in files.iter().chain([root().join("src/app.rs")].iter()) {
        let Ok(source) = std::fs::read_to_string(file) else {
            continue;
        };
        for key in keys_used(&source) {
            checked += 1;
            assert!(
                has_text(&de, &key),
                "{}: {key} missing in de.json",
                file.display()
            );
            assert!(
                has_text(&en, &key),
                "{}: {key} missing in en.json",
                file.display()
            );
        }
    }
    assert!(checked > 300, "the key scan found only {checked} uses");
}

#[test]
fn every_error_variant_has_a_text_in_both_languages() {
    let source =
        std::fs::read_to_string(root().join("src/ui/messages.rs")).expect("messages module");
    // A catch-all arm would let a new variant through without a text.
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        !code.contains("_ =>"),
        "src/ui/messages.rs must name every variant (no `_ =>` arm)"
    );
    let de = locale("de");
    let en = locale("en");
    let keys = keys_used(&source);
    assert!(keys.len() > 80, "only {} keys found", keys.len());
    let missing: Vec<String> = keys
        .iter()
        .filter(|k| !has_text(&de, k) || !has_text(&en, k))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "error texts missing: {missing:?}");
}

/// The variant names of `pub enum name` in a source file.
fn variants(file: &str, name: &str) -> Vec<String> {
    let source = std::fs::read_to_string(root().join(file)).expect("source file");
    let start = source
        .find(&format!("pub enum {name} {{"))
        .unwrap_or_else(|| panic!("no enum {name} in {file}"));
    let body = &source[start..];
    let mut depth = 0usize;
    let mut found = Vec::new();
    for line in body.lines() {
        let code = line.split("//").next().unwrap_or("");
        let trimmed = code.trim();
        if depth == 1 && !trimmed.starts_with('#') {
            let ident: String = trimmed
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if ident.starts_with(|c: char| c.is_ascii_uppercase()) {
                found.push(ident);
            }
        }
        for c in code.chars() {
            match c {
                '{' | '(' => depth += 1,
                '}' | ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if depth == 0 && !found.is_empty() {
            break;
        }
    }
    found
}

#[test]
fn every_variant_of_every_core_error_is_named_in_the_messages() {
    let messages =
        std::fs::read_to_string(root().join("src/ui/messages.rs")).expect("messages module");
    let enums = [
        ("src/domain/error.rs", "ValidationError"),
        ("src/domain/error.rs", "Field"),
        ("src/domain/error.rs", "Allowed"),
        ("src/domain/error.rs", "RecordKind"),
        ("src/planning/schedule.rs", "ScheduleError"),
        ("src/planning/procurement.rs", "ProcurementWarning"),
        ("src/planning/leveling.rs", "StuckReason"),
        ("src/planning/leveling.rs", "ChainBlock"),
        ("src/exchange/backup.rs", "ImportError"),
        ("src/exchange/problem.rs", "ValueProblem"),
        ("src/exchange/problem.rs", "Expected"),
        ("src/exchange/vcard.rs", "CardProblem"),
        ("src/exchange/ical.rs", "IcsProblem"),
        ("src/exchange/ical.rs", "IcsWarning"),
        ("src/exchange/ical.rs", "Unsupported"),
        ("src/exchange/ical.rs", "DateProperty"),
        ("src/exchange/ical/content_line.rs", "BlockProblem"),
        ("src/exchange/csv.rs", "CsvProblem"),
        ("src/state/commands.rs", "CommandError"),
        ("src/state/calendar_import.rs", "RejectReason"),
        ("src/store/mod.rs", "StoreError"),
        ("src/store/reason.rs", "SnapshotReason"),
    ];
    for (file, name) in enums {
        let found = variants(file, name);
        assert!(!found.is_empty(), "no variants read for {name}");
        for variant in found {
            assert!(
                messages.contains(&format!("{name}::{variant}")),
                "{name}::{variant} ({file}) has no text in src/ui/messages.rs"
            );
        }
    }
}

#[test]
fn every_field_has_a_label_in_both_languages() {
    let de = locale("de");
    let en = locale("en");
    for field in Field::ALL {
        let key = format!("errors.fields.{}", field.as_str().replace('.', "_"));
        assert!(de.contains_key(&key), "{key} missing in de.json");
        assert!(en.contains_key(&key), "{key} missing in en.json");
    }
    let labels = de
        .keys()
        .filter(|k| k.starts_with("errors.fields."))
        .count();
    assert_eq!(
        labels,
        Field::ALL.len(),
        "a label without a field, or the reverse"
    );
}

#[test]
fn counts_have_plural_forms() {
    let de = locale("de");
    for (key, text) in &de {
        if placeholders(text).contains("count") {
            let base = key
                .strip_suffix("_one")
                .or_else(|| key.strip_suffix("_other"))
                .unwrap_or(key);
            assert!(
                de.contains_key(&format!("{base}_one"))
                    && de.contains_key(&format!("{base}_other")),
                "{key} shows a count but has no plural forms"
            );
        }
    }
}
