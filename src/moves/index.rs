//! The moves of every occupation, computed once from the three data sets.
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use sqlx::SqlitePool;

use super::{
    LEARN_MIN_GAIN, LEARN_MIN_IMPORTANCE, MIN_MANAGER_SIMILARITY, MIN_SIMILARITY, PER_GROUP,
    SAME_MAJOR_GROUP, SAME_MINOR_GROUP, STEP_UP, crosswalk,
};
use crate::datasets::onet::Ratings;
use crate::datasets::{oews, onet, projections};
use crate::domain::EducationLevel;

/// What a move's target is judged by: its BLS median and entry education.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub median: Option<i64>,
    pub education: Option<EducationLevel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoveKind {
    StepUp,
    SimilarWork,
    WayIn,
}

impl MoveKind {
    pub const ALL: [MoveKind; 3] = [MoveKind::StepUp, MoveKind::SimilarWork, MoveKind::WayIn];

    /// As the JSON alternates spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::StepUp => "step-up",
            MoveKind::SimilarWork => "similar-work",
            MoveKind::WayIn => "way-in",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MoveKind::StepUp => "Step up",
            MoveKind::SimilarWork => "Similar work",
            MoveKind::WayIn => "Ways in",
        }
    }
}

/// One move from an occupation to another (for *Ways in*, from the other
/// into this one).
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub kind: MoveKind,
    /// The other occupation's SOC code.
    pub to: String,
    /// Similarity of work, with the field bonuses (see the module docs).
    pub score: f64,
    /// A usual promotion: the field's first-line supervisors or nearest
    /// management occupation.
    pub promotion: bool,
    /// Positions (in the element list) of the skills and work activities
    /// the move adds, most first.
    pub learn: Vec<usize>,
}

/// Every occupation's moves and rating vector.
#[derive(Debug, Default)]
pub struct MovesIndex {
    elements: Vec<String>,
    /// Importance ratings by OEWS code, and the same centred with their norm.
    ratings: HashMap<String, Vec<f64>>,
    centred: HashMap<String, (Vec<f64>, f64)>,
    moves: HashMap<String, Vec<Move>>,
}

