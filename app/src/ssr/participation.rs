//! Equal participation on the server (issue #7): participants answer the voluntary questions
//! once per round (the answers are stored with a random key and the day only; a marker says
//! that the person answered, not what), staff import the round's population baseline, the
//! dashboard shows participants against it per group with intervals and small counts
//! suppressed, and the round's staff are mailed once when a group falls under the threshold.
//! The statistics are `domain::participation`'s.

use chrono::Utc;
use domain::Code;
use domain::participation::{
    Answers, AnswersForm, Baseline, Group, Participation, Representativeness, StatsOptions,
    for_partner, parse_answers, parse_baseline_csv, partner_may_aim, representativeness,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use super::access::{assisted_round, visible_round};
use super::context::ServerContext;
use super::entity::{
    account, area, outreach_action, participant_response, participation_alert,
    participation_marker, population_baseline, proposal, round, voter_register,
};
use super::partners::partner_of;
use super::{mail, outbox};
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::model::ProposalStatus;
use crate::model::SessionUser;
use crate::model::participation::{OutreachView, ParticipationView, PartnerView};

/// How the dashboard counts: small counts hidden, zeros shown (a zero points at nobody, and
/// "nobody from this group has taken part" is what staff most need to see).
pub fn options() -> StatsOptions {
    StatsOptions {
        show_zeros: true,
        ..StatsOptions::default()
    }
}

pub(super) fn keyed(areas: &[area::Model]) -> Vec<(i64, String)> {
    areas.iter().map(|a| (a.id, a.slug.clone())).collect()
}

/// Whether `account` took part in the round: voted, or submitted a proposal.
async fn took_part<C: ConnectionTrait>(db: &C, round: i64, account: i64) -> Result<bool, AppError> {
    let voted = voter_register::Entity::find()
        .filter(voter_register::Column::RoundId.eq(round))
        .filter(voter_register::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0;
    if voted {
        return Ok(true);
    }
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round))
        .filter(proposal::Column::AuthorId.eq(account))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.as_str()))
        .count(db)
        .await?
        > 0)
}

/// Whether `account` has answered the questions of the round.
#[tracing::instrument(skip_all, fields(round))]
pub async fn answered<C: ConnectionTrait>(
    db: &C,
    round: i64,
    account: i64,
) -> Result<bool, AppError> {
    Ok(participation_marker::Entity::find()
        .filter(participation_marker::Column::RoundId.eq(round))
        .filter(participation_marker::Column::AccountId.eq(account))
        .count(db)
        .await?
        > 0)
}

fn text_of<T: std::fmt::Display>(value: Option<T>) -> Option<String> {
    value.map(|v| v.to_string())
}

