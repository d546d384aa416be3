//! How people ask: "medical assistant salary", "electrician texas", "jobs
//! without a degree", "over 60k". The words around a job title say what the
//! reader wants to see (pay, how to get in), where (a state), and which jobs
//! (no degree, a pay floor); they are read here and taken out, so that only
//! the title words are searched.
use crate::datasets::oews::postal;
use crate::domain::EducationLevel;

/// What the reader asked about, beyond the job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// salary, pay, wage, how much, make, earn
    Pay,
    /// become, how to, requirements, qualifications
    GettingIn,
    /// what does ... do, duties
    Work,
}

/// A query read for its intent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Intent {
    /// The words left to search for: the job.
    pub words: String,
    pub topic: Option<Topic>,
    /// A state named in the query (postal code).
    pub state: Option<&'static str>,
    /// "without a degree": at most this much education.
    pub max_education: Option<EducationLevel>,
    /// "over 60k", "$50,000": a pay floor in dollars a year.
    pub min_pay: Option<i64>,
    /// "best paying", "highest paying": order by pay.
    pub by_pay: bool,
}

/// Phrases that ask for jobs needing no degree (longest first).
const NO_DEGREE: &[&str] = &[
    "without a college degree",
    "without a degree",
    "without degree",
    "without college",
    "no college degree",
    "no degree",
    "no college",
    "dont need a degree",
    "don't need a degree",
];

/// Phrases that say what to show, and words that carry no job (longest first).
const TOPIC_PHRASES: &[(&str, Option<Topic>)] = &[
    ("how much do", Some(Topic::Pay)),
    ("how much does", Some(Topic::Pay)),
    ("how much", Some(Topic::Pay)),
    ("how to become", Some(Topic::GettingIn)),
    ("how do i become", Some(Topic::GettingIn)),
    ("how to", Some(Topic::GettingIn)),
    ("what does", Some(Topic::Work)),
    ("what do", Some(Topic::Work)),
];

const TOPIC_WORDS: &[(&str, Option<Topic>)] = &[
    ("salary", Some(Topic::Pay)),
    ("salaries", Some(Topic::Pay)),
    ("pay", Some(Topic::Pay)),
    ("paid", Some(Topic::Pay)),
    ("wage", Some(Topic::Pay)),
    ("wages", Some(Topic::Pay)),
    ("make", Some(Topic::Pay)),
    ("makes", Some(Topic::Pay)),
    ("earn", Some(Topic::Pay)),
    ("earns", Some(Topic::Pay)),
    ("income", Some(Topic::Pay)),
    ("become", Some(Topic::GettingIn)),
    ("requirements", Some(Topic::GettingIn)),
    ("qualifications", Some(Topic::GettingIn)),
    ("training", Some(Topic::GettingIn)),
    ("duties", Some(Topic::Work)),
    ("jobs", None),
    ("job", None),
    ("career", None),
    ("careers", None),
    ("work", None),
    ("do", None),
    ("does", None),
    ("a", None),
    ("an", None),
    ("the", None),
    ("in", None),
    ("as", None),
    ("for", None),
    ("with", None),
    ("that", None),
    ("of", None),
    ("is", None),
    ("are", None),
    ("i", None),
    ("me", None),
    ("near", None),
    ("best", None),
    ("highest", None),
    ("top", None),
    ("paying", None),
    ("over", None),
    ("above", None),
    ("more", None),
    ("than", None),
    ("least", None),
    ("at", None),
    ("year", None),
    ("annually", None),
];

/// Reads `text` (already known to be at most the query length limit).
pub fn read(text: &str) -> Intent {
    let mut intent = Intent::default();
    let mut lower = collapse(&punctuation_to_spaces(&text.to_lowercase()));
    if [
        "best paying",
        "highest paying",
        "top paying",
        "highest paid",
        "best paid",
    ]
    .iter()
    .any(|p| lower.contains(&format!(" {p} ")))
    {
        intent.by_pay = true;
        intent.topic = Some(Topic::Pay);
    }
    for phrase in NO_DEGREE {
        if remove_phrase(&mut lower, phrase) {
            intent.max_education = Some(EducationLevel::SomeCollege);
        }
    }
    intent.min_pay = take_pay_floor(&mut lower);
    intent.state = take_state(&mut lower, text);
    for (phrase, topic) in TOPIC_PHRASES {
        if remove_phrase(&mut lower, phrase) && intent.topic.is_none() {
            intent.topic = *topic;
        }
    }
    let mut words = Vec::new();
    for word in lower.split_whitespace() {
        match TOPIC_WORDS.iter().find(|(w, _)| *w == word) {
            Some((_, topic)) => {
                if intent.topic.is_none() {
                    intent.topic = *topic;
                }
            }
            None => words.push(word),
        }
    }
    intent.words = words.join(" ");
    intent
}

