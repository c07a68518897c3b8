//! The translated names of the domain's choices (ballot formats, rules, statuses …).

use domain::followup::{DecisionOutcome, ImplementationStatus};
use domain::round::{BallotFormat, CountingRule, Residence, TieBreak, Verification};

use crate::i18n::t_string;
use crate::locale::I18n;
use crate::model::proposal::ProposalStatus;

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
