//! A medborgarbudget round: the frame a nämnd sets for proposals, voting and decisions. The
//! configuration staff edit (allocation, eligibility, ballot, rule, criteria, dates) is one
//! JSON document, `config`, read as [`domain::round::RoundSettings`]; the row helpers (phase, settings,
//! title in a language) live here so that every service reads a round the same way.

use domain::Phase;
use domain::round::RoundConfig;
use sea_orm::entity::prelude::*;

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

/// The settings live in `domain`; the old path stays while the services move over.
pub use domain::round::RoundSettings;

impl Model {
    /// The settings of this round; unreadable JSON is logged and read as the defaults.
    pub fn settings(&self) -> RoundSettings {
        serde_json::from_str(&self.config).unwrap_or_else(|err| {
            tracing::error!(round = self.id, error = %err, "unreadable round configuration");
            RoundSettings::default()
        })
    }

    /// The whole configuration: the texts and total from their columns, the settings document.
    pub fn config(&self) -> RoundConfig {
        RoundConfig {
            title_sv: self.title_sv.clone(),
            title_en: self.title_en.clone(),
            summary_sv: self.summary_sv.clone(),
            summary_en: self.summary_en.clone(),
            budget_total: self.budget_total,
            settings: self.settings(),
        }
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
