//! `career-guide check --coverage`: how much of the U.S. job market the
//! library covers, measured against BLS Employment Projections: profiles
//! per category, and how many of the occupations with the most openings a
//! year, and of the largest occupations, have a profile whose SOC code is
//! theirs.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

use crate::content::Site;
use crate::datasets::projections::Projection;
use crate::domain::SocMatch;

/// The report, as lines of text.
pub fn report(site: &Site, projections: &HashMap<String, Projection>) -> String {
    let published: Vec<_> = site.roles.values().filter(|r| !r.draft).collect();
    let mut per_category: BTreeMap<&str, usize> = site
        .categories
        .keys()
        .map(|slug| (slug.as_str(), 0))
        .collect();
    for role in &published {
        *per_category.entry(role.category.as_str()).or_default() += 1;
    }
    let own_codes: HashSet<&str> = published
        .iter()
        .filter(|r| r.soc_match == Some(SocMatch::Exact))
        .filter_map(|r| r.soc_code.as_ref().map(|c| c.as_str()))
        .collect();

    let mut rows: Vec<&Projection> = projections.values().collect();
    let covered = |top: &[&Projection]| {
        top.iter()
            .filter(|p| own_codes.contains(p.soc_code.as_str()))
            .count()
    };
    rows.sort_by_key(|p| (std::cmp::Reverse(p.annual_openings), p.soc_code.to_string()));
    let by_openings: Vec<&Projection> = rows.iter().take(100).copied().collect();
    let all_openings: i64 = rows.iter().map(|p| p.annual_openings).sum();
    let covered_openings: i64 = rows
        .iter()
        .filter(|p| own_codes.contains(p.soc_code.as_str()))
        .map(|p| p.annual_openings)
        .sum();
    rows.sort_by_key(|p| (std::cmp::Reverse(p.employment_2024), p.soc_code.to_string()));
    let by_size: Vec<&Projection> = rows.iter().take(50).copied().collect();

    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "published profiles: {}", published.len());
    for (category, count) in &per_category {
        let _ = writeln!(out, "  {category}: {count}");
    }
    let _ = writeln!(
        out,
        "top 100 occupations by annual openings with a profile of their own SOC code: {}",
        covered(&by_openings)
    );
    let _ = writeln!(
        out,
        "top 50 occupations by employment with a profile of their own SOC code: {}",
        covered(&by_size)
    );
    let _ = writeln!(
        out,
        "share of all annual openings in occupations with a profile: {:.0}%",
        100.0 * covered_openings as f64 / all_openings.max(1) as f64
    );
    let missing: Vec<String> = by_openings
        .iter()
        .filter(|p| !own_codes.contains(p.soc_code.as_str()))
        .map(|p| format!("{} {}", p.soc_code, p.title))
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "of the top 100 by openings, without a profile: {}",
            missing.join("; ")
        );
    }
    out
}
