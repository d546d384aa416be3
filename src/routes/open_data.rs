//! JSON alternates of the role and salary pages (`/roles/{slug}.json`,
//! `/salaries/{soc}.json`): the same facts as the page, for reuse. The shape
//! is documented in docs/api.md; fields are only ever added.
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::moves::MovesView;
use super::render::html_cache;
use crate::datasets::oews::{self, Occupation, SocCode};
use crate::datasets::projections::{self, Projection};
use crate::db::{open_data, queries};
use crate::domain::{Slug, SocMatch};
use crate::error::AppError;
use crate::state::AppState;
use crate::urls;
use crate::views::CITATION;

#[derive(Serialize)]
struct Link {
    slug: String,
    title: String,
    url: String,
}

#[derive(Serialize)]
struct Level {
    value: String,
    label: &'static str,
}

#[derive(Serialize)]
struct Salary {
    min: i64,
    max: i64,
    currency: String,
}

#[derive(Serialize)]
struct AtAGlance {
    education: String,
    experience: String,
    certifications: String,
    employer_types: String,
    growth_outlook: String,
    ai_impact: String,
}

#[derive(Serialize)]
struct Faq {
    question: String,
    answer: String,
}

#[derive(Serialize)]
struct Source {
    /// What the prose cites (`[^id]`).
    id: String,
    title: String,
    publisher: String,
    url: String,
    accessed: String,
}

#[derive(Serialize)]
struct Sections {
    overview_html: String,
    qualifications_html: String,
    outlook_html: String,
    cover_letter_html: Option<String>,
}

/// Annual wage figures in dollars; `null` where BLS did not publish one.
#[derive(Serialize)]
struct Annual {
    mean: Option<i64>,
    p10: Option<i64>,
    p25: Option<i64>,
    median: Option<i64>,
    p75: Option<i64>,
    p90: Option<i64>,
}

#[derive(Serialize)]
struct Bls {
    soc_code: String,
    title: String,
    url: String,
    /// `exact` or `related`: whether the occupation is the role's own.
    #[serde(rename = "match")]
    soc_match: Option<String>,
    match_reason: Option<String>,
    employment: Option<i64>,
    annual: Annual,
    hourly_median: Option<f64>,
    source: &'static str,
}

/// "Time to qualify": the shortest usual path, from BLS's categories.
#[derive(Serialize)]
struct TimeToQualify {
    months_at_least: u32,
    label: String,
}

/// BLS Employment Projections 2024-34 for the occupation.
#[derive(Serialize)]
struct OutlookJson {
    soc_code: String,
    /// The projections' own title of the occupation.
    title: String,
    /// For a role: `exact` or `related`, as in `bls.match`.
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    soc_match: Option<String>,
    change_percent: f64,
    all_occupations_change_percent: f64,
    /// The phrase the page shows ("Projected to decline", ...).
    phrase: &'static str,
    bright: bool,
    annual_openings: i64,
    employment_2024: i64,
    employment_2034: i64,
    entry_education: Level,
    work_experience: Level,
    training: Level,
    time_to_qualify: TimeToQualify,
    source: &'static str,
    source_url: &'static str,
}

fn outlook_json(p: Projection, soc_match: Option<String>) -> OutlookJson {
    let outlook = p.outlook();
    OutlookJson {
        soc_code: p.soc_code.to_string(),
        title: p.title,
        soc_match,
        change_percent: p.change_percent,
        all_occupations_change_percent: projections::ALL_OCCUPATIONS_CHANGE,
        phrase: outlook.band.phrase(),
        bright: outlook.bright,
        annual_openings: p.annual_openings,
        employment_2024: p.employment_2024,
        employment_2034: p.employment_2034,
        entry_education: Level {
            value: p.education.as_str().into(),
            label: p.education.bls_name(),
        },
        work_experience: Level {
            value: p.experience.as_str().into(),
            label: p.experience.label(),
        },
        training: Level {
            value: p.training.as_str().into(),
            label: p.training.label(),
        },
        time_to_qualify: TimeToQualify {
            months_at_least: outlook.time_to_qualify.months,
            label: outlook.time_to_qualify.label,
        },
        source: projections::CITATION,
        source_url: projections::SOURCE_URL,
    }
}

