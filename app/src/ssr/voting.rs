//! Voting on the server: the ballot page, casting and changing a ballot, the receipt. The
//! ballot box and the voter register are kept apart: a ballot is found again only through
//! `voter_link`, an HMAC of (account, round) under a server key, and the register holds who
//! voted, not what. One person, one ballot is the database's unique keys, so two casts at once
//! still leave one ballot. Ballot rules are `domain::voting`'s.

use chrono::Datelike;
use chrono::Utc;
use domain::Code;
use domain::Phase;
use domain::ballot::{Ballot, BallotFormat as RulesFormat, BallotRules};
use domain::money::Money;
use domain::round::{BallotFormat, Verification, VoterProfile, check_eligibility};
use domain::voting::{BallotPost, parse_ballot};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::access::visible_round;
use super::context::ServerContext;
use super::entity::round::RoundSettings;
use super::entity::{account, area, ballot, proposal, round, voter_register};
use super::{mail, outbox};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::Choice;
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::voting::{BallotProject, BallotView, ProfileForm, ReceiptLine, ReceiptView};

/// The projects on a round's ballot: its feasible proposals, by title.
async fn ballot_projects<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
) -> Result<Vec<proposal::Model>, AppError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Feasible.as_str()))
        .order_by_asc(proposal::Column::Title)
        .all(db)
        .await?)
}

/// The cost voting uses: the staff's estimate.
fn cost_of(project: &proposal::Model) -> i64 {
    project.staff_cost.unwrap_or(project.cost)
}

/// The domain's rules for a round's ballot.
fn rules_for(
    round: &round::Model,
    settings: &RoundSettings,
    projects: &[proposal::Model],
) -> BallotRules {
    let format = match settings.ballot_format {
        BallotFormat::Approval => RulesFormat::Approval {
            max_choices: settings.max_choices.unwrap_or(u32::MAX),
        },
        BallotFormat::Knapsack => RulesFormat::Knapsack {
            budget: Money::from_integer(round.budget_total.max(0) as u64),
        },
        BallotFormat::Cumulative => RulesFormat::Cumulative {
            total_points: settings.points_total.unwrap_or(0),
            max_per_project: settings.points_max_per_project.unwrap_or(0),
        },
        BallotFormat::Ranked => RulesFormat::Ranked {
            max_ranks: settings.max_choices.unwrap_or(u32::MAX),
        },
    };
    BallotRules::new(
        format,
        projects.iter().map(|p| {
            (
                p.id.to_string(),
                Money::from_integer(cost_of(p).max(0) as u64),
            )
        }),
    )
}

/// Why `account` may not vote in this round, as an error code; `None` when they may.
/// Accounts are verified by their email link, or in person when let in at a kiosk
/// (`in_person`); rounds asking for eID cannot be voted in online yet. Age and residence are
/// checked against what the voter declared.
fn eligibility(
    settings: &RoundSettings,
    account: &account::Model,
    in_person: bool,
) -> Option<Code> {
    match settings.verification {
        Verification::EmailLink => {}
        Verification::InPerson if in_person => {}
        Verification::InPerson => return Some(Code::NotEligibleInPerson),
        Verification::EId => return Some(Code::NotEligibleEid),
    }
    check_eligibility(
        settings.min_age,
        settings.max_age,
        settings.residence,
        &profile_of(account),
        Utc::now().year(),
    )
    .err()
    .map(|why| why.code())
}

/// What an account has declared for eligibility.
fn profile_of(account: &account::Model) -> VoterProfile {
    VoterProfile {
        birth_year: account.birth_year,
        lives_here: account
            .works_in_municipality
            .map(|_| account.home_area_id.is_some()),
        works_here: account.works_in_municipality,
    }
}

/// The signed-in person's account row.
async fn account_of<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Unauthorized.with_status())
}

