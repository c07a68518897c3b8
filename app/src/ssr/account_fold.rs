//! One person, one account: accounts made before addresses were compared in their canonical
//! form (`domain::Email::canonical`) are given it, and accounts that turn out to be one
//! mailbox are folded into one (`domain::account_fold` decides which). Run at start-up, after
//! migrating: folding re-links ballots, which needs the ballot key a migration does not have.
//! Afterwards the canonical address is unique, so no second account can arise.
//!
//! In a round not yet counted, one ballot stays per person (the kept account's, else the
//! oldest merged account's, moved to the kept one); in a counted round the box is left as it
//! was counted and only the register gets one row per person. Everything folded is reported
//! in the log (account ids, never addresses) and in the audit log.

use std::collections::BTreeMap;

use domain::Email;
use domain::account_fold::{Fold, Holder, ballot_fold, folds};
use domain::phase_rules::voting_over;
use sea_orm::sea_query::{Alias, Expr, ExprTrait as _, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};

use super::entity::{account, ballot, round, voter_register};
use super::keys::Keys;
use super::voting::relink_ballot;
use crate::error::AppError;
use crate::model::Role;

/// The unique index on `account.canonical_email`.
const INDEX: &str = "account_canonical_email";

/// Columns naming an account that simply follow it to the kept account.
const FOLLOWING: [(&str, &str); 11] = [
    ("audit_event", "account_id"),
    ("comment", "author_id"),
    ("comment", "hidden_by"),
    ("decision", "recorded_by"),
    ("implementation_update", "posted_by"),
    ("kiosk", "started_by"),
    ("outreach_action", "recorded_by"),
    ("proposal", "author_id"),
    ("proposal", "reviewed_by"),
    ("round_phase_change", "account_id"),
    ("voter_register", "operator_id"),
];

/// Columns naming an account in a row that is unique per account and something else (the
/// `scope` column): moved unless the kept account has one too, then dropped (a person supports
/// a proposal once, answers once, reads a paper ballot once).
const ONCE_PER_PERSON: [(&str, &str, &[&str]); 3] = [
    ("proposal_support", "account_id", &["proposal_id"]),
    ("participation_marker", "account_id", &["round_id"]),
    ("paper_entry", "staff_id", &["round_id", "serial"]),
];

/// What one fold did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub kept: i64,
    pub merged: Vec<i64>,
    /// Ballots taken out of rounds not yet counted (one person, one ballot).
    pub ballots_dropped: usize,
    /// Rounds already counted in which more than one of the accounts voted: their box stays
    /// as counted.
    pub counted_rounds: Vec<i64>,
}

/// Gives accounts without one their canonical address, folds accounts that are one person,
/// and makes the canonical address unique. Returns what it folded.
#[tracing::instrument(skip_all)]
pub async fn fold_accounts(db: &DatabaseConnection, keys: &Keys) -> Result<Vec<Folded>, AppError> {
    let txn = db.begin().await?;
    let missing = account::Entity::find()
        .filter(account::Column::CanonicalEmail.is_null())
        .all(&txn)
        .await?;
    let mut done = Vec::new();
    if !missing.is_empty() {
        // Rows without a canonical address predate the unique index, or (in tests) were made
        // as such rows were: fold first, make the address unique again afterwards.
        txn.execute_unprepared(&format!("DROP INDEX IF EXISTS {INDEX}"))
            .await?;
        for row in &missing {
            account::Entity::update_many()
                .col_expr(
                    account::Column::CanonicalEmail,
                    Expr::value(canonical_of(&row.email)),
                )
                .filter(account::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
        }
        let holders: Vec<Holder> = account::Entity::find()
            .all(&txn)
            .await?
            .into_iter()
            .map(|a| Holder {
                id: a.id,
                rank: rank(&a.role),
                canonical: a.canonical_email.unwrap_or_default(),
            })
            .collect();
        for fold in folds(&holders) {
            done.push(fold_one(&txn, keys, &fold).await?);
        }
    }
    txn.execute_unprepared(&format!(
        "CREATE UNIQUE INDEX IF NOT EXISTS {INDEX} ON account (canonical_email)"
    ))
    .await?;
    txn.commit().await?;
    for f in &done {
        tracing::warn!(
            kept = f.kept,
            merged = ?f.merged,
            ballots_dropped = f.ballots_dropped,
            counted_rounds = ?f.counted_rounds,
            "accounts of one mailbox folded into one"
        );
    }
    Ok(done)
}

/// Merges two accounts that one person proved to be theirs (signed in to one, and proved
/// with eID to be the person holding the other): the higher role keeps its account (on a tie,
/// `holder`), the other is folded into it as at start-up. Returns the kept account's id.
#[tracing::instrument(skip_all)]
pub async fn merge_accounts<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    signed_in: &account::Model,
    holder: &account::Model,
) -> Result<i64, AppError> {
    let (keep, merge) = if rank(&signed_in.role) > rank(&holder.role) {
        (signed_in, holder)
    } else {
        (holder, signed_in)
    };
    let fold = Fold {
        canonical: keep.canonical_email.clone().unwrap_or_default(),
        keep: keep.id,
        merge: vec![merge.id],
    };
    let folded = fold_one(db, keys, &fold).await?;
    tracing::info!(
        kept = folded.kept,
        merged = ?folded.merged,
        ballots_dropped = folded.ballots_dropped,
        "two accounts of one person merged after an eID sign-in"
    );
    Ok(keep.id)
}

