//! [`Code`]: every reason the platform can give a person for refusing what they asked, as one
//! enum. The domain's form parsers and the app's services return codes, never sentences; the
//! app turns each into a sentence in the reader's language with an exhaustive match, so a new
//! code without a translation does not compile, and a test checks both translation files.
//!
//! On the wire (JSON, redirect URLs, `data-code` attributes) a code is its snake_case name,
//! e.g. `Code::TitleEmpty` is `title_empty`.

use serde::{Deserialize, Serialize};

/// A stable reason for refusing a request or a form field. Each variant's documentation is its
/// English sentence as first written; the translation files (`app/locales/*.json`,
/// `error.<code>`) are what people read.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Code {
    /// You need to log in to do this.
    Unauthorized,
    /// You are not allowed to do this.
    Forbidden,
    /// The page does not exist.
    NotFound,
    /// You have asked for too many login links. Wait a while and try again.
    RateLimited,
    /// Something went wrong on our side. Please try again in a while.
    Internal,
    /// Type your email address.
    EmailEmpty,
    /// The email address does not look right. It should look like name@example.com.
    EmailInvalid,
    /// The email address is too long.
    EmailTooLong,
    /// Choose one of the options.
    ChoiceInvalid,
    /// Write a title in Swedish.
    TitleSvEmpty,
    /// The title can be at most 120 characters.
    TitleSvTooLong,
    /// The title can be at most 120 characters.
    TitleEnTooLong,
    /// Write a summary in Swedish.
    SummarySvEmpty,
    /// The text is too long.
    TextTooLong,
    /// Write the budget in kronor.
    BudgetEmpty,
    /// The budget must be whole kronor, for example 500 000.
    BudgetInvalid,
    /// The budget must be more than zero.
    BudgetNotPositive,
    /// The budget is unreasonably large.
    BudgetTooLarge,
    /// The area's amount must be whole kronor.
    AreaBudget,
    /// The amounts per area must add up to the total budget.
    AreaBudgetsSum,
    /// The age must be a whole number from 0 to 120.
    AgeInvalid,
    /// The minimum age cannot be higher than the maximum.
    AgeRange,
    /// Phragmén's method only works with the approval ballot.
    RuleNeedsApproval,
    /// Write how many proposals one may choose.
    MaxChoicesRequired,
    /// The number of choices must be a whole number from 1 to 50.
    MaxChoicesInvalid,
    /// Points must be whole numbers: 1–1000 in total, and no more than that per proposal.
    PointsInvalid,
    /// Write at least one criterion.
    CriteriaEmpty,
    /// At most 12 criteria.
    CriteriaTooMany,
    /// A criterion can be at most 200 characters.
    CriterionTooLong,
    /// Write the date as YYYY-MM-DD.
    DateInvalid,
    /// The date must come after the previous phase's date.
    DateOrder,
    /// Write a title.
    TitleEmpty,
    /// The title can be at most 120 characters.
    TitleTooLong,
    /// Describe the proposal.
    DescriptionEmpty,
    /// The description can be at most 5,000 characters. Please shorten it.
    DescriptionTooLong,
    /// Choose an area from the list.
    AreaInvalid,
    /// The place can be at most 200 characters.
    PlaceTooLong,
    /// Coordinates must be a latitude (−90 to 90) and a longitude (−180 to 180), both or neither.
    PositionInvalid,
    /// Write roughly what the proposal costs.
    CostEmpty,
    /// The cost must be whole kronor, for example 25 000.
    CostInvalid,
    /// The cost must be more than zero.
    CostNotPositive,
    /// The cost is more than the whole round's budget.
    CostOverBudget,
    /// Write a reason.
    ReasonRequired,
    /// Write the municipality's cost estimate.
    StaffCostRequired,
    /// The cost must be whole kronor.
    StaffCostInvalid,
    /// The cost must be more than zero.
    StaffCostNotPositive,
    /// The cost is more than the whole round's budget.
    StaffCostOverBudget,
    /// A feasible proposal must meet every criterion. Tick them or choose Not feasible.
    CriteriaNotMet,
    /// Write a comment.
    CommentEmpty,
    /// The comment can be at most 2,000 characters.
    CommentTooLong,
    /// This proposal cannot be commented on.
    CommentClosed,
    /// The round cannot go straight to that phase.
    PhaseNotAllowed,
    /// Ballots exist, so the round cannot go back.
    PhaseBallotsExist,
    /// Voting cannot start: no proposal has been found feasible.
    PhaseNoFeasible,
    /// Voting cannot start: not every proposal has been reviewed.
    PhaseUnreviewed,
    /// Review cannot start: no proposals have been submitted.
    PhaseNoProposals,
    /// Someone else changed the phase at the same time. Reload the page.
    PhaseChangedMeanwhile,
    /// The time for proposals has ended in this round.
    ProposalsClosed,
    /// The proposal can no longer be changed.
    ProposalLocked,
    /// Voting has opened: who may vote can no longer be changed.
    EligibilityLocked,
    /// Voting has opened: the end of voting can only be moved later.
    VotingEndOnlyLater,
    /// This person has already voted. A vote cast here would replace it: they can change their
    /// own vote by logging in with their email address.
    AlreadyVotedElsewhere,
    /// The ballots per channel do not match the voter register: find out why before publishing.
    BallotsRegisterMismatch,
    /// This proposal cannot be supported.
    SupportClosed,
    /// Proposals in this round can no longer be reviewed.
    ReviewClosed,
    /// Only submitted proposals can be reviewed.
    ReviewNotSubmitted,
    /// Choose another proposal in the same round.
    MergeTargetInvalid,
    /// Choose an image file.
    ImageEmpty,
    /// The image is larger than 5 MB. Choose a smaller one.
    ImageTooLarge,
    /// The file is not a JPEG, PNG or WebP image.
    ImageType,
    /// The image has too many pixels (at most 10,000 on a side). Choose a smaller one.
    ImageDimensions,
    /// Write what the photo shows, so that those who cannot see it learn it too.
    PhotoDescriptionEmpty,
    /// The description may be at most 300 characters.
    PhotoDescriptionTooLong,
    /// Write a name.
    NameEmpty,
    /// The name can be at most 100 characters.
    NameTooLong,
    /// That name already exists.
    NameTaken,
    /// The population must be a whole number.
    PopulationInvalid,
    /// Staff and politicians need a committee.
    NamndRequired,
    /// Voting is not open.
    VotingClosed,
    /// In this round you vote after staff have checked who you are, for example at the library.
    NotEligibleInPerson,
    /// In this round you vote with an electronic ID.
    NotEligibleEid,
    /// Choose at least one proposal.
    BallotEmpty,
    /// One of the proposals is not on the ballot.
    BallotUnknownProject,
    /// You have chosen more proposals than allowed.
    BallotTooMany,
    /// The proposals you chose cost more than the budget. Remove one.
    BallotOverBudget,
    /// You have given more points than you have.
    BallotTooManyPoints,
    /// You have given one proposal more points than allowed.
    BallotPointsPerProject,
    /// Points must be whole numbers.
    BallotPointsInvalid,
    /// Ranks must be different whole numbers from 1 up.
    BallotRankInvalid,
    /// The ballot is not filled in correctly.
    BallotInvalid,
    /// There is no counted result yet: voting must have closed.
    ResultMissing,
    /// Write the ballot's number (at most 40 characters).
    SerialInvalid,
    /// You have already entered this ballot. Another person must make the second entry.
    PaperEnteredTwice,
    /// First register the numbers printed on the paper ballots.
    PaperRangeMissing,
    /// The first and last number must have the same letters, the first not above the last.
    PaperRangeInvalid,
    /// The printed numbers cannot change once paper ballots have been entered.
    PaperRangeLocked,
    /// The number is not among the printed ballots.
    SerialOutOfRange,
    /// Write how many were checked off as a whole number, 0 or more.
    CheckedOffInvalid,
    /// Answer the questions above before you vote.
    ProfileNeeded,
    /// This round is for people older than you.
    NotEligibleTooYoung,
    /// This round is for people younger than you.
    NotEligibleTooOld,
    /// This round is for people who live (or work) in the municipality.
    NotEligibleResidence,
    /// Write your year of birth with four digits, for example 1985.
    BirthYearInvalid,
    /// Write a motivation. It is required when the decision differs from the residents' result…
    MotivationRequired,
    /// Write the minute item, for example § 45.
    ProtocolSectionEmpty,
    /// Write the item as a number, for example § 45, 45 or § 45a.
    ProtocolSectionInvalid,
    /// The item may be at most 40 characters.
    ProtocolSectionTooLong,
    /// Fill in a date.
    DateEmpty,
    /// Write a whole web address starting with https:// or http://.
    UrlInvalid,
    /// The address may be at most 500 characters.
    UrlTooLong,
    /// Fill in how many percent is done.
    PercentEmpty,
    /// Write a whole number from 0 to 100.
    PercentInvalid,
    /// The percentage must be from 0 to 100.
    PercentRange,
    /// A finished project must be 100 percent done.
    #[serde(rename = "done_needs_100")]
    #[strum(serialize = "done_needs_100")]
    DoneNeeds100,
    /// Write a text.
    TextEmpty,
    /// The date may not be in the future.
    DateInFuture,
    /// Decisions can only be recorded while the round is in the phase Deliberation or Decided.
    DecisionClosed,
    /// Decisions are recorded only for proposals that were on the ballot.
    DecisionNotOnBallot,
    /// Updates can only be posted on proposals the politicians approved, from the phase Decided.
    UpdateNotApproved,
    /// The link is not valid. Nothing has been changed.
    LinkInvalid,
    /// The file is empty or has no rows with counts.
    BaselineEmpty,
    /// The first line must be the headings area;dimension;group;count.
    BaselineHeader,
    /// The line must have four fields: area, question, group and count.
    BaselineColumns,
    /// The line has a quote that is not closed or stands inside a field.
    BaselineQuote,
    /// The area does not exist. Write all or one of the round's areas.
    BaselineAreaUnknown,
    /// The question does not exist. Write for example gender, age or born.
    BaselineDimensionUnknown,
    /// The group does not exist for that question.
    BaselineGroupUnknown,
    /// Counts per area are given only on lines for the whole municipality (all).
    BaselineAreaScope,
    /// The count must be a whole number, zero or more.
    BaselineCountInvalid,
    /// The same area, question and group is already on an earlier line.
    BaselineDuplicate,
    /// The stored population baseline can no longer be read (an area may have been renamed). I…
    BaselineUnreadable,
    /// The questions are for those who have voted or made a proposal in the round.
    AnswersNotParticipant,
    /// Write the place, for example the City Library.
    PlaceEmpty,
    /// The PIN must be 4–8 digits.
    PinInvalid,
    /// Type the kiosk's PIN.
    PinEmpty,
    /// Choose which identity document you checked.
    IdDocumentMissing,
    /// Write the personal identity number with 12 digits (YYYYMMDD-NNNN) or 10 (YYMMDD-NNNN).
    IdentityNumberFormat,
    /// The date in the personal identity number does not exist.
    IdentityNumberDate,
    /// The last digit of the personal identity number does not match the others: check for a typo.
    IdentityNumberCheckDigit,
    /// This account is verified with eID as another person: check the number or the address.
    IdentityNumberMismatch,
    /// This person is not on the round's electoral roll.
    NotOnRoll,
    /// Residence is checked against the electoral roll: sign in with eID, or vote in person with
    /// a personal identity number.
    RollNeedsIdentity,
    /// The file holds no personal identity numbers.
    RollEmpty,
    /// Some lines are not personal identity numbers; nothing was imported. The lines are listed below.
    RollBadLines,
    /// The file is larger than 16 MB: leave out the columns other than the number.
    RollTooLarge,
    /// The electoral roll cannot be changed once voting has closed.
    RollLocked,
    /// Wrong PIN. After five wrong ones the kiosk ends.
    PinWrong,
    /// The kiosk has ended. Start it again from the page where ballots are entered.
    KioskEnded,
    /// Write the number as a whole number, for example 25.
    ReachedInvalid,
    /// The text may be at most 1,000 characters.
    NoteTooLong,
    /// Write the association's name.
    OrganisationEmpty,
    /// The name can be at most 100 characters.
    OrganisationTooLong,
    /// Tick at least one group the association works with.
    GroupsEmpty,
    /// Choose one of the association's groups, or everyone.
    GroupNotPartner,
    /// Tick the box to confirm that the account is to be erased.
    EraseNotConfirmed,
    /// Accounts with a role (staff, politicians, partners, administrators) are erased by an
    /// administrator, who first makes them a resident.
    EraseRole,
    /// The account cannot be erased while a vote you took part in is still open.
    EraseWhileVoting,
    /// Something went wrong. Check what you entered and try again.
    Unknown,
}

impl Code {
    /// The code's stable snake_case name (`title_empty`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Every code, in declaration order.
    pub fn all() -> impl Iterator<Item = Code> {
        <Code as strum::IntoEnumIterator>::iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_its_snake_case_name_in_json_text_and_parsing() {
        assert_eq!(Code::TitleEmpty.as_str(), "title_empty");
        assert_eq!(Code::TitleEmpty.to_string(), "title_empty");
        assert_eq!(
            serde_json::to_string(&Code::TitleSvEmpty).unwrap(),
            "\"title_sv_empty\""
        );
        assert_eq!("not_eligible_eid".parse::<Code>(), Ok(Code::NotEligibleEid));
        assert!("nope".parse::<Code>().is_err());
    }

    #[test]
    fn every_code_reads_back_from_its_name_and_names_are_unique() {
        let mut names: Vec<&str> = Code::all().map(Code::as_str).collect();
        for code in Code::all() {
            assert_eq!(code.as_str().parse::<Code>(), Ok(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
