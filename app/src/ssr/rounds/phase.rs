//! Moving a round through its phases, by staff or when a date is reached.

use super::super::access::managed_round;
use super::super::context::ServerContext;
use super::super::entity::{proposal, round, round_phase_change};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::round::PhaseFacts;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    TransactionTrait,
};

/// The facts about a round's proposals and ballots that decide whether a phase move is allowed.
#[tracing::instrument(skip_all, fields(round_id))]
pub async fn phase_facts<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
) -> Result<PhaseFacts, AppError> {
    let count = |statuses: &[ProposalStatus]| {
        proposal::Entity::find()
            .filter(proposal::Column::RoundId.eq(round_id))
            .filter(proposal::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
            .count(db)
    };
    let submitted = count(&[
        ProposalStatus::Submitted,
        ProposalStatus::Feasible,
        ProposalStatus::NotFeasible,
        ProposalStatus::Merged,
    ])
    .await?;
    let unreviewed = count(&[ProposalStatus::Submitted]).await?;
    let feasible = count(&[ProposalStatus::Feasible]).await?;
    Ok(PhaseFacts {
        submitted_proposals: submitted as u32,
        unreviewed_proposals: unreviewed as u32,
        feasible_projects: feasible as u32,
        ballots: super::super::voting::ballot_count(db, round_id).await? as u32,
    })
}

/// Moves a round to `to` on behalf of `user`, if the domain allows it now; logs the move.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn move_phase(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    to: Phase,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = managed_round(&txn, slug, user).await?;
    let from = round.phase();
    let facts = phase_facts(&txn, round.id).await?;
    domain::round::check_phase_move(from, to, &facts)
        .map_err(|err| AppError::invalid("to", err.code(), &[("to", to.as_str())]))?;
    apply_move(ctx, &txn, &round, from, to, Some(user.id)).await?;
    txn.commit().await?;
    tracing::info!(round = %slug, %from, %to, account = user.id, "phase moved by staff");
    Ok(())
}

/// Writes a move from `from` to `to`, only if the round is still in `from` (two moves at once
/// cannot both apply), and logs it.
async fn apply_move<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    from: Phase,
    to: Phase,
    by: Option<i64>,
) -> Result<(), AppError> {
    let updated = round::Entity::update_many()
        .col_expr(round::Column::Phase, Expr::value(to.as_str()))
        .filter(round::Column::Id.eq(round.id))
        .filter(round::Column::Phase.eq(from.as_str()))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::invalid("to", Code::PhaseChangedMeanwhile, &[]));
    }
    let change = round_phase_change::ActiveModel {
        round_id: Set(round.id),
        from_phase: Set(from.as_str().to_owned()),
        to_phase: Set(to.as_str().to_owned()),
        account_id: Set(by),
        at: Set(Utc::now()),
        ..Default::default()
    };
    round_phase_change::Entity::insert(change)
        .exec_without_returning(db)
        .await?;
    // Voting has closed: count now, in the same transaction as the move.
    if from == Phase::Voting && to == Phase::Deliberation {
        super::super::results::compute(db, &ctx.keys, round).await?;
    }
    if to == Phase::Voting {
        voting_opened(ctx, db, round).await?;
    }
    Ok(())
}

/// Moves every published round whose next phase's date has come (as far as the rules allow).
/// Returns how many rounds moved.
#[tracing::instrument(skip_all)]
pub async fn advance_by_date(
    ctx: &ServerContext,
    today: domain::round::Date,
) -> Result<usize, AppError> {
    let db = &ctx.db;
    let rounds = round::Entity::find()
        .filter(round::Column::Phase.ne(Phase::Draft.as_str()))
        .filter(round::Column::Phase.ne(Phase::Closed.as_str()))
        .all(db)
        .await?;
    let mut moved = 0;
    for round in rounds {
        let from = round.phase();
        let facts = phase_facts(db, round.id).await?;
        let Some(to) = domain::round::due_phase(from, &round.settings().dates, today, &facts)
        else {
            continue;
        };
        match move_by_date(ctx, &round, from, to).await {
            Ok(()) => {
                tracing::info!(round = %round.slug, %from, %to, "phase moved by date");
                moved += 1;
            }
            // Another instance's clock (or staff) moved it first: that move stands.
            Err(err) if err.has_code(Code::PhaseChangedMeanwhile) => {
                tracing::info!(round = %round.slug, %from, "phase moved meanwhile elsewhere");
            }
            Err(err) => return Err(err),
        }
    }
    Ok(moved)
}

/// Moves `round` from `from` through each phase up to `to` in one transaction.
async fn move_by_date(
    ctx: &ServerContext,
    round: &round::Model,
    from: Phase,
    to: Phase,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let mut at = from;
    while at < to {
        let Some(next) = at.next() else { break };
        apply_move(ctx, &txn, round, at, next, None).await?;
        at = next;
    }
    txn.commit().await?;
    Ok(())
}

/// Voting has opened: the round's proposers and subscribers are told, in their language.
async fn voting_opened<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
) -> Result<(), AppError> {
    let mut people = super::super::notify::Recipients::default();
    people.add_proposers(db, round.id).await?;
    people.add_subscribers(db, round.id).await?;
    super::super::notify::send(
        ctx,
        db,
        round,
        domain::followup::Scope::Round(round.id),
        &format!("voting-open:{}", round.id),
        people,
        |locale| {
            let title = round.title_in(locale);
            super::super::mail::Message {
                subject: td_string!(locale, mail.voting_open_subject, round = title.clone())
                    .to_string(),
                before: vec![td_string!(locale, mail.voting_open_body, round = title).to_string()],
                link: Some((
                    td_string!(locale, mail.voting_open_link).to_string(),
                    format!(
                        "{}{}",
                        ctx.settings.public_url,
                        crate::locale::href(locale, &crate::paths::vote(&round.slug))
                    ),
                )),
            }
        },
    )
    .await?;
    Ok(())
}
