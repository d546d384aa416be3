//! A title as a search compares it: lower case, letters and digits only,
//! each word without a plural `s`, single spaces. "Registered Nurses" and
//! "registered nurse" have the same key; so do "X-Ray Tech" and "x ray tech".

/// The key of `text`.
pub fn key(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "nurses" -> "nurse", "analysis" stays, "bus" stays.
fn singular(word: &str) -> &str {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("is") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_ignore_case_plurals_and_punctuation() {
        assert_eq!(key("Registered Nurses"), key("registered nurse"));
        assert_eq!(key("X-Ray Tech"), "x ray tech");
        assert_eq!(key("CNA"), "cna");
        assert_eq!(key("Business Analysis"), "business analysis");
        assert_ne!(
            key("Medical Assistant"),
            key("Medical Administrative Assistant")
        );
    }
}
