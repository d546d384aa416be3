//! Parses one role file: front matter into typed fields, the body into its
//! known sections, duties into items and the FAQ into question/answer pairs.
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::HeadingLevel;

use super::citations::{self, Citations};
use super::diagnostics::{Diagnostic, SourceFile};
use super::front_matter::{self, RoleFrontMatter};
use super::markdown::{self, Part};
use super::model::{Anchor, Duty, Faq, Role, RoleAnchors, Salary};
use super::parse_common::{body_span_in_file, date_from_toml, parse_front_matter, span_in_file};
use super::role_sources::{SourcesChecked, check_soc_match, check_sources};
use super::scaffold;
use crate::datasets::oews::SocCode;
use crate::domain::Slug;

/// The `## ` sections a role body has, in the order pages show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Duties,
    Overview,
    Qualifications,
    CareerOutlook,
    CoverLetter,
    Faq,
}

impl SectionKind {
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Duties,
        SectionKind::Overview,
        SectionKind::Qualifications,
        SectionKind::CareerOutlook,
        SectionKind::CoverLetter,
        SectionKind::Faq,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::Duties => "Duties and responsibilities",
            SectionKind::Overview => "Overview",
            SectionKind::Qualifications => "Qualifications",
            SectionKind::CareerOutlook => "Career outlook",
            SectionKind::CoverLetter => "Sample cover letter",
            SectionKind::Faq => "Frequently asked questions",
        }
    }

    /// A page without the cover letter is still useful; without the others it is not.
    pub fn is_required(self) -> bool {
        self != SectionKind::CoverLetter
    }

    fn from_heading(heading: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.heading().eq_ignore_ascii_case(heading.trim()))
    }
}

pub const MIN_DUTIES: usize = 8;
pub const MIN_FAQS: usize = 3;

/// Parses the role at `path` with slug `slug`. Returns the role when the file
/// has no errors; every problem found is pushed to `out`.
pub fn parse_role(path: &Path, slug: Slug, text: &str, out: &mut Vec<Diagnostic>) -> Option<Role> {
    let file = SourceFile::new(path, text);
    let (doc, fm) = parse_front_matter::<RoleFrontMatter>(&file, out)?;
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    let anchor = |span: Range<usize>| Anchor(file.error(span_in_file(&doc, span), ""));

    let updated = date_from_toml(&file, &doc, "updated", &fm.updated, out);
    let category = match Slug::parse(fm.category.get_ref()) {
        Ok(slug) => Some(slug),
        Err(e) => {
            out.push(anchor(fm.category.span()).error(format!("`category`: {e}")));
            None
        }
    };
    let salary = fm.salary.get_ref();
    let (min, max) = (*salary.min.get_ref(), *salary.max.get_ref());
    if min > max {
        out.push(
            anchor(salary.min.span())
                .error(format!("`salary`: min ({min}) is greater than max ({max})")),
        );
    }
    let currency = match &salary.currency {
        Some(c)
            if c.get_ref().len() == 3 && c.get_ref().bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            c.get_ref().clone()
        }
        Some(c) => {
            out.push(
                anchor(c.span())
                    .error("`salary.currency` must be a three-letter ISO 4217 code such as `USD`"),
            );
            String::new()
        }
        None => "USD".to_owned(),
    };
    let soc_code = fm
        .soc_code
        .as_ref()
        .and_then(|code| match SocCode::parse(code.get_ref()) {
            Ok(code) => Some(code),
            Err(e) => {
                out.push(anchor(code.span()).error(format!("`soc_code`: {e}")));
                None
            }
        });
    let mut aliases = Vec::new();
    let mut alias_anchors = Vec::new();
    for alias in &fm.aliases {
        match Slug::parse(alias.get_ref()) {
            Ok(slug) => {
                aliases.push(slug);
                alias_anchors.push(anchor(alias.span()));
            }
            Err(e) => out.push(anchor(alias.span()).error(format!("`aliases`: {e}"))),
        }
    }
    let mut also_known_as = Vec::new();
    let mut also_known_as_anchors = Vec::new();
    for name in &fm.also_known_as {
        let text = name.get_ref().trim();
        if text.is_empty() || text.chars().count() > 60 {
            out.push(anchor(name.span()).error(
                "`also_known_as`: each name is 1 to 60 characters, e.g. \"CNA\" or \"nurse aide\"",
            ));
        } else {
            also_known_as.push(text.to_owned());
            also_known_as_anchors.push(anchor(name.span()));
        }
    }
    let mut next_roles = Vec::new();
    let mut next_role_links = Vec::new();
    for next in &fm.next_roles {
        match Slug::parse(next.get_ref()) {
            Ok(next_slug) if next_slug == slug => {
                out.push(anchor(next.span()).error("`next_roles` lists this role itself"));
            }
            Ok(next_slug) if next_roles.contains(&next_slug) => {
                out.push(
                    anchor(next.span()).error(format!("`next_roles` lists `{next_slug}` twice")),
                );
            }
            Ok(next_slug) => {
                // Checked across files like a link to the role.
                next_role_links.push((crate::urls::role(&next_slug), anchor(next.span())));
                next_roles.push(next_slug);
            }
            Err(e) => out.push(anchor(next.span()).error(format!("`next_roles`: {e}"))),
        }
    }
    let skills = fm
        .skills
        .as_ref()
        .map(|s| s.get_ref().clone())
        .unwrap_or_default();
    if let Some(blank) = fm
        .skills
        .as_ref()
        .filter(|s| s.get_ref().iter().any(|x| x.trim().is_empty()))
    {
        out.push(anchor(blank.span()).error("`skills` has an empty entry"));
    }

    let (soc_match, soc_match_reason) = check_soc_match(&fm, &anchor, out);
    let SourcesChecked {
        sources,
        ids: source_ids,
        accessed: sources_accessed,
    } = check_sources(&file, &doc, &fm.sources, out);
    let education_level_reason = fm
        .education_level_reason
        .as_ref()
        .map(|r| r.get_ref().trim().to_owned());
    if let Some(reason) = fm.education_level_reason.as_ref()
        && reason.get_ref().trim().is_empty()
    {
        out.push(anchor(reason.span()).error("`education_level_reason` is empty"));
    }
    if !fm.draft {
        scaffold::find_leftovers(&file, fm.title.get_ref(), fm.category.get_ref(), &fm, out);
    }

    let body = parse_body(&file, &doc, &source_ids, out);

    let has_new_errors = out.iter().filter(|d| d.is_error()).count() > errors_before;
    let (updated, category, body) = (updated?, category?, body?);
    if has_new_errors {
        return None;
    }
    Some(Role {
        slug,
        path: path.to_owned(),
        title: fm.title.get_ref().trim().to_owned(),
        category,
        summary: fm.summary.get_ref().trim().to_owned(),
        salary: Salary { min, max, currency },
        updated,
        at_a_glance: fm.at_a_glance.clone(),
        skills,
        soc_code,
        soc_match,
        soc_match_reason,
        education_level: *fm.education_level.get_ref(),
        education_level_reason,
        ai_impact_level: *fm.ai_impact_level.get_ref(),
        sources,
        draft: fm.draft,
        aliases,
        next_roles,
        also_known_as,
        duties: body.duties,
        overview_html: body.overview_html.unwrap_or_default(),
        qualifications_html: body.qualifications_html.unwrap_or_default(),
        outlook_html: body.outlook_html.unwrap_or_default(),
        cover_letter_html: body.cover_letter_html,
        faqs: body.faqs,
        word_count: body.word_count,
        cover_letter_word_count: body.cover_letter_word_count,
        anchors: RoleAnchors {
            title: anchor(fm.title.span()),
            category: anchor(fm.category.span()),
            summary: anchor(fm.summary.span()),
            updated: anchor(fm.updated.span()),
            salary: anchor(fm.salary.span()),
            soc_code: fm.soc_code.as_ref().map(|c| anchor(c.span())),
            education_level: anchor(fm.education_level.span()),
            aliases: alias_anchors,
            also_known_as: also_known_as_anchors,
            sources_accessed,
            links: body.links.into_iter().chain(next_role_links).collect(),
        },
    })
}