/// Stores a participant's answers once per round, apart from who they are. Returns the round.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn answer(
    ctx: &ServerContext,
    user: &SessionUser,
    slug: &str,
    form: &AnswersForm,
) -> Result<round::Model, AppError> {
    let txn = ctx.db.begin().await?;
    let round = visible_round(&txn, slug, Some(user)).await?;
    if user.kiosk.is_some_and(|k| k.round != round.id) {
        return Err(AppError::Forbidden.with_status());
    }
    if !took_part(&txn, round.id, user.id).await? {
        return Err(AppError::invalid("", Code::AnswersNotParticipant, &[]));
    }
    if answered(&txn, round.id, user.id).await? {
        return Ok(round);
    }
    let ids: Vec<i64> = area::all(&txn).await?.iter().map(|a| a.id).collect();
    let answers: Answers =
        parse_answers(form, &ids).map_err(|issues| AppError::from_issues(&issues, form))?;
    // The marker first: of two answers sent at once, only the one that adds it is stored.
    let marked = participation_marker::Entity::insert(participation_marker::ActiveModel {
        round_id: Set(round.id),
        account_id: Set(user.id),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            participation_marker::Column::RoundId,
            participation_marker::Column::AccountId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if marked != 1 {
        return Ok(round);
    }
    let mut key = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut key);
    participant_response::Entity::insert(participant_response::ActiveModel {
        key: Set(hex::encode(key)),
        round_id: Set(round.id),
        day: Set(Utc::now().date_naive()),
        gender: Set(text_of(answers.gender)),
        age: Set(text_of(answers.age)),
        area_id: Set(answers.area_id),
        born: Set(text_of(answers.born)),
        education: Set(text_of(answers.education)),
        occupation: Set(text_of(answers.occupation)),
        disability: Set(text_of(answers.disability)),
    })
    .exec_without_returning(&txn)
    .await?;
    notify_new_flags(ctx, &txn, &round).await?;
    txn.commit().await?;
    Ok(round)
}

fn parse_stored<T: std::str::FromStr>(value: &Option<String>) -> Option<T> {
    value.as_deref().and_then(|v| v.parse().ok())
}

/// Everyone's answers in a round.
async fn participations<C: ConnectionTrait>(
    db: &C,
    round: i64,
) -> Result<Vec<Participation>, AppError> {
    Ok(participant_response::Entity::find()
        .filter(participant_response::Column::RoundId.eq(round))
        .all(db)
        .await?
        .into_iter()
        .map(|r| Participation {
            date: r.day,
            answers: Answers {
                gender: parse_stored(&r.gender),
                age: parse_stored(&r.age),
                area_id: r.area_id,
                born: parse_stored(&r.born),
                education: parse_stored(&r.education),
                occupation: parse_stored(&r.occupation),
                disability: parse_stored(&r.disability),
            },
        })
        .collect())
}

/// The round's baseline as stored and parsed (empty when none was imported or it no longer
/// parses).
async fn baseline<C: ConnectionTrait>(
    db: &C,
    round: i64,
    areas: &[area::Model],
) -> Result<(String, Baseline), AppError> {
    let Some(stored) = population_baseline::Entity::find_by_id(round)
        .one(db)
        .await?
    else {
        return Ok((String::new(), Baseline::default()));
    };
    let parsed = parse_baseline_csv(&stored.csv, &keyed(areas)).unwrap_or_else(|errors| {
        tracing::error!(
            round,
            errors = errors.len(),
            "stored baseline no longer parses"
        );
        Baseline::default()
    });
    Ok((stored.csv, parsed))
}

/// A round's figures now, with what they were computed from.
struct RoundFigures {
    stats: Representativeness,
    /// The baseline as stored, and parsed.
    csv: String,
    baseline: Baseline,
    areas: Vec<area::Model>,
}

/// The statistics of a round now.
async fn statistics<C: ConnectionTrait>(
    db: &C,
    round: i64,
    options: &StatsOptions,
) -> Result<RoundFigures, AppError> {
    let areas = area::all(db).await?;
    let (csv, baseline) = baseline(db, round, &areas).await?;
    let ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let stats = representativeness(&participations(db, round).await?, &baseline, &ids, options);
    Ok(RoundFigures {
        stats,
        csv,
        baseline,
        areas,
    })
}

/// Mails the round's staff once about each group that has just fallen under the threshold,
/// and forgets groups that have recovered (so a new fall is told again).
pub(super) async fn notify_new_flags<C: ConnectionTrait>(
    ctx: &ServerContext,
    db: &C,
    round: &round::Model,
) -> Result<(), AppError> {
    let RoundFigures { stats, areas, .. } = statistics(db, round.id, &options()).await?;
    let now_flagged = stats.under_represented();
    let stored = participation_alert::Entity::find()
        .filter(participation_alert::Column::RoundId.eq(round.id))
        .all(db)
        .await?;
    let before: Vec<Group> = stored
        .iter()
        .filter_map(|a| a.group_key.parse().ok())
        .collect();
    let fresh = domain::participation::newly_under(&before, &now_flagged);
    let recovered: Vec<i64> = stored
        .iter()
        .filter(|a| {
            a.group_key
                .parse()
                .is_ok_and(|g: Group| !now_flagged.contains(&g))
        })
        .map(|a| a.id)
        .collect();
    if !recovered.is_empty() {
        participation_alert::Entity::delete_many()
            .filter(participation_alert::Column::Id.is_in(recovered))
            .exec(db)
            .await?;
    }
    if fresh.is_empty() {
        return Ok(());
    }
    let mut told = Vec::new();
    for group in fresh {
        let added = participation_alert::Entity::insert(participation_alert::ActiveModel {
            round_id: Set(round.id),
            group_key: Set(group.key()),
            flagged_at: Set(Utc::now()),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                participation_alert::Column::RoundId,
                participation_alert::Column::GroupKey,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        // Another answer at the same moment may have flagged it first: it tells staff.
        if added == 1 {
            told.push(group);
        }
    }
    let fresh = told;
    if fresh.is_empty() {
        return Ok(());
    }
    let staff = account::Entity::find()
        .filter(account::Column::Role.eq("staff"))
        .filter(account::Column::NamndId.eq(round.namnd_id))
        .all(db)
        .await?;
    let stamp = Utc::now().timestamp_micros();
    for person in staff {
        let locale = crate::locale::from_code(&person.locale);
        let area_name = |id: i64| {
            areas
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        };
        let names: Vec<String> = fresh
            .iter()
            .map(|g| crate::names::group(locale, *g, area_name))
            .collect();
        let url = format!(
            "{}{}",
            ctx.settings.public_url,
            crate::locale::href(locale, &crate::paths::participation(&round.slug))
        );
        let message = mail::notice(
            locale,
            &ctx.settings.municipality,
            mail::Notice {
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
        );
        outbox::enqueue(
            db,
            &format!("participation-alert:{}:{stamp}", round.id),
            &person.email,
            Some(round.id),
            message,
        )
        .await?;
    }
    Ok(())
}

/// The dashboard of a round: for its staff everything; for a partner association of its
/// nämnd the figures of its groups and its own outreach.
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn dashboard(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: &str,
    locale: Locale,
) -> Result<ParticipationView, AppError> {
    let round = assisted_round(db, slug, user).await?;
    let figures = statistics(db, round.id, &options()).await?;
    let partner = if user.manages(round.namnd_id) {
        None
    } else {
        let partner = partner_of(db, user).await?;
        Some(partner.ok_or_else(|| AppError::Forbidden.with_status())?)
    };
    let mut outreach = outreach_action::Entity::find()
        .filter(outreach_action::Column::RoundId.eq(round.id))
        .order_by_asc(outreach_action::Column::Day)
        .order_by_asc(outreach_action::Column::Id);
    if let Some(partner) = &partner {
        let members = super::partners::members(db, round.namnd_id, &partner.organisation).await?;
        outreach = outreach.filter(outreach_action::Column::RecordedBy.is_in(members));
    }
    let outreach = outreach
        .all(db)
        .await?
        .into_iter()
        .map(|a| OutreachView {
            day: a.day,
            place: a.place,
            group: a.group_key.and_then(|key| key.parse().ok()),
            reached: a.reached.and_then(|n| u32::try_from(n).ok()),
            note: a.note,
        })
        .collect();
    let areas = figures.areas.into_iter().map(|a| (a.id, a.name)).collect();
    let view = ParticipationView {
        slug: round.slug.clone(),
        title: round.title_in(locale),
        baseline_csv: String::new(),
        areas,
        stats: figures.stats,
        outreach,
        baseline: Baseline::default(),
        partner: None,
    };
    Ok(match partner {
        None => ParticipationView {
            baseline_csv: figures.csv,
            baseline: figures.baseline,
            ..view
        },
        Some(partner) => ParticipationView {
            stats: for_partner(&view.stats, &partner.groups),
            partner: Some(PartnerView {
                organisation: partner.organisation,
                groups: partner.groups,
                voting: round.phase() == domain::Phase::Voting,
            }),
            ..view
        },
    })
}

/// Records an outreach action of the round (its staff, or a partner association for one of
/// its groups or everyone).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn record_outreach(
    db: &DatabaseConnection,
    user: &SessionUser,
    slug: &str,
    form: &domain::participation::OutreachForm,
) -> Result<(), AppError> {
    let round = assisted_round(db, slug, user).await?;
    let ids: Vec<i64> = area::all(db).await?.iter().map(|a| a.id).collect();
    let action = domain::participation::parse_outreach(form, &ids)
        .map_err(|issues| AppError::from_issues(&issues, form))?;
    if let Some(partner) = partner_of(db, user).await? {
        partner_may_aim(&partner.groups, action.group)
            .map_err(|issue| AppError::from_issues(&[issue], form))?;
    }
    outreach_action::ActiveModel {
        round_id: Set(round.id),
        day: Set(action.day),
        place: Set(action.place),
        group_key: Set(action.group.map(|g| g.key())),
        reached: Set(action.reached.map(|n| n as i32)),
        note: Set(action.note),
        recorded_by: Set(user.id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The round whose evaluation `viewer` may see: everyone once voting is over (the report
/// belongs to the archive), its staff and politicians before.
async fn evaluated_round<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    viewer: Option<&SessionUser>,
) -> Result<round::Model, AppError> {
    let round = visible_round(db, slug, viewer).await?;
    let over = round.phase() >= domain::Phase::Deliberation;
    if over || viewer.is_some_and(|v| v.deliberates(round.namnd_id)) {
        Ok(round)
    } else {
        Err(AppError::NotFound.with_status())
    }
}

/// The evaluation report of a round: who took part against the target group. Public, so
/// zeros are suppressed too (the default options).
#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn evaluation(
    db: &DatabaseConnection,
    viewer: Option<&SessionUser>,
    slug: &str,
    locale: Locale,
) -> Result<ParticipationView, AppError> {
    let round = evaluated_round(db, slug, viewer).await?;
    let figures = statistics(db, round.id, &StatsOptions::default()).await?;
    Ok(ParticipationView {
        slug: round.slug.clone(),
        title: round.title_in(locale),
        baseline_csv: String::new(),
        areas: figures.areas.into_iter().map(|a| (a.id, a.name)).collect(),
        stats: figures.stats,
        outreach: Vec::new(),
        baseline: Baseline::default(),
        partner: None,
    })
}

/// `GET /rounds/{slug}/participation.csv`: the evaluation report as rows, one per group of
/// each question, area and gender slice, suppressed as on the page.
#[tracing::instrument(skip_all)]
pub async fn evaluation_csv(
    axum::extract::State(ctx): axum::extract::State<ServerContext>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    jar: axum_extra::extract::CookieJar,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let viewer = super::auth::viewer(&ctx, &jar).await.ok().flatten();
    let report = async {
        let round = evaluated_round(&ctx.db, &slug, viewer.as_ref()).await?;
        let figures = statistics(&ctx.db, round.id, &StatsOptions::default()).await?;
        super::opendata::to_csv(&domain::participation::report_rows(&figures.stats))
    }
    .await;
    match report {
        Ok(text) => super::opendata::download(
            &format!("{slug}-participation"),
            "csv",
            "text/csv; charset=utf-8",
            text,
        ),
        Err(AppError::NotFound) => axum::http::StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, %slug, "could not write the evaluation report");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