impl MovesIndex {
    /// The index of the data sets the database holds: computed once per
    /// set of imported files in a process (the data change only at start-up;
    /// tests start many servers on the same files).
    pub async fn load(pool: &SqlitePool) -> Result<Arc<Self>, sqlx::Error> {
        static BUILT: Mutex<Vec<(Vec<String>, Arc<MovesIndex>)>> = Mutex::new(Vec::new());
        let mut key = oews::wage_import_hashes(pool).await?;
        key.extend(projections::import_hashes(pool).await?);
        key.extend(onet::import_hashes(pool).await?);
        let cached = BUILT
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, index)| Arc::clone(index));
        if let Some(index) = cached {
            return Ok(index);
        }
        let index = Arc::new(Self::compute_from(pool).await?);
        let mut built = BUILT.lock().unwrap_or_else(PoisonError::into_inner);
        // A server keeps one; a test process a few. Never grows without bound.
        if built.len() >= 4 {
            built.remove(0);
        }
        built.push((key, Arc::clone(&index)));
        Ok(index)
    }

    /// Reads the three data sets from the database and computes the index.
    async fn compute_from(pool: &SqlitePool) -> Result<Self, sqlx::Error> {
        let elements = onet::elements(pool).await?;
        let ratings = onet::ratings(pool).await?;
        let projections: HashMap<String, EducationLevel> = projections::all(pool)
            .await?
            .into_iter()
            .map(|p| (p.soc_code.to_string(), p.education))
            .collect();
        let facts = oews::detailed_occupations(pool)
            .await?
            .into_iter()
            .map(|o| {
                let code = o.soc_code.to_string();
                let facts = Facts {
                    median: o.annual_median,
                    education: projections.get(&code).copied(),
                };
                (code, facts)
            })
            .collect();
        let started = std::time::Instant::now();
        let index = Self::build(
            elements.into_iter().map(|e| e.name).collect(),
            ratings,
            &facts,
        );
        tracing::info!(
            occupations = index.ratings.len(),
            ms = started.elapsed().as_millis() as u64,
            "career moves computed"
        );
        Ok(index)
    }

    /// Computes every occupation's moves. `facts` holds the published
    /// (OEWS detailed) occupations: ratings of others are left out.
    pub fn build(elements: Vec<String>, raw: Vec<Ratings>, facts: &HashMap<String, Facts>) -> Self {
        let mut grouped: HashMap<String, (Vec<f64>, usize)> = HashMap::new();
        for r in raw {
            let code = crosswalk::oews_code(&r.soc_code);
            if !facts.contains_key(code) || r.importance.len() != elements.len() {
                continue;
            }
            let (sum, n) = grouped
                .entry(code.to_owned())
                .or_insert_with(|| (vec![0.0; r.importance.len()], 0));
            sum.iter_mut().zip(&r.importance).for_each(|(s, v)| *s += v);
            *n += 1;
        }
        let ratings: HashMap<String, Vec<f64>> = grouped
            .into_iter()
            .map(|(code, (sum, n))| (code, sum.into_iter().map(|s| s / n as f64).collect()))
            .collect();
        let dims = elements.len();
        let mut mean = vec![0.0; dims];
        for v in ratings.values() {
            mean.iter_mut().zip(v).for_each(|(m, x)| *m += x);
        }
        mean.iter_mut()
            .for_each(|m| *m /= ratings.len().max(1) as f64);
        let centred: HashMap<String, (Vec<f64>, f64)> = ratings
            .iter()
            .map(|(code, v)| {
                let c: Vec<f64> = v.iter().zip(&mean).map(|(x, m)| x - m).collect();
                let norm = c.iter().map(|x| x * x).sum::<f64>().sqrt();
                (code.clone(), (c, norm))
            })
            .collect();
        let mut index = Self {
            elements,
            ratings,
            centred,
            moves: HashMap::new(),
        };
        index.moves = index.compute_all(facts);
        index
    }

    /// The moves of `code`; `None` when O*NET does not rate its work.
    pub fn moves(&self, code: &str) -> Option<&[Move]> {
        self.moves.get(code).map(Vec::as_slice)
    }

    /// Plain similarity of two occupations' work (cosine of the centred
    /// ratings, -1 to 1); `None` unless O*NET rates both.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f64> {
        let (x, nx) = self.centred.get(a)?;
        let (y, ny) = self.centred.get(b)?;
        if *nx == 0.0 || *ny == 0.0 {
            return None;
        }
        Some(x.iter().zip(y).map(|(p, q)| p * q).sum::<f64>() / (nx * ny))
    }

    /// The `n` occupations whose work is most like `code`'s, nearest first
    /// (`code` itself first); empty when O*NET does not rate it.
    pub fn nearest(&self, code: &str, n: usize) -> Vec<&str> {
        if !self.centred.contains_key(code) {
            return Vec::new();
        }
        let mut ranked: Vec<(f64, &str)> = self
            .centred
            .keys()
            .filter_map(|other| {
                let closeness = if other == code {
                    2.0
                } else {
                    self.similarity(code, other)?
                };
                Some((closeness, other.as_str()))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        ranked.into_iter().take(n).map(|(_, c)| c).collect()
    }

    /// The name of the element at `position` ("Critical Thinking").
    pub fn element(&self, position: usize) -> &str {
        self.elements.get(position).map_or("", String::as_str)
    }

    /// The skills and activities that matter in `to` and rate clearly
    /// higher there than in `from`, most first, at most three.
    fn learn(&self, from: &str, to: &str) -> Vec<usize> {
        let (Some(a), Some(b)) = (self.ratings.get(from), self.ratings.get(to)) else {
            return Vec::new();
        };
        let mut gains: Vec<(usize, f64)> = a
            .iter()
            .zip(b)
            .enumerate()
            .filter(|(_, (x, y))| **y >= LEARN_MIN_IMPORTANCE && *y - *x >= LEARN_MIN_GAIN)
            .map(|(i, (x, y))| (i, y - x))
            .collect();
        gains.sort_by(|p, q| q.1.total_cmp(&p.1).then(p.0.cmp(&q.0)));
        gains.into_iter().take(3).map(|(i, _)| i).collect()
    }

    /// Every occupation's moves. Pairs are compared through indices and
    /// unit vectors: 580,000 dot products of 76 ratings, no lookups by name.
    fn compute_all(&self, facts: &HashMap<String, Facts>) -> HashMap<String, Vec<Move>> {
        let mut codes: Vec<&str> = self.ratings.keys().map(String::as_str).collect();
        codes.sort_unstable();
        let unit: Vec<Vec<f64>> = codes
            .iter()
            .map(|c| {
                let (v, norm) = &self.centred[*c];
                v.iter()
                    .map(|x| if *norm > 0.0 { x / norm } else { 0.0 })
                    .collect()
            })
            .collect();
        let level = |e: EducationLevel| EducationLevel::ALL.iter().position(|l| *l == e);
        // (median, education level) where both are published.
        let judged: Vec<Option<(f64, usize)>> = codes
            .iter()
            .map(|c| match facts.get(*c) {
                Some(Facts {
                    median: Some(m),
                    education: Some(e),
                }) => Some((*m as f64, level(*e).unwrap_or(0))),
                _ => None,
            })
            .collect();
        let supervisor: Vec<bool> = codes.iter().map(|c| is_first_line_supervisor(c)).collect();
        let manager: Vec<bool> = codes.iter().map(|c| c.starts_with("11-")).collect();
        let n = codes.len();
        let mut out = HashMap::with_capacity(n);
        let mut similarity = vec![0.0; n];
        for a in 0..n {
            let Some((median, own_level)) = judged[a] else {
                out.insert(codes[a].to_owned(), Vec::new());
                continue;
            };
            for (b, s) in similarity.iter_mut().enumerate() {
                *s = unit[a].iter().zip(&unit[b]).map(|(x, y)| x * y).sum();
            }
            // The management occupation whose work is nearest this one's.
            let nearest_manager = (0..n)
                .filter(|b| *b != a && manager[*b] && similarity[*b] >= MIN_MANAGER_SIMILARITY)
                .max_by(|x, y| similarity[*x].total_cmp(&similarity[*y]));
            let mut found: Vec<Move> = Vec::new();
            for b in (0..n).filter(|b| *b != a) {
                let Some((theirs, their_level)) = judged[b] else {
                    continue;
                };
                let (code, other) = (codes[a], codes[b]);
                let mut score = similarity[b];
                if code.get(..2) == other.get(..2) {
                    score += SAME_MAJOR_GROUP;
                    if code.get(..4) == other.get(..4) {
                        score += SAME_MINOR_GROUP;
                    }
                }
                let ratio = theirs / median;
                let kind = if ratio >= STEP_UP && their_level <= own_level + 1 {
                    MoveKind::StepUp
                } else if ratio > 1.0 / STEP_UP && ratio < STEP_UP && their_level <= own_level + 1 {
                    MoveKind::SimilarWork
                } else if ratio <= 1.0 / STEP_UP && their_level <= own_level {
                    MoveKind::WayIn
                } else {
                    continue;
                };
                let promotion = kind == MoveKind::StepUp
                    && !supervisor[a]
                    && ((supervisor[b] && code.get(..2) == other.get(..2))
                        || Some(b) == nearest_manager);
                if score < MIN_SIMILARITY && !promotion {
                    continue;
                }
                found.push(Move {
                    kind,
                    to: other.to_owned(),
                    score,
                    promotion,
                    learn: Vec::new(),
                });
            }
            // Promotions first, then the most similar work; ties by code.
            found.sort_by(|x, y| {
                y.promotion
                    .cmp(&x.promotion)
                    .then(y.score.total_cmp(&x.score))
                    .then(x.to.cmp(&y.to))
            });
            let mut moves = Vec::new();
            for kind in MoveKind::ALL {
                moves.extend(
                    found
                        .iter()
                        .filter(|m| m.kind == kind)
                        .take(PER_GROUP)
                        .cloned(),
                );
            }
            // What to learn, for the few moves kept.
            for m in &mut moves {
                m.learn = match m.kind {
                    MoveKind::WayIn => self.learn(&m.to, codes[a]),
                    _ => self.learn(codes[a], &m.to),
                };
            }
            out.insert(codes[a].to_owned(), moves);
        }
        out
    }
}

/// First-line supervisors are the minor group `NN-10xx` of the service,
/// sales, office, farming, construction, repair, production and transport
/// groups (33 to 53); elsewhere `NN-10xx` is ordinary work (17-1011
/// Architects).
fn is_first_line_supervisor(code: &str) -> bool {
    let major: u32 = code.get(..2).and_then(|m| m.parse().ok()).unwrap_or(0);
    (33..=53).contains(&major) && code.get(3..5) == Some("10")
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod supervisor_tests {
    #[test]
    fn first_line_supervisors_are_told_from_other_minor_group_one_codes() {
        for code in ["47-1011", "53-1047", "41-1011", "35-1012", "43-1011"] {
            assert!(super::is_first_line_supervisor(code), "{code}");
        }
        for code in ["15-1252", "29-1141", "17-1011", "11-1021", "47-2111"] {
            assert!(!super::is_first_line_supervisor(code), "{code}");
        }
    }
}
