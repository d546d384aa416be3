//! The editors' commands: every diagnostic the checker gives for a broken
//! tree (exact file:line:col and message), and the `check` and `new role`
//! commands as the built binary runs them.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use career_guide::content;
use tempfile::TempDir;
use time::macros::date;

use crate::helpers::{copy_tree, fixture};

/// Each tree under tests/fixtures/broken/ and exactly what loading it reports,
/// with paths relative to the tree.
const CASES: &[(&str, &[&str])] = &[
    (
        "unparsable-toml",
        &["roles/data-engineer.md:2:23: error: invalid basic string, expected `\"`"],
    ),
    (
        "unknown-key",
        &["roles/data-engineer.md:4:1: error: unknown field `sumary`; did you mean `summary`?"],
    ),
    (
        "missing-field",
        &["roles/data-engineer.md:1:1: error: missing field `updated`"],
    ),
    (
        "bad-date",
        &[
            "roles/day-tester.md:5:11: error: invalid date, expected day between 01 and 28",
            "roles/night-tester.md:5:11: error: `updated` must be a date like 2026-11-29 with no time, found `2026-10-01T09:30:00`",
        ],
    ),
    (
        "salary-min-above-max",
        &["roles/data-engineer.md:11:7: error: `salary`: min (90000) is greater than max (60000)"],
    ),
    (
        "unknown-category",
        &[
            "roles/data-engineer.md:3:12: error: unknown category `tseting`; there is no content/categories/tseting.md (known: `testing`)",
        ],
    ),
    (
        "duplicate-alias",
        &[
            "roles/test-analyst.md:7:12: error: alias `qa-tester` is already an alias of roles/manual-tester.md",
        ],
    ),
    (
        "alias-is-live-slug",
        &[
            "roles/test-analyst.md:7:26: error: alias `manual-tester` is the slug of a live role (roles/manual-tester.md)",
        ],
    ),
    (
        "duplicate-slug",
        &[
            "roles/web/manual-tester.md:1:1: error: duplicate slug `manual-tester`: roles/mobile/manual-tester.md already uses it",
        ],
    ),
    (
        "missing-section",
        &["roles/data-engineer.md:35:1: error: missing section `## Overview`"],
    ),
    (
        "unknown-section",
        &[
            "roles/data-engineer.md:35:1: error: missing section `## Overview`",
            "roles/data-engineer.md:48:1: error: unknown section `## Overveiw`; did you mean `## Overview`?",
        ],
    ),
    (
        "faq-without-answer",
        &[
            "roles/data-engineer.md:97:1: error: question `How long does training take?` has no answer below it",
        ],
    ),
    (
        "broken-link",
        &[
            "roles/data-engineer.md:50:32: error: link to `/roles/data-scientist`: there is no role `data-scientist`",
            "roles/data-engineer.md:51:13: error: link to `/categories/data-ai`: there is no category `data-ai`",
        ],
    ),
    (
        "no-sources",
        &[
            "roles/manual-tester.md:1:1: error: 0 `[[sources]]` listed; every profile cites at least 2, one of them the BLS (its Occupational Outlook Handbook page or OEWS data for the SOC code)",
            "roles/manual-tester.md:22:1: warning: the body cites its sources 0 time(s); a profile ties at least 3 claims to their sources with `[^id]`",
        ],
    ),
    (
        "bad-sources",
        &[
            "roles/manual-tester.md:22:1: error: no source from the BLS (https://www.bls.gov/...): cite its Occupational Outlook Handbook page or OEWS data for the SOC code",
            "roles/manual-tester.md:26:7: error: source `url`: must be an `https://` address",
        ],
    ),
    (
        "source-from-the-future",
        &["roles/manual-tester.md:27:12: error: source accessed 2099-01-01: a date in the future"],
    ),
    (
        "next-roles",
        &["roles/test-analyst.md:9:32: error: link to `/roles/nobody`: there is no role `nobody`"],
    ),
    (
        "citations",
        &[
            "roles/manual-tester.md:37:6: error: source `src-3` is never cited: put `[^src-3]` after the claim it supports, or remove the source",
            "roles/manual-tester.md:40:7: error: source `url` https://www.example.org/ is a site's home page: cite the page that supports the claim",
            "roles/manual-tester.md:57:85: error: `[^nope]` cites no source: the `[[sources]]` ids are src-1, src-2, src-3",
            "roles/manual-tester.md:61:1: error: footnote definition `[^src-2]:`: list the source as a `[[sources]]` entry with `id = \"src-2\"` instead",
        ],
    ),
    (
        "type-error",
        &[
            "roles/manual-tester.md:5:11: error: `updated` must be a date such as 2026-11-30, written without quotes; found string \"last week\"",
        ],
    ),
    (
        "unknown-level",
        &[
            "roles/manual-tester.md:8:19: error: `education_level`: unknown value `bachelor`; did you mean `bachelors`?",
        ],
    ),
    (
        "related-without-reason",
        &[
            "roles/manual-tester.md:11:13: error: `soc_match = \"related\"` needs `soc_match_reason`: one sentence saying why the figures are for another occupation",
        ],
    ),
    (
        "warnings-only",
        &[
            "roles/data-engineer.md:2:9: warning: the body has 158 words; a published profile needs at least 700 to be useful",
            "roles/data-engineer.md:4:11: warning: summary is 22 characters; aim for 80-200 (it becomes the meta description)",
            "roles/data-engineer.md:5:11: warning: profile last updated 2024-03-01: more than 18 months ago, review it and update the date",
            "roles/data-engineer.md:35:1: warning: missing section `## Sample cover letter` (recommended)",
        ],
    ),
];