/// One career move (see docs/api.md).
#[derive(Serialize)]
struct MoveJson {
    /// `editor`, `step-up`, `similar-work` or `way-in`.
    kind: &'static str,
    title: String,
    url: String,
    soc_code: Option<String>,
    /// Our profile of the target, when there is one.
    role: Option<String>,
    median_difference: Option<i64>,
    change_percent: Option<f64>,
    entry_education: Option<Level>,
    more_education: bool,
    learn: Vec<String>,
}

fn moves_json(base: &crate::config::BaseUrl, view: &MovesView) -> Vec<MoveJson> {
    view.all()
        .map(|m| MoveJson {
            kind: m.kind.map_or("editor", |k| k.as_str()),
            title: m.title.clone(),
            url: base.join(&m.url),
            soc_code: m.soc_code.clone(),
            role: m.profile.clone(),
            median_difference: m.median_difference,
            change_percent: m.change_percent,
            entry_education: m.education.map(|e| Level {
                value: e.as_str().into(),
                label: e.bls_name(),
            }),
            more_education: m.more_education,
            learn: m.learn.clone(),
        })
        .collect()
}

#[derive(Serialize)]
struct RoleJson {
    slug: String,
    url: String,
    title: String,
    summary: String,
    updated: String,
    category: Link,
    salary: Salary,
    at_a_glance: AtAGlance,
    education_level: Option<Level>,
    ai_impact_level: Option<Level>,
    skills: Vec<String>,
    duties: Vec<String>,
    sections: Sections,
    faqs: Vec<Faq>,
    sources: Vec<Source>,
    bls: Option<Bls>,
    outlook: Option<OutlookJson>,
    /// `null` without a SOC code; `[]` when O*NET does not rate the work.
    moves: Option<Vec<MoveJson>>,
}

fn annual(o: &Occupation) -> Annual {
    Annual {
        mean: o.annual_mean,
        p10: o.annual_p10,
        p25: o.annual_p25,
        median: o.annual_median,
        p75: o.annual_p75,
        p90: o.annual_p90,
    }
}

fn json<T: Serialize>(value: &T) -> Result<HttpResponse, AppError> {
    let body = serde_json::to_string_pretty(value)?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(html_cache())
        .body(body))
}

pub async fn role(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let slug = Slug::parse(&path)?;
    let pool = &state.pool;
    let Some(role) = queries::role(pool, slug.as_str(), state.drafts()).await? else {
        // A renamed role's old slug leads to the new one, as its page does.
        return match queries::alias_target(pool, slug.as_str(), state.drafts()).await? {
            Some(target) => Ok(HttpResponse::MovedPermanently()
                .insert_header((LOCATION, urls::json_alternate(&urls::role(target))))
                .finish()),
            None => Err(AppError::NotFound),
        };
    };
    let queries::RoleItems { duties, faqs, .. } = queries::role_items(pool, &role.slug).await?;
    let sources = open_data::sources(pool, &role.slug).await?;
    let (occupation, projection) = match &role.soc_code {
        Some(code) => (
            oews::occupation(pool, code).await?,
            projections::projection(pool, code).await?,
        ),
        None => (None, None),
    };
    let base = &state.base_url;
    let soc_match = role.soc_match.map(|m| m.as_str().to_owned());
    let body = RoleJson {
        url: base.join(&urls::role(&role.slug)),
        category: Link {
            url: base.join(&urls::category(&role.category_slug)),
            slug: role.category_slug.clone(),
            title: role.category_title.clone(),
        },
        salary: Salary {
            min: role.salary_min,
            max: role.salary_max,
            currency: role.currency.clone(),
        },
        at_a_glance: AtAGlance {
            education: role.education.clone(),
            experience: role.experience.clone(),
            certifications: role.certifications.clone(),
            employer_types: role.employer_types.clone(),
            growth_outlook: role.growth_outlook.clone(),
            ai_impact: role.ai_impact.clone(),
        },
        education_level: Some(Level {
            value: role.education_level.as_str().into(),
            label: role.education_level.label(),
        }),
        ai_impact_level: Some(Level {
            value: role.ai_impact_level.as_str().into(),
            label: role.ai_impact_level.label(),
        }),
        skills: role.skills.0,
        duties: duties.into_iter().map(|d| d.text).collect(),
        sections: Sections {
            overview_html: role.overview_html.clone(),
            qualifications_html: role.qualifications_html.clone(),
            outlook_html: role.outlook_html.clone(),
            cover_letter_html: role.cover_letter_html.clone(),
        },
        faqs: faqs
            .into_iter()
            .map(|f| Faq {
                question: f.question,
                answer: f.answer_text,
            })
            .collect(),
        sources: sources
            .into_iter()
            .map(|s| Source {
                id: s.source_id,
                title: s.title,
                publisher: s.publisher,
                url: s.url,
                accessed: s.accessed.to_string(),
            })
            .collect(),
        outlook: projection.map(|p| outlook_json(p, soc_match.clone())),
        moves: match &role.soc_code {
            Some(code) => Some(moves_json(
                base,
                &super::moves::load(
                    &state,
                    code,
                    role.soc_match == Some(SocMatch::Related),
                    &role.next_roles,
                )
                .await?,
            )),
            None => None,
        },
        bls: occupation.map(|o| Bls {
            url: base.join(&urls::salary(&o.soc_code)),
            soc_code: o.soc_code.to_string(),
            title: o.title.clone(),
            soc_match: soc_match.clone(),
            match_reason: role.soc_match_reason.clone(),
            employment: o.employment,
            annual: annual(&o),
            hourly_median: o.hourly_median,
            source: CITATION,
        }),
        slug: role.slug,
        title: role.title,
        summary: role.summary,
        updated: role.updated.to_string(),
    };
    json(&body)
}