/// Records what a voter declares for eligibility: birth year, home area (empty: lives
/// elsewhere), whether they work or study in the municipality.
#[tracing::instrument(skip_all)]
pub async fn save_profile(
    db: &sea_orm::DatabaseConnection,
    user: &SessionUser,
    birth_year: &str,
    home_area: &str,
    works_here: bool,
) -> Result<(), AppError> {
    let typed = [("birth_year", birth_year), ("home_area", home_area)];
    let year = Utc::now().year();
    let birth_year: i32 = birth_year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=year).contains(y))
        .ok_or_else(|| AppError::invalid("birth_year", Code::BirthYearInvalid, &typed))?;
    let home_area = match home_area.trim() {
        "" | "none" => None,
        id => {
            let id: i64 = id
                .parse()
                .map_err(|_| AppError::invalid("home_area", Code::ChoiceInvalid, &typed))?;
            area::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("home_area", Code::ChoiceInvalid, &typed))?;
            Some(id)
        }
    };
    let mut active: account::ActiveModel = account_of(db, user).await?.into();
    active.birth_year = Set(Some(birth_year));
    active.home_area_id = Set(home_area);
    active.works_in_municipality = Set(Some(works_here));
    sea_orm::ActiveModelTrait::update(active, db).await?;
    Ok(())
}

/// The voter's stored ballot in this round, if any.
async fn stored_ballot<C: ConnectionTrait>(
    db: &C,
    ctx: &ServerContext,
    user: &SessionUser,
    round_id: i64,
) -> Result<Option<Ballot>, AppError> {
    let link = ctx.ballot_key.voter_link(user.id, round_id);
    let Some(row) = ballot::Entity::find_by_id((round_id, link)).one(db).await? else {
        return Ok(None);
    };
    Ok(serde_json::from_str(&row.choices)
        .inspect_err(|err| tracing::error!(round = round_id, error = %err, "unreadable ballot"))
        .ok())
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

/// A voter let in at a kiosk votes only in that kiosk's round.
fn kiosk_may_vote(user: &SessionUser, round: &round::Model) -> Result<(), AppError> {
    match user.kiosk {
        Some(kiosk) if kiosk.round != round.id => Err(AppError::Forbidden.with_status()),
        _ => Ok(()),
    }
}

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
    let account = account_of(&ctx.db, user).await?;
    let not_eligible = eligibility(&round.settings(), &account, user.kiosk.is_some());
    let mut view = ballot_view(&ctx.db, &round, locale, stored.as_ref(), not_eligible).await?;
    view.kiosk = user.kiosk.is_some();
    view.has_voted = has_voted;
    view.profile = ProfileForm {
        birth_year: account
            .birth_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        home_area: match (account.home_area_id, account.works_in_municipality) {
            (Some(id), _) => id.to_string(),
            (None, Some(_)) => "none".to_owned(),
            (None, None) => String::new(),
        },
        works_here: account.works_in_municipality.unwrap_or(false),
    };
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
    let round = super::access::managed_round(&ctx.db, slug, staff).await?;
    ballot_view(&ctx.db, &round, locale, None, None).await
}

