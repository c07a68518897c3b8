//! Partner associations (föreningar): their start page lists the rounds of their nämnd under
//! way; for each round they see the figures of the groups they work with — nothing more —,
//! record their outreach, and, while voting runs, start a kiosk at their meeting place.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;

use crate::api::participation::{RecordOutreach, load_partner_home};
use crate::components::error_text::ErrorNotice;
use crate::components::figures::{area_namer, figures};
use crate::components::outreach::{outreach_form, outreach_item};
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::participation::{OutreachView, ParticipationView};
use crate::names;
use crate::names::phase_name;

/// `/partner`: the partner's groups and rounds.
#[component]
pub fn PartnerHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let href = use_href();
    let home = Resource::new(
        move || locale.get(),
        |l| load_partner_home(l.as_str().to_owned()),
    );
    view! {
        <Title text=move || t_string!(i18n, partner.title).to_string() />
        <div class="page">
            <h1>{t!(i18n, partner.title)}</h1>
            <Suspense fallback=|| ()>
                {move || home.get().map(|result| match result {
                    Ok(home) => {
                        let l = i18n.get_locale_untracked();
                        let area_name = area_namer(&home.areas);
                        let groups: Vec<String> = home.groups.iter().map(|g| names::group(l, *g, &area_name)).collect();
                        let rounds = home.rounds.into_iter().map(|r| view! {
                            <li>
                                <a href=href(&crate::paths::partner_participation(&r.slug))>{r.title}</a>
                                " · " {phase_name(i18n, r.phase)}
                            </li>
                        }).collect_view();
                        view! {
                            <p class="lead">{t!(i18n, partner.lead, organisation = home.organisation.clone(), groups = groups.join(", "))}</p>
                            <h2>{t!(i18n, partner.rounds)}</h2>
                            <ul>{rounds}</ul>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// What a partner sees of a round: its groups' figures, its outreach, the kiosk start.
pub fn partner_dashboard(
    i18n: I18n,
    v: ParticipationView,
    record: ServerAction<RecordOutreach>,
) -> impl IntoView {
    let href = use_href();
    let Some(partner) = v.partner.clone() else {
        return ().into_any();
    };
    let heading = t_string!(
        i18n,
        partner.round_title,
        organisation = partner.organisation.clone(),
        round = v.title.clone()
    )
    .to_string();
    let kiosk = partner
        .voting
        .then(|| crate::components::kiosk_forms::start_form(i18n, v.slug.clone()));
    let actions = own_outreach(i18n, &v);
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::partner())>{t!(i18n, partner.back)}</a></p>
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, partner.round_lead)}</p>
            {figures(i18n, &v)}
            {outreach_form(i18n, v.slug.clone(), &v.areas, Some(&partner.groups), record)}
            {actions}
            {kiosk}
        </div>
    }
    .into_any()
}

/// The organisation's own outreach actions in the round, newest last.
fn own_outreach(i18n: I18n, v: &ParticipationView) -> impl IntoView + use<> {
    let area_name = area_namer(&v.areas);
    let line = |a: &OutreachView| outreach_item(i18n, a, &area_name, true);
    let items: Vec<_> = v.outreach.iter().map(line).collect();
    view! {
        <section aria-labelledby="own-outreach-heading">
            <h2 id="own-outreach-heading">{t!(i18n, partner.outreach_heading)}</h2>
            {if items.is_empty() {
                view! { <p>{t!(i18n, partner.no_outreach)}</p> }.into_any()
            } else {
                view! { <ul class="plain-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}
