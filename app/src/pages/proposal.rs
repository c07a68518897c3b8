//! The page of one proposal: what it is, where, what it costs, its status and the staff's
//! reason, its image, supports and comments; the author's and the staff's actions on it.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::participation::AnswerQuestions;
use crate::api::proposals::{
    AddComment, HideComment, SupportProposal, WithdrawProposal, load_proposal,
};
use crate::api::updates::SaveUpdate;
use crate::components::error_text::ErrorNotice;
use crate::components::field::{Control, ErrorSummary, Field, FormResult};
use crate::components::format::sek;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::ProposalStatus;
use crate::model::proposal::{CommentView, ProposalDetail};
use crate::names;
use crate::pages::follow_up::follow_up_section;
use crate::pages::questions::{AskedAt, questions_form};

/// The proposal page.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let support = ServerAction::<SupportProposal>::new();
    let comment = ServerAction::<AddComment>::new();
    let hide = ServerAction::<HideComment>::new();
    let withdraw = ServerAction::<WithdrawProposal>::new();
    let update = ServerAction::<SaveUpdate>::new();
    let answer = ServerAction::<AnswerQuestions>::new();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let detail = Resource::new(
        move || {
            (
                id(),
                locale.get(),
                support.version().get()
                    + comment.version().get()
                    + hide.version().get()
                    + withdraw.version().get()
                    + update.version().get()
                    + answer.version().get(),
            )
        },
        |(id, l, _)| load_proposal(id, l.as_str().to_owned()),
    );
    let actions = Actions {
        support,
        comment,
        hide,
        withdraw,
        update,
        answer,
    };
    view! {
        <Suspense fallback=|| ()>
            {move || detail.get().map(|result| match result {
                Ok(p) => proposal_view(i18n, p, actions).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    support: ServerAction<SupportProposal>,
    comment: ServerAction<AddComment>,
    hide: ServerAction<HideComment>,
    withdraw: ServerAction<WithdrawProposal>,
    update: ServerAction<SaveUpdate>,
    answer: ServerAction<AnswerQuestions>,
}

fn proposal_view(i18n: I18n, p: ProposalDetail, actions: Actions) -> impl IntoView {
    let href = use_href();
    let follow_up = follow_up_section(i18n, p.id, p.follow_up.clone(), actions.update);
    view! {
        <Title text=p.title.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::proposals(&p.round_slug))>{t!(i18n, proposal.back, round = p.round_title.clone())}</a></p>
            {flash(i18n)}
            <h1>{p.title.clone()}</h1>
            <p class="meta">
                <span class="badge" class:badge--negative=p.status == ProposalStatus::NotFeasible>{names::status(i18n, p.status)}</span>
            </p>
            {questions(i18n, &p, actions.answer)}
            {merged_into(i18n, &p)}
            {p.reason.clone().map(|r| view! {
                <div class="reason-box">
                    <h2>{t!(i18n, proposal.reason_heading)}</h2>
                    <p>{r}</p>
                </div>
            })}
            {image(i18n, &p)}
            <p class="description">{p.description.clone()}</p>
            {facts(i18n, &p)}
            {follow_up}
            {merged_from(i18n, &p)}
            {author_actions(i18n, &p, actions.withdraw)}
            {staff_actions(i18n, &p)}
            {support_block(i18n, &p, actions.support)}
            {comments_section(i18n, &p, actions)}
        </div>
    }
}

/// The confirmation after submitting, withdrawing, supporting, merging, an update or answers.
fn flash(i18n: I18n) -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = if q.get("submitted").is_some() {
            t_string!(i18n, proposal.flash_submitted)
        } else if q.get("withdrawn").is_some() {
            t_string!(i18n, proposal.flash_withdrawn)
        } else if q.get("supported").is_some() {
            t_string!(i18n, proposal.flash_supported)
        } else if q.get("merged").is_some() {
            t_string!(i18n, proposal.flash_merged)
        } else if q.get("updated").is_some() {
            t_string!(i18n, follow_up.flash_updated)
        } else if q.get("answered").is_some() {
            t_string!(i18n, participation.answers_thanks)
        } else {
            return None;
        };
        Some(view! { <p class="notice notice--success" role="status">{text}</p> })
    }
}