/// A state's annual percentiles (BLS publishes no state means here).
#[derive(Serialize)]
struct StateAnnual {
    p10: Option<i64>,
    p25: Option<i64>,
    median: Option<i64>,
    p75: Option<i64>,
    p90: Option<i64>,
}

#[derive(Serialize)]
struct StateJson {
    area_code: String,
    name: String,
    employment: Option<i64>,
    annual: StateAnnual,
    location_quotient: Option<f64>,
}

#[derive(Serialize)]
struct SalaryJson {
    soc_code: String,
    url: String,
    title: String,
    employment: Option<i64>,
    annual: Annual,
    hourly_median: Option<f64>,
    footnotes: Vec<String>,
    states: Vec<StateJson>,
    roles: Vec<Link>,
    source: &'static str,
    outlook: Option<OutlookJson>,
    moves: Vec<MoveJson>,
}

pub async fn salary(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let code = SocCode::parse(&path)?;
    let occupation = oews::occupation(&state.pool, &code)
        .await?
        .filter(|o| o.level == 3)
        .ok_or(AppError::NotFound)?;
    let states = oews::state_wages(&state.pool, &code).await?;
    let roles = queries::roles_with_soc_code(&state.pool, code.as_str()).await?;
    let projection = projections::projection(&state.pool, &code).await?;
    let moves = super::moves::load(&state, &code, false, &[]).await?;
    let base = &state.base_url;
    json(&SalaryJson {
        soc_code: code.to_string(),
        url: base.join(&urls::salary(code)),
        title: occupation.title.clone(),
        employment: occupation.employment,
        annual: annual(&occupation),
        hourly_median: occupation.hourly_median,
        footnotes: occupation
            .footnotes
            .split(';')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        states: states
            .into_iter()
            .map(|s| StateJson {
                annual: StateAnnual {
                    p10: s.annual_p10,
                    p25: s.annual_p25,
                    median: s.annual_median,
                    p75: s.annual_p75,
                    p90: s.annual_p90,
                },
                area_code: s.area_code,
                name: s.area_name,
                employment: s.employment,
                location_quotient: s.location_quotient,
            })
            .collect(),
        roles: roles
            .into_iter()
            .map(|r| Link {
                url: base.join(&urls::role(&r.slug)),
                slug: r.slug,
                title: r.title,
            })
            .collect(),
        source: CITATION,
        outlook: projection.map(|p| outlook_json(p, None)),
        moves: moves_json(base, &moves),
    })
}
