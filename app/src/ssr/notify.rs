//! Notifications to everyone a step of a round concerns (DESIGN.md, "Återkoppling"): who they
//! are (proposers, supporters, voters and confirmed subscribers), minus anyone who unsubscribed from the project, the round or everything;
//! each gets the mail in their own language with signed one-click unsubscribe links, queued
//! in the same transaction as the event, once per (event, address).

use std::collections::BTreeMap;

use domain::followup::Scope;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::context::ServerContext;
use super::digest::DigestItem;
use super::entity::{
    account, mail_opt_out, proposal, proposal_support, round, subscription, voter_register,
};
use super::keys::Purpose;
use super::links::query;
use super::mail::{Message, Notice, RenderedMail, notice};
use super::outbox;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::ProposalStatus;

/// Addresses to mail and the language of each, one entry per address.
#[derive(Debug, Default)]
pub struct Recipients(BTreeMap<String, Locale>);

impl Recipients {
    fn add(&mut self, email: &str, locale: Locale) {
        self.0.entry(email.to_lowercase()).or_insert(locale);
    }

    async fn add_accounts<C: ConnectionTrait>(
        &mut self,
        db: &C,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<(), AppError> {
        let ids: Vec<i64> = ids.into_iter().collect();
        for chunk in ids.chunks(500) {
            for a in account::Entity::find()
                .filter(account::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
            {
                self.add(&a.email, crate::locale::from_code(&a.locale));
            }
        }
        Ok(())
    }

    /// The round's proposers: authors of every proposal that was submitted.
    pub async fn add_proposers<C: ConnectionTrait>(
        &mut self,
        db: &C,
        round: i64,
    ) -> Result<(), AppError> {
        let authors = proposal::Entity::find()
            .filter(proposal::Column::RoundId.eq(round))
            .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
            .all(db)
            .await?
            .into_iter()
            .map(|p| p.author_id);
        self.add_accounts(db, authors).await
    }

    /// Everyone in the round's voter register.
    pub async fn add_voters<C: ConnectionTrait>(
        &mut self,
        db: &C,
        round: i64,
    ) -> Result<(), AppError> {
        let voters = voter_register::Entity::find()
            .filter(voter_register::Column::RoundId.eq(round))
            .all(db)
            .await?
            .into_iter()
            .map(|v| v.account_id);
        self.add_accounts(db, voters).await
    }

    /// Addresses that confirmed they follow the round.
    pub async fn add_subscribers<C: ConnectionTrait>(
        &mut self,
        db: &C,
        round: i64,
    ) -> Result<(), AppError> {
        for s in subscription::Entity::find()
            .filter(subscription::Column::RoundId.eq(round))
            .filter(subscription::Column::ConfirmedAt.is_not_null())
            .all(db)
            .await?
        {
            self.add(&s.email, crate::locale::from_code(&s.locale));
        }
        Ok(())
    }

    /// Those concerned by one project: its author (and the authors of proposals merged into
    /// it), its supporters, and the round's voters. Not only the voters who chose it: a list of
    /// those would record in the outbox (and show on the staff mail page) how each of them
    /// voted, which the secret ballot forbids; every voter may opt out of a project's news.
    pub async fn add_project_people<C: ConnectionTrait>(
        &mut self,
        db: &C,
        project: &proposal::Model,
    ) -> Result<(), AppError> {
        let merged = proposal::Entity::find()
            .filter(proposal::Column::MergedInto.eq(project.id))
            .all(db)
            .await?;
        let supporters = proposal_support::Entity::find()
            .filter(proposal_support::Column::ProposalId.eq(project.id))
            .all(db)
            .await?;
        let people: Vec<i64> = std::iter::once(project.author_id)
            .chain(merged.iter().map(|p| p.author_id))
            .chain(supporters.iter().map(|s| s.account_id))
            .collect();
        self.add_accounts(db, people).await?;
        self.add_voters(db, project.round_id).await
    }

    /// Removes everyone who opted out of `scope`, of the round, or of everything.
    async fn without_opt_outs<C: ConnectionTrait>(
        mut self,
        db: &C,
        scopes: &[Scope],
    ) -> Result<Recipients, AppError> {
        let texts: Vec<String> = scopes
            .iter()
            .copied()
            .chain([Scope::All])
            .map(|s| s.to_string())
            .collect();
        let emails: Vec<String> = self.0.keys().cloned().collect();
        for chunk in emails.chunks(500) {
            for out in mail_opt_out::Entity::find()
                .filter(mail_opt_out::Column::Email.is_in(chunk.iter().cloned()))
                .filter(mail_opt_out::Column::Scope.is_in(texts.iter().cloned()))
                .all(db)
                .await?
            {
                self.0.remove(&out.email);
            }
        }
        Ok(self)
    }

    /// How many addresses.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is nobody to mail.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The address of a signed unsubscribe page (a page with one button).
pub fn unsubscribe_url(ctx: &ServerContext, locale: Locale, email: &str, scope: Scope) -> String {
    format!(
        "{}{}?{}",
        ctx.settings.public_url,
        crate::locale::href(locale, &crate::paths::unsubscribe()),
        query(
            &ctx.keys.mail_link,
            Purpose::Unsubscribe,
            email,
            &scope.to_string()
        )
    )
}

/// The one-click address of RFC 8058 (`List-Unsubscribe`): mail programs POST to it.
pub fn one_click_url(ctx: &ServerContext, email: &str, scope: Scope) -> String {
    format!(
        "{}{}?{}",
        ctx.settings.public_url,
        crate::paths::UNSUBSCRIBE_ONE_CLICK,
        query(
            &ctx.keys.mail_link,
            Purpose::Unsubscribe,
            email,
            &scope.to_string()
        )
    )
}

/// Queues one notification per recipient (each in their language, skipping anyone who opted
/// out of `scope`, the round or everything) under `event_key`; those who chose the digest get
/// it in their daily mail of the round instead. Returns how many were told.
#[tracing::instrument(skip_all)]
pub async fn send<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round_row: &round::Model,
    scope: Scope,
    event_key: &str,
    recipients: Recipients,
    compose: impl Fn(Locale) -> Message,
) -> Result<usize, AppError> {
    let round = round_row.id;
    let scopes = [scope, Scope::Round(round)];
    let recipients = recipients.without_opt_outs(db, &scopes).await?;
    let count = recipients.len();
    let emails: Vec<String> = recipients.0.keys().cloned().collect();
    let digest = super::digest::chosen(db, &emails).await?;
    for (email, locale) in recipients.0 {
        let message = compose(locale);
        let unsubscribe = unsubscribe_links(ctx, locale, &email, scope, round);
        if digest.contains(&email) {
            // A digest gathers the whole round's news: its one-click link stops the round.
            let one_click = one_click_url(ctx, &email, Scope::Round(round));
            let item = DigestItem {
                message,
                unsubscribe,
                one_click,
            };
            super::digest::add(ctx, db, round_row, &email, locale, item).await?;
            continue;
        }
        let mut mail = notification(ctx, locale, message, unsubscribe);
        mail.unsubscribe = Some(one_click_url(ctx, &email, scope));
        outbox::enqueue(db, event_key, &email, Some(round), mail).await?;
    }
    Ok(count)
}

/// The unsubscribe links under a notification about `scope`, narrowest first: this project
/// (or round), the whole round, everything.
fn unsubscribe_links(
    ctx: &ServerContext,
    locale: Locale,
    email: &str,
    scope: Scope,
    round: i64,
) -> Vec<(String, String)> {
    let mut links = vec![(
        match scope {
            Scope::Project(_) => td_string!(locale, mail.unsubscribe_project).to_string(),
            _ => td_string!(locale, mail.unsubscribe_round).to_string(),
        },
        unsubscribe_url(ctx, locale, email, scope),
    )];
    if scope != Scope::Round(round) {
        links.push((
            td_string!(locale, mail.unsubscribe_round).to_string(),
            unsubscribe_url(ctx, locale, email, Scope::Round(round)),
        ));
    }
    links.push((
        td_string!(locale, mail.unsubscribe_all).to_string(),
        unsubscribe_url(ctx, locale, email, Scope::All),
    ));
    links
}

/// A notification as its own mail, with its unsubscribe links.
fn notification(
    ctx: &ServerContext,
    locale: Locale,
    message: Message,
    unsubscribe: Vec<(String, String)>,
) -> RenderedMail {
    notice(
        locale,
        &ctx.settings.municipality,
        Notice {
            subject: message.subject,
            before: message.before,
            link: message.link,
            after: Vec::new(),
            unsubscribe,
        },
    )
}
