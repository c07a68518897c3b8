//! Erasing a person's account (GDPR article 17); see the parent module for what goes, what
//! stays and when it is refused.

use chrono::{DateTime, Utc};
use domain::{Code, Phase};
use sea_orm::sea_query::{Expr, ExprTrait as _, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait};

use crate::error::AppError;
use crate::model::{ProposalStatus, Role, SessionUser};
use crate::ssr::context::ServerContext;
use crate::ssr::entity::{
    account, comment, digest_item, login_token, mail_opt_out, mail_preference, outbox,
    participation_marker, proposal, proposal_image, proposal_support, round, subscription,
    voter_register,
};

/// Erases `user`'s account (see the module's doc) once `confirm` is "yes".
#[tracing::instrument(skip_all, fields(account = user.id))]
pub async fn erase(ctx: &ServerContext, user: &SessionUser, confirm: &str) -> Result<(), AppError> {
    if confirm != "yes" {
        return Err(AppError::invalid("confirm", Code::EraseNotConfirmed, &[]));
    }
    let txn = ctx.db.begin().await?;
    let person = account::Entity::find_by_id(user.id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::Unauthorized.with_status())?;
    if Role::parse(&person.role) != Some(Role::Resident) {
        return Err(AppError::invalid("confirm", Code::EraseRole, &[]));
    }
    let voted_in: Vec<i64> = voter_register::Entity::find()
        .filter(voter_register::Column::AccountId.eq(person.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|v| v.round_id)
        .collect();
    let voting = round::Entity::find()
        .filter(round::Column::Id.is_in(voted_in))
        .filter(round::Column::Phase.eq(Phase::Voting.as_str()))
        .one(&txn)
        .await?;
    if voting.is_some() {
        return Err(AppError::invalid("confirm", Code::EraseWhileVoting, &[]));
    }
    let id = person.id;
    delete_what_points_to(&txn, id, &person.email).await?;
    empty_account(&txn, id).await?;
    crate::ssr::auth::end_sessions(&txn, id).await?;
    crate::ssr::audit::record(
        &txn,
        Some(id),
        None,
        "account.erased",
        format!("account:{id}"),
        String::new(),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(account = id, "account erased");
    Ok(())
}

/// Deletes the person's comments, supports, drafts, subscriptions, mail and login links.
async fn delete_what_points_to<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    email: &str,
) -> Result<(), DbErr> {
    comment::Entity::delete_many()
        .filter(comment::Column::AuthorId.eq(id))
        .exec(txn)
        .await?;
    proposal_support::Entity::delete_many()
        .filter(proposal_support::Column::AccountId.eq(id))
        .exec(txn)
        .await?;
    // Drafts were never public: they go, with their pictures.
    let drafts = Query::select()
        .column(proposal::Column::Id)
        .from(proposal::Entity)
        .and_where(Expr::col(proposal::Column::AuthorId).eq(id))
        .and_where(Expr::col(proposal::Column::Status).eq(ProposalStatus::Draft.as_str()))
        .to_owned();
    proposal_image::Entity::delete_many()
        .filter(proposal_image::Column::ProposalId.in_subquery(drafts))
        .exec(txn)
        .await?;
    proposal::Entity::delete_many()
        .filter(proposal::Column::AuthorId.eq(id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Draft.as_str()))
        .exec(txn)
        .await?;
    subscription::Entity::delete_many()
        .filter(subscription::Column::Email.eq(email))
        .exec(txn)
        .await?;
    mail_opt_out::Entity::delete_many()
        .filter(mail_opt_out::Column::Email.eq(email))
        .exec(txn)
        .await?;
    mail_preference::Entity::delete_many()
        .filter(mail_preference::Column::Email.eq(email))
        .exec(txn)
        .await?;
    let mails = Query::select()
        .column(outbox::Column::Id)
        .from(outbox::Entity)
        .and_where(Expr::col(outbox::Column::Recipient).eq(email))
        .to_owned();
    digest_item::Entity::delete_many()
        .filter(digest_item::Column::OutboxId.in_subquery(mails))
        .exec(txn)
        .await?;
    outbox::Entity::delete_many()
        .filter(outbox::Column::Recipient.eq(email))
        .exec(txn)
        .await?;
    login_token::Entity::delete_many()
        .filter(login_token::Column::AccountId.eq(id))
        .exec(txn)
        .await?;
    participation_marker::Entity::delete_many()
        .filter(participation_marker::Column::AccountId.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Empties the account row in place (its sessions are ended by `auth::end_sessions`).
async fn empty_account<C: ConnectionTrait>(txn: &C, id: i64) -> Result<(), DbErr> {
    let none = || Expr::value(Option::<String>::None);
    account::Entity::update_many()
        .col_expr(account::Column::Email, Expr::value(erased_address(id)))
        .col_expr(account::Column::CanonicalEmail, none())
        .col_expr(account::Column::BirthYear, Expr::value(Option::<i32>::None))
        .col_expr(
            account::Column::HomeAreaId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            account::Column::WorksInMunicipality,
            Expr::value(Option::<bool>::None),
        )
        .col_expr(account::Column::Organisation, none())
        .col_expr(account::Column::PartnerGroups, none())
        .col_expr(account::Column::IdentityDigest, none())
        .col_expr(
            account::Column::EidVerifiedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(account::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// The address an erased account keeps: unique, and nobody's (`.invalid` is reserved).
pub fn erased_address(id: i64) -> String {
    format!("raderad-{id}@konto.invalid")
}
