//! Residents submitting proposals in the proposal phase, supporting and commenting on each
//! other's, and staff reviewing them in the review phase: the forms they post, filled from the
//! file, through `app::ssr::proposals` and `app::ssr::review`.

use std::collections::HashMap;

use anyhow::Context as _;
use domain::round::ProposalForm;

use app::model::SessionUser;
use app::model::proposal::ReviewFormData;

use super::context::{Demo, Keys};
use super::data::{Proposal, Round};

/// Each proposal submitted by its author, then supported and commented on (once all are in,
/// as people react to what they read); returns their ids by key.
pub async fn submit(demo: &Demo, round: &Round) -> anyhow::Result<Keys> {
    let mut keys = HashMap::new();
    for p in &round.proposals {
        let author = demo.person(&p.author)?;
        let form = proposal_form(demo, p)?;
        let id = app::ssr::proposals::save(&demo.ctx, author, &round.slug, None, &form, true)
            .await
            .with_context(|| format!("submitting {}", p.key))?;
        keys.insert(p.key.clone(), id);
    }
    for p in &round.proposals {
        let id = keys[&p.key];
        for email in &p.supporters {
            app::ssr::proposals::support(demo.db(), demo.person(email)?, id)
                .await
                .with_context(|| format!("{email} supporting {}", p.key))?;
        }
        for c in &p.comments {
            app::ssr::proposals::add_comment(demo.db(), demo.person(&c.by)?, id, &c.text)
                .await
                .with_context(|| format!("{} commenting on {}", c.by, p.key))?;
        }
    }
    Ok(keys)
}

/// The proposal form as its author fills it in.
fn proposal_form(demo: &Demo, p: &Proposal) -> anyhow::Result<ProposalForm> {
    let area_id = match &p.area {
        Some(slug) => demo.area(slug)?.to_string(),
        None => String::new(),
    };
    Ok(ProposalForm {
        title: p.title.clone(),
        description: p.description.clone(),
        area_id,
        place: p.place.clone().unwrap_or_default(),
        latitude: String::new(),
        longitude: String::new(),
        cost: p.cost.to_string(),
    })
}

/// Staff review each proposal the file gives a review: feasible ones with every criterion
/// ticked and their cost estimate, the others with the public reason.
pub async fn review(
    demo: &Demo,
    staff: &SessionUser,
    round: &Round,
    keys: &Keys,
) -> anyhow::Result<()> {
    let criteria = round.settings.criteria.len();
    for p in &round.proposals {
        let Some(review) = &p.review else { continue };
        let ticked = if review.feasible { criteria } else { 0 };
        let form = ReviewFormData {
            feasibility: if review.feasible {
                "feasible"
            } else {
                "not_feasible"
            }
            .to_owned(),
            reason: review.reason.clone().unwrap_or_default(),
            staff_cost: review.staff_cost.map(|c| c.to_string()).unwrap_or_default(),
            internal_note: String::new(),
            criteria_met: (0..ticked)
                .map(|i| (i.to_string(), i.to_string()))
                .collect(),
        };
        app::ssr::review::save(&demo.ctx, staff, keys[&p.key], &form)
            .await
            .with_context(|| format!("reviewing {}", p.key))?;
    }
    Ok(())
}
