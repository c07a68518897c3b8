//! Turns stable error codes into sentences in the page's language.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::I18n;

/// The translated sentence for an error code (`error.<code>`); unknown codes get a general one.
/// A code may end in `@<line>` when it is about one line of a text (an imported file): the
/// sentence then says which line.
pub fn error_text(i18n: I18n, code: &str) -> String {
    if let Some((code, line)) = code.split_once('@') {
        let text = error_text(i18n, code);
        return t_string!(i18n, error.on_line, line = line.to_owned(), text = text).to_string();
    }
    let text = match code {
        "unauthorized" => t_string!(i18n, error.unauthorized),
        "forbidden" => t_string!(i18n, error.forbidden),
        "not_found" => t_string!(i18n, error.not_found),
        "rate_limited" => t_string!(i18n, error.rate_limited),
        "internal" => t_string!(i18n, error.internal),
        "email_empty" => t_string!(i18n, error.email_empty),
        "email_invalid" => t_string!(i18n, error.email_invalid),
        "email_too_long" => t_string!(i18n, error.email_too_long),
        "choice_invalid" => t_string!(i18n, error.choice_invalid),
        "title_sv_empty" => t_string!(i18n, error.title_sv_empty),
        "title_sv_too_long" => t_string!(i18n, error.title_sv_too_long),
        "title_en_too_long" => t_string!(i18n, error.title_en_too_long),
        "summary_sv_empty" => t_string!(i18n, error.summary_sv_empty),
        "text_too_long" => t_string!(i18n, error.text_too_long),
        "budget_empty" => t_string!(i18n, error.budget_empty),
        "budget_invalid" => t_string!(i18n, error.budget_invalid),
        "budget_not_positive" => t_string!(i18n, error.budget_not_positive),
        "budget_too_large" => t_string!(i18n, error.budget_too_large),
        "area_budget" => t_string!(i18n, error.area_budget),
        "area_budgets_sum" => t_string!(i18n, error.area_budgets_sum),
        "age_invalid" => t_string!(i18n, error.age_invalid),
        "age_range" => t_string!(i18n, error.age_range),
        "rule_needs_approval" => t_string!(i18n, error.rule_needs_approval),
        "max_choices_required" => t_string!(i18n, error.max_choices_required),
        "max_choices_invalid" => t_string!(i18n, error.max_choices_invalid),
        "points_invalid" => t_string!(i18n, error.points_invalid),
        "criteria_empty" => t_string!(i18n, error.criteria_empty),
        "criteria_too_many" => t_string!(i18n, error.criteria_too_many),
        "criterion_too_long" => t_string!(i18n, error.criterion_too_long),
        "date_invalid" => t_string!(i18n, error.date_invalid),
        "date_order" => t_string!(i18n, error.date_order),
        "title_empty" => t_string!(i18n, error.title_empty),
        "title_too_long" => t_string!(i18n, error.title_too_long),
        "description_empty" => t_string!(i18n, error.description_empty),
        "description_too_long" => t_string!(i18n, error.description_too_long),
        "area_invalid" => t_string!(i18n, error.area_invalid),
        "place_too_long" => t_string!(i18n, error.place_too_long),
        "position_invalid" => t_string!(i18n, error.position_invalid),
        "cost_empty" => t_string!(i18n, error.cost_empty),
        "cost_invalid" => t_string!(i18n, error.cost_invalid),
        "cost_not_positive" => t_string!(i18n, error.cost_not_positive),
        "cost_over_budget" => t_string!(i18n, error.cost_over_budget),
        "reason_required" => t_string!(i18n, error.reason_required),
        "staff_cost_required" => t_string!(i18n, error.staff_cost_required),
        "staff_cost_invalid" => t_string!(i18n, error.staff_cost_invalid),
        "staff_cost_not_positive" => t_string!(i18n, error.staff_cost_not_positive),
        "staff_cost_over_budget" => t_string!(i18n, error.staff_cost_over_budget),
        "criteria_not_met" => t_string!(i18n, error.criteria_not_met),
        "comment_empty" => t_string!(i18n, error.comment_empty),
        "comment_too_long" => t_string!(i18n, error.comment_too_long),
        "comment_closed" => t_string!(i18n, error.comment_closed),
        "phase_not_allowed" => t_string!(i18n, error.phase_not_allowed),
        "phase_ballots_exist" => t_string!(i18n, error.phase_ballots_exist),
        "phase_no_feasible" => t_string!(i18n, error.phase_no_feasible),
        "phase_unreviewed" => t_string!(i18n, error.phase_unreviewed),
        "phase_no_proposals" => t_string!(i18n, error.phase_no_proposals),
        "phase_changed_meanwhile" => t_string!(i18n, error.phase_changed_meanwhile),
        "proposals_closed" => t_string!(i18n, error.proposals_closed),
        "proposal_locked" => t_string!(i18n, error.proposal_locked),
        "support_closed" => t_string!(i18n, error.support_closed),
        "review_closed" => t_string!(i18n, error.review_closed),
        "review_not_submitted" => t_string!(i18n, error.review_not_submitted),
        "merge_target_invalid" => t_string!(i18n, error.merge_target_invalid),
        "image_empty" => t_string!(i18n, error.image_empty),
        "image_too_large" => t_string!(i18n, error.image_too_large),
        "image_type" => t_string!(i18n, error.image_type),
        "photo_description_empty" => t_string!(i18n, error.photo_description_empty),
        "photo_description_too_long" => t_string!(i18n, error.photo_description_too_long),
        "name_empty" => t_string!(i18n, error.name_empty),
        "name_too_long" => t_string!(i18n, error.name_too_long),
        "name_taken" => t_string!(i18n, error.name_taken),
        "population_invalid" => t_string!(i18n, error.population_invalid),
        "namnd_required" => t_string!(i18n, error.namnd_required),
        "voting_closed" => t_string!(i18n, error.voting_closed),
        "not_eligible_in_person" => t_string!(i18n, error.not_eligible_in_person),
        "not_eligible_eid" => t_string!(i18n, error.not_eligible_eid),
        "ballot_empty" => t_string!(i18n, error.ballot_empty),
        "ballot_unknown_project" => t_string!(i18n, error.ballot_unknown_project),
        "ballot_too_many" => t_string!(i18n, error.ballot_too_many),
        "ballot_over_budget" => t_string!(i18n, error.ballot_over_budget),
        "ballot_too_many_points" => t_string!(i18n, error.ballot_too_many_points),
        "ballot_points_per_project" => t_string!(i18n, error.ballot_points_per_project),
        "ballot_points_invalid" => t_string!(i18n, error.ballot_points_invalid),
        "ballot_rank_invalid" => t_string!(i18n, error.ballot_rank_invalid),
        "ballot_invalid" => t_string!(i18n, error.ballot_invalid),
        "result_missing" => t_string!(i18n, error.result_missing),
        "serial_invalid" => t_string!(i18n, error.serial_invalid),
        "paper_entered_twice" => t_string!(i18n, error.paper_entered_twice),
        "profile_needed" => t_string!(i18n, error.profile_needed),
        "not_eligible_too_young" => t_string!(i18n, error.not_eligible_too_young),
        "not_eligible_too_old" => t_string!(i18n, error.not_eligible_too_old),
        "not_eligible_residence" => t_string!(i18n, error.not_eligible_residence),
        "birth_year_invalid" => t_string!(i18n, error.birth_year_invalid),
        "motivation_required" => t_string!(i18n, error.motivation_required),
        "protocol_section_empty" => t_string!(i18n, error.protocol_section_empty),
        "protocol_section_invalid" => t_string!(i18n, error.protocol_section_invalid),
        "protocol_section_too_long" => t_string!(i18n, error.protocol_section_too_long),
        "date_empty" => t_string!(i18n, error.date_empty),
        "url_invalid" => t_string!(i18n, error.url_invalid),
        "url_too_long" => t_string!(i18n, error.url_too_long),
        "percent_empty" => t_string!(i18n, error.percent_empty),
        "percent_invalid" => t_string!(i18n, error.percent_invalid),
        "percent_range" => t_string!(i18n, error.percent_range),
        "done_needs_100" => t_string!(i18n, error.done_needs_100),
        "text_empty" => t_string!(i18n, error.text_empty),
        "date_in_future" => t_string!(i18n, error.date_in_future),
        "decision_closed" => t_string!(i18n, error.decision_closed),
        "decision_not_on_ballot" => t_string!(i18n, error.decision_not_on_ballot),
        "update_not_approved" => t_string!(i18n, error.update_not_approved),
        "link_invalid" => t_string!(i18n, error.link_invalid),
        "baseline_empty" => t_string!(i18n, error.baseline_empty),
        "baseline_header" => t_string!(i18n, error.baseline_header),
        "baseline_columns" => t_string!(i18n, error.baseline_columns),
        "baseline_quote" => t_string!(i18n, error.baseline_quote),
        "baseline_area_unknown" => t_string!(i18n, error.baseline_area_unknown),
        "baseline_dimension_unknown" => t_string!(i18n, error.baseline_dimension_unknown),
        "baseline_group_unknown" => t_string!(i18n, error.baseline_group_unknown),
        "baseline_area_scope" => t_string!(i18n, error.baseline_area_scope),
        "baseline_count_invalid" => t_string!(i18n, error.baseline_count_invalid),
        "baseline_duplicate" => t_string!(i18n, error.baseline_duplicate),
        "baseline_unreadable" => t_string!(i18n, error.baseline_unreadable),
        "answers_not_participant" => t_string!(i18n, error.answers_not_participant),
        "place_empty" => t_string!(i18n, error.place_empty),
        "pin_invalid" => t_string!(i18n, error.pin_invalid),
        "pin_empty" => t_string!(i18n, error.pin_empty),
        "pin_wrong" => t_string!(i18n, error.pin_wrong),
        "kiosk_ended" => t_string!(i18n, error.kiosk_ended),
        "reached_invalid" => t_string!(i18n, error.reached_invalid),
        "note_too_long" => t_string!(i18n, error.note_too_long),
        "organisation_empty" => t_string!(i18n, error.organisation_empty),
        "organisation_too_long" => t_string!(i18n, error.organisation_too_long),
        "groups_empty" => t_string!(i18n, error.groups_empty),
        "group_not_partner" => t_string!(i18n, error.group_not_partner),
        _ => t_string!(i18n, error.unknown),
    };
    text.to_string()
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
        view! { " " <a href=href("/login")>{t!(i18n, error.login_link)}</a> }
    });
    view! {
        <p class="notice notice--error" role="alert">{general_error_text(i18n, &error)}{login}</p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    /// Every code the domain can give a form field has its own arm above and a sentence in
    /// both translation files (an unknown code would fall back to the general sentence).
    #[test]
    fn every_domain_error_code_has_a_sentence_in_both_languages() {
        let source = include_str!("error_text.rs");
        let sv: serde_json::Value =
            serde_json::from_str(include_str!("../../locales/sv.json")).unwrap();
        let en: serde_json::Value =
            serde_json::from_str(include_str!("../../locales/en.json")).unwrap();
        for code in domain::round::CODES {
            let arm = format!("\"{code}\" => t_string!(i18n, error.{code})");
            assert!(source.contains(&arm), "no sentence for {code}");
            assert!(sv["error"][code].is_string(), "{code} missing in sv.json");
            assert!(en["error"][code].is_string(), "{code} missing in en.json");
        }
    }
}
