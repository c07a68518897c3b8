//! Voting: staff import the population baseline, voters declare their age and home area, cast
//! their ballots and (some of them) answer the voluntary questions, and staff log their
//! outreach — through `app::ssr::{baseline, voting, participation}`, so eligibility, ballot
//! rules and one ballot per person hold. The voters are made as their first login makes them,
//! as `<round slug>.<number>@example.se`.

use std::collections::BTreeMap;

use anyhow::Context as _;
use chrono::Datelike;
use domain::participation::{AgeBand, AnswersForm, OutreachForm};
use domain::voting::BallotPost;

use app::model::SessionUser;

use super::context::{Demo, Keys};
use super::data::{Round, Voters};
use super::history;

/// Staff import the round's population baseline (before voting, so answers meet it).
pub async fn import_baseline(
    demo: &Demo,
    staff: &SessionUser,
    round: &Round,
    csv: &str,
) -> anyhow::Result<()> {
    app::ssr::baseline::save_csv(&demo.ctx, staff, &round.slug, csv)
        .await
        .context("importing the baseline")
}

/// Every group of voters votes; then their ballots and answers are dated to their days. Only
/// then: each answer recomputes the round's figures, with a trend over every day from the
/// first answer to the last, and answers dated months apart would make each of those
/// computations span all the days between.
pub async fn vote(
    demo: &mut Demo,
    round: &Round,
    round_id: i64,
    keys: &Keys,
) -> anyhow::Result<()> {
    let mut number = 0;
    let mut voted = Vec::new();
    for group in &round.voters {
        let before = history::answer_keys(demo.db(), round_id).await?;
        let mut voters = Vec::new();
        for _ in 0..group.count {
            number += 1;
            let email = format!("{}.{number:03}@example.se", round.slug);
            let voter = voter(demo, &email, group).await?;
            cast(demo, &voter, round, group, keys).await?;
            voters.push(voter);
        }
        for voter in voters.iter().take(group.answered as usize) {
            answer(demo, voter, round, group).await?;
        }
        let after = history::answer_keys(demo.db(), round_id).await?;
        let answers: Vec<String> = after.difference(&before).cloned().collect();
        let ids: Vec<i64> = voters.iter().map(|v| v.id).collect();
        voted.push((ids, answers, group.day));
    }
    for (voters, answers, day) in voted {
        history::date_votes(demo, round_id, &voters, &answers, day).await?;
    }
    Ok(())
}

/// A voter's account, with the birth year and home area they declare on the ballot page.
async fn voter(demo: &mut Demo, email: &str, group: &Voters) -> anyhow::Result<SessionUser> {
    app::ssr::login_link::find_or_create_account(demo.db(), &domain::Email::parse(email)?, "sv").await?;
    let user = demo.sign_in(email).await?;
    let birth_year = demo.today.year() - group.age as i32;
    let area = demo.area(&group.area)?;
    app::ssr::voting::save_profile(
        demo.db(),
        &user,
        &birth_year.to_string(),
        &area.to_string(),
        false,
    )
    .await
    .with_context(|| format!("the profile of {email}"))?;
    Ok(user)
}

/// The voter ticks the group's choices and presses "Rösta".
async fn cast(
    demo: &Demo,
    voter: &SessionUser,
    round: &Round,
    group: &Voters,
    keys: &Keys,
) -> anyhow::Result<()> {
    let choice: BTreeMap<String, String> = group
        .choices
        .iter()
        .map(|key| (keys[key].to_string(), keys[key].to_string()))
        .collect();
    let post = BallotPost {
        choice,
        ..BallotPost::default()
    };
    app::ssr::voting::cast(&demo.ctx, voter, &round.slug, &post)
        .await
        .with_context(|| format!("{} voting", voter.email))
}

/// The voter answers the voluntary questions: the group's answers, with the age band and
/// area that follow from the group.
async fn answer(
    demo: &Demo,
    voter: &SessionUser,
    round: &Round,
    group: &Voters,
) -> anyhow::Result<()> {
    let given = &group.answers;
    let form = AnswersForm {
        gender: given.gender.clone(),
        age: AgeBand::of_age(group.age)
            .map(|band| band.as_str().to_owned())
            .unwrap_or_default(),
        area_id: demo.area(&group.area)?.to_string(),
        born: given.born.clone(),
        education: given.education.clone(),
        occupation: given.occupation.clone(),
        disability: given.disability.clone(),
    };
    app::ssr::participation::answer(&demo.ctx, voter, &round.slug, &form)
        .await
        .with_context(|| format!("{} answering", voter.email))?;
    Ok(())
}

/// Staff (or a partner association) log what they did to reach those who vote least.
pub async fn record_outreach(demo: &Demo, round: &Round) -> anyhow::Result<()> {
    for o in &round.outreach {
        let form = OutreachForm {
            day: demo.date_text(o.day),
            place: o.place.clone(),
            group: o.group.clone().unwrap_or_default(),
            reached: o.reached.map(|n| n.to_string()).unwrap_or_default(),
            note: o.note.clone(),
        };
        app::ssr::participation::record_outreach(
            demo.db(),
            demo.person(&o.by)?,
            &round.slug,
            &form,
        )
        .await
        .with_context(|| format!("outreach at {}", o.place))?;
    }
    Ok(())
}
