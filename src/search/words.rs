//! Words as the index's tokenizer (FTS5 `unicode61`) sees them: runs of
//! letters and digits, everything else a separator. The body of a profile
//! is indexed as its distinct words (migrations/0008), and the result
//! snippet is cut from the prose around the words the index matched.
use std::collections::HashSet;
use std::ops::Range;

/// Word sets are built for every profile at each publish, and hold short
/// words that are not chosen by an adversary: a fast hasher pays off.
pub type WordSet = HashSet<Box<str>, foldhash::fast::RandomState>;

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

/// `word` lowercased into `into` (cleared first): one lowercasing for
/// everything that compares words, without an allocation per word.
pub fn fold(word: &str, into: &mut String) {
    into.clear();
    if word.is_ascii() {
        into.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        into.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The distinct words of `text`, lowercased, in order of first use and
/// separated by spaces.
pub fn distinct(text: &str) -> String {
    let mut seen = WordSet::default();
    let mut out = String::new();
    let mut word = String::new();
    for span in spans(text) {
        fold(&text[span], &mut word);
        if !seen.contains(word.as_str()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
            seen.insert(word.as_str().into());
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
    fn folding_lowercases_any_script() {
        let mut out = String::from("left over");
        fold("NURSE", &mut out);
        assert_eq!(out, "nurse");
        fold("ÉCOLE", &mut out);
        assert_eq!(out, "école");
    }

    #[test]
    fn distinct_keeps_each_word_once_in_first_use_order() {
        assert_eq!(
            distinct("Patients first. The patient, the PATIENT and patients."),
            "patients first the patient and"
        );
    }
}