#[test]
fn every_broken_tree_gives_exactly_its_diagnostics() {
    // Every case is compared before failing, so one run shows every drift.
    let mut mismatches = Vec::new();
    for (case, expected) in CASES {
        let dir = fixture("broken").join(case);
        let (_, report) = content::load(&dir, date!(2026 - 11 - 29));
        let prefix = format!("{}/", dir.display());
        let headlines: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| d.headline().replace(&prefix, ""))
            .collect();
        if headlines != *expected {
            mismatches.push(format!(
                "tests/fixtures/broken/{case}:\n  got:      {headlines:#?}\n  expected: {expected:#?}"
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn every_broken_tree_is_a_case() {
    let mut trees: Vec<String> = std::fs::read_dir(fixture("broken"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    trees.sort();
    let mut cases: Vec<&str> = CASES.iter().map(|(case, _)| *case).collect();
    cases.sort();
    assert_eq!(trees, cases);
}

#[test]
fn the_clean_tree_has_nothing_to_report() {
    let (site, report) = content::load(&fixture("clean"), date!(2026 - 11 - 29));
    assert!(report.diagnostics.is_empty(), "{report}");
    assert_eq!(site.roles.len(), 2);
}

/// Runs the built binary from the crate root, so paths print as given.
fn career_guide(args: &[&str]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_career-guide"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CONTENT_DIR")
        .env_remove("WAGE_DATA_DIR")
        .output()
        .expect("the binary runs");
    (
        status.code().expect("exited, not killed"),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

fn check(content: &Path, extra: &[&str]) -> (i32, String) {
    let content = content.to_str().unwrap();
    let mut args = vec![
        "check",
        "--content",
        content,
        "--wage-data",
        "tests/fixtures/oews",
    ];
    args.extend(extra);
    let (code, stdout, _) = career_guide(&args);
    (code, stdout)
}

/// A copy of tests/fixtures/clean dated today, so it never goes stale.
fn clean_copy() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture("clean"), &content);
    let today = time::OffsetDateTime::now_utc().date().to_string();
    for entry in std::fs::read_dir(content.join("roles")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let dated = text.replace("updated = 2026-10-01", &format!("updated = {today}"));
        assert_ne!(text, dated, "{} has no date to refresh", path.display());
        std::fs::write(&path, dated).unwrap();
    }
    (dir, content)
}

#[test]
fn check_prints_each_error_with_its_line_and_a_caret_and_fails() {
    let (code, stdout) = check(Path::new("tests/fixtures/broken/salary-min-above-max"), &[]);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let headline = "tests/fixtures/broken/salary-min-above-max/roles/data-engineer.md:11:7: \
                    error: `salary`: min (90000) is greater than max (60000)";
    let at = lines
        .iter()
        .position(|l| *l == headline)
        .unwrap_or_else(|| panic!("no `{headline}` in:\n{stdout}"));
    assert_eq!(
        lines[at + 1..at + 4],
        ["   |", "11 | min = 90000", "   |       ^^^^^"],
        "{stdout}"
    );
    let summary = lines.last().unwrap();
    assert!(
        summary.starts_with("checked 2 files: 1 error, "),
        "{stdout}"
    );
}

#[test]
fn deny_warnings_fails_a_tree_with_only_warnings() {
    let warnings_only = Path::new("tests/fixtures/broken/warnings-only");
    let (code, stdout) = check(warnings_only, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains(": warning: "), "{stdout}");
    assert!(!stdout.contains(": error: "), "{stdout}");
    let (code, stdout) = check(warnings_only, &["--deny-warnings"]);
    assert_eq!(code, 1, "{stdout}");

    let (_dir, clean) = clean_copy();
    let (code, stdout) = check(&clean, &["--deny-warnings"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, "checked 3 files: 0 errors, 0 warnings\n");
}

#[test]
fn new_role_writes_a_skeleton_that_passes_check_and_never_overwrites() {
    let (_dir, content) = clean_copy();
    let content_arg = content.to_str().unwrap();
    let new_role = [
        "new",
        "role",
        "Data Engineer",
        "--category",
        "testing",
        "--content",
        content_arg,
    ];
    let (code, stdout, stderr) = career_guide(&new_role);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let path = content.join("roles/data-engineer.md");
    assert!(
        stdout.contains(&format!("created {}", path.display())),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("title = \"Data Engineer\"\n"), "{written}");
    assert!(written.contains("category = \"testing\"\n"), "{written}");
    assert!(written.contains("draft = true\n"), "{written}");

    let (code, stdout) = check(&content, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("checked 4 files: 0 errors, 0 warnings\n"),
        "{stdout}"
    );

    let (code, stdout, stderr) = career_guide(&new_role);
    assert_eq!(code, 1, "{stdout}");
    assert!(stderr.contains("already exists"), "{stderr}");

    // Published without writing anything: every placeholder line is an
    // error pointing at it, and so is every skill left from the skeleton.
    let published = written.replace("draft = true\n", "");
    std::fs::write(&path, &published).unwrap();
    let (code, stdout) = check(&content, &[]);
    assert_eq!(code, 1, "{stdout}");
    let leftovers: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("left from the `new role` skeleton"))
        .collect();
    let describe_line = published
        .lines()
        .position(|l| l.starts_with("Describe the job here,"))
        .unwrap()
        + 1;
    assert!(
        leftovers.iter().any(|l| l.starts_with(&format!(
            "{}:{describe_line}:1: error: text left",
            path.display()
        ))),
        "{stdout}"
    );
    for skill in ["First skill", "Second skill", "Third skill"] {
        assert!(
            leftovers
                .iter()
                .any(|l| l.contains(&format!("skill `{skill}`"))),
            "{stdout}"
        );
    }
    // The summary, six facts, eight duties, four sample paragraphs, three
    // questions with their answers, two source titles and two addresses.
    assert!(leftovers.len() >= 25, "{}: {stdout}", leftovers.len());
    std::fs::write(&path, &written).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);

    let (code, _, stderr) = career_guide(&[
        "new",
        "role",
        "Data Engineer",
        "--category",
        "no-such-category",
        "--content",
        content_arg,
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("there is no category `no-such-category`"),
        "{stderr}"
    );
}

#[test]
fn check_holds_outlook_prose_and_education_to_the_bls_projections() {
    let (code, stdout) = check(&fixture("outlook"), &[]);
    assert_eq!(
        code, 0,
        "warnings alone pass without --deny-warnings: {stdout}"
    );
    let prefix = format!("{}/", fixture("outlook").display());
    let about_projections: Vec<String> = stdout
        .lines()
        .filter(|l| {
            l.contains(": warning: ")
                && !l.contains("spelled out")
                && (l.contains("BLS projects") || l.contains("education_level"))
        })
        .map(|l| l.replace(&prefix, ""))
        .collect();
    assert_eq!(
        about_projections,
        [
            "roles/manual-tester.md:10:19: warning: `education_level = \"bachelors\"`, but BLS's typical entry education for 43-3071 Tellers is “High school diploma or equivalent” (`high-school`): use it, or explain the difference in `education_level_reason`",
            "roles/manual-tester.md:21:19: warning: describes growth (“Steady”), but BLS projects -12.9% for 43-3071 Tellers, 2024-34 (a decline, 29,800 openings a year from turnover): say the number and that jobs decline",
            "roles/manual-tester.md:74:28: warning: describes growth (“grow”), but BLS projects -12.9% for 43-3071 Tellers, 2024-34 (a decline, 29,800 openings a year from turnover): say the number and that jobs decline",
            "roles/manual-tester.md:74:33: warning: the projected change is written as 5%, but BLS projects -12.9% for 43-3071 Tellers, 2024-34",
            "roles/software-tester.md:74:29: warning: describes slow growth or decline (“steady”), but BLS projects +15.8% for 15-1252 Software developers, 2024-34 (much faster than average, against 3.1% for all occupations)",
        ]
    );
    // The honest profile (test-analyst.md) quotes the decline and is not flagged.
    assert!(
        !stdout
            .lines()
            .any(|l| l.contains("test-analyst.md:74") && l.contains("BLS projects")),
        "{stdout}"
    );
    let (code, _) = check(&fixture("outlook"), &["--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn an_explained_education_difference_is_not_flagged() {
    let dir = TempDir::new().unwrap();
    copy_tree(&fixture("outlook"), dir.path());
    let path = dir.path().join("roles/manual-tester.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "education_level = \"bachelors\"\n",
        "education_level = \"bachelors\"\neducation_level_reason = \"Banks in this fixture hire graduates.\"\n",
    );
    std::fs::write(&path, text).unwrap();
    let (_, stdout) = check(dir.path(), &[]);
    assert!(!stdout.contains("education_level ="), "{stdout}");
}

#[test]
fn check_reports_coverage_of_the_job_market() {
    let (_, stdout) = check(&fixture("outlook"), &["--coverage"]);
    // Two profiles of 43-3071 Tellers and one of 15-1252 Software developers,
    // all in the one category. Software developers are 35th by openings and
    // among the 50 largest; tellers are 128th by openings.
    assert!(
        stdout.contains("published profiles: 3\n  testing: 3\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "top 100 occupations by annual openings with a profile of their own SOC code: 1\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("top 50 occupations by employment with a profile of their own SOC code: 1\n"),
        "{stdout}"
    );
}