struct Body {
    /// Rendered HTML of the prose sections (duties and FAQ are kept
    /// structured instead).
    overview_html: Option<String>,
    qualifications_html: Option<String>,
    outlook_html: Option<String>,
    cover_letter_html: Option<String>,
    duties: Vec<Duty>,
    faqs: Vec<Faq>,
    links: Vec<(String, Anchor)>,
    word_count: usize,
    cover_letter_word_count: usize,
}

fn parse_body(
    file: &SourceFile<'_>,
    doc: &front_matter::Document<'_>,
    sources: &[(String, Anchor)],
    out: &mut Vec<Diagnostic>,
) -> Option<Body> {
    let at = |range: Range<usize>| body_span_in_file(doc, &range);
    let events = markdown::parse(doc.body);
    citations::check(file, doc, &events, sources, out);
    let word_count = markdown::word_count(events.iter().map(|(e, _)| e));
    let links = markdown::internal_links(&events)
        .into_iter()
        .map(|(url, range)| (url.to_string(), Anchor(file.error(at(range), ""))))
        .collect();
    let (preamble, parts) = markdown::split_at_headings(events, HeadingLevel::H2);
    if !markdown::is_blank(&preamble)
        && let Some((_, range)) = preamble.first()
    {
        out.push(file.error(at(range.clone()), "text before the first `## ` section: every part of the body belongs under a section heading"));
    }

    let mut found: [Option<Part<'_>>; 6] = Default::default();
    for part in parts {
        let Some(kind) = SectionKind::from_heading(&part.heading) else {
            let known = SectionKind::ALL.map(|k| k.heading());
            let hint = known
                .iter()
                .min_by_key(|k| {
                    strsim::levenshtein(&k.to_lowercase(), &part.heading.to_lowercase())
                })
                .map(|k| format!("; did you mean `## {k}`?"))
                .unwrap_or_default();
            out.push(file.error(
                at(part.heading_span.clone()),
                format!("unknown section `## {}`{hint}", part.heading),
            ));
            continue;
        };
        let slot = &mut found[SectionKind::ALL
            .iter()
            .position(|k| *k == kind)
            .expect("listed")];
        if slot.is_some() {
            out.push(file.error(
                at(part.heading_span.clone()),
                format!("section `## {}` appears twice", kind.heading()),
            ));
            continue;
        }
        if markdown::is_blank(&part.events) {
            out.push(file.error(
                at(part.heading_span.clone()),
                format!("section `## {}` is empty", kind.heading()),
            ));
        }
        *slot = Some(part);
    }

    for (kind, part) in SectionKind::ALL.iter().zip(&found) {
        if part.is_none() {
            let message = format!("missing section `## {}`", kind.heading());
            let start = doc.body_offset.saturating_sub(4);
            if kind.is_required() {
                out.push(file.error(start..start + 3, message));
            } else {
                out.push(file.warning(start..start + 3, format!("{message} (recommended)")));
            }
        }
    }

    let [duties, overview, qualifications, outlook, letter, faq] = found;
    if let Some(letter) = &letter {
        for (_, range) in markdown::footnote_references(&letter.events) {
            out.push(file.error(
                at(range),
                "the sample cover letter cites no sources: move the reference to the claim it supports",
            ));
        }
    }
    // Rendered in the order the page shows them, so that the first
    // reference to each source is the one its list entry links back to.
    let ids: Vec<String> = sources.iter().map(|(id, _)| id.clone()).collect();
    let mut citations = Citations::new(&ids);
    let duties = duties
        .map(|p| parse_duties(file, doc, p, &mut citations, out))
        .unwrap_or_default();
    let cover_letter_word_count = letter
        .as_ref()
        .map_or(0, |p| markdown::word_count(p.events.iter().map(|(e, _)| e)));
    let mut html = |p: Option<Part<'_>>| {
        p.map(|p| markdown::to_html(citations.link(p.events.into_iter().map(|(e, _)| e))))
    };
    let overview_html = html(overview);
    let qualifications_html = html(qualifications);
    let outlook_html = html(outlook);
    let cover_letter_html = html(letter);
    let faqs = faq
        .map(|p| parse_faq(file, doc, p, &mut citations, out))
        .unwrap_or_default();
    Some(Body {
        overview_html,
        qualifications_html,
        outlook_html,
        cover_letter_html,
        duties,
        faqs,
        links,
        word_count,
        cover_letter_word_count,
    })
}