/// Right after submitting, the author is asked the voluntary questions (once per round).
fn questions(
    i18n: I18n,
    p: &ProposalDetail,
    answer: ServerAction<AnswerQuestions>,
) -> Option<AnyView> {
    let query = use_query_map();
    p.questions
        .clone()
        .filter(|_| query.read_untracked().get("submitted").is_some())
        .map(|areas| {
            questions_form(
                i18n,
                p.round_slug.clone(),
                areas,
                answer,
                AskedAt::Proposal(p.id),
            )
            .into_any()
        })
}

/// Where a merged proposal went.
fn merged_into(i18n: I18n, p: &ProposalDetail) -> Option<impl IntoView + use<>> {
    let href = use_href();
    let slug = p.round_slug.clone();
    p.merged_into.map(|target| view! {
        <p class="notice">
            {t!(i18n, proposal.merged_into)} " "
            <a href=href(&crate::paths::proposal(&slug, target))>{t!(i18n, proposal.merged_into_link)}</a>
        </p>
    })
}

/// The proposals merged into this one.
fn merged_from(i18n: I18n, p: &ProposalDetail) -> Option<impl IntoView + use<>> {
    let href = use_href();
    (!p.merged_from.is_empty()).then(|| {
        let items = p
            .merged_from
            .iter()
            .map(|(id, title)| view! { <li><a href=href(&crate::paths::proposal(&p.round_slug, *id))>{title.clone()}</a></li> })
            .collect_view();
        view! { <h2>{t!(i18n, proposal.merged_from)}</h2> <ul>{items}</ul> }
    })
}

fn image(i18n: I18n, p: &ProposalDetail) -> Option<impl IntoView + use<>> {
    p.has_image.then(|| view! {
        <img class="proposal-image" src=crate::paths::proposal_image(p.id).into_string() alt=t_string!(i18n, proposal.image_alt, title = p.title.clone()).to_string() />
    })
}

/// What it costs (the staff's estimate when there is one), the area, the place and position.
fn facts(i18n: I18n, p: &ProposalDetail) -> impl IntoView + use<> {
    let l = use_page_locale().get_untracked();
    let cost_line = match p.staff_cost {
        Some(staff) => t_string!(i18n, proposal.staff_cost, amount = sek(l, staff)).to_string(),
        None => t_string!(i18n, proposal.cost, amount = sek(l, p.cost)).to_string(),
    };
    let position = p.position.map(|(lat, lon)| format!("{lat:.5}, {lon:.5}"));
    view! {
        <dl class="facts">
            <dt>{t!(i18n, proposal.cost_heading)}</dt>
            <dd>{cost_line}</dd>
            {p.area.clone().map(|a| view! { <dt>{t!(i18n, proposal.area)}</dt><dd>{a}</dd> })}
            {p.place.clone().map(|place| view! { <dt>{t!(i18n, proposal.place)}</dt><dd>{place}</dd> })}
            {position.map(|pos| view! { <dt>{t!(i18n, proposal.position)}</dt><dd>{pos}</dd> })}
        </dl>
    }
}

/// The author's edit link and withdraw button, while the round takes proposals.
fn author_actions(
    i18n: I18n,
    p: &ProposalDetail,
    withdraw: ServerAction<WithdrawProposal>,
) -> Option<impl IntoView + use<>> {
    let href = use_href();
    let locale = use_page_locale();
    let withdraw_result: FormResult = Signal::derive(move || withdraw.value().get());
    let (slug, id) = (p.round_slug.clone(), p.id);
    (p.viewer_is_author && p.round_open_for_proposals && p.status.is_editable()).then(|| view! {
        <section class="panel" aria-labelledby="author-heading">
            <h2 id="author-heading">{t!(i18n, proposal.your_proposal)}</h2>
            <ErrorSummary result=withdraw_result />
            <p><a class="button button--secondary" href=href(&crate::paths::edit_proposal(&slug, id))>{t!(i18n, proposal.edit)}</a></p>
            <ActionForm action=withdraw attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <button type="submit" class="button button--danger">{t!(i18n, proposal.withdraw)}</button>
            </ActionForm>
        </section>
    })
}

/// The staff's link to the review.
fn staff_actions(i18n: I18n, p: &ProposalDetail) -> Option<impl IntoView + use<>> {
    let href = use_href();
    p.viewer_manages.then(|| view! {
        <p><a class="button button--secondary" href=href(&crate::paths::review(p.id))>{t!(i18n, proposal.review)}</a></p>
    })
}

