//! The "Career moves" section of role and occupation pages, and the `moves`
//! list of their JSON alternates: the precomputed moves of an occupation
//! (`crate::moves`), with each target's BLS median, projection and entry
//! education, linked to our profile of it when there is one.
use std::collections::HashMap;

use crate::datasets::oews::{self, SocCode};
use crate::datasets::projections::{self, outlook::signed_percent};
use crate::db::queries::{self, RoleLink};
use crate::domain::EducationLevel;
use crate::error::AppError;
use crate::format;
use crate::moves::MoveKind;
use crate::state::AppState;
use crate::urls;

/// One move as a page and the JSON show it.
pub struct MoveItem {
    /// `None` for a move the editor pinned.
    pub kind: Option<MoveKind>,
    pub soc_code: Option<String>,
    pub title: String,
    /// Our profile of the target, or its occupation page.
    pub url: String,
    pub profile: Option<String>,
    /// The target's BLS median minus this occupation's, in dollars a year.
    pub median_difference: Option<i64>,
    pub median_difference_percent: Option<String>,
    pub change_percent: Option<f64>,
    pub education: Option<EducationLevel>,
    /// The target's typical entry education is above this occupation's.
    pub more_education: bool,
    /// The skills and activities the move adds, most first.
    pub learn: Vec<String>,
}

impl MoveItem {
    /// "+$12,340 a year (+15%)", "−$2,910 a year (−7%)": signed with a true
    /// minus, as the percent is.
    pub fn pay(&self) -> Option<String> {
        let d = self.median_difference?;
        let sign = match d {
            d if d > 0 => "+",
            d if d < 0 => "\u{2212}",
            _ => "",
        };
        Some(format!(
            "{sign}{} a year ({})",
            format::money_full(d.abs(), "USD"),
            self.median_difference_percent.as_deref().unwrap_or("–")
        ))
    }

    pub fn change(&self) -> Option<String> {
        self.change_percent.map(signed_percent)
    }

    pub fn education_label(&self) -> Option<&'static str> {
        self.education.map(EducationLevel::bls_name)
    }
}

/// One group of moves as the page lists it.
pub struct MoveGroup {
    /// `None`: the editor's picks.
    pub kind: Option<MoveKind>,
    pub moves: Vec<MoveItem>,
}

impl MoveGroup {
    pub fn label(&self) -> &'static str {
        self.kind.map_or("Editor's picks", MoveKind::label)
    }

    /// What the group holds, in words (the rules of `crate::moves`).
    pub fn note(&self) -> &'static str {
        match self.kind {
            None => "Moves our editors recommend from this job.",
            Some(MoveKind::StepUp) => {
                "Similar work that pays at least 15% more at the median, starting with the usual promotions."
            }
            Some(MoveKind::SimilarWork) => "Similar work at about the same pay (within 15%).",
            Some(MoveKind::WayIn) => {
                "Lower-paid jobs whose workers already use many of the skills this one needs: where people often come from."
            }
        }
    }
}

/// The moves of one occupation, grouped, the editor's picks first.
pub struct MovesView {
    /// The occupation the moves start from.
    pub occupation: String,
    /// The page borrows that occupation's figures (`soc_match = "related"`).
    pub related: bool,
    /// O*NET rates the occupation's work: without it there are no moves.
    pub rated: bool,
    /// Groups with at least one move.
    pub groups: Vec<MoveGroup>,
}

impl MovesView {
    /// Every move, the editor's picks first, for the JSON.
    pub fn all(&self) -> impl Iterator<Item = &MoveItem> {
        self.groups.iter().flat_map(|g| &g.moves)
    }
}

/// The moves from `code`, with `pinned` role slugs first.
pub async fn load(
    state: &AppState,
    code: &SocCode,
    related: bool,
    pinned: &[String],
) -> Result<MovesView, AppError> {
    let pool = &state.pool;
    let computed = state.moves.moves(code.as_str());
    let pinned_roles: Vec<RoleLink> = if pinned.is_empty() {
        Vec::new()
    } else {
        let found = queries::role_links(pool, pinned).await?;
        pinned
            .iter()
            .filter_map(|slug| found.iter().find(|r| r.slug == *slug).cloned())
            .collect()
    };
    let mut codes: Vec<String> = computed
        .unwrap_or_default()
        .iter()
        .map(|m| m.to.clone())
        .chain(pinned_roles.iter().filter_map(|r| r.soc_code.clone()))
        .collect();
    codes.push(code.to_string());
    let occupations: HashMap<String, oews::Occupation> = oews::occupations(pool, &codes)
        .await?
        .into_iter()
        .map(|o| (o.soc_code.to_string(), o))
        .collect();
    let projections: HashMap<String, projections::Projection> = projections::of_codes(pool, &codes)
        .await?
        .into_iter()
        .map(|p| (p.soc_code.to_string(), p))
        .collect();
    let profiles: HashMap<String, RoleLink> = queries::profiles_of_codes(pool, &codes)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.soc_code.clone()?, p)))
        .collect();
    let own_median = occupations.get(code.as_str()).and_then(|o| o.annual_median);
    let own_education = projections.get(code.as_str()).map(|p| p.education);
    let item = |kind: Option<MoveKind>, soc: Option<&str>, learn: Vec<String>| {
        let occupation = soc.and_then(|s| occupations.get(s));
        let projection = soc.and_then(|s| projections.get(s));
        let median = occupation.and_then(|o| o.annual_median);
        let difference = median.zip(own_median).map(|(m, own)| (m - own, m, own));
        MoveItem {
            kind,
            soc_code: soc.map(str::to_owned),
            title: String::new(),
            url: String::new(),
            profile: None,
            median_difference: difference.map(|(d, _, _)| d),
            median_difference_percent: difference.map(|(_, m, own)| format::signed_percent(m, own)),
            change_percent: projection.map(|p| p.change_percent),
            education: projection.map(|p| p.education),
            more_education: projection
                .map(|p| p.education)
                .zip(own_education)
                .is_some_and(|(theirs, own)| theirs > own),
            learn,
        }
    };
    let pinned: Vec<MoveItem> = pinned_roles
        .iter()
        .map(|r| MoveItem {
            title: r.title.clone(),
            url: urls::role(&r.slug),
            profile: Some(r.slug.clone()),
            ..item(None, r.soc_code.as_deref(), Vec::new())
        })
        .collect();
    let computed_groups = MoveKind::ALL.into_iter().map(|kind| {
        let moves = computed
            .unwrap_or_default()
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| {
                let learn = m
                    .learn
                    .iter()
                    .map(|i| state.moves.element(*i).to_owned())
                    .collect();
                let base = item(Some(kind), Some(&m.to), learn);
                match profiles.get(&m.to) {
                    Some(p) => MoveItem {
                        title: p.title.clone(),
                        url: urls::role(&p.slug),
                        profile: Some(p.slug.clone()),
                        ..base
                    },
                    None => MoveItem {
                        title: occupations
                            .get(&m.to)
                            .map_or_else(|| m.to.clone(), |o| o.title.clone()),
                        url: urls::salary(&m.to),
                        ..base
                    },
                }
            })
            .collect();
        MoveGroup {
            kind: Some(kind),
            moves,
        }
    });
    let groups = std::iter::once(MoveGroup {
        kind: None,
        moves: pinned,
    })
    .chain(computed_groups)
    .filter(|g| !g.moves.is_empty())
    .collect();
    Ok(MovesView {
        occupation: occupations
            .get(code.as_str())
            .map_or_else(|| code.to_string(), |o| o.title.clone()),
        related,
        rated: computed.is_some(),
        groups,
    })
}
