//! "Did you mean": a query word that begins no word of any title is replaced
//! by the closest title word (edit distance, at most one edit for short
//! words and two for longer ones; ties go to the word more titles use).
//! The dictionary is the words of every role title, former slug and BLS
//! occupation title, so corrections are always words that lead somewhere.

/// A dictionary word and how many titles use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub term: String,
    pub uses: i64,
}

/// The corrected words, or `None` when every word is already known (or
/// nothing close exists), so there is nothing better to search for.
pub fn correct(words: &[String], dictionary: &[Term]) -> Option<Vec<String>> {
    let mut changed = false;
    let corrected = words
        .iter()
        .map(|word| match closest(word, dictionary) {
            Some(better) => {
                changed = true;
                better
            }
            None => word.clone(),
        })
        .collect();
    changed.then_some(corrected)
}

fn closest(word: &str, dictionary: &[Term]) -> Option<String> {
    if dictionary.iter().any(|t| t.term.starts_with(word)) {
        return None;
    }
    let len = word.chars().count();
    let allowed = match len {
        0..=3 => return None,
        4..=5 => 1,
        _ => 2,
    };
    dictionary
        .iter()
        .filter(|t| t.term.chars().count().abs_diff(len) <= allowed)
        .filter_map(|t| {
            let d = strsim::damerau_levenshtein(word, &t.term);
            (d <= allowed).then_some((d, -t.uses, t))
        })
        .min_by(|a, b| (a.0, a.1, &a.2.term).cmp(&(b.0, b.1, &b.2.term)))
        .map(|(_, _, t)| t.term.clone())
}

/// The dictionary words of a title: lowercased runs of letters and digits,
/// three characters or more, with at least one letter (numbers are not
/// misspelt words).
pub fn title_words(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(words: &[(&str, i64)]) -> Vec<Term> {
        words
            .iter()
            .map(|(t, u)| Term {
                term: (*t).into(),
                uses: *u,
            })
            .collect()
    }

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn corrects_typos_to_title_words() {
        let d = dict(&[
            ("engineer", 12),
            ("engine", 1),
            ("accountants", 2),
            ("accountant", 1),
        ]);
        assert_eq!(correct(&words("enginer"), &d), Some(words("engineer")));
        assert_eq!(correct(&words("acountant"), &d), Some(words("accountant")));
    }

    #[test]
    fn known_words_and_prefixes_are_kept() {
        let d = dict(&[("engineer", 1), ("software", 1)]);
        assert_eq!(correct(&words("software engi"), &d), None);
        assert_eq!(
            correct(&words("software enginer"), &d),
            Some(words("software engineer"))
        );
    }

    #[test]
    fn nothing_close_means_no_suggestion() {
        let d = dict(&[("engineer", 1)]);
        assert_eq!(correct(&words("xylophone"), &d), None);
        assert_eq!(correct(&words("enx"), &d), None);
    }

    #[test]
    fn title_words_are_lowercased_and_short_ones_skipped() {
        assert_eq!(
            title_words("Registered Nurses, RN 2024").collect::<Vec<_>>(),
            ["registered", "nurses"]
        );
    }
}
