//! The translated names of the domain's choices (ballot formats, rules, statuses, phases,
//! groups …), shared by the pages and by the mail the server writes.

use domain::followup::{DecisionOutcome, ImplementationStatus};
use domain::participation::{
    Birthplace, Dimension, Disability, Education, Gender, Group, Occupation,
};
use domain::round::{BallotFormat, CountingRule, Residence, TieBreak, Verification};

use crate::i18n::{Locale, t_string, td_string};
use crate::locale::I18n;
use crate::model::ProposalStatus;

pub fn ballot_format(i18n: I18n, value: BallotFormat) -> String {
    match value {
        BallotFormat::Approval => t_string!(i18n, choice.ballot_approval),
        BallotFormat::Knapsack => t_string!(i18n, choice.ballot_knapsack),
        BallotFormat::Cumulative => t_string!(i18n, choice.ballot_cumulative),
        BallotFormat::Ranked => t_string!(i18n, choice.ballot_ranked),
    }
    .to_string()
}

pub fn rule(i18n: I18n, value: CountingRule) -> String {
    match value {
        CountingRule::Greedy => t_string!(i18n, choice.rule_greedy),
        CountingRule::EqualShares => t_string!(i18n, choice.rule_mes),
        CountingRule::Phragmen => t_string!(i18n, choice.rule_phragmen),
    }
    .to_string()
}

pub fn tie_break(i18n: I18n, value: TieBreak) -> String {
    match value {
        TieBreak::LowerCostFirst => t_string!(i18n, choice.tie_lower_cost),
        TieBreak::SeededDraw => t_string!(i18n, choice.tie_seeded_draw),
    }
    .to_string()
}

pub fn residence(i18n: I18n, value: Residence) -> String {
    match value {
        Residence::Anyone => t_string!(i18n, choice.residence_anyone),
        Residence::LivesIn => t_string!(i18n, choice.residence_lives),
        Residence::LivesOrWorksIn => t_string!(i18n, choice.residence_lives_or_works),
    }
    .to_string()
}

pub fn verification(i18n: I18n, value: Verification) -> String {
    match value {
        Verification::EmailLink => t_string!(i18n, choice.verification_email),
        Verification::InPerson => t_string!(i18n, choice.verification_in_person),
        Verification::EId => t_string!(i18n, choice.verification_eid),
    }
    .to_string()
}

pub fn status(i18n: I18n, value: ProposalStatus) -> String {
    match value {
        ProposalStatus::Draft => t_string!(i18n, status.draft),
        ProposalStatus::Submitted => t_string!(i18n, status.submitted),
        ProposalStatus::Withdrawn => t_string!(i18n, status.withdrawn),
        ProposalStatus::Feasible => t_string!(i18n, status.feasible),
        ProposalStatus::NotFeasible => t_string!(i18n, status.not_feasible),
        ProposalStatus::Merged => t_string!(i18n, status.merged),
    }
    .to_string()
}

pub fn decision(i18n: I18n, value: DecisionOutcome) -> String {
    match value {
        DecisionOutcome::Approved => t_string!(i18n, decision.approved),
        DecisionOutcome::NotApproved => t_string!(i18n, decision.not_approved),
        DecisionOutcome::Postponed => t_string!(i18n, decision.postponed),
    }
    .to_string()
}

pub fn implementation(i18n: I18n, value: ImplementationStatus) -> String {
    match value {
        ImplementationStatus::Planned => t_string!(i18n, implementation.planned),
        ImplementationStatus::Started => t_string!(i18n, implementation.started),
        ImplementationStatus::Delayed => t_string!(i18n, implementation.delayed),
        ImplementationStatus::Done => t_string!(i18n, implementation.done),
        ImplementationStatus::Cancelled => t_string!(i18n, implementation.cancelled),
    }
    .to_string()
}

/// A question of the voluntary form, by name.
pub fn dimension(locale: Locale, value: Dimension) -> String {
    match value {
        Dimension::Gender => td_string!(locale, participation.q_gender),
        Dimension::Age => td_string!(locale, participation.q_age),
        Dimension::Area => td_string!(locale, participation.q_area),
        Dimension::Born => td_string!(locale, participation.q_born),
        Dimension::Education => td_string!(locale, participation.q_education),
        Dimension::Occupation => td_string!(locale, participation.q_occupation),
        Dimension::Disability => td_string!(locale, participation.q_disability),
    }
    .to_string()
}

/// A group of participants, by name (areas by `area_name`); usable in pages and in mail.
pub fn group(locale: Locale, value: Group, area_name: impl Fn(i64) -> String) -> String {
    match value {
        Group::Gender(g) => match g {
            Gender::Woman => td_string!(locale, participation.gender_woman),
            Gender::Man => td_string!(locale, participation.gender_man),
            Gender::Other => td_string!(locale, participation.gender_other),
        }
        .to_string(),
        Group::Age(a) => td_string!(locale, participation.age_band, band = a.as_str()).to_string(),
        Group::Area(id) => area_name(id),
        Group::Born(b) => match b {
            Birthplace::Sweden => td_string!(locale, participation.born_sweden),
            Birthplace::Abroad => td_string!(locale, participation.born_abroad),
        }
        .to_string(),
        Group::Education(e) => match e {
            Education::Compulsory => td_string!(locale, participation.education_compulsory),
            Education::UpperSecondary => {
                td_string!(locale, participation.education_upper_secondary)
            }
            Education::PostSecondaryShort => td_string!(locale, participation.education_post_short),
            Education::PostSecondaryLong => td_string!(locale, participation.education_post_long),
        }
        .to_string(),
        Group::Occupation(o) => match o {
            Occupation::Working => td_string!(locale, participation.occupation_working),
            Occupation::Studying => td_string!(locale, participation.occupation_studying),
            Occupation::Unemployed => td_string!(locale, participation.occupation_unemployed),
            Occupation::Retired => td_string!(locale, participation.occupation_retired),
            Occupation::Other => td_string!(locale, participation.occupation_other),
        }
        .to_string(),
        Group::Disability(d) => match d {
            Disability::Yes => td_string!(locale, participation.disability_yes),
            Disability::No => td_string!(locale, participation.disability_no),
        }
        .to_string(),
    }
}

/// The translated name of a phase.
pub fn phase_name(i18n: I18n, phase: domain::Phase) -> String {
    let name = match phase {
        domain::Phase::Draft => t_string!(i18n, phase.draft),
        domain::Phase::Information => t_string!(i18n, phase.information),
        domain::Phase::Proposals => t_string!(i18n, phase.proposals),
        domain::Phase::Review => t_string!(i18n, phase.review),
        domain::Phase::Voting => t_string!(i18n, phase.voting),
        domain::Phase::Deliberation => t_string!(i18n, phase.deliberation),
        domain::Phase::Decided => t_string!(i18n, phase.decided),
        domain::Phase::Implementation => t_string!(i18n, phase.implementation),
        domain::Phase::Closed => t_string!(i18n, phase.closed),
    };
    name.to_string()
}
