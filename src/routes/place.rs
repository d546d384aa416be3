//! Where a role page's reader is: `?state=XX` (a postal code) or
//! `?area=CODE` (an OEWS metro or nonmetro area code). A place is a view of
//! the plain page (`noindex`, canonical without the query) and follows the
//! reader through the page's links to other roles; it is carried in URLs
//! only, never in a cookie, so every page stays cacheable.
use sqlx::SqlitePool;

use crate::datasets::oews::{self, SocCode, StateArea, StateWage, metro, postal};
use crate::error::AppError;
use crate::urls;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Nation,
    State(&'static str),
    Area {
        code: String,
        name: String,
        /// The states it lies in (a metro area may cross state lines).
        states: Vec<&'static str>,
    },
}

impl Place {
    /// Reads the query. An empty value (a form's "United States only") is
    /// no choice; an unknown or malformed one is a 400 naming what is
    /// accepted. With both, the area wins.
    pub async fn parse(
        pool: &SqlitePool,
        state: Option<&str>,
        area: Option<&str>,
    ) -> Result<Self, AppError> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        if let Some(code) = given(area) {
            if !metro::is_area_code(code) {
                return Err(AppError::BadRequest(format!(
                    "area {code:?} is not an OEWS area code: seven digits, such as 0041940 (San Jose-Sunnyvale-Santa Clara, CA)"
                )));
            }
            let Some(name) = metro::area_name(pool, code).await? else {
                return Err(AppError::BadRequest(format!(
                    "there is no metropolitan or nonmetropolitan area {code} in the BLS estimates"
                )));
            };
            return Ok(Place::Area {
                states: metro::area_states(code, &name),
                code: code.to_owned(),
                name,
            });
        }
        match given(state) {
            None => Ok(Place::Nation),
            Some(text) => postal::parse_postal(text).map(Place::State).ok_or_else(|| {
                AppError::BadRequest(format!(
                    "unknown state {text:?}: use a two-letter postal code such as CA or TX"
                ))
            }),
        }
    }

    pub fn is_chosen(&self) -> bool {
        *self != Place::Nation
    }

    /// The query parameter that carries the place: `("area", "0041940")`.
    pub fn param(&self) -> Option<(&'static str, &str)> {
        match self {
            Place::Nation => None,
            Place::State(postal) => Some(("state", postal)),
            Place::Area { code, .. } => Some(("area", code)),
        }
    }

    /// `path` with the place carried along.
    pub fn carry(&self, path: impl AsRef<str>) -> String {
        let path = path.as_ref();
        match self.param() {
            None => path.to_owned(),
            Some(param) => urls::with_query(path, [param]),
        }
    }

    /// The state whose areas the picker lists.
    pub fn state(&self) -> Option<&'static str> {
        match self {
            Place::Nation => None,
            Place::State(postal) => Some(postal),
            Place::Area { states, .. } => states.first().copied(),
        }
    }
}

impl Place {
    /// The place's name as a page says it ("Texas", "San Jose-...").
    pub fn name(&self) -> Option<String> {
        match self {
            Place::Nation => None,
            Place::State(postal) => postal::state_name(postal).map(str::to_owned),
            Place::Area { name, .. } => Some(name.clone()),
        }
    }

    /// The annual BLS median of each of `codes` in this place, where BLS
    /// publishes one: what the finder and the comparison show for a reader
    /// who chose a place.
    pub async fn medians(
        &self,
        pool: &SqlitePool,
        codes: &[SocCode],
    ) -> Result<std::collections::HashMap<String, i64>, AppError> {
        let mut out = std::collections::HashMap::new();
        for code in codes {
            let median = match self {
                Place::Nation => None,
                Place::State(postal) => {
                    oews::state_wage(pool, code, &format!("{}00000", state_fips(postal)))
                        .await?
                        .and_then(|w| w.annual_median)
                }
                Place::Area { code: area, .. } => metro::median(pool, code, area).await?,
            };
            if let Some(median) = median {
                out.insert(code.to_string(), median);
            }
        }
        Ok(out)
    }
}

/// The FIPS code of a state's postal code (`TX` -> `48`).
fn state_fips(postal: &str) -> &'static str {
    postal::all()
        .find(|(_, p)| *p == postal)
        .map_or("", |(fips, _)| fips)
}

/// An area of the chosen state, as a link from the pay section.
pub struct AreaLink {
    pub name: String,
    pub url: String,
    pub selected: bool,
}

/// What the pay section shows of the place.
#[derive(Default)]
pub struct PlacePay {
    /// The place's wages, when BLS publishes the occupation there.
    pub wage: Option<StateWage>,
    /// The place's name when BLS publishes no estimate for it there.
    pub unpublished: Option<String>,
    /// Links to the state views of the area's states (when the area has no
    /// estimate, the reader is offered the state's).
    pub state_links: Vec<(String, String)>,
    /// The areas of the chosen state that publish the occupation.
    pub areas: Vec<AreaLink>,
}

/// The place's wages for `code` and the links of the pay section.
pub async fn place_pay(
    pool: &SqlitePool,
    role_slug: &str,
    code: &SocCode,
    place: &Place,
    state_areas: &[StateArea],
) -> Result<PlacePay, AppError> {
    let pay_url =
        |param: (&str, &str)| format!("{}#pay", urls::with_query(&urls::role(role_slug), [param]));
    let state_name = |postal: &str| {
        state_areas
            .iter()
            .find(|a| postal::postal_code(&a.area_code) == Some(postal))
            .map(|a| a.area_name.clone())
    };
    let (wage, name) = match place {
        Place::Nation => (None, None),
        Place::State(postal) => {
            let area = state_areas
                .iter()
                .find(|a| postal::postal_code(&a.area_code) == Some(*postal));
            let wage = match area {
                Some(a) => oews::state_wage(pool, code, &a.area_code).await?,
                None => None,
            };
            (wage, Some((*postal).to_owned()))
        }
        Place::Area {
            code: area, name, ..
        } => (metro::wage(pool, code, area).await?, Some(name.clone())),
    };
    let state_links = match place {
        Place::Area { states, .. } if wage.is_none() => states
            .iter()
            .filter_map(|p| Some((state_name(p)?, pay_url(("state", p)))))
            .collect(),
        _ => Vec::new(),
    };
    let areas = match place.state() {
        None => Vec::new(),
        Some(postal) => metro::areas(pool, code)
            .await?
            .into_iter()
            .filter(|a| metro::area_states(&a.area_code, &a.area_name).contains(&postal))
            .map(|a| AreaLink {
                selected: matches!(place, Place::Area { code, .. } if *code == a.area_code),
                url: pay_url(("area", &a.area_code)),
                name: a.area_name,
            })
            .collect(),
    };
    Ok(PlacePay {
        unpublished: if wage.is_none() { name } else { None },
        wage,
        state_links,
        areas,
    })
}
