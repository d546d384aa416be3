//! Highlighted snippets. SQLite's `snippet()` and `highlight()` wrap matched
//! words in two private-use characters, which indexed text never contains
//! (they are stripped before indexing); the text is then split at them into
//! segments that the template escapes like any other text, so no stored or
//! typed HTML is ever passed through.

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

#[cfg(test)]
mod tests {
    use super::*;

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