fn parse_duties(
    file: &SourceFile<'_>,
    doc: &front_matter::Document<'_>,
    part: Part<'_>,
    citations: &mut Citations<'_>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Duty> {
    let span = body_span_in_file(doc, &part.heading_span);
    let items = markdown::list_items(&part.events);
    if items.is_empty() && !markdown::is_blank(&part.events) {
        out.push(file.error(
            span.clone(),
            "`## Duties and responsibilities` must be a bulleted list, one duty per item",
        ));
    } else if !items.is_empty() && items.len() < MIN_DUTIES {
        out.push(file.warning(
            span,
            format!(
                "only {} duties listed; a complete profile lists at least {MIN_DUTIES}",
                items.len()
            ),
        ));
    }
    items
        .into_iter()
        .map(|item| Duty {
            text: markdown::plain_text(item.iter().map(|(e, _)| e)),
            html: markdown::to_html(citations.link(markdown::without_paragraph(item))),
        })
        .collect()
}

fn parse_faq(
    file: &SourceFile<'_>,
    doc: &front_matter::Document<'_>,
    part: Part<'_>,
    citations: &mut Citations<'_>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Faq> {
    let at = |r: &Range<usize>| body_span_in_file(doc, r);
    let section_span = at(&part.heading_span);
    let (preamble, questions) = markdown::split_at_headings(part.events, HeadingLevel::H3);
    if !markdown::is_blank(&preamble)
        && let Some((_, range)) = preamble.first()
    {
        out.push(file.error(at(range), "text before the first question: each question is a `### ` heading with its answer below it"));
    }
    let mut faqs = Vec::new();
    for q in questions {
        let span = at(&q.heading_span);
        if markdown::is_blank(&q.events) {
            out.push(file.error(
                span,
                format!("question `{}` has no answer below it", q.heading),
            ));
            continue;
        }
        if !q.heading.ends_with('?') {
            out.push(file.warning(
                span,
                format!("question `{}` does not end with `?`", q.heading),
            ));
        }
        faqs.push(Faq {
            question: q.heading,
            answer_text: markdown::plain_text(q.events.iter().map(|(e, _)| e)),
            answer_html: markdown::to_html(citations.link(q.events.into_iter().map(|(e, _)| e))),
        });
    }
    if !faqs.is_empty() && faqs.len() < MIN_FAQS {
        out.push(file.warning(
            section_span,
            format!(
                "only {} questions; a complete profile answers at least {MIN_FAQS}",
                faqs.len()
            ),
        ));
    }
    faqs
}