/// Question marks and commas are not words, except a comma inside a number
/// ("$50,000").
fn punctuation_to_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            ',' if i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit) =>
            {
                ','
            }
            '?' | '!' | ',' | ';' | ':' | '"' | '(' | ')' => ' ',
            c => *c,
        })
        .collect()
}

fn collapse(text: &str) -> String {
    format!(
        " {} ",
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// Removes ` phrase ` (as whole words) from `text`; true if it was there.
fn remove_phrase(text: &mut String, phrase: &str) -> bool {
    let padded = format!(" {phrase} ");
    if text.contains(&padded) {
        *text = collapse(&text.replace(&padded, " "));
        true
    } else {
        false
    }
}

/// "50k", "$50,000", "60000", "over 60000": a number of at least 10,000 (or
/// with k) read as dollars a year, and taken out of the text.
fn take_pay_floor(text: &mut String) -> Option<i64> {
    let mut found = None;
    let mut kept = Vec::new();
    for word in text.split_whitespace() {
        let digits = word.trim_start_matches('$').replace(',', "");
        let (number, thousands) = match digits.strip_suffix('k') {
            Some(n) => (n.to_owned(), true),
            None => (digits.trim_end_matches('+').to_owned(), false),
        };
        let value = number
            .parse::<i64>()
            .ok()
            .map(|n| if thousands { n * 1000 } else { n });
        match value {
            Some(v) if found.is_none() && (10_000..=10_000_000).contains(&v) => found = Some(v),
            _ => kept.push(word),
        }
    }
    *text = collapse(&kept.join(" "));
    found
}

/// A state name anywhere ("texas", "new york"), or a postal code typed in
/// capitals ("TX") or after "in" ("in tx"); taken out of the text.
fn take_state(text: &mut String, original: &str) -> Option<&'static str> {
    // Longest names first: "west virginia" before "virginia".
    let mut names: Vec<(String, &'static str)> = postal::all()
        .filter_map(|(_, postal)| Some((postal::state_name(postal)?.to_lowercase(), postal)))
        .collect();
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    for (name, postal) in names {
        if remove_phrase(text, &format!("in {name}")) || remove_phrase(text, &name) {
            return Some(postal);
        }
    }
    let capitals: Vec<&str> = original
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase()))
        .collect();
    for word in text.clone().split_whitespace() {
        let Some(postal) = postal::parse_postal(word) else {
            continue;
        };
        let typed_as_code = capitals.iter().any(|c| c.eq_ignore_ascii_case(word));
        if typed_as_code && remove_phrase(text, &format!("in {word}")) {
            return Some(postal);
        }
        if typed_as_code && remove_phrase(text, word) {
            return Some(postal);
        }
        if remove_phrase(text, &format!("in {word}")) {
            return Some(postal);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pay_words_choose_the_topic_and_leave_the_title() {
        let i = read("medical assistant salary");
        assert_eq!(i.words, "medical assistant");
        assert_eq!(i.topic, Some(Topic::Pay));
        let i = read("How much do nurses make?");
        assert_eq!(i.words, "nurses");
        assert_eq!(i.topic, Some(Topic::Pay));
        let i = read("how to become an electrician");
        assert_eq!(i.words, "electrician");
        assert_eq!(i.topic, Some(Topic::GettingIn));
        let i = read("what does a paralegal do");
        assert_eq!(i.words, "paralegal");
        assert_eq!(i.topic, Some(Topic::Work));
    }

    #[test]
    fn states_are_read_by_name_or_by_a_code_in_capitals() {
        let i = read("electrician texas");
        assert_eq!((i.words.as_str(), i.state), ("electrician", Some("TX")));
        let i = read("nurse jobs in New York");
        assert_eq!((i.words.as_str(), i.state), ("nurse", Some("NY")));
        let i = read("plumber TX");
        assert_eq!((i.words.as_str(), i.state), ("plumber", Some("TX")));
        let i = read("welder in oh");
        assert_eq!((i.words.as_str(), i.state), ("welder", Some("OH")));
        // Lower-case two-letter words are words: "pa" is not Pennsylvania.
        assert_eq!(read("pa").state, None);
        assert_eq!(read("west virginia teacher").state, Some("WV"));
    }

    #[test]
    fn education_and_pay_phrases_become_filters() {
        let i = read("jobs without a degree");
        assert_eq!(i.words, "");
        assert_eq!(i.max_education, Some(EducationLevel::SomeCollege));
        let i = read("healthcare jobs over 60k no college");
        assert_eq!(i.words, "healthcare");
        assert_eq!(i.min_pay, Some(60_000));
        assert_eq!(i.max_education, Some(EducationLevel::SomeCollege));
        assert_eq!(read("$50,000 office jobs").min_pay, Some(50_000));
        assert_eq!(read("911 dispatcher").min_pay, None);
        assert!(read("best paying jobs in healthcare").by_pay);
    }
}