async fn ballot_view(
    db: &sea_orm::DatabaseConnection,
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
                area: super::entity::area::name_of(&areas, p.area_id),
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

/// A refusal of the whole ballot (not one field), keeping what was chosen.
fn ballot_error(code: Code, post: &BallotPost) -> AppError {
    let typed = typed_choices(post);
    let pairs: Vec<(&str, &str)> = typed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    AppError::invalid("", code, &pairs)
}

/// The posted choices as form values (`choice[3]`, `points[3]`, `rank[3]`).
fn typed_choices(post: &BallotPost) -> Vec<(String, String)> {
    let mut typed = Vec::new();
    for (name, map) in [
        ("choice", &post.choice),
        ("points", &post.points),
        ("rank", &post.rank),
    ] {
        for (id, value) in map {
            typed.push((format!("{name}[{id}]"), value.clone()));
        }
    }
    typed
}

/// The posted ballot, parsed and checked against the round's rules, with the projects on the
/// ballot; refused when voting is not open.
pub(super) async fn checked_ballot<C: ConnectionTrait>(
    db: &C,
    round: &round::Model,
    post: &BallotPost,
) -> Result<(Ballot, Vec<proposal::Model>), AppError> {
    if round.phase() != Phase::Voting {
        return Err(ballot_error(Code::VotingClosed, post));
    }
    let settings = round.settings();
    let projects = ballot_projects(db, round.id).await?;
    let cast = parse_ballot(post, &rules_for(round, &settings, &projects))
        .map_err(|problem| ballot_error(problem.code, post))?;
    Ok((cast, projects))
}

/// Puts a ballot in the box under `link`, replacing the one already there.
pub(super) async fn store_ballot<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    link: String,
    cast: &Ballot,
    channel: &str,
) -> Result<String, AppError> {
    let choices = serde_json::to_string(cast).map_err(|err| {
        tracing::error!(error = %err, "could not serialise a ballot");
        AppError::Internal
    })?;
    let row = ballot::ActiveModel {
        round_id: Set(round_id),
        voter_link: Set(link),
        choices: Set(choices.clone()),
        channel: Set(channel.to_owned()),
    };
    ballot::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([ballot::Column::RoundId, ballot::Column::VoterLink])
                .update_columns([ballot::Column::Choices, ballot::Column::Channel])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(choices)
}

