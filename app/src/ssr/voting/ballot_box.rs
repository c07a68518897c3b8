//! The ballot box: the projects on a round's ballot, checking a posted ballot against the
//! round's rules, putting it in the box under its voter link, and reading it back. Shared by
//! online, kiosk, assisted and paper voting.
//!
//! A ballot is stored sealed (`ssr::keys::Sealer`) with the channel it came by, padded to one
//! length for the whole round: a ballot row and its voter's register row are written in one
//! transaction, so the database itself pairs them (PostgreSQL's `xmin`, neighbouring `ctid`s
//! and rowids); sealed, the pair tells a reader without the key only that the person voted,
//! which the register says anyway.
//!
//! Casting and closing are serialised on the round's row: a cast holds it shared while it
//! checks the phase and stores, the close holds it exclusively while it moves the phase and
//! counts. So every acknowledged ballot is counted, and every ballot after the close refused.

use domain::Code;
use domain::ballot::Ballot;
use domain::voting::{BallotPost, parse_ballot};
use domain::voting_rules::ballot_rules;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{ballot, proposal, round};
use crate::ssr::keys::Keys;
use domain::Phase;

/// What the box holds for one ballot, sealed: the choices and the channel they came by
/// (`online`, `kiosk`, `assisted`, `paper`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boxed {
    pub channel: String,
    pub ballot: Ballot,
}

/// The length every sealed ballot of a round with `projects` on its ballot is padded to: room
/// for each project with a long id and its points or rank, so one round's ballots seal to one
/// length whatever they hold.
fn sealed_size(projects: usize) -> usize {
    96 + 32 * projects
}

/// What a sealed ballot is bound to: its round and link (copied to another row, it does not
/// open).
fn seal_context(round_id: i64, link: &str) -> Vec<u8> {
    format!("ballot:{round_id}:{link}").into_bytes()
}

/// `boxed` sealed for the row (`round_id`, `link`).
pub(crate) fn seal(
    keys: &Keys,
    round_id: i64,
    link: &str,
    boxed: &Boxed,
    projects: usize,
) -> String {
    let plain = serde_json::to_vec(boxed).expect("a ballot serialises");
    keys.ballots
        .seal(&plain, sealed_size(projects), &seal_context(round_id, link))
}

/// A stored ballot, opened; `None` (and logged) when it does not open or read.
pub fn open(keys: &Keys, row: &ballot::Model) -> Option<Boxed> {
    let plain = keys
        .ballots
        .open(&row.choices, &seal_context(row.round_id, &row.voter_link));
    let boxed = plain.and_then(|p| serde_json::from_slice(&p).ok());
    if boxed.is_none() {
        tracing::error!(round = row.round_id, "a ballot that does not open");
    }
    boxed
}

/// Every ballot in a round's box, opened, in the order of their choices alone (never of their
/// links or rows, which a database reader could line up with the register, nor of their
/// channels, which would set the few assisted ballots apart).
pub async fn opened_ballots<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round_id: i64,
) -> Result<Vec<Boxed>, AppError> {
    let rows = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    let mut opened: Vec<(String, Boxed)> = rows
        .iter()
        .filter_map(|row| open(keys, row))
        .map(|b| (serde_json::to_string(&b.ballot).unwrap_or_default(), b))
        .collect();
    opened.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(opened.into_iter().map(|(_, b)| b).collect())
}

/// The projects on a round's ballot: its feasible proposals, by title.
pub(super) async fn ballot_projects<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
) -> Result<Vec<proposal::Model>, AppError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Feasible.as_str()))
        .order_by_asc(proposal::Column::Title)
        .all(db)
        .await?)
}

/// The cost voting uses: the staff's estimate.
pub(super) fn cost_of(project: &proposal::Model) -> i64 {
    project.staff_cost.unwrap_or(project.cost)
}

/// The voter's stored ballot in this round, if any.
pub(super) async fn stored_ballot<C: ConnectionTrait>(
    db: &C,
    ctx: &ServerContext,
    user: &SessionUser,
    round_id: i64,
) -> Result<Option<Ballot>, AppError> {
    let link = ctx.keys.ballot_link.voter_link(user.id, round_id);
    let row = ballot::Entity::find_by_id((round_id, link)).one(db).await?;
    Ok(row.and_then(|row| open(&ctx.keys, &row)).map(|b| b.ballot))
}

/// A refusal of the whole ballot (not one field), keeping what was chosen.
pub(super) fn ballot_error(code: Code, post: &BallotPost) -> AppError {
    let typed = typed_choices(post);
    AppError::invalid("", code, &pairs(&typed))
}

