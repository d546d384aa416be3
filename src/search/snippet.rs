//! Highlighted snippets. SQLite's `snippet()` and `highlight()` wrap matched
//! words in two private-use characters, which indexed text never contains
//! (they are stripped before indexing); the text is then split at them into
//! segments that the template escapes like any other text, so no stored or
//! typed HTML is ever passed through.

use std::collections::HashMap;

use super::words::{self, WordSet};

/// Opens a matched word (U+E000).
pub const MARK_START: char = '\u{E000}';
/// Closes a matched word (U+E001).
pub const MARK_END: char = '\u{E001}';

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

pub fn segments(marked_text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut current = String::new();
    let mut marked = false;
    for c in marked_text.chars() {
        let next = match c {
            MARK_START => true,
            MARK_END => false,
            _ => {
                current.push(c);
                continue;
            }
        };
        if next != marked {
            if !current.is_empty() {
                out.push(Segment {
                    text: std::mem::take(&mut current),
                    marked,
                });
            }
            marked = next;
        }
    }
    if !current.is_empty() {
        out.push(Segment {
            text: current,
            marked,
        });
    }
    out
}

/// Whether `segments` highlight anything.
pub fn has_mark(segments: &[Segment]) -> bool {
    segments.iter().any(|s| s.marked)
}

/// Text made safe to index: without the two marker characters.
pub fn unmarked(text: &str) -> String {
    text.chars()
        .filter(|&c| c != MARK_START && c != MARK_END)
        .collect()
}

/// The words between the markers of a marked text, lowercased: what the
/// index matched.
pub fn marked_words(marked_text: &str) -> WordSet {
    let mut set = WordSet::default();
    let mut word = String::new();
    for segment in segments(marked_text).iter().filter(|s| s.marked) {
        for span in words::spans(&segment.text) {
            words::fold(&segment.text[span], &mut word);
            set.insert(word.as_str().into());
        }
    }
    set
}

/// A passage of `prose` of at most `size` words with the most distinct
/// `matched` words in it (the earliest such passage), those words marked,
/// and `…` where the prose goes on. Empty when no word of `prose` matches.
/// This is what FTS5's `snippet()` gives, for a column whose index holds
/// only the distinct words (see migrations/0008).
pub fn window(prose: &str, matched: &WordSet, size: usize) -> String {
    let spans: Vec<_> = words::spans(prose).collect();
    let mut word = String::new();
    let hits: Vec<Option<String>> = spans
        .iter()
        .map(|span| {
            words::fold(&prose[span.clone()], &mut word);
            matched.contains(word.as_str()).then(|| word.clone())
        })
        .collect();
    let size = size.max(1);
    // Slide a window of `size` words, counting the distinct matches in it.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let (mut best, mut best_start) = (0, 0);
    for end in 0..spans.len() {
        if let Some(word) = &hits[end] {
            *counts.entry(word).or_default() += 1;
        }
        if end >= size
            && let Some(word) = &hits[end - size]
            && let Some(count) = counts.get_mut(word.as_str())
        {
            *count -= 1;
            if *count == 0 {
                counts.remove(word.as_str());
            }
        }
        if counts.len() > best {
            best = counts.len();
            best_start = (end + 1).saturating_sub(size);
        }
    }
    if best == 0 {
        return String::new();
    }
    // Start a few words before the first match when the window has room.
    let in_window = best_start..(best_start + size).min(spans.len());
    let first = in_window
        .clone()
        .find(|&i| hits[i].is_some())
        .unwrap_or(best_start);
    let last = in_window
        .clone()
        .rev()
        .find(|&i| hits[i].is_some())
        .unwrap_or(first);
    let slack = size - (last - first + 1);
    let start = first.saturating_sub(slack.min(3));
    let end = (start + size).min(spans.len());

    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = spans[start].start;
    for i in start..end {
        let span = &spans[i];
        out.push_str(&prose[at..span.start]);
        if hits[i].is_some() {
            out.push(MARK_START);
            out.push_str(&prose[span.clone()]);
            out.push(MARK_END);
        } else {
            out.push_str(&prose[span.clone()]);
        }
        at = span.end;
    }
    if end < spans.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> WordSet {
        words.iter().map(|&w| w.into()).collect()
    }

    #[test]
    fn marked_words_are_what_the_index_marked() {
        assert_eq!(
            marked_words("care \u{E000}nurses\u{E001} and \u{E000}Audit\u{E001}"),
            set(&["nurses", "audit"])
        );
        assert!(marked_words("nothing marked").is_empty());
    }

    #[test]
    fn the_window_holds_the_most_distinct_matches() {
        let prose = "Alpha beta gamma. Nurses chart care. Delta epsilon zeta eta theta \
                     iota kappa. A nurse audits records; audit trails matter.";
        let cut = window(prose, &set(&["nurse", "audit"]), 6);
        assert_eq!(
            cut,
            "…kappa. A \u{E000}nurse\u{E001} audits records; \u{E000}audit\u{E001}…"
        );
        // Words are compared whole and without regard to case.
        let cut = window("NURSES and nurse", &set(&["nurses"]), 10);
        assert_eq!(cut, "\u{E000}NURSES\u{E001} and nurse");
    }

    #[test]
    fn no_match_no_snippet() {
        assert_eq!(window("Some prose here", &set(&["absent"]), 5), "");
        assert_eq!(window("", &set(&["x"]), 5), "");
    }

    #[test]
    fn splits_at_markers() {
        let s = segments("a \u{E000}nurse\u{E001} <b>");
        assert_eq!(
            s,
            [
                Segment {
                    text: "a ".into(),
                    marked: false
                },
                Segment {
                    text: "nurse".into(),
                    marked: true
                },
                Segment {
                    text: " <b>".into(),
                    marked: false
                },
            ]
        );
        assert!(has_mark(&s));
        assert!(!has_mark(&segments("plain")));
    }

    #[test]
    fn stray_markers_do_no_harm() {
        assert_eq!(
            segments("\u{E001}x\u{E001}"),
            [Segment {
                text: "x".into(),
                marked: false
            }]
        );
        assert_eq!(unmarked("a\u{E000}b\u{E001}"), "ab");
    }
}
