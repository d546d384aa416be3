//! Words as the index's tokenizer (FTS5 `unicode61`) sees them: runs of
//! letters and digits, everything else a separator. The body of a profile
//! is indexed as its distinct words (migrations/0008), and the result
//! snippet is cut from the prose around the words the index matched.
use std::collections::HashSet;
use std::ops::Range;

/// Byte ranges of the words of `text`, in order.
pub fn spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// The distinct words of `text`, lowercased, in order of first use and
/// separated by spaces.
pub fn distinct(text: &str) -> String {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for span in spans(text) {
        let word = text[span].to_lowercase();
        if seen.insert(word.clone()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = "R&D, don't — naïve 3D-printing.";
        let words: Vec<&str> = spans(text).map(|s| &text[s]).collect();
        assert_eq!(words, ["R", "D", "don", "t", "naïve", "3D", "printing"]);
        assert_eq!(spans("").count(), 0);
        assert_eq!(spans(" ,; ").count(), 0);
    }

    #[test]
    fn distinct_keeps_each_word_once_in_first_use_order() {
        assert_eq!(
            distinct("Patients first. The patient, the PATIENT and patients."),
            "patients first the patient and"
        );
    }
}
