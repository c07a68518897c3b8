//! The demo municipality as `exempelkommun.toml` writes it: plain data, named by slug, address
//! and key. Nothing here touches the database; `check` refuses a file whose names do not meet
//! (a proposal's author who is not an account, a ballot for a proposal of another round), so a
//! mistake in the file is reported by name before anything is loaded.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, bail, ensure};
use domain::Phase;
use domain::round::RoundSettings;
use serde::Deserialize;

/// The file, compiled into the binary.
const FILE: &str = include_str!("exempelkommun.toml");

/// The demo municipality.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// The administrator who sets up nämnder, areas and roles.
    pub administrator: String,
    pub namnder: Vec<Namnd>,
    pub areas: Vec<Area>,
    pub accounts: Vec<Account>,
    /// Population baselines in the import format, by name.
    pub baselines: BTreeMap<String, String>,
    pub rounds: Vec<Round>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Namnd {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub slug: String,
    pub name: String,
    pub population: i64,
}

/// A named account: staff, politician, partner association or resident.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub email: String,
    pub role: String,
    pub namnd: Option<String>,
    pub organisation: Option<String>,
    #[serde(default)]
    pub groups: Vec<String>,
}

/// A round and everything that happened in it up to its `phase`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub slug: String,
    pub namnd: String,
    /// The staff member who runs it.
    pub staff: String,
    /// The politician who records its decisions.
    pub politician: String,
    /// The phase the round is left in.
    pub phase: Phase,
    pub budget: i64,
    pub title_sv: String,
    pub title_en: String,
    pub summary_sv: String,
    pub summary_en: String,
    pub easy_read_sv: String,
    /// As the round stores them; the dates come from `days`.
    #[serde(default)]
    pub settings: RoundSettings,
    pub days: Days,
    /// The name of a baseline in `baselines`.
    pub baseline: Option<String>,
    #[serde(default)]
    pub proposals: Vec<Proposal>,
    #[serde(default)]
    pub voters: Vec<Voters>,
    /// The printed paper ballots (and the number checked off the paper voter list).
    pub paper_roll: Option<domain::paper::PaperRollForm>,
    #[serde(default)]
    pub outreach: Vec<Outreach>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub updates: Vec<Update>,
}

/// When each phase started (or starts), in days from today. The first five are the round's
/// timeline; the others only date what happened.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Days {
    pub information: i64,
    pub proposals: i64,
    pub review: i64,
    pub voting: i64,
    pub voting_end: i64,
    pub decided: Option<i64>,
    pub implementation: Option<i64>,
    pub closed: Option<i64>,
}

impl Days {
    /// The day `phase` started, if the file says.
    pub fn of(&self, phase: Phase) -> Option<i64> {
        match phase {
            Phase::Draft => None,
            Phase::Information => Some(self.information),
            Phase::Proposals => Some(self.proposals),
            Phase::Review => Some(self.review),
            Phase::Voting => Some(self.voting),
            Phase::Deliberation => Some(self.voting_end),
            Phase::Decided => self.decided,
            Phase::Implementation => self.implementation,
            Phase::Closed => self.closed,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    pub key: String,
    pub author: String,
    pub area: Option<String>,
    pub place: Option<String>,
    pub cost: i64,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub supporters: Vec<String>,
    #[serde(default)]
    pub comments: Vec<Comment>,
    pub review: Option<Review>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub by: String,
    pub text: String,
}

/// The staff's review: feasible with their cost estimate, or not with the public reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub feasible: bool,
    pub staff_cost: Option<i64>,
    pub reason: Option<String>,
}

/// `count` people of `age` living in `area` who cast the same ballot on `day`; `answered` of
/// them answered the voluntary questions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voters {
    pub count: u32,
    pub age: u32,
    pub area: String,
    pub day: i64,
    pub choices: Vec<String>,
    #[serde(default)]
    pub answered: u32,
    #[serde(default)]
    pub answers: Answers,
}

/// The answers that do not follow from the group (age band and area do).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub born: String,
    #[serde(default)]
    pub education: String,
    #[serde(default)]
    pub occupation: String,
    #[serde(default)]
    pub disability: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outreach {
    pub by: String,
    pub day: i64,
    pub place: String,
    pub group: Option<String>,
    pub reached: Option<u32>,
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub proposal: String,
    pub outcome: String,
    pub section: String,
    /// The day of the meeting.
    pub day: i64,
    pub motivation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub proposal: String,
    pub day: i64,
    pub status: String,
    pub percent: u8,
    pub text: String,
}