/// Borrowed (field, value) pairs, as `AppError::invalid` keeps them.
pub(super) fn pairs(typed: &[(String, String)]) -> Vec<(&str, &str)> {
    typed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The posted choices as form values (`choice[3]`, `points[3]`, `rank[3]`).
pub(super) fn typed_choices(post: &BallotPost) -> Vec<(String, String)> {
    let mut typed = Vec::new();
    for (name, map) in [
        ("choice", &post.choice),
        ("points", &post.points),
        ("rank", &post.rank),
    ] {
        for (id, value) in map {
            typed.push((format!("{name}[{id}]"), value.clone()));
        }
    }
    typed
}

/// The posted ballot, parsed and checked against the round's rules, with the projects on the
/// ballot; refused when voting is not open. Holds the round's row shared until the caller's
/// transaction ends, so the close waits for this cast, or this cast sees the close.
pub(crate) async fn checked_ballot<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    post: &BallotPost,
) -> Result<(Ballot, Vec<proposal::Model>), AppError> {
    let round = &round::Entity::find_by_id(round.id)
        .lock_shared()
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    if round.phase() != Phase::Voting {
        return Err(ballot_error(Code::VotingClosed, post));
    }
    let settings = round.settings();
    let projects = ballot_projects(db, round.id).await?;
    let rules = ballot_rules(
        &settings,
        round.budget_total,
        projects.iter().map(|p| (p.id, cost_of(p))),
    );
    let cast = parse_ballot(post, &rules).map_err(|problem| ballot_error(problem.code, post))?;
    Ok((cast, projects))
}

/// Puts a ballot, sealed, in the box under `link`, replacing the one already there. `projects`
/// is how many projects the ballot offers (it fixes the sealed length).
pub(crate) async fn store_ballot<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round_id: i64,
    link: String,
    boxed: &Boxed,
    projects: usize,
) -> Result<(), AppError> {
    let row = ballot::ActiveModel {
        round_id: Set(round_id),
        choices: Set(seal(keys, round_id, &link, boxed, projects)),
        voter_link: Set(link),
    };
    ballot::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([ballot::Column::RoundId, ballot::Column::VoterLink])
                .update_columns([ballot::Column::Choices])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// How many ballots a round's box holds (for the phase rules).
#[tracing::instrument(skip_all, fields(round_id))]
pub async fn ballot_count<C: ConnectionTrait>(db: &C, round_id: i64) -> Result<u64, AppError> {
    Ok(ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round_id))
        .count(db)
        .await?)
}

/// Seals every ballot still stored in plain JSON (written before ballots were sealed; the
/// migration that dropped `ballot.channel` moved it into the JSON). Run at start-up, before
/// anything reads the box. Returns how many it sealed.
#[tracing::instrument(skip_all)]
pub async fn seal_plain_ballots<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
) -> Result<usize, AppError> {
    let plain = ballot::Entity::find()
        .filter(ballot::Column::Choices.starts_with("{"))
        .all(db)
        .await?;
    let mut sizes = std::collections::BTreeMap::new();
    for row in &plain {
        let boxed: Boxed = serde_json::from_str(&row.choices).map_err(|err| {
            tracing::error!(round = row.round_id, error = %err, "a plain ballot that does not read");
            AppError::Internal
        })?;
        let projects = match sizes.get(&row.round_id) {
            Some(&projects) => projects,
            None => {
                let projects = ballot_projects(db, row.round_id).await?.len();
                *sizes.entry(row.round_id).or_insert(projects)
            }
        };
        reseal(db, keys, row, &row.voter_link, &boxed, projects).await?;
    }
    Ok(plain.len())
}

/// Moves the ballot under `from` in a round to `to` (the same person under another account,
/// see `ssr::account_fold`): sealed again, as a sealed ballot opens only under its own link.
pub(crate) async fn relink_ballot<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    round_id: i64,
    from: &str,
    to: &str,
) -> Result<(), AppError> {
    let Some(row) = ballot::Entity::find_by_id((round_id, from.to_owned()))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let boxed = open(keys, &row).ok_or(AppError::Internal)?;
    let projects = ballot_projects(db, round_id).await?.len();
    reseal(db, keys, &row, to, &boxed, projects).await
}

/// Writes `boxed` sealed over `row`, under the link `link`.
async fn reseal<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    row: &ballot::Model,
    link: &str,
    boxed: &Boxed,
    projects: usize,
) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    ballot::Entity::update_many()
        .col_expr(ballot::Column::VoterLink, Expr::value(link))
        .col_expr(
            ballot::Column::Choices,
            Expr::value(seal(keys, row.round_id, link, boxed, projects)),
        )
        .filter(ballot::Column::RoundId.eq(row.round_id))
        .filter(ballot::Column::VoterLink.eq(&row.voter_link))
        .exec(db)
        .await?;
    Ok(())
}
