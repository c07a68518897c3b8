//! A medborgarbudget round: the frame a nämnd sets for proposals, voting and decisions. The
//! configuration staff edit (allocation, eligibility, ballot, rule, criteria, dates) is one
//! JSON document, `config`, read as [`RoundSettings`]; the row helpers (phase, settings,
//! title in a language) live here so that every service reads a round the same way.

use domain::Phase;
use domain::round::{
    BallotFormat, CountingRule, PhaseDates, Residence, RoundConfig, TieBreak, Verification,
};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::locale::in_locale;
use crate::model::RoundSummary;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub namnd_id: i64,
    pub title_sv: String,
    pub title_en: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub summary_sv: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub summary_en: Option<String>,
    pub phase: String,
    pub created_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub config: String,
    pub budget_total: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The part of a round's configuration kept as JSON in `round.config`. Defaults apply to
/// rounds stored before the configuration existed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoundSettings {
    pub easy_read_sv: Option<String>,
    pub area_budgets: Vec<(i64, i64)>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub residence: Residence,
    pub verification: Verification,
    pub ballot_format: BallotFormat,
    pub max_choices: Option<u32>,
    pub points_total: Option<u32>,
    pub points_max_per_project: Option<u32>,
    pub rule: CountingRule,
    pub tie_break: TieBreak,
    pub criteria: Vec<String>,
    pub dates: PhaseDates,
}

impl Default for RoundSettings {
    fn default() -> Self {
        RoundSettings {
            easy_read_sv: None,
            area_budgets: Vec::new(),
            min_age: None,
            max_age: None,
            residence: Residence::LivesOrWorksIn,
            verification: Verification::EmailLink,
            ballot_format: BallotFormat::Approval,
            max_choices: Some(5),
            points_total: None,
            points_max_per_project: None,
            rule: CountingRule::Greedy,
            tie_break: TieBreak::LowerCostFirst,
            criteria: domain::round::DEFAULT_CRITERIA_SV
                .iter()
                .map(|c| (*c).to_owned())
                .collect(),
            dates: PhaseDates::default(),
        }
    }
}

impl RoundSettings {
    pub fn from_config(config: &RoundConfig) -> RoundSettings {
        RoundSettings {
            easy_read_sv: config.easy_read_sv.clone(),
            area_budgets: config.area_budgets.clone(),
            min_age: config.min_age,
            max_age: config.max_age,
            residence: config.residence,
            verification: config.verification,
            ballot_format: config.ballot_format,
            max_choices: config.max_choices,
            points_total: config.points_total,
            points_max_per_project: config.points_max_per_project,
            rule: config.rule,
            tie_break: config.tie_break,
            criteria: config.criteria.clone(),
            dates: config.dates,
        }
    }
}

impl Model {
    /// The settings of this round; unreadable JSON is logged and read as the defaults.
    pub fn settings(&self) -> RoundSettings {
        serde_json::from_str(&self.config).unwrap_or_else(|err| {
            tracing::error!(round = self.id, error = %err, "unreadable round configuration");
            RoundSettings::default()
        })
    }

    /// The phase this round is in (an unknown name is logged and read as draft, which hides
    /// it).
    pub fn phase(&self) -> Phase {
        self.phase.parse().unwrap_or_else(|_| {
            tracing::error!(round = self.id, phase = %self.phase, "unknown phase");
            Phase::Draft
        })
    }

    /// The title in `locale`, Swedish when there is no translation.
    pub fn title_in(&self, locale: Locale) -> String {
        in_locale(locale, &self.title_sv, self.title_en.as_ref())
    }

    /// The summary in `locale`, Swedish when there is no translation.
    pub fn summary_in(&self, locale: Locale) -> String {
        in_locale(locale, &self.summary_sv, self.summary_en.as_ref())
    }

    /// The round as lists show it, with its texts in `locale`.
    pub fn into_summary(self, locale: Locale, namnd: String, phase: Phase) -> RoundSummary {
        RoundSummary {
            title: self.title_in(locale),
            summary: self.summary_in(locale),
            slug: self.slug,
            namnd,
            phase,
        }
    }
}
