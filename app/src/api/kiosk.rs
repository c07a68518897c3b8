//! Kiosk mode: staff start a kiosk on a shared device, let each voter in after checking them
//! in person, and end it. The device holds a kiosk cookie; each voter a short session of their
//! own, which after the cast may only answer the voluntary questions, and ends with them.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::voting::KioskView;

/// The kiosk this device is, from its cookie.
#[cfg(feature = "ssr")]
async fn this_kiosk(ctx: &crate::ssr::context::ServerContext) -> Result<Option<i64>, AppError> {
    let jar = crate::ssr::auth::request_cookies().await?;
    Ok(jar
        .get(crate::ssr::auth::KIOSK_COOKIE)
        .and_then(|c| ctx.keys.session.verify_kiosk_device(c.value())))
}

/// Ends whatever session the device holds.
#[cfg(feature = "ssr")]
fn clear_session(ctx: &crate::ssr::context::ServerContext) -> Result<(), AppError> {
    crate::ssr::auth::set_cookie(crate::ssr::auth::logout_cookie(ctx.secure_cookies()))
}

/// Makes this device a kiosk for the round (its staff or a partner association, while
/// voting); their own session ends here, so the shared device holds nobody's account.
#[server(endpoint = "start_kiosk")]
pub async fn start_kiosk(
    slug: String,
    locale: String,
    #[server(default)] form: domain::kiosk::KioskForm,
) -> Result<(), AppError> {
    use crate::ssr::auth::{KIOSK_COOKIE, site_cookie};
    let staff = crate::ssr::auth::require_user().await?;
    let ctx = crate::ssr::context::ServerContext::current()?;
    let kiosk = crate::ssr::kiosk::start(&ctx, &staff, &slug, &form).await?;
    let token = ctx.keys.session.issue_kiosk_device(kiosk.id)?;
    let seconds = domain::kiosk::KIOSK_HOURS * 3600;
    crate::ssr::auth::set_cookie(site_cookie(
        KIOSK_COOKIE,
        token,
        seconds,
        ctx.secure_cookies(),
    ))?;
    clear_session(&ctx)?;
    crate::api::redirect_to(crate::locale::from_code(&locale), &crate::paths::kiosk());
    Ok(())
}

/// What this kiosk device shows; `None` when the device is no kiosk. Whoever was let in last
/// is let out here too: a voter who walked away leaves no session behind.
#[server(endpoint = "kiosk_view")]
pub async fn load_kiosk(locale: String) -> Result<Option<KioskView>, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let Some(id) = this_kiosk(&ctx).await? else {
        return Ok(None);
    };
    crate::ssr::kiosk::finish_voter(&ctx.db, id).await?;
    clear_session(&ctx)?;
    let view = crate::ssr::kiosk::view(&ctx, id, crate::locale::from_code(&locale)).await?;
    Ok(Some(view))
}

/// Lets the next voter in: staff have checked the person and type their address and the PIN.
#[server(endpoint = "kiosk_next_voter")]
pub async fn kiosk_next_voter(
    locale: String,
    #[server(default)] form: domain::kiosk::NextVoterForm,
) -> Result<(), AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let id = this_kiosk(&ctx)
        .await?
        .ok_or_else(|| AppError::Unauthorized.with_status())?;
    clear_session(&ctx)?;
    let code = crate::locale::from_code(&locale);
    let (account, slug, nonce) = crate::ssr::kiosk::let_in(&ctx, id, code, &form).await?;
    crate::ssr::auth::set_cookie(crate::ssr::auth::kiosk_voter_cookie(
        &ctx, account, id, nonce,
    )?)?;
    crate::api::redirect_to(code, &crate::paths::vote(&slug));
    Ok(())
}

/// The voter hands the device back — without voting, or after voting without answering the
/// voluntary questions: back to the kiosk (which thanks a voter who voted), nobody signed in.
#[server(endpoint = "leave_kiosk_ballot")]
pub async fn leave_kiosk_ballot(locale: String) -> Result<(), AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let voted = crate::ssr::auth::current_user()
        .await?
        .and_then(|u| u.kiosk)
        .is_some_and(|k| k.answering);
    let_out(&ctx, this_kiosk(&ctx).await?, &locale, voted).await
}

/// What the kiosk shows a voter whose ballot is cast: the voluntary questions; `None` when
/// the device holds no such voter (or they have answered).
#[server(endpoint = "kiosk_questions")]
pub async fn load_kiosk_questions(
    locale: String,
) -> Result<Option<crate::model::voting::KioskQuestions>, AppError> {
    let ctx = crate::ssr::context::ServerContext::current()?;
    let Some(user) = crate::ssr::auth::current_user().await? else {
        return Ok(None);
    };
    crate::ssr::kiosk::questions(&ctx, &user, crate::locale::from_code(&locale)).await
}

/// Ends the voter's session at `kiosk` and on this device, and goes back to the kiosk page,
/// which thanks a voter who `voted`.
#[cfg(feature = "ssr")]
pub async fn let_out(
    ctx: &crate::ssr::context::ServerContext,
    kiosk: Option<i64>,
    locale: &str,
    voted: bool,
) -> Result<(), AppError> {
    if let Some(id) = kiosk {
        crate::ssr::kiosk::finish_voter(&ctx.db, id).await?;
    }
    clear_session(ctx)?;
    let path = if voted {
        crate::paths::kiosk().query("voted", 1)
    } else {
        crate::paths::kiosk()
    };
    crate::api::redirect_to(crate::locale::from_code(locale), &path);
    Ok(())
}

/// Ends kiosk mode on this device (staff type the PIN).
#[server(endpoint = "end_kiosk")]
pub async fn end_kiosk(locale: String, #[server(default)] end_pin: String) -> Result<(), AppError> {
    use crate::ssr::auth::{KIOSK_COOKIE, site_cookie};
    let ctx = crate::ssr::context::ServerContext::current()?;
    if let Some(id) = this_kiosk(&ctx).await? {
        crate::ssr::kiosk::end(&ctx, id, &end_pin).await?;
    }
    crate::ssr::auth::set_cookie(site_cookie(
        KIOSK_COOKIE,
        String::new(),
        0,
        ctx.secure_cookies(),
    ))?;
    clear_session(&ctx)?;
    crate::api::redirect_to(
        crate::locale::from_code(&locale),
        &crate::paths::kiosk().query("ended", 1),
    );
    Ok(())
}
