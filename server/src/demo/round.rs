//! One round, from the draft its staff create to the phase the file leaves it in, step by step
//! as staff, residents and politicians take it there: proposals in the proposal phase, reviews
//! in review, ballots and answers while voting, the count when voting closes, the published
//! result and the decisions in deliberation, updates once decided. Each step is a service call
//! a request would make, so a step the rules forbid fails the load.

use std::collections::BTreeMap;

use anyhow::{Context as _, ensure};
use domain::Phase;
use domain::round::{PhaseDates, RoundConfig};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::model::SessionUser;
use app::ssr::entity::round;
use app::ssr::rounds::PostedRound;

use super::context::Demo;
use super::data::Round;
use super::{followup, history, proposals, voting};

/// Loads `data` through the services; returns the round's id.
pub async fn load(
    demo: &mut Demo,
    data: &Round,
    baselines: &BTreeMap<String, String>,
) -> anyhow::Result<i64> {
    let staff = demo.person(&data.staff)?.clone();
    let id = create(demo, &staff, data).await?;
    let reaches = |phase: Phase| data.phase >= phase;
    let mut at = Phase::Draft;
    advance(
        demo,
        &staff,
        data,
        &mut at,
        data.phase.min(Phase::Proposals),
    )
    .await?;
    let keys = proposals::submit(demo, data).await?;
    if reaches(Phase::Review) {
        advance(demo, &staff, data, &mut at, Phase::Review).await?;
        proposals::review(demo, &staff, data, &keys).await?;
    }
    if reaches(Phase::Voting) {
        if let Some(name) = &data.baseline {
            voting::import_baseline(demo, &staff, data, &baselines[name]).await?;
        }
        advance(demo, &staff, data, &mut at, Phase::Voting).await?;
        if let Some(roll) = &data.paper_roll {
            app::ssr::paper::save_roll(&demo.ctx, &staff, &data.slug, roll)
                .await
                .with_context(|| format!("the paper roll of {}", data.slug))?;
        }
        voting::vote(demo, data, id, &keys).await?;
        voting::record_outreach(demo, data).await?;
    }
    if reaches(Phase::Deliberation) {
        advance(demo, &staff, data, &mut at, Phase::Deliberation).await?;
        followup::publish(demo, &staff, data).await?;
        followup::decide(demo, data, &keys).await?;
    }
    let updating = data.phase.min(Phase::Implementation);
    advance(demo, &staff, data, &mut at, updating).await?;
    followup::post_updates(demo, &staff, data, &keys).await?;
    advance(demo, &staff, data, &mut at, data.phase).await?;
    history::backdate(demo, data, id, &keys).await?;
    Ok(id)
}

/// Staff create the round as a draft. A round's slug comes from its first title, so they
/// create it under its slug as a working title and then give it its real texts (the slug
/// stays, as for any renamed round).
async fn create(demo: &Demo, staff: &SessionUser, data: &Round) -> anyhow::Result<i64> {
    let namnd = demo.namnder[&data.namnd];
    ensure!(
        staff.namnd_id == Some(namnd),
        "{} is not staff of {}",
        data.staff,
        data.namnd
    );
    let posted = PostedRound {
        form: config(demo, data).to_form(),
        namnd_id: namnd.to_string(),
        area_budget: BTreeMap::new(),
    };
    let mut working = posted.clone();
    working.form.title_sv = data.slug.clone();
    let slug = app::ssr::rounds::save(demo.db(), staff, None, working)
        .await
        .context("creating the round")?;
    ensure!(slug == data.slug, "the round got the slug {slug}");
    app::ssr::rounds::save(demo.db(), staff, Some(&slug), posted)
        .await
        .context("saving the round's texts and settings")?;
    let row = round::Entity::find()
        .filter(round::Column::Slug.eq(&slug))
        .one(demo.db())
        .await?
        .context("the round just created")?;
    Ok(row.id)
}

/// The round's configuration as its staff enter it: texts, budget, settings, timeline.
fn config(demo: &Demo, data: &Round) -> RoundConfig {
    let day = |offset: i64| Some(demo.day(offset));
    let mut settings = data.settings.clone();
    settings.easy_read_sv = Some(data.easy_read_sv.clone());
    settings.dates = PhaseDates {
        information: day(data.days.information),
        proposals: day(data.days.proposals),
        review: day(data.days.review),
        voting: day(data.days.voting),
        voting_end: day(data.days.voting_end),
    };
    RoundConfig {
        title_sv: data.title_sv.clone(),
        title_en: Some(data.title_en.clone()),
        summary_sv: data.summary_sv.clone(),
        summary_en: Some(data.summary_en.clone()),
        budget_total: data.budget,
        settings,
    }
}

/// Staff move the round one phase at a time from `at` to `to` (nothing when it is there).
async fn advance(
    demo: &Demo,
    staff: &SessionUser,
    data: &Round,
    at: &mut Phase,
    to: Phase,
) -> anyhow::Result<()> {
    while *at < to {
        let next = at.next().context("no phase after closed")?;
        app::ssr::rounds::move_phase(&demo.ctx, staff, &data.slug, next)
            .await
            .with_context(|| format!("moving to {next}"))?;
        *at = next;
    }
    Ok(())
}
