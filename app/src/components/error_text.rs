//! Turns stable error codes into sentences in the page's language: one exhaustive match, so a
//! code without a sentence does not compile.

use domain::Code;
use leptos::prelude::*;

use crate::error::{AppError, FieldError};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::I18n;

/// The translated sentence for an error code (`error.<code>` in the translation files).
pub fn error_text(i18n: I18n, code: Code) -> String {
    let text = match code {
        Code::Unauthorized => t_string!(i18n, error.unauthorized),
        Code::Forbidden => t_string!(i18n, error.forbidden),
        Code::NotFound => t_string!(i18n, error.not_found),
        Code::RateLimited => t_string!(i18n, error.rate_limited),
        Code::Internal => t_string!(i18n, error.internal),
        Code::EmailEmpty => t_string!(i18n, error.email_empty),
        Code::EmailInvalid => t_string!(i18n, error.email_invalid),
        Code::EmailTooLong => t_string!(i18n, error.email_too_long),
        Code::ChoiceInvalid => t_string!(i18n, error.choice_invalid),
        Code::TitleSvEmpty => t_string!(i18n, error.title_sv_empty),
        Code::TitleSvTooLong => t_string!(i18n, error.title_sv_too_long),
        Code::TitleEnTooLong => t_string!(i18n, error.title_en_too_long),
        Code::SummarySvEmpty => t_string!(i18n, error.summary_sv_empty),
        Code::TextTooLong => t_string!(i18n, error.text_too_long),
        Code::BudgetEmpty => t_string!(i18n, error.budget_empty),
        Code::BudgetInvalid => t_string!(i18n, error.budget_invalid),
        Code::BudgetNotPositive => t_string!(i18n, error.budget_not_positive),
        Code::BudgetTooLarge => t_string!(i18n, error.budget_too_large),
        Code::AreaBudget => t_string!(i18n, error.area_budget),
        Code::AreaBudgetsSum => t_string!(i18n, error.area_budgets_sum),
        Code::AgeInvalid => t_string!(i18n, error.age_invalid),
        Code::AgeRange => t_string!(i18n, error.age_range),
        Code::RuleNeedsApproval => t_string!(i18n, error.rule_needs_approval),
        Code::MaxChoicesRequired => t_string!(i18n, error.max_choices_required),
        Code::MaxChoicesInvalid => t_string!(i18n, error.max_choices_invalid),
        Code::PointsInvalid => t_string!(i18n, error.points_invalid),
        Code::CriteriaEmpty => t_string!(i18n, error.criteria_empty),
        Code::CriteriaTooMany => t_string!(i18n, error.criteria_too_many),
        Code::CriterionTooLong => t_string!(i18n, error.criterion_too_long),
        Code::DateInvalid => t_string!(i18n, error.date_invalid),
        Code::DateOrder => t_string!(i18n, error.date_order),
        Code::TitleEmpty => t_string!(i18n, error.title_empty),
        Code::TitleTooLong => t_string!(i18n, error.title_too_long),
        Code::DescriptionEmpty => t_string!(i18n, error.description_empty),
        Code::DescriptionTooLong => t_string!(i18n, error.description_too_long),
        Code::AreaInvalid => t_string!(i18n, error.area_invalid),
        Code::PlaceTooLong => t_string!(i18n, error.place_too_long),
        Code::PositionInvalid => t_string!(i18n, error.position_invalid),
        Code::CostEmpty => t_string!(i18n, error.cost_empty),
        Code::CostInvalid => t_string!(i18n, error.cost_invalid),
        Code::CostNotPositive => t_string!(i18n, error.cost_not_positive),
        Code::CostOverBudget => t_string!(i18n, error.cost_over_budget),
        Code::ReasonRequired => t_string!(i18n, error.reason_required),
        Code::StaffCostRequired => t_string!(i18n, error.staff_cost_required),
        Code::StaffCostInvalid => t_string!(i18n, error.staff_cost_invalid),
        Code::StaffCostNotPositive => t_string!(i18n, error.staff_cost_not_positive),
        Code::StaffCostOverBudget => t_string!(i18n, error.staff_cost_over_budget),
        Code::CriteriaNotMet => t_string!(i18n, error.criteria_not_met),
        Code::CommentEmpty => t_string!(i18n, error.comment_empty),
        Code::CommentTooLong => t_string!(i18n, error.comment_too_long),
        Code::CommentClosed => t_string!(i18n, error.comment_closed),
        Code::PhaseNotAllowed => t_string!(i18n, error.phase_not_allowed),
        Code::PhaseBallotsExist => t_string!(i18n, error.phase_ballots_exist),
        Code::PhaseNoFeasible => t_string!(i18n, error.phase_no_feasible),
        Code::PhaseUnreviewed => t_string!(i18n, error.phase_unreviewed),
        Code::PhaseNoProposals => t_string!(i18n, error.phase_no_proposals),
        Code::PhaseChangedMeanwhile => t_string!(i18n, error.phase_changed_meanwhile),
        Code::EraseNotConfirmed => t_string!(i18n, error.erase_not_confirmed),
        Code::EraseRole => t_string!(i18n, error.erase_role),
        Code::EraseWhileVoting => t_string!(i18n, error.erase_while_voting),
        Code::ProposalsClosed => t_string!(i18n, error.proposals_closed),
        Code::ProposalLocked => t_string!(i18n, error.proposal_locked),
        Code::EligibilityLocked => t_string!(i18n, error.eligibility_locked),
        Code::VotingEndOnlyLater => t_string!(i18n, error.voting_end_only_later),
        Code::BallotsRegisterMismatch => t_string!(i18n, error.ballots_register_mismatch),
        Code::AlreadyVotedElsewhere => t_string!(i18n, error.already_voted_elsewhere),
        Code::SupportClosed => t_string!(i18n, error.support_closed),
        Code::ReviewClosed => t_string!(i18n, error.review_closed),
        Code::ReviewNotSubmitted => t_string!(i18n, error.review_not_submitted),
        Code::MergeTargetInvalid => t_string!(i18n, error.merge_target_invalid),
        Code::ImageEmpty => t_string!(i18n, error.image_empty),
        Code::ImageTooLarge => t_string!(i18n, error.image_too_large),
        Code::ImageType => t_string!(i18n, error.image_type),
        Code::ImageDimensions => t_string!(i18n, error.image_dimensions),
        Code::PhotoDescriptionEmpty => t_string!(i18n, error.photo_description_empty),
        Code::PhotoDescriptionTooLong => t_string!(i18n, error.photo_description_too_long),
        Code::NameEmpty => t_string!(i18n, error.name_empty),
        Code::NameTooLong => t_string!(i18n, error.name_too_long),
        Code::NameTaken => t_string!(i18n, error.name_taken),
        Code::PopulationInvalid => t_string!(i18n, error.population_invalid),
        Code::NamndRequired => t_string!(i18n, error.namnd_required),
        Code::VotingClosed => t_string!(i18n, error.voting_closed),
        Code::NotEligibleInPerson => t_string!(i18n, error.not_eligible_in_person),
        Code::NotEligibleEid => t_string!(i18n, error.not_eligible_eid),
        Code::IdentityNumberFormat => t_string!(i18n, error.identity_number_format),
        Code::IdentityNumberDate => t_string!(i18n, error.identity_number_date),
        Code::IdentityNumberCheckDigit => t_string!(i18n, error.identity_number_check_digit),
        Code::IdentityNumberMismatch => t_string!(i18n, error.identity_number_mismatch),
        Code::NotOnRoll => t_string!(i18n, error.not_on_roll),
        Code::RollNeedsIdentity => t_string!(i18n, error.roll_needs_identity),
        Code::RollEmpty => t_string!(i18n, error.roll_empty),
        Code::RollBadLines => t_string!(i18n, error.roll_bad_lines),
        Code::RollTooLarge => t_string!(i18n, error.roll_too_large),
        Code::RollLocked => t_string!(i18n, error.roll_locked),
        Code::BallotEmpty => t_string!(i18n, error.ballot_empty),
        Code::BallotUnknownProject => t_string!(i18n, error.ballot_unknown_project),
        Code::BallotTooMany => t_string!(i18n, error.ballot_too_many),
        Code::BallotOverBudget => t_string!(i18n, error.ballot_over_budget),
        Code::BallotTooManyPoints => t_string!(i18n, error.ballot_too_many_points),
        Code::BallotPointsPerProject => t_string!(i18n, error.ballot_points_per_project),
        Code::BallotPointsInvalid => t_string!(i18n, error.ballot_points_invalid),
        Code::BallotRankInvalid => t_string!(i18n, error.ballot_rank_invalid),
        Code::BallotInvalid => t_string!(i18n, error.ballot_invalid),
        Code::ResultMissing => t_string!(i18n, error.result_missing),
        Code::SerialInvalid => t_string!(i18n, error.serial_invalid),
        Code::PaperEnteredTwice => t_string!(i18n, error.paper_entered_twice),
        Code::PaperRangeMissing => t_string!(i18n, error.paper_range_missing),
        Code::PaperRangeInvalid => t_string!(i18n, error.paper_range_invalid),
        Code::PaperRangeLocked => t_string!(i18n, error.paper_range_locked),
        Code::SerialOutOfRange => t_string!(i18n, error.serial_out_of_range),
        Code::CheckedOffInvalid => t_string!(i18n, error.checked_off_invalid),
        Code::ProfileNeeded => t_string!(i18n, error.profile_needed),
        Code::NotEligibleTooYoung => t_string!(i18n, error.not_eligible_too_young),
        Code::NotEligibleTooOld => t_string!(i18n, error.not_eligible_too_old),
        Code::NotEligibleResidence => t_string!(i18n, error.not_eligible_residence),
        Code::BirthYearInvalid => t_string!(i18n, error.birth_year_invalid),
        Code::MotivationRequired => t_string!(i18n, error.motivation_required),
        Code::ProtocolSectionEmpty => t_string!(i18n, error.protocol_section_empty),
        Code::ProtocolSectionInvalid => t_string!(i18n, error.protocol_section_invalid),
        Code::ProtocolSectionTooLong => t_string!(i18n, error.protocol_section_too_long),
        Code::DateEmpty => t_string!(i18n, error.date_empty),
        Code::UrlInvalid => t_string!(i18n, error.url_invalid),
        Code::UrlTooLong => t_string!(i18n, error.url_too_long),
        Code::PercentEmpty => t_string!(i18n, error.percent_empty),
        Code::PercentInvalid => t_string!(i18n, error.percent_invalid),
        Code::PercentRange => t_string!(i18n, error.percent_range),
        Code::DoneNeeds100 => t_string!(i18n, error.done_needs_100),
        Code::TextEmpty => t_string!(i18n, error.text_empty),
        Code::DateInFuture => t_string!(i18n, error.date_in_future),
        Code::DecisionClosed => t_string!(i18n, error.decision_closed),
        Code::DecisionNotOnBallot => t_string!(i18n, error.decision_not_on_ballot),
        Code::UpdateNotApproved => t_string!(i18n, error.update_not_approved),
        Code::LinkInvalid => t_string!(i18n, error.link_invalid),
        Code::BaselineEmpty => t_string!(i18n, error.baseline_empty),
        Code::BaselineHeader => t_string!(i18n, error.baseline_header),
        Code::BaselineColumns => t_string!(i18n, error.baseline_columns),
        Code::BaselineQuote => t_string!(i18n, error.baseline_quote),
        Code::BaselineAreaUnknown => t_string!(i18n, error.baseline_area_unknown),
        Code::BaselineDimensionUnknown => t_string!(i18n, error.baseline_dimension_unknown),
        Code::BaselineGroupUnknown => t_string!(i18n, error.baseline_group_unknown),
        Code::BaselineAreaScope => t_string!(i18n, error.baseline_area_scope),
        Code::BaselineCountInvalid => t_string!(i18n, error.baseline_count_invalid),
        Code::BaselineDuplicate => t_string!(i18n, error.baseline_duplicate),
        Code::BaselineUnreadable => t_string!(i18n, error.baseline_unreadable),
        Code::AnswersNotParticipant => t_string!(i18n, error.answers_not_participant),
        Code::PlaceEmpty => t_string!(i18n, error.place_empty),
        Code::PinInvalid => t_string!(i18n, error.pin_invalid),
        Code::PinEmpty => t_string!(i18n, error.pin_empty),
        Code::IdDocumentMissing => t_string!(i18n, error.id_document_missing),
        Code::PinWrong => t_string!(i18n, error.pin_wrong),
        Code::KioskEnded => t_string!(i18n, error.kiosk_ended),
        Code::ReachedInvalid => t_string!(i18n, error.reached_invalid),
        Code::NoteTooLong => t_string!(i18n, error.note_too_long),
        Code::OrganisationEmpty => t_string!(i18n, error.organisation_empty),
        Code::OrganisationTooLong => t_string!(i18n, error.organisation_too_long),
        Code::GroupsEmpty => t_string!(i18n, error.groups_empty),
        Code::GroupNotPartner => t_string!(i18n, error.group_not_partner),
        Code::Unknown => t_string!(i18n, error.unknown),
    };
    text.to_string()
}

