//! The ballot page: the round's projects in its format, the voter's stored ballot to change it
//! (never at a kiosk), whether they may vote, and their declared profile. Staff get the same
//! page empty for paper and assisted ballots.

use domain::Code;
use domain::Phase;
use domain::ballot::Ballot;
use domain::voting::BallotPost;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

use super::access::{eligibility, kiosk_may_vote, voter_of};
use super::ballot_box::{ballot_projects, cost_of, stored_ballot};
use super::profile::form_of;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::Choice;
use crate::model::SessionUser;
use crate::model::voting::{BallotProject, BallotView, ProfileForm};
use crate::ssr::access::{managed_round, visible_round};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{area, round};

/// The ballot page of a round for the signed-in `user`, with their ballot if they voted.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn ballot_page(
    ctx: &ServerContext,
    slug: &str,
    locale: Locale,
    user: &SessionUser,
) -> Result<BallotView, AppError> {
    let round = visible_round(&ctx.db, slug, Some(user)).await?;
    kiosk_may_vote(user, &round)?;
    let mut stored = stored_ballot(&ctx.db, ctx, user, round.id).await?;
    let has_voted = stored.is_some();
    if user.kiosk.is_some() {
        // At a kiosk nobody sees a ballot cast before: an address is no proof of who holds it.
        stored = None;
    }
    let voter = voter_of(&ctx.db, user).await?;
    let not_eligible = eligibility(&ctx.db, &round, &voter).await?;
    let account = voter.account;
    let mut view = ballot_view(&ctx.db, &round, locale, stored.as_ref(), not_eligible).await?;
    view.kiosk = user.kiosk.is_some();
    view.has_voted = has_voted;
    view.profile = form_of(&account);
    Ok(view)
}

/// An empty ballot of a round for its staff (paper ballots, assisted voting).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn staff_ballot(
    ctx: &ServerContext,
    slug: &str,
    locale: Locale,
    staff: &SessionUser,
) -> Result<BallotView, AppError> {
    let round = managed_round(&ctx.db, slug, staff).await?;
    ballot_view(&ctx.db, &round, locale, None, None).await
}

async fn ballot_view(
    db: &DatabaseConnection,
    round: &round::Model,
    locale: Locale,
    stored: Option<&Ballot>,
    not_eligible: Option<Code>,
) -> Result<BallotView, AppError> {
    let settings = round.settings();
    let projects = ballot_projects(db, round.id).await?;
    let areas = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await?;
    Ok(BallotView {
        slug: round.slug.clone(),
        round_title: round.title_in(locale),
        open: round.phase() == Phase::Voting,
        not_eligible,
        format: settings.ballot_format,
        max_choices: settings.max_choices,
        points_total: settings.points_total,
        points_max_per_project: settings.points_max_per_project,
        budget: round.budget_total,
        projects: projects
            .iter()
            .map(|p| BallotProject {
                id: p.id,
                title: p.title.clone(),
                area: area::name_of(&areas, p.area_id),
                cost: cost_of(p),
                description: p.description.clone(),
            })
            .collect(),
        has_voted: stored.is_some(),
        current: stored.map(post_of).unwrap_or_default(),
        profile: ProfileForm::default(),
        kiosk: false,
        areas: areas
            .into_iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: a.name,
            })
            .collect(),
    })
}

/// A stored ballot as the form's fields, to change it.
fn post_of(ballot: &Ballot) -> BallotPost {
    let mut post = BallotPost::default();
    match ballot {
        Ballot::Approval(ids) | Ballot::Knapsack(ids) => {
            post.choice = ids.iter().map(|id| (id.clone(), id.clone())).collect();
        }
        Ballot::Cumulative(points) => {
            post.points = points
                .iter()
                .map(|(id, n)| (id.clone(), n.to_string()))
                .collect();
        }
        Ballot::Ranked(ids) => {
            post.rank = ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), (i + 1).to_string()))
                .collect();
        }
    }
    post
}
