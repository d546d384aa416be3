//! Checks over the real bundled data: answers a careers adviser would give.
use std::path::Path;
use std::sync::LazyLock;

use super::*;

static INDEX: LazyLock<MovesIndex> = LazyLock::new(|| {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let read = |p: &Path| std::fs::read(p).unwrap();
    let onet = data.join("onet-30.1-skills");
    let elements_path = onet.join("elements.csv");
    let elements = onet::parse::elements(&elements_path, &read(&elements_path)).unwrap();
    let importance_path = onet.join("importance.csv");
    let ratings =
        onet::parse::importance(&importance_path, &read(&importance_path), &elements).unwrap();
    let ep_path = data.join("bls-ep-2024-34/occupations.csv");
    let education: HashMap<String, EducationLevel> =
        projections::parse::occupations(&ep_path, &read(&ep_path))
            .unwrap()
            .into_iter()
            .map(|p| (p.soc_code.to_string(), p.education))
            .collect();
    let facts = oews::read_national(&data.join("oews-2025"))
        .unwrap()
        .into_iter()
        .filter(|o| o.level == 3)
        .map(|o| {
            let code = o.soc_code.to_string();
            let facts = Facts {
                median: o.annual_median,
                education: education.get(&code).copied(),
            };
            (code, facts)
        })
        .collect();
    MovesIndex::build(
        elements.into_iter().map(|e| e.name).collect(),
        ratings,
        &facts,
    )
});

fn targets(code: &str, kind: MoveKind) -> Vec<String> {
    INDEX
        .moves(code)
        .unwrap()
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| m.to.clone())
        .collect()
}

#[test]
fn similarity_is_symmetric_and_obvious_pairs_are_near() {
    let s = |a, b| INDEX.similarity(a, b).unwrap();
    assert!((s("29-1141", "29-1141") - 1.0).abs() < 1e-9);
    assert!((s("29-1141", "47-2111") - s("47-2111", "29-1141")).abs() < 1e-12);
    // Registered nurses are nearer licensed practical nurses than electricians,
    // and electricians nearer plumbers than nurses.
    assert!(s("29-1141", "29-2061") > s("29-1141", "47-2111"));
    assert!(s("47-2111", "47-2152") > s("47-2111", "29-1141"));
    assert!(s("15-1252", "15-1254") > 0.8);
}

#[test]
fn registered_nurses_step_up_to_advanced_practice_or_physician_assistants() {
    let up = targets("29-1141", MoveKind::StepUp);
    assert!(
        up.iter()
            .any(|c| ["29-1171", "29-1151", "29-1161", "29-1071"].contains(&c.as_str())),
        "{up:?}"
    );
}

#[test]
fn laborers_are_offered_supervision_or_machine_operation() {
    let moves: Vec<String> = INDEX
        .moves("53-7062")
        .unwrap()
        .iter()
        .filter(|m| m.kind != MoveKind::WayIn)
        .map(|m| m.to.clone())
        .collect();
    assert!(
        moves
            .iter()
            .any(|c| c == "53-1047" || c.starts_with("53-70")),
        "{moves:?}"
    );
    // A usual promotion, to first-line supervisor in the field, comes first.
    assert!(targets("53-7062", MoveKind::StepUp)[0].starts_with("53-10"));
}

#[test]
fn electricians_have_other_construction_trades_as_similar_work() {
    let similar = targets("47-2111", MoveKind::SimilarWork);
    assert!(similar.iter().any(|c| c.starts_with("47-2")), "{similar:?}");
}

#[test]
fn software_developers_step_up_to_computer_and_information_systems_managers() {
    let up = targets("15-1252", MoveKind::StepUp);
    assert!(up.contains(&"11-3021".to_owned()), "{up:?}");
}

#[test]
fn every_move_keeps_to_the_documented_rules() {
    let mut with_moves = 0;
    for code in INDEX.ratings.keys() {
        let moves = INDEX.moves(code).unwrap();
        with_moves += usize::from(moves.len() >= 3);
        for kind in MoveKind::ALL {
            assert!(moves.iter().filter(|m| m.kind == kind).count() <= PER_GROUP);
        }
        for m in moves {
            assert_ne!(&m.to, code);
            assert!(m.score >= MIN_SIMILARITY || m.promotion, "{code} -> {m:?}");
            assert!(m.learn.len() <= 3);
        }
    }
    // Nearly every rated occupation has at least three moves.
    assert!(with_moves * 10 >= INDEX.ratings.len() * 9, "{with_moves}");
}

#[test]
fn the_crosswalk_rates_published_codes_that_onet_splits() {
    assert!(INDEX.moves("53-1047").is_some());
    assert!(INDEX.moves("31-1120").is_some());
    assert!(INDEX.moves("53-1042").is_none());
}
