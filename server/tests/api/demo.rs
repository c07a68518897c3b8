//! The demo municipality tells the truth: every number its round texts state is one its rows
//! give, a round past voting has its proposals, result and decisions, outreach aimed at a
//! group reached someone of it, nobody is mailed about the demo's past, and loading it again
//! changes nothing.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use app::model::ProposalStatus;
use app::ssr::entity::{
    ballot, decision, implementation_update, outbox, outreach_action, proposal, round,
    sealed_answer, voter_register,
};
use app::ssr::keys::Keys;
use domain::Phase;

use crate::helpers::*;
use crate::on_both_databases;

/// The numbers a text states: digits (with spaces or commas between thousands) and the number
/// words two to twelve in Swedish and English ("en", "ett" and "one" are also articles).
fn stated_numbers(text: &str) -> Vec<i64> {
    const WORDS: [(&str, &str, i64); 11] = [
        ("två", "two", 2),
        ("tre", "three", 3),
        ("fyra", "four", 4),
        ("fem", "five", 5),
        ("sex", "six", 6),
        ("sju", "seven", 7),
        ("åtta", "eight", 8),
        ("nio", "nine", 9),
        ("tio", "ten", 10),
        ("elva", "eleven", 11),
        ("tolv", "twelve", 12),
    ];
    let mut numbers = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_lowercase();
        if let Some(&(_, _, n)) = WORDS
            .iter()
            .find(|(sv, en, _)| lower == *sv || lower == *en)
        {
            numbers.push(n);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        loop {
            while i < chars.len() && chars[i].is_ascii_digit() {
                digits.push(chars[i]);
                i += 1;
            }
            // "1 200 000", "1,200,000": a separator followed by exactly three digits.
            let group = chars.get(i + 1..i + 4);
            let more = matches!(chars.get(i), Some(' ' | '\u{a0}' | ','))
                && group.is_some_and(|g| g.iter().all(char::is_ascii_digit))
                && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
            if !more {
                break;
            }
            i += 1;
        }
        numbers.push(digits.parse().unwrap());
    }
    numbers
}

#[test]
fn stated_numbers_reads_digits_thousands_and_words() {
    assert_eq!(
        stated_numbers("Tre av 1 200 000 kronor, 13 och 25 år; SEK 500,000 for four."),
        vec![3, 4, 1_200_000, 13, 25, 500_000]
    );
}

/// What a round's rows say, as numbers its texts may state.
async fn figures(db: &DatabaseConnection, r: &round::Model) -> BTreeSet<i64> {
    let settings = r.settings();
    let listed: Vec<&str> = [
        ProposalStatus::Submitted,
        ProposalStatus::Feasible,
        ProposalStatus::NotFeasible,
        ProposalStatus::Merged,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    let of_round = proposal::Column::RoundId.eq(r.id);
    let proposals = proposal::Entity::find()
        .filter(of_round.clone())
        .filter(proposal::Column::Status.is_in(listed))
        .count(db)
        .await
        .unwrap();
    let feasible = proposal::Entity::find()
        .filter(of_round)
        .filter(proposal::Column::Status.eq(ProposalStatus::Feasible.as_str()))
        .count(db)
        .await
        .unwrap();
    let ballots = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(r.id))
        .count(db)
        .await
        .unwrap();
    let funded = app::ssr::results::counted_projects(db, r.id, true)
        .await
        .unwrap()
        .unwrap_or_default()
        .iter()
        .filter(|p| p.funded)
        .count();
    let approved = approved(db, r.id).await;
    let done = done(db, &approved).await;
    let mut figures = BTreeSet::from([r.budget_total, proposals as i64, feasible as i64]);
    figures.extend([ballots as i64, funded as i64, approved.len() as i64, done]);
    figures.extend(settings.min_age.map(i64::from));
    figures.extend(settings.max_age.map(i64::from));
    figures
}

/// The projects the politicians approved.
async fn approved(db: &DatabaseConnection, round: i64) -> Vec<i64> {
    decision::Entity::find()
        .filter(decision::Column::RoundId.eq(round))
        .filter(decision::Column::Outcome.eq("approved"))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.proposal_id)
        .collect()
}

/// How many of `projects` are done (their latest update says so).
async fn done(db: &DatabaseConnection, projects: &[i64]) -> i64 {
    let mut done = 0;
    for &id in projects {
        let mut updates = implementation_update::Entity::find()
            .filter(implementation_update::Column::ProposalId.eq(id))
            .all(db)
            .await
            .unwrap();
        updates.sort_by_key(|u| (u.update_date, u.id));
        if updates.last().is_some_and(|u| u.status == "done") {
            done += 1;
        }
    }
    done
}

