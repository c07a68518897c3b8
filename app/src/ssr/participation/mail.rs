//! The alert mail to a round's staff: which groups have just fallen under the threshold, with
//! a link to the dashboard.

use chrono::Utc;
use domain::participation::Group;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{account, area, round};
use crate::ssr::mail::{self, Notice, RenderedMail};
use crate::ssr::outbox;

/// The alert about the groups named `names`, in `locale`.
fn alert(
    ctx: &ServerContext,
    locale: Locale,
    round: &round::Model,
    names: &[String],
) -> RenderedMail {
    let url = format!(
        "{}{}",
        ctx.settings.public_url,
        crate::locale::href(locale, &crate::paths::participation(&round.slug))
    );
    mail::notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: td_string!(locale, mail.alert_subject, round = round.title_in(locale))
                .to_string(),
            before: vec![
                td_string!(locale, mail.alert_body, round = round.title_in(locale)).to_string(),
                names.join(", "),
            ],
            link: Some((td_string!(locale, mail.alert_link).to_string(), url)),
            after: Vec::new(),
            unsubscribe: Vec::new(),
        },
    )
}

/// Queues the alert about `fresh` for each staff member of the round's nämnd, in their
/// language; each fall is its own event.
pub(super) async fn queue_alerts<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    fresh: &[Group],
    areas: &[area::Model],
) -> Result<(), AppError> {
    let staff = account::Entity::find()
        .filter(account::Column::Role.eq("staff"))
        .filter(account::Column::NamndId.eq(round.namnd_id))
        .all(db)
        .await?;
    let stamp = Utc::now().timestamp_micros();
    let area_name = |id: i64| {
        areas
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    for person in staff {
        let locale = crate::locale::from_code(&person.locale);
        let names: Vec<String> = fresh
            .iter()
            .map(|g| crate::names::group(locale, *g, area_name))
            .collect();
        outbox::enqueue(
            db,
            &format!("participation-alert:{}:{stamp}", round.id),
            &person.email,
            Some(round.id),
            alert(ctx, locale, round, &names),
        )
        .await?;
    }
    Ok(())
}
