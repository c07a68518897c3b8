//! The receipt page: the voter's ballot in a round, line by line with the projects' titles
//! (the receipt mail shows the same lines).

use domain::Phase;
use domain::ballot::Ballot;

use super::ballot_box::{ballot_projects, stored_ballot};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::model::SessionUser;
use crate::model::voting::{ReceiptLine, ReceiptView};
use crate::ssr::access::visible_round;
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{area, proposal};
use crate::ssr::participation;

/// The receipt page: `user`'s ballot in the round (404 when they have not voted).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn receipt(
    ctx: &ServerContext,
    slug: &str,
    locale: Locale,
    user: &SessionUser,
) -> Result<ReceiptView, AppError> {
    let round = visible_round(&ctx.db, slug, Some(user)).await?;
    let cast = stored_ballot(&ctx.db, ctx, user, round.id)
        .await?
        .ok_or_else(|| AppError::NotFound.with_status())?;
    let projects = ballot_projects(&ctx.db, round.id).await?;
    Ok(ReceiptView {
        slug: round.slug.clone(),
        round_title: round.title_in(locale),
        lines: receipt_lines(&cast, &projects),
        open: round.phase() == Phase::Voting,
        answered: participation::answered(&ctx.db, round.id, user.id).await?,
        areas: area::choices(&ctx.db).await?,
    })
}

/// A ballot's lines with the projects' titles.
pub(super) fn receipt_lines(cast: &Ballot, projects: &[proposal::Model]) -> Vec<ReceiptLine> {
    let title = |id: &str| {
        projects
            .iter()
            .find(|p| p.id.to_string() == id)
            .map(|p| p.title.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    let line = |id: &str, points: Option<u32>, rank: Option<u32>| ReceiptLine {
        title: title(id),
        points,
        rank,
    };
    match cast {
        Ballot::Approval(ids) | Ballot::Knapsack(ids) => {
            ids.iter().map(|id| line(id, None, None)).collect()
        }
        Ballot::Cumulative(points) => points
            .iter()
            .map(|(id, n)| line(id, Some(*n), None))
            .collect(),
        Ballot::Ranked(ids) => ids
            .iter()
            .enumerate()
            .map(|(i, id)| line(id, None, Some(i as u32 + 1)))
            .collect(),
    }
}
