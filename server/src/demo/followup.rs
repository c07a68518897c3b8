//! After the count: staff publish the result, politicians record their decisions, staff post
//! implementation updates — through `app::ssr::{results, decisions, updates}`, so a decision
//! against the vote needs its motivation and an update needs an approved project and a date
//! that has come.

use anyhow::Context as _;
use domain::followup::{DecisionForm, UpdateForm};

use app::model::SessionUser;

use super::context::{Demo, Keys};
use super::data::Round;

/// Staff publish the counted result.
pub async fn publish(demo: &Demo, staff: &SessionUser, round: &Round) -> anyhow::Result<()> {
    app::ssr::results::publish(&demo.ctx, staff, &round.slug)
        .await
        .context("publishing the result")
}

/// The round's politician records each decision of the file.
pub async fn decide(demo: &Demo, round: &Round, keys: &Keys) -> anyhow::Result<()> {
    let politician = demo.person(&round.politician)?;
    for d in &round.decisions {
        let form = DecisionForm {
            outcome: d.outcome.clone(),
            motivation: d.motivation.clone().unwrap_or_default(),
            protocol_section: d.section.clone(),
            meeting_date: demo.date_text(d.day),
            minutes_url: String::new(),
        };
        app::ssr::decisions::decide::save(&demo.ctx, politician, keys[&d.proposal], &form)
            .await
            .with_context(|| format!("the decision on {}", d.proposal))?;
    }
    Ok(())
}

/// Staff post each update of the file, in its order.
pub async fn post_updates(
    demo: &Demo,
    staff: &SessionUser,
    round: &Round,
    keys: &Keys,
) -> anyhow::Result<()> {
    for u in &round.updates {
        let form = UpdateForm {
            status: u.status.clone(),
            percent: u.percent.to_string(),
            text: u.text.clone(),
            date: demo.date_text(u.day),
        };
        app::ssr::updates::save(&demo.ctx, staff, keys[&u.proposal], &form)
            .await
            .with_context(|| format!("an update on {}", u.proposal))?;
    }
    Ok(())
}