/// How many support the proposal, and the button (or the login link) to support it.
fn support_block(
    i18n: I18n,
    p: &ProposalDetail,
    support: ServerAction<SupportProposal>,
) -> Option<impl IntoView + use<>> {
    let support_result: FormResult = Signal::derive(move || support.value().get());
    let can_support = p.status.is_public() && p.status != ProposalStatus::Merged;
    can_support.then(|| {
        view! {
            <section aria-labelledby="support-heading">
                <h2 id="support-heading">{t!(i18n, proposal.support_heading)}</h2>
                <p>{t!(i18n, proposals.supports, count = p.supports)}</p>
                <ErrorSummary result=support_result />
                {support_control(i18n, p, support)}
            </section>
        }
    })
}

/// "You support this", the support button, or the way to log in.
fn support_control(
    i18n: I18n,
    p: &ProposalDetail,
    support: ServerAction<SupportProposal>,
) -> AnyView {
    let href = use_href();
    let locale = use_page_locale();
    let id = p.id;
    match (p.viewer_signed_in, p.supported_by_viewer) {
        (true, true) => view! { <p>{t!(i18n, proposal.you_support)}</p> }.into_any(),
        (true, false) => view! {
            <ActionForm action=support attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="locale" value=move || locale.get().as_str() />
                <button type="submit" class="button">{t!(i18n, proposal.support)}</button>
            </ActionForm>
        }
        .into_any(),
        (false, _) => view! {
            <p><a href=href(&crate::paths::login())>{t!(i18n, proposal.login_to_take_part)}</a></p>
        }
        .into_any(),
    }
}

/// The comments, the staff's hide forms and the form to add one.
fn comments_section(i18n: I18n, p: &ProposalDetail, actions: Actions) -> impl IntoView + use<> {
    let hide_result: FormResult = Signal::derive(move || actions.hide.value().get());
    let comments = p
        .comments
        .iter()
        .cloned()
        .map(|c| comment_view(i18n, c, p.viewer_manages, actions.hide))
        .collect_view();
    view! {
        <section id="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t!(i18n, proposal.comments)}</h2>
            {if p.comments.is_empty() {
                Some(view! { <p>{t!(i18n, proposal.no_comments)}</p> })
            } else {
                None
            }}
            <ErrorSummary result=hide_result />
            <ul class="comments">{comments}</ul>
            {comment_form(i18n, p, actions.comment)}
        </section>
    }
}

/// The form to add a comment, for a signed-in visitor on a public proposal.
fn comment_form(
    i18n: I18n,
    p: &ProposalDetail,
    comment: ServerAction<AddComment>,
) -> Option<impl IntoView + use<>> {
    let locale = use_page_locale();
    let comment_result: FormResult = Signal::derive(move || comment.value().get());
    let id = p.id;
    (p.viewer_signed_in && p.status.is_public()).then(|| view! {
        <ErrorSummary result=comment_result />
        <ActionForm action=comment attr:class="form" attr:novalidate="">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="locale" value=move || locale.get().as_str() />
            <Field result=comment_result name="body" label=t_string!(i18n, proposal.comment_label).to_string()
                control=Control::Text(4) required=true />
            <button type="submit" class="button">{t!(i18n, proposal.comment_submit)}</button>
        </ActionForm>
    })
}

fn comment_view(
    i18n: I18n,
    c: CommentView,
    manages: bool,
    hide: ServerAction<HideComment>,
) -> impl IntoView {
    let locale = use_page_locale();
    let hidden = c.hidden_reason.is_some();
    let hide_form = (manages && !hidden).then(|| {
        let field = format!("reason-{}", c.id);
        view! {
            <details>
                <summary>{t!(i18n, proposal.hide)}</summary>
                <ActionForm action=hide attr:class="form" attr:novalidate="">
                    <input type="hidden" name="comment_id" value=c.id />
                    <input type="hidden" name="locale" value=move || locale.get().as_str() />
                    <div class="field">
                        <label for=field.clone()>{t!(i18n, proposal.hide_reason)}</label>
                        <input id=field name="reason" type="text" required />
                    </div>
                    <button type="submit" class="button button--danger">{t!(i18n, proposal.hide_submit)}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <li class="comment" class:comment--hidden=hidden>
            <p class="meta">{t!(i18n, proposal.comment_by_resident)} " · " {c.created_at.clone()}</p>
            {c.hidden_reason.clone().map(|r| view! { <p class="notice">{t!(i18n, proposal.comment_hidden, reason = r)}</p> })}
            {c.body.clone().map(|b| view! { <p>{b}</p> })}
            {hide_form}
        </li>
    }
}
