//! Text search that forgives what people do when they type a name: any
//! case, umlauts typed as plain vowels ("Muller") or spelled out
//! ("Mueller"), accents left off ("Andre" for "André").
//!
//! Both the query and the searched text are folded the same way, so the
//! match stays symmetric: "Müller", "Muller" and "Mueller" all become
//! "muller". The price is the odd extra hit ("Michael" folds to "michal"),
//! which is harmless in an address book of a few hundred entries.

/// Folds `text` for comparison: lower case, umlauts and accents reduced to
/// their base letter, "ae"/"oe"/"ue" read as the umlaut they spell, "ß" as
/// "ss".
pub fn fold(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        match ch {
            'ä' | 'á' | 'à' | 'â' | 'å' | 'ã' => plain.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => plain.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => plain.push('u'),
            'é' | 'è' | 'ê' | 'ë' => plain.push('e'),
            'í' | 'ì' | 'î' | 'ï' => plain.push('i'),
            'ç' => plain.push('c'),
            'ñ' => plain.push('n'),
            'ß' => plain.push_str("ss"),
            other => plain.push(other),
        }
    }
    plain
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("ue", "u")
}

/// True if every word of `query` occurs in one of `fields` (after
/// [`fold`]). An empty query matches everything.
pub fn matches<'a>(query: &str, fields: impl IntoIterator<Item = &'a str>) -> bool {
    let words: Vec<String> = query.split_whitespace().map(fold).collect();
    if words.is_empty() {
        return true;
    }
    let haystack = fields.into_iter().map(fold).collect::<Vec<_>>().join("\n");
    words.iter().all(|word| haystack.contains(word.as_str()))
}