/// Reads the demo municipality and checks that its names meet.
pub fn municipality() -> anyhow::Result<Municipality> {
    let data: Municipality = toml::from_str(FILE).context("reading exempelkommun.toml")?;
    data.check()?;
    Ok(data)
}

impl Municipality {
    /// Every name used is defined: nämnder, areas, accounts, baselines, proposal keys.
    fn check(&self) -> anyhow::Result<()> {
        let namnder: BTreeSet<&str> = self.namnder.iter().map(|n| n.slug.as_str()).collect();
        let areas: BTreeSet<&str> = self.areas.iter().map(|a| a.slug.as_str()).collect();
        let people: BTreeSet<&str> = self.accounts.iter().map(|a| a.email.as_str()).collect();
        for account in &self.accounts {
            if let Some(namnd) = &account.namnd {
                ensure!(
                    namnder.contains(namnd.as_str()),
                    "{}: no nämnd {namnd}",
                    account.email
                );
            }
        }
        let mut slugs = BTreeSet::new();
        for round in &self.rounds {
            ensure!(slugs.insert(&round.slug), "two rounds {}", round.slug);
            ensure!(
                namnder.contains(round.namnd.as_str()),
                "{}: no nämnd",
                round.slug
            );
            if let Some(name) = &round.baseline {
                ensure!(
                    self.baselines.contains_key(name),
                    "{}: no baseline {name}",
                    round.slug
                );
            }
            round
                .check(&areas, &people)
                .with_context(|| format!("round {}", round.slug))?;
        }
        Ok(())
    }
}

impl Round {
    /// The round's people, areas and proposal keys are known, and each step it records
    /// happens in a phase the round reaches.
    fn check(&self, areas: &BTreeSet<&str>, people: &BTreeSet<&str>) -> anyhow::Result<()> {
        let person = |email: &str| {
            ensure!(people.contains(email), "no account {email}");
            Ok(())
        };
        let area = |slug: &str| {
            ensure!(areas.contains(slug), "no area {slug}");
            Ok(())
        };
        person(&self.staff)?;
        person(&self.politician)?;
        let mut keys = BTreeSet::new();
        for p in &self.proposals {
            ensure!(keys.insert(p.key.as_str()), "two proposals {}", p.key);
            person(&p.author)?;
            p.supporters.iter().try_for_each(|s| person(s))?;
            p.comments.iter().try_for_each(|c| person(&c.by))?;
            p.area.as_deref().map_or(Ok(()), area)?;
        }
        let proposal = |key: &str| {
            ensure!(keys.contains(key), "no proposal {key}");
            Ok(())
        };
        for group in &self.voters {
            area(&group.area)?;
            group.choices.iter().try_for_each(|c| proposal(c))?;
            ensure!(group.answered <= group.count, "more answers than voters");
        }
        self.outreach.iter().try_for_each(|o| person(&o.by))?;
        self.decisions
            .iter()
            .try_for_each(|d| proposal(&d.proposal))?;
        self.updates
            .iter()
            .try_for_each(|u| proposal(&u.proposal))?;
        self.check_phases()
    }

    /// What the file records happens in a phase the round reaches, and every phase it
    /// reaches has a day.
    fn check_phases(&self) -> anyhow::Result<()> {
        let reaches = |phase: Phase| self.phase >= phase;
        let steps = [
            (Phase::Proposals, !self.proposals.is_empty()),
            (
                Phase::Review,
                self.proposals.iter().any(|p| p.review.is_some()),
            ),
            (
                Phase::Voting,
                !self.voters.is_empty() || !self.outreach.is_empty(),
            ),
            (Phase::Deliberation, !self.decisions.is_empty()),
            (Phase::Decided, !self.updates.is_empty()),
        ];
        for (phase, recorded) in steps {
            if recorded && !reaches(phase) {
                bail!("it records what happens in {phase}, a phase it does not reach");
            }
        }
        for phase in Phase::ALL.into_iter().skip(1).filter(|p| reaches(*p)) {
            ensure!(self.days.of(phase).is_some(), "no day for {phase}");
        }
        Ok(())
    }
}
