//! The ballot box: the projects on a round's ballot, checking a posted ballot against the
//! round's rules, putting it in the box under its voter link, and reading it back. Shared by
//! online, kiosk, assisted and paper voting.

use domain::Code;
use domain::ballot::Ballot;
use domain::voting::{BallotPost, parse_ballot};
use domain::voting_rules::ballot_rules;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::error::AppError;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{ballot, proposal, round};
use domain::Phase;

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
    let link = ctx.ballot_key.voter_link(user.id, round_id);
    let Some(row) = ballot::Entity::find_by_id((round_id, link)).one(db).await? else {
        return Ok(None);
    };
    Ok(serde_json::from_str(&row.choices)
        .inspect_err(|err| tracing::error!(round = round_id, error = %err, "unreadable ballot"))
        .ok())
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
/// ballot; refused when voting is not open.
pub(crate) async fn checked_ballot<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    post: &BallotPost,
) -> Result<(Ballot, Vec<proposal::Model>), AppError> {
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

/// Puts a ballot in the box under `link`, replacing the one already there; returns the stored
/// choices.
pub(crate) async fn store_ballot<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    link: String,
    cast: &Ballot,
    channel: &str,
) -> Result<String, AppError> {
    let choices = serde_json::to_string(cast).map_err(|err| {
        tracing::error!(error = %err, "could not serialise a ballot");
        AppError::Internal
    })?;
    let row = ballot::ActiveModel {
        round_id: Set(round_id),
        voter_link: Set(link),
        choices: Set(choices.clone()),
        channel: Set(channel.to_owned()),
    };
    ballot::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([ballot::Column::RoundId, ballot::Column::VoterLink])
                .update_columns([ballot::Column::Choices, ballot::Column::Channel])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(choices)
}

/// How many ballots a round's box holds (for the phase rules).
#[tracing::instrument(skip_all, fields(round_id))]
pub async fn ballot_count<C: ConnectionTrait>(db: &C, round_id: i64) -> Result<u64, AppError> {
    Ok(ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round_id))
        .count(db)
        .await?)
}
