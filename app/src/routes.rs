//! The route table. Every page exists three times: under `/` in Swedish, under `/en` in English
//! and under `/ar` in Arabic (right to left); the pages themselves are written once.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::{Html, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{MatchNestedRoutes, SsrMode, StaticSegment, path};

use crate::components::layout::Layout;
use crate::i18n::{I18nContextProvider, t_string, use_i18n};
use crate::locale::use_page_locale;
use crate::pages::{
    account, accessibility, admin_accounts, decision, dev_mail, display, easy_read, evaluation, home, kiosk,
    eid, login, mail_links, not_found, participation, partner, politics, projects, proposal,
    proposal_form, proposals, results, review, round, round_form, staff, staff_ballots, staff_mail,
    vote,
};

/// The application root: meta context, language, router, layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::form_flash::provide_form_flash();
    view! {
        <Stylesheet id="leptos" href="/pkg/medborgarbudget.css" />
        <I18nContextProvider enable_cookie=false set_lang_attr_on_html=false set_dir_attr_on_html=false>
            <Router>
                <LocaleFromPath />
                <Layout>
                    <Routes fallback=not_found::NotFound>
                        <ParentRoute path=StaticSegment("en") view=leptos_router::components::Outlet>
                            <PageRoutes />
                        </ParentRoute>
                        <ParentRoute path=StaticSegment("ar") view=leptos_router::components::Outlet>
                            <PageRoutes />
                        </ParentRoute>
                        <ParentRoute path=StaticSegment("") view=leptos_router::components::Outlet>
                            <PageRoutes />
                        </ParentRoute>
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// Keeps the translation locale and `<html lang dir>` equal to the language of the URL, and
/// puts the chosen display mode on `<html>`.
#[component]
fn LocaleFromPath() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    // Set before anything below renders, on the server as in the browser.
    i18n.set_locale(locale.get_untracked());
    Effect::new(move |_| i18n.set_locale(locale.get()));
    let title = move || t_string!(i18n, site.name).to_string();
    let display = crate::display::DisplayMode::current();
    view! {
        <Html {..} lang=move || locale.get().as_str() dir=move || locale.get().direction().as_str()
            data-contrast=display.contrast() data-text=display.text() />
        <Title formatter=move |page: String| {
            if page.is_empty() { title() } else { format!("{page} – {}", title()) }
        } />
    }
}

/// The pages, shared by both locales.
#[component(transparent)]
fn PageRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=StaticSegment("") view=home::HomePage ssr=SsrMode::Async />
        <Route path=path!("account") view=account::AccountPage ssr=SsrMode::Async />
        <Route path=path!("login") view=login::LoginPage ssr=SsrMode::Async />
        <Route path=path!("login/sent") view=login::LoginSentPage ssr=SsrMode::Async />
        <Route path=path!("login/verify") view=login::LoginVerifyPage ssr=SsrMode::Async />
        <Route path=path!("login/eid") view=eid::EidResultPage ssr=SsrMode::Async />
        <Route path=path!("accessibility") view=accessibility::AccessibilityPage ssr=SsrMode::Async />
        <Route path=path!("display") view=display::DisplayPage ssr=SsrMode::Async />
        <Route path=path!("easy-read") view=easy_read::EasyReadPage ssr=SsrMode::Async />
        <Route path=path!("kiosk") view=kiosk::KioskPage ssr=SsrMode::Async />
        <Route path=path!("kiosk/questions") view=kiosk::KioskQuestionsPage ssr=SsrMode::Async />
        <Route path=path!("admin/accounts") view=admin_accounts::AdminAccountsPage ssr=SsrMode::Async />
        <Route path=path!("dev/mail") view=dev_mail::DevMailPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug") view=round::RoundPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/proposals") view=proposals::ProposalListPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/propose") view=proposal_form::NewProposalPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/proposals/:id") view=proposal::ProposalPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/proposals/:id/edit") view=proposal_form::EditProposalPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/vote") view=vote::VotePage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/results") view=results::ResultsPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/participation") view=evaluation::EvaluationPage ssr=SsrMode::Async />
        <Route path=path!("rounds/:slug/vote/receipt") view=vote::ReceiptPage ssr=SsrMode::Async />
        <Route path=path!("staff") view=staff::StaffPage ssr=SsrMode::Async />
        <Route path=path!("staff/new-round") view=round_form::NewRoundPage ssr=SsrMode::Async />
        <Route path=path!("staff/rounds/:slug") view=round_form::EditRoundPage ssr=SsrMode::Async />
        <Route path=path!("staff/rounds/:slug/ballots") view=staff_ballots::StaffBallotsPage ssr=SsrMode::Async />
        <Route path=path!("staff/rounds/:slug/mail") view=staff_mail::StaffMailPage ssr=SsrMode::Async />
        <Route path=path!("staff/rounds/:slug/participation") view=participation::ParticipationPage ssr=SsrMode::Async />
        <Route path=path!("partner") view=partner::PartnerHomePage ssr=SsrMode::Async />
        <Route path=path!("partner/rounds/:slug/participation") view=participation::ParticipationPage ssr=SsrMode::Async />
        <Route path=path!("staff/proposals/:id/review") view=review::ReviewPage ssr=SsrMode::Async />
        <Route path=path!("unsubscribe") view=mail_links::UnsubscribePage ssr=SsrMode::Async />
        <Route path=path!("subscribe/confirm") view=mail_links::ConfirmPage ssr=SsrMode::Async />
        <Route path=path!("projects") view=projects::ProjectsPage ssr=SsrMode::Async />
        <Route path=path!("politics/rounds/:slug") view=politics::PoliticalReviewPage ssr=SsrMode::Async />
        <Route path=path!("politics/proposals/:id/decision") view=decision::DecisionPage ssr=SsrMode::Async />
    }
    .into_inner()
}
