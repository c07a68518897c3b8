//! Equal participation: the voluntary questions, the population baseline, the dashboard.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::participation::ParticipationView;

/// Stores the signed-in participant's voluntary answers (once per round), then shows the
/// receipt page again.
#[server(endpoint = "answer_questions")]
pub async fn answer_questions(
    slug: String,
    locale: String,
    form: domain::participation::AnswersForm,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let round = crate::ssr::participation::answer(&ctx, &user, &slug, &form).await?;
    let path = format!("/rounds/{}/vote/receipt?answered=1", round.slug);
    leptos_axum::redirect(&crate::locale::href(
        crate::locale::from_code(&locale),
        &path,
    ));
    Ok(())
}

/// The participation dashboard of a round (its staff).
#[server(endpoint = "participation")]
pub async fn load_participation(
    slug: String,
    locale: String,
) -> Result<ParticipationView, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::participation::dashboard(&ctx.db, &user, &slug, crate::locale::from_code(&locale))
        .await
}

/// Imports the round's population baseline from CSV text.
#[server(endpoint = "save_baseline")]
pub async fn save_baseline(slug: String, locale: String, csv: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::participation::save_baseline(&ctx, &user, &slug, &csv).await?;
    let path = format!("/staff/rounds/{slug}/participation?saved=1");
    leptos_axum::redirect(&crate::locale::href(
        crate::locale::from_code(&locale),
        &path,
    ));
    Ok(())
}

/// The evaluation of participation: public once voting is over, for the round's staff and
/// politicians before.
#[server(endpoint = "evaluation")]
pub async fn load_evaluation(slug: String, locale: String) -> Result<ParticipationView, AppError> {
    let viewer = crate::ssr::auth::current_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let locale = crate::locale::from_code(&locale);
    crate::ssr::participation::evaluation(&ctx.db, viewer.as_ref(), &slug, locale).await
}

/// Records an outreach action of the round (its staff).
#[server(endpoint = "record_outreach")]
pub async fn record_outreach(
    slug: String,
    locale: String,
    #[server(default)] form: domain::participation::OutreachForm,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::participation::record_outreach(&ctx.db, &user, &slug, &form).await?;
    let path = format!("/staff/rounds/{slug}/participation?outreach=1#outreach-heading");
    leptos_axum::redirect(&crate::locale::href(
        crate::locale::from_code(&locale),
        &path,
    ));
    Ok(())
}