/// Every number in the round's summaries and easy-read text is one of its figures.
async fn assert_texts_tell_the_truth(db: &DatabaseConnection, r: &round::Model) {
    let figures = figures(db, r).await;
    let easy_read = r.settings().easy_read_sv.unwrap_or_default();
    let summary_en = r.summary_en.clone().unwrap_or_default();
    for text in [&r.summary_sv, &summary_en, &easy_read] {
        for n in stated_numbers(text) {
            assert!(
                figures.contains(&n),
                "{}: the text says {n}, the data gives {figures:?}: {text}",
                r.slug
            );
        }
    }
}

/// A round past voting has its proposals, voters, published result and decisions.
async fn assert_history_is_complete(db: &DatabaseConnection, r: &round::Model) {
    let phase = r.phase();
    if phase < Phase::Voting {
        return;
    }
    let voters = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(r.id))
        .count(db)
        .await
        .unwrap();
    let ballots = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(r.id))
        .count(db)
        .await
        .unwrap();
    assert!(ballots > 0, "{}: nobody voted", r.slug);
    assert_eq!(voters, ballots, "{}: one ballot per voter", r.slug);
    let answers = sealed_answer::Entity::find()
        .filter(sealed_answer::Column::RoundId.eq(r.id))
        .count(db)
        .await
        .unwrap();
    assert!(
        answers <= voters,
        "{}: {answers} answers, {voters} voters",
        r.slug
    );
    if phase >= Phase::Deliberation {
        let published = app::ssr::results::counted_projects(db, r.id, false)
            .await
            .unwrap();
        assert!(
            published.is_some_and(|p| !p.is_empty()),
            "{}: no result",
            r.slug
        );
    }
    if phase >= Phase::Decided {
        assert!(
            !approved(db, r.id).await.is_empty(),
            "{}: no decisions",
            r.slug
        );
    }
}

/// Outreach aimed at an age band or birthplace reached someone who answered as one of it.
async fn assert_outreach_reached_its_group(db: &DatabaseConnection, keys: &Keys, r: &round::Model) {
    let actions = outreach_action::Entity::find()
        .filter(outreach_action::Column::RoundId.eq(r.id))
        .all(db)
        .await
        .unwrap();
    let answers = app::ssr::participation::opened_answers(db, keys, r.id)
        .await
        .unwrap();
    for key in actions.iter().filter_map(|a| a.group_key.as_deref()) {
        let of_group = |p: &domain::participation::Participation| match key.split_once(':') {
            Some(("age", band)) => p.answers.age.map(|a| a.to_string()).as_deref() == Some(band),
            Some(("born", place)) => {
                p.answers.born.map(|b| b.to_string()).as_deref() == Some(place)
            }
            _ => true,
        };
        assert!(
            answers.iter().any(of_group),
            "{}: nobody of {key} took part",
            r.slug
        );
    }
}

on_both_databases!(
    the_demo_loads_through_the_services_and_tells_the_truth,
    |backend| async move {
        let (db, _database) = database_only(backend).await;
        let keys = std::sync::Arc::new(Keys::from_secret(b"demo test"));
        assert!(
            server::demo::load_if_empty(&db, keys.clone())
                .await
                .unwrap()
        );
        let rounds = round::Entity::find().all(&db).await.unwrap();
        let slugs: BTreeSet<&str> = rounds.iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(
            slugs,
            BTreeSet::from([
                "fritidsgardar-2026",
                "gatuliv-2025",
                "tryggare-parker-2026",
                "unga-i-centrum-2027"
            ])
        );
        for r in &rounds {
            assert_texts_tell_the_truth(&db, r).await;
            assert_history_is_complete(&db, r).await;
            assert_outreach_reached_its_group(&db, &keys, r).await;
        }
        let mail = outbox::Entity::find().count(&db).await.unwrap();
        assert_eq!(mail, 0, "nobody is mailed about the demo's past");
        let ballots = ballot::Entity::find().count(&db).await.unwrap();
        assert!(!server::demo::load_if_empty(&db, keys).await.unwrap());
        assert_eq!(round::Entity::find().count(&db).await.unwrap(), 4);
        assert_eq!(ballot::Entity::find().count(&db).await.unwrap(), ballots);
    }
);