/// The sentence for one field's error; a problem on one line of a pasted text says which line.
pub fn field_error_text(i18n: I18n, error: &FieldError) -> String {
    let text = error_text(i18n, error.code);
    match error.line {
        Some(line) => {
            t_string!(i18n, error.on_line, line = line.to_string(), text = text).to_string()
        }
        None => text,
    }
}

/// An error code read from a URL (`?image_error=image_type`); one this version does not know
/// is [`Code::Unknown`].
pub fn query_code(code: &str) -> Code {
    code.parse().unwrap_or(Code::Unknown)
}

/// The sentence for an error code read from a URL; an unknown code gets the general sentence.
pub fn query_error_text(i18n: I18n, code: &str) -> String {
    error_text(i18n, query_code(code))
}

/// The sentence for an error that is not tied to one field.
pub fn general_error_text(i18n: I18n, err: &AppError) -> String {
    error_text(i18n, err.code())
}

/// An error shown in place of a page's content; "log in first" comes with a link to log in.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let href = crate::locale::use_href();
    let login = (error == AppError::Unauthorized).then(|| {
        view! { " " <a href=href(&crate::paths::login())>{t!(i18n, error.login_link)}</a> }
    });
    view! {
        <p class="notice notice--error" role="alert">{general_error_text(i18n, &error)}{login}</p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use domain::Code;

    /// Every code has a sentence of its own in both translation files (the match above makes
    /// the Swedish one a compile-time requirement; this also checks the English one, and that
    /// no code borrows the general sentence).
    #[test]
    fn every_code_has_a_sentence_in_swedish_and_english() {
        for file in [
            include_str!("../../locales/sv.json"),
            include_str!("../../locales/en.json"),
        ] {
            let texts: serde_json::Value = serde_json::from_str(file).unwrap();
            let unknown = texts["error"]["unknown"].as_str().unwrap();
            for code in Code::all() {
                let text = texts["error"][code.as_str()].as_str();
                assert!(
                    text.is_some_and(|t| !t.trim().is_empty()),
                    "no sentence for {code}"
                );
                if code != Code::Unknown {
                    assert_ne!(text, Some(unknown), "{code} has only the general sentence");
                }
            }
        }
    }
}