/// The canonical form of a stored address (one that no longer parses is only lowercased).
pub fn canonical_of(email: &str) -> String {
    Email::parse(email).map_or_else(|_| email.trim().to_lowercase(), |e| e.canonical())
}

/// Which account of a fold keeps its id: administrators, then staff and politicians, then
/// partners, then residents.
fn rank(role: &str) -> u8 {
    match Role::parse(role) {
        Some(Role::Admin) => 4,
        Some(Role::Staff | Role::Politician) => 3,
        Some(Role::Partner) => 2,
        _ => 1,
    }
}

async fn fold_one<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    fold: &Fold,
) -> Result<Folded, AppError> {
    let (ballots_dropped, counted_rounds) = fold_ballots(db, keys, fold).await?;
    for &merged in &fold.merge {
        for (table, column) in FOLLOWING {
            repoint(db, table, column, merged, fold.keep, &[]).await?;
        }
        for (table, column, scope) in ONCE_PER_PERSON {
            repoint(db, table, column, merged, fold.keep, scope).await?;
            delete_where(db, table, column, merged).await?;
        }
        delete_where(db, "login_token", "account_id", merged).await?;
        account::Entity::delete_by_id(merged).exec(db).await?;
    }
    super::audit::record(
        db,
        None,
        None,
        "account.folded",
        format!("account:{}", fold.keep),
        format!("merged: {:?}", fold.merge),
    )
    .await?;
    Ok(Folded {
        kept: fold.keep,
        merged: fold.merge.clone(),
        ballots_dropped,
        counted_rounds,
    })
}

/// Leaves one ballot and one register row per round for the folded person. Returns the
/// ballots dropped and the counted rounds in which more than one of the accounts voted.
async fn fold_ballots<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    fold: &Fold,
) -> Result<(usize, Vec<i64>), AppError> {
    let mut everyone = fold.merge.clone();
    everyone.push(fold.keep);
    let rows = voter_register::Entity::find()
        .filter(voter_register::Column::AccountId.is_in(everyone))
        .all(db)
        .await?;
    let mut by_round: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in &rows {
        by_round
            .entry(row.round_id)
            .or_default()
            .push(row.account_id);
    }
    let (mut dropped, mut counted) = (0, Vec::new());
    for (round_id, voted) in by_round {
        let Some(plan) = ballot_fold(fold.keep, &voted) else {
            continue;
        };
        let open = round::Entity::find_by_id(round_id)
            .one(db)
            .await?
            .is_some_and(|r| !voting_over(r.phase()));
        let link = |account| keys.ballot_link.voter_link(account, round_id);
        if open {
            for &account in &plan.drop {
                ballot::Entity::delete_by_id((round_id, link(account)))
                    .exec(db)
                    .await?;
                dropped += 1;
            }
            if let Some(from) = plan.move_from {
                relink_ballot(db, keys, round_id, &link(from), &link(fold.keep)).await?;
            }
        } else if voted.len() > 1 {
            counted.push(round_id);
        }
        for account in plan.drop.iter().copied() {
            voter_register::Entity::delete_many()
                .filter(voter_register::Column::RoundId.eq(round_id))
                .filter(voter_register::Column::AccountId.eq(account))
                .exec(db)
                .await?;
        }
        if let Some(from) = plan.move_from {
            voter_register::Entity::update_many()
                .col_expr(voter_register::Column::AccountId, Expr::value(fold.keep))
                .filter(voter_register::Column::RoundId.eq(round_id))
                .filter(voter_register::Column::AccountId.eq(from))
                .exec(db)
                .await?;
        }
    }
    Ok((dropped, counted))
}

/// `UPDATE table SET column = to WHERE column = from`, skipping rows whose `scope` columns the
/// kept account already has a row for.
async fn repoint<C: ConnectionTrait>(
    db: &C,
    table: &str,
    column: &str,
    from: i64,
    to: i64,
    scope: &[&str],
) -> Result<(), AppError> {
    let mut update = Query::update();
    update
        .table(Alias::new(table))
        .value(Alias::new(column), to)
        .and_where(Expr::col(Alias::new(column)).eq(from));
    if !scope.is_empty() {
        let other = Alias::new("other");
        let mut taken = Query::select();
        taken
            .expr(Expr::val(1))
            .from_as(Alias::new(table), other.clone())
            .and_where(Expr::col((other.clone(), Alias::new(column))).eq(to));
        for col in scope {
            taken.and_where(
                Expr::col((other.clone(), Alias::new(*col)))
                    .equals((Alias::new(table), Alias::new(*col))),
            );
        }
        update.and_where(Expr::exists(taken).not());
    }
    db.execute(&update).await?;
    Ok(())
}

async fn delete_where<C: ConnectionTrait>(
    db: &C,
    table: &str,
    column: &str,
    account: i64,
) -> Result<(), AppError> {
    let mut delete = Query::delete();
    delete
        .from_table(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(account));
    db.execute(&delete).await?;
    Ok(())
}
