//! Voting: the ballot page, casting a ballot, the receipt.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::voting::{BallotView, ReceiptView};

/// The ballot page of a round for the signed-in person.
#[server(endpoint = "ballot_page")]
pub async fn load_ballot(slug: String, locale: String) -> Result<BallotView, AppError> {
    let user = crate::ssr::auth::require_voter().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::voting::ballot_page(&ctx, &slug, crate::locale::from_code(&locale), &user).await
}

/// Casts (or changes) the signed-in person's ballot; then the receipt (at a kiosk, the
/// voluntary questions).
#[server(endpoint = "cast_ballot")]
pub async fn cast_ballot(
    slug: String,
    locale: String,
    #[server(default)] ballot: domain::voting::BallotPost,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_voter().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::voting::cast(&ctx, &user, &slug, &ballot).await?;
    if let Some(kiosk) = user.kiosk {
        // At a kiosk the voting session ends with the cast; what follows may only answer the
        // voluntary questions (no receipt on a shared device), then it ends too.
        let nonce = crate::ssr::auth::kiosk_nonce(&ctx)
            .await?
            .unwrap_or_default();
        let path = match crate::ssr::kiosk::to_questions(&ctx.db, kiosk.kiosk, &nonce).await? {
            Some(next) => {
                let cookie =
                    crate::ssr::auth::kiosk_voter_cookie(&ctx, user.id, kiosk.kiosk, next)?;
                crate::ssr::auth::set_cookie(cookie)?;
                crate::paths::kiosk_questions()
            }
            None => {
                // The kiosk let someone else in meanwhile: this session is over.
                crate::ssr::auth::set_cookie(crate::ssr::auth::logout_cookie(
                    ctx.secure_cookies(),
                ))?;
                crate::paths::kiosk().query("voted", 1)
            }
        };
        crate::api::redirect_to(crate::locale::from_code(&locale), &path);
        return Ok(());
    }
    let path = crate::paths::receipt(&slug);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// What the signed-in person cast in a round.
#[server(endpoint = "ballot_receipt")]
pub async fn load_receipt(slug: String, locale: String) -> Result<ReceiptView, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::voting::receipt(&ctx, &slug, crate::locale::from_code(&locale), &user).await
}

/// A round's result: public once published, for its staff before.
#[server(endpoint = "round_result")]
pub async fn load_result(
    slug: String,
    locale: String,
) -> Result<crate::model::result::RoundResultView, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let viewer = crate::ssr::auth::current_user().await?;
    crate::ssr::results::view(
        &ctx.db,
        &slug,
        crate::locale::from_code(&locale),
        viewer.as_ref(),
    )
    .await
}

/// Publishes a round's counted result (staff of its nämnd).
#[server(endpoint = "publish_result")]
pub async fn publish_result(slug: String, locale: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::results::publish(&ctx, &user, &slug).await?;
    let path = crate::paths::results(&slug).query("published", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// An empty ballot of a round, for its staff entering paper ballots or helping a voter.
#[server(endpoint = "staff_ballot")]
pub async fn load_staff_ballot(
    slug: String,
    locale: String,
) -> Result<(BallotView, crate::model::voting::PaperView), AppError> {
    let staff = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let ballot =
        crate::ssr::voting::staff_ballot(&ctx, &slug, crate::locale::from_code(&locale), &staff)
            .await?;
    let paper = crate::ssr::paper::paper_view(&ctx.db, &staff, &slug).await?;
    Ok((ballot, paper))
}

/// Staff cast the ballot of a person verified in person (assisted voting).
#[server(endpoint = "assist_vote")]
pub async fn assist_vote(
    slug: String,
    locale: String,
    email: String,
    #[server(default)] id_document: String,
    #[server(default)] identity_number: String,
    #[server(default)] ballot: domain::voting::BallotPost,
) -> Result<(), AppError> {
    let staff = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let person = crate::ssr::voting::AssistedPerson {
        email: &email,
        id_document: &id_document,
        identity_number: &identity_number,
    };
    crate::ssr::voting::assist(&ctx, &staff, &slug, &person, &ballot).await?;
    let path = crate::paths::staff_ballots(&slug).query("assisted", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Staff register the round's printed paper serials and the number checked off the paper
/// voter list.
#[server(endpoint = "save_paper_roll")]
pub async fn save_paper_roll(
    slug: String,
    locale: String,
    #[server(default)] form: domain::paper::PaperRollForm,
) -> Result<(), AppError> {
    let staff = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::paper::save_roll(&ctx, &staff, &slug, &form).await?;
    let path = crate::paths::staff_ballots(&slug).query("roll", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Staff type in one paper ballot; two matching entries by different staff make it count.
#[server(endpoint = "enter_paper_ballot")]
pub async fn enter_paper_ballot(
    slug: String,
    locale: String,
    serial: String,
    #[server(default)] ballot: domain::voting::BallotPost,
) -> Result<(), AppError> {
    let staff = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let state = crate::ssr::paper::enter(&ctx, &staff, &slug, &serial, &ballot).await?;
    let state = match state {
        crate::model::voting::PaperState::Waiting => "waiting",
        crate::model::voting::PaperState::Matched => "matched",
        crate::model::voting::PaperState::Mismatch => "mismatch",
    };
    let path = crate::paths::staff_ballots(&slug).query("paper", state);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Saves what the signed-in person declares for eligibility, then back to the ballot.
#[server(endpoint = "save_voter_profile")]
pub async fn save_voter_profile(
    slug: String,
    locale: String,
    birth_year: String,
    #[server(default)] home_area: String,
    #[server(default)] works_here: String,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_voter().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::voting::save_profile(
        &ctx.db,
        &user,
        &birth_year,
        &home_area,
        !works_here.is_empty(),
    )
    .await?;
    let path = crate::paths::vote(&slug);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}
