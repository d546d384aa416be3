//! Property tests over the content pipeline and the URL parsers: whatever a
//! file holds or is called, loading it gives content or diagnostics, never a
//! panic, and rendered HTML never carries a script.
use std::path::Path;

use career_guide::content::{self, parse_role::parse_role};
use career_guide::datasets::oews::SocCode;
use career_guide::domain::Slug;
use proptest::prelude::*;
use time::macros::date;

use crate::helpers::{copy_tree, fixture};

/// Moderate case counts: these run in every `cargo test`.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn good_role() -> String {
    std::fs::read_to_string(fixture("site/roles/manual-tester.md")).unwrap()
}

/// The front matter and body of the good fixture.
fn split_good_role() -> (String, String) {
    let text = good_role();
    let end = text[3..].find("+++").unwrap() + 3;
    (text[..end + 3].to_owned(), text[end + 3..].to_owned())
}

/// Pieces markdown and front matter are made of, with hostile ones mixed in.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~\n]{0,80}",
        Just("+++".to_owned()),
        Just("\n## Overview\n".to_owned()),
        Just("\n## Duties and responsibilities\n".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("title = \"<script>t</script>\"\n".to_owned()),
        Just("[salary]\nmin = -1\nmax = 99999999999999999999\n".to_owned()),
        Just("updated = 9999-99-99\n".to_owned()),
        Just("[[sources]]\n".to_owned()),
        Just("- ".repeat(50)),
        Just("> ".repeat(50)),
        Just("```\n".to_owned()),
        Just("\u{0}\u{feff}\u{202e}".to_owned()),
        Just("|a|b|\n|-|-|\n|1|2|\n".to_owned()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..12).prop_map(|parts| parts.concat())
}

/// No element or attribute that could run script; the same words as text
/// (in a code block, say) are harmless.
fn assert_no_script(html: &str) {
    let fragment = scraper::Html::parse_fragment(html);
    for node in fragment.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        assert!(
            !matches!(
                element.name(),
                "script" | "iframe" | "object" | "embed" | "style"
            ),
            "{html}"
        );
        for (name, value) in element.attrs() {
            assert!(
                !name.starts_with("on") && name != "style",
                "{name} in {html}"
            );
            let value = value.trim().to_ascii_lowercase();
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("data:"),
                "{html}"
            );
        }
    }
}

/// Content or an error diagnostic, and safe HTML in any content.
fn check_role(text: &str) {
    let mut out = Vec::new();
    let slug = Slug::parse("some-role").unwrap();
    let role = parse_role(Path::new("roles/some-role.md"), slug, text, &mut out);
    match role {
        Some(role) => {
            for html in [
                &role.overview_html,
                &role.qualifications_html,
                &role.outlook_html,
            ] {
                assert_no_script(html);
            }
            for duty in &role.duties {
                assert_no_script(&duty.html);
            }
            for faq in &role.faqs {
                assert_no_script(&faq.answer_html);
            }
        }
        None => assert!(
            out.iter().any(|d| d.is_error()),
            "no role and no error for:\n{text}"
        ),
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_gives_a_role_or_an_error(text in document()) {
        check_role(&text);
    }

    #[test]
    fn any_front_matter_gives_a_role_or_an_error(front in document()) {
        let (_, body) = split_good_role();
        check_role(&format!("+++\n{front}\n+++{body}"));
    }

    #[test]
    fn any_body_gives_a_role_or_an_error(extra in document()) {
        let (front, body) = split_good_role();
        check_role(&format!("{front}{body}\n{extra}"));
        check_role(&format!("{front}\n{extra}\n{body}"));
    }

    #[test]
    fn slugs_parse_strictly(input in prop_oneof![any::<String>(), "[a-z0-9-]{0,90}"]) {
        if let Ok(slug) = Slug::parse(&input) {
            prop_assert_eq!(slug.as_str(), input.as_str());
            prop_assert!(input.len() <= Slug::MAX_LEN);
            prop_assert!(input.split('-').all(|w| !w.is_empty()
                && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())));
        }
    }

    #[test]
    fn any_title_gives_a_valid_slug_or_an_error(title in any::<String>()) {
        if let Ok(slug) = Slug::from_title(&title) {
            prop_assert!(Slug::parse(slug.as_str()).is_ok());
        }
    }

    #[test]
    fn soc_codes_parse_strictly(input in prop_oneof![any::<String>(), "[0-9]{2}-[0-9]{4}", "[0-9 -]{0,9}"]) {
        if let Ok(code) = SocCode::parse(&input) {
            let s = code.as_str();
            prop_assert_eq!(s.len(), 7);
            let well_formed = s
                .bytes()
                .enumerate()
                .all(|(i, b)| if i == 2 { b == b'-' } else { b.is_ascii_digit() });
            prop_assert!(well_formed, "{}", s);
            prop_assert!(SocCode::parse(s).is_ok());
        }
    }
}

proptest! {
    // Each case writes a content tree: fewer cases.
    #![proptest_config(config(24))]

    #[test]
    fn any_file_name_gives_content_or_diagnostics(
        name in "[^/\u{0}]{1,60}",
        text in document(),
    ) {
        let dir = tempfile::TempDir::new().unwrap();
        copy_tree(&fixture("site"), dir.path());
        let path = dir.path().join("roles").join(&name);
        // Names the file system itself refuses (`.`, `..`) are not a case.
        prop_assume!(std::fs::write(&path, &text).is_ok());
        let (site, report) = content::load(dir.path(), date!(2026 - 11 - 29));
        let named = |d: &content::Diagnostic| d.path.file_name() == path.file_name();
        let is_markdown = name.ends_with(".md") && !name.starts_with('.');
        if is_markdown {
            let stem = name.trim_end_matches(".md");
            let loaded = Slug::parse(stem).is_ok_and(|s| site.roles.contains_key(&s));
            prop_assert!(loaded || report.diagnostics.iter().any(|d| d.is_error() && named(d)),
                "{name}: neither content nor a diagnostic");
        } else {
            // Not content: ignored, and the fixture still loads.
            prop_assert!(!report.diagnostics.iter().any(named));
            prop_assert!(site.roles.len() >= 8);
        }
    }
}
