//! Equal participation: the voluntary questions, the population baseline, the dashboard.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::participation::ParticipationView;

/// Stores the participant's voluntary answers (once per round), then goes back to where they
/// were asked: the receipt, their proposal (`proposal`), or — at a kiosk — the kiosk, the
/// voter's session ended.
#[server(endpoint = "answer_questions")]
pub async fn answer_questions(
    slug: String,
    locale: String,
    form: domain::participation::AnswersForm,
    #[server(default)] proposal: Option<i64>,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_answerer().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let round = crate::ssr::participation::answer(&ctx, &user, &slug, &form).await?;
    if let Some(kiosk) = user.kiosk {
        return crate::api::kiosk::let_out(&ctx, Some(kiosk.kiosk), &locale, true).await;
    }
    let path = match proposal {
        Some(id) => crate::paths::proposal(&round.slug, id).query("answered", 1),
        None => crate::paths::receipt(&round.slug).query("answered", 1),
    };
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// The participation dashboard of a round (its staff; a partner association sees its groups).
#[server(endpoint = "participation")]
pub async fn load_participation(
    slug: String,
    locale: String,
) -> Result<ParticipationView, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::participation::dashboard(&ctx, &user, &slug, crate::locale::from_code(&locale))
        .await
}

/// Imports the round's population baseline from CSV text.
#[server(endpoint = "save_baseline")]
pub async fn save_baseline(slug: String, locale: String, csv: String) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::baseline::save_csv(&ctx, &user, &slug, &csv).await?;
    let path = crate::paths::participation(&slug).query("saved", 1);
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// Stores the totals of one scope (`all` or an area id) typed by hand: `count[age-16-19]` and
/// so on, one per group of `domain::participation::scope_groups`.
#[server(endpoint = "save_baseline_counts")]
pub async fn save_baseline_counts(
    slug: String,
    locale: String,
    #[server(default)] scope: String,
    #[server(default)] count: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let scope = crate::ssr::baseline::save_typed(&ctx, &user, &slug, &scope, &count).await?;
    let path = crate::paths::participation(&slug).query("saved", 1);
    let path = match scope {
        domain::participation::Scope::All => path,
        domain::participation::Scope::Area(id) => path.query("area", id),
    };
    let path = path.fragment("hand-heading");
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// The evaluation of participation: public once voting is over, for the round's staff and
/// politicians before.
#[server(endpoint = "evaluation")]
pub async fn load_evaluation(slug: String, locale: String) -> Result<ParticipationView, AppError> {
    let viewer = crate::ssr::auth::current_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let locale = crate::locale::from_code(&locale);
    crate::ssr::participation::evaluation(&ctx, viewer.as_ref(), &slug, locale).await
}

/// Records an outreach action of the round (its staff or a partner association).
#[server(endpoint = "record_outreach")]
pub async fn record_outreach(
    slug: String,
    locale: String,
    #[server(default)] form: domain::participation::OutreachForm,
) -> Result<(), AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::participation::record_outreach(&ctx.db, &user, &slug, &form).await?;
    let path = if user.role == crate::model::Role::Partner {
        crate::paths::partner_participation(&slug)
    } else {
        crate::paths::participation(&slug)
    };
    let path = path.query("outreach", 1).fragment("outreach-heading");
    crate::api::redirect_to(crate::locale::from_code(&locale), &path);
    Ok(())
}

/// A partner association's start page: its groups and the rounds of its nämnd under way.
#[server(endpoint = "partner_home")]
pub async fn load_partner_home(
    locale: String,
) -> Result<crate::model::participation::PartnerHome, AppError> {
    let user = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    crate::ssr::partners::home(&ctx.db, &user, crate::locale::from_code(&locale)).await
}
