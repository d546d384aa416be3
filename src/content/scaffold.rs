//! The skeleton `career-guide new role` writes, and the check that none of
//! its placeholder text reaches a published page.
use std::collections::HashSet;

use askama::Template;

use super::diagnostics::{Diagnostic, SourceFile};
use super::front_matter::RoleFrontMatter;

#[derive(Template)]
#[template(path = "scaffold/role.md", escape = "none")]
struct RoleSkeleton<'a> {
    title: &'a str,
    category: &'a str,
    today: &'a str,
}

/// The skeleton of a new role file. Double quotes in the title would end
/// the TOML string early, so they become single quotes.
pub fn render(title: &str, category: &str, today: &str) -> Result<String, askama::Error> {
    RoleSkeleton {
        title: &title.replace('"', "'"),
        category,
        today,
    }
    .render()
}

/// Keys whose skeleton values are real choices an editor may keep (the
/// title, the dates, a salary, a level), not placeholder text; and `skills`,
/// checked entry by entry.
const KEPT_KEYS: [&str; 14] = [
    "skills",
    "id",
    "title",
    "category",
    "updated",
    "draft",
    "min",
    "max",
    "publisher",
    "accessed",
    "education_level",
    "ai_impact_level",
    "soc_code",
    "soc_match",
];

/// Lines of the skeleton that are placeholders: its sample sentences, list
/// items, questions, facts, skills and sources. Headings, comments and the
/// letter's salutation are structure, not placeholders.
fn placeholder_lines(skeleton: &str) -> Vec<&str> {
    skeleton
        .lines()
        .map(str::trim)
        .filter(|line| {
            let key = line.split_once('=').map(|(k, _)| k.trim());
            !(line.is_empty()
                || line.starts_with("+++")
                || (line.starts_with('#') && !line.starts_with("### "))
                || line.starts_with('[')
                || line.starts_with("<!--")
                || line.starts_with("Dear ")
                || key.is_some_and(|k| KEPT_KEYS.contains(&k)))
        })
        .collect()
}

/// Reports, line by line, text of a role file that is still the skeleton's,
/// and skills left from it. Only published roles are checked: a draft is
/// expected to be unfinished.
pub fn find_leftovers(
    file: &SourceFile<'_>,
    title: &str,
    category: &str,
    fm: &RoleFrontMatter,
    out: &mut Vec<Diagnostic>,
) {
    let Ok(skeleton) = render(title, category, "") else {
        return;
    };
    let placeholders: HashSet<&str> = placeholder_lines(&skeleton).into_iter().collect();
    let skeleton_skills = skills_of(&skeleton);
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() && placeholders.contains(&trimmed) {
            let start = offset + (line.len() - line.trim_start().len());
            out.push(file.error(
                start..start + trimmed.len(),
                "text left from the `new role` skeleton: write this part, or keep `draft = true` until it is written",
            ));
        } else if trimmed.starts_with("skills")
            && let Some(skills) = &fm.skills
        {
            for skill in skills
                .get_ref()
                .iter()
                .filter(|s| skeleton_skills.contains(s))
            {
                let start = offset + line.find(skill.as_str()).unwrap_or(0);
                out.push(file.error(
                    start..start + skill.len(),
                    format!(
                        "skill `{skill}` is left from the `new role` skeleton: name a real skill"
                    ),
                ));
            }
        }
        offset += line.len();
    }
}

/// The `skills` the skeleton suggests.
fn skills_of(skeleton: &str) -> Vec<String> {
    skeleton
        .lines()
        .find_map(|l| l.trim().strip_prefix("skills = "))
        .and_then(|list| toml::from_str::<toml::Table>(&format!("s = {list}")).ok())
        .and_then(|t| t.get("s").cloned())
        .and_then(|v| v.try_into::<Vec<String>>().ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_the_sample_text_not_the_structure() {
        let skeleton = render("Line Cook", "hospitality-food-service", "2026-11-30").unwrap();
        let lines = placeholder_lines(&skeleton);
        assert!(
            lines.contains(&"Describe the job here, citing the source of each figure.[^bls-ooh]"),
            "{lines:#?}"
        );
        assert!(lines.contains(&"- Second duty"));
        assert!(lines.contains(&"### What is the second question?"));
        assert!(lines.iter().any(|l| l.starts_with("education = ")));
        assert!(!lines.iter().any(|l| l.starts_with("## ")));
        assert!(!lines.iter().any(|l| l.starts_with("title = ")));
        assert!(!lines.contains(&"Dear Hiring Manager,"));
        assert_eq!(
            skills_of(&skeleton),
            ["First skill", "Second skill", "Third skill"]
        );
    }
}