/// Casts (or replaces) `account`'s ballot, records them in the voter register with
/// `channel`, and queues their receipt.
async fn cast_for<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
    account: i64,
    channel: &str,
    post: &BallotPost,
) -> Result<(), AppError> {
    let (cast, projects) = checked_ballot(db, round, post).await?;
    let link = ctx.ballot_key.voter_link(account, round.id);
    let choices = store_ballot(db, round.id, link, &cast, channel).await?;
    let now = Utc::now();
    let entry = voter_register::ActiveModel {
        round_id: Set(round.id),
        account_id: Set(account),
        channel: Set(channel.to_owned()),
        first_voted_at: Set(now),
        last_voted_at: Set(now),
        ..Default::default()
    };
    voter_register::Entity::insert(entry)
        .on_conflict(
            OnConflict::columns([
                voter_register::Column::RoundId,
                voter_register::Column::AccountId,
            ])
            .update_columns([
                voter_register::Column::LastVotedAt,
                voter_register::Column::Channel,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    queue_receipt(ctx, db, account, round, &cast, &projects, &choices).await
}

/// Casts (or replaces) `user`'s own ballot online. Nothing is stored when anything is wrong.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn cast(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    post: &BallotPost,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, Some(user)).await?;
    kiosk_may_vote(user, &round)?;
    if round.phase() == Phase::Voting
        && let Some(code) = eligibility(
            &round.settings(),
            &account_of(&txn, user).await?,
            user.kiosk.is_some(),
        )
    {
        return Err(ballot_error(code, post));
    }
    let channel = if user.kiosk.is_some() {
        "kiosk"
    } else {
        "online"
    };
    cast_for(ctx, &txn, &round, user.id, channel, post).await?;
    txn.commit().await?;
    tracing::info!(round = %round.slug, "ballot cast");
    Ok(())
}

/// Staff cast the ballot of a person they have verified in person (assisted voting). The
/// ballot is stored exactly like the person's own; staff see who they help, the audit log
/// records that they helped, never what was chosen.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn assist(
    ctx: &ServerContext,
    staff: &SessionUser,
    slug: &str,
    email: &str,
    post: &BallotPost,
) -> Result<(), AppError> {
    let txn = ctx.db.begin().await?;
    let round = super::access::managed_round(&txn, slug, staff).await?;
    let mut typed = typed_choices(post);
    typed.push(("email".to_owned(), email.to_owned()));
    let pairs: Vec<(&str, &str)> = typed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let address = domain::Email::parse(email)
        .map_err(|_| AppError::invalid("email", Code::EmailInvalid, &pairs))?;
    let person = super::login_link::find_or_create_account(&txn, address.as_str(), "sv").await?;
    cast_for(ctx, &txn, &round, person.id, "assisted", post)
        .await
        .map_err(|err| err.keeping("email", email))?;
    super::audit::record(
        &txn,
        Some(staff.id),
        Some(round.id),
        "ballot.assisted",
        format!("account:{}", person.id),
        String::new(),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(round = %round.slug, staff = staff.id, "assisted ballot cast");
    Ok(())
}

/// The receipt mail: what was cast and how to change it. One per distinct ballot content,
/// so the same ballot sent twice at once gives one mail.
async fn queue_receipt<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    account: i64,
    round: &round::Model,
    cast: &Ballot,
    projects: &[proposal::Model],
    choices: &str,
) -> Result<(), AppError> {
    let (email, locale) = super::entity::account::email_and_locale(db, account).await?;
    let round_title = round.title_in(locale);
    let mut before =
        vec![td_string!(locale, mail.receipt_body, round = round_title.clone()).to_string()];
    before.extend(
        receipt_lines(cast, projects)
            .into_iter()
            .map(|line| line_text(locale, &line)),
    );
    let vote_url = format!(
        "{}{}",
        ctx.settings.public_url,
        crate::locale::href(locale, &crate::paths::vote(&round.slug))
    );
    let message = mail::notice(
        locale,
        &ctx.settings.municipality,
        mail::Notice {
            subject: td_string!(locale, mail.receipt_subject, round = round_title).to_string(),
            before,
            link: Some((
                td_string!(locale, mail.receipt_change).to_string(),
                vote_url,
            )),
            after: vec![td_string!(locale, mail.receipt_secret).to_string()],
            unsubscribe: Vec::new(),
        },
    );
    let digest = hex::encode(&Sha256::digest(choices.as_bytes())[..8]);
    let key = format!(
        "{}{}:{account}:{digest}",
        outbox::RECEIPT_EVENT_PREFIX,
        round.id
    );
    outbox::enqueue(db, &key, &email, Some(round.id), message).await
}

fn line_text(locale: Locale, line: &ReceiptLine) -> String {
    match (line.points, line.rank) {
        (Some(points), _) => td_string!(
            locale,
            mail.receipt_points,
            title = line.title.clone(),
            points = points
        )
        .to_string(),
        (_, Some(rank)) => td_string!(
            locale,
            mail.receipt_rank,
            title = line.title.clone(),
            rank = rank
        )
        .to_string(),
        _ => format!("– {}", line.title),
    }
}

/// A ballot's lines with the projects' titles.
fn receipt_lines(cast: &Ballot, projects: &[proposal::Model]) -> Vec<ReceiptLine> {
    let title = |id: &str| {
        projects
            .iter()
            .find(|p| p.id.to_string() == id)
            .map(|p| p.title.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    match cast {
        Ballot::Approval(ids) | Ballot::Knapsack(ids) => ids
            .iter()
            .map(|id| ReceiptLine {
                title: title(id),
                points: None,
                rank: None,
            })
            .collect(),
        Ballot::Cumulative(points) => points
            .iter()
            .map(|(id, n)| ReceiptLine {
                title: title(id),
                points: Some(*n),
                rank: None,
            })
            .collect(),
        Ballot::Ranked(ids) => ids
            .iter()
            .enumerate()
            .map(|(i, id)| ReceiptLine {
                title: title(id),
                points: None,
                rank: Some(i as u32 + 1),
            })
            .collect(),
    }
}

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
        answered: super::participation::answered(&ctx.db, round.id, user.id).await?,
        areas: super::entity::area::choices(&ctx.db).await?,
    })
}

/// How many ballots a round's box holds (for the phase rules).
#[tracing::instrument(skip_all, fields(round_id))]
pub async fn ballot_count<C: ConnectionTrait>(db: &C, round_id: i64) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round_id))
        .count(db)
        .await?)
}
