//! The evaluation of participation after a round (issue #7): who took part against the
//! target group, per question and area, women and men apart, small groups suppressed; with the
//! same figures as CSV. Public once voting is over, so it stays in the archive; the round's
//! staff and politicians see it earlier, for the political review.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::participation::load_evaluation;
use crate::components::error_text::ErrorNotice;
use crate::components::figures::figures;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::{I18n, use_href, use_page_locale};
use crate::model::participation::ParticipationView;

/// The evaluation page.
#[component]
pub fn EvaluationPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = use_page_locale();
    let params = use_params_map();
    let report = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), locale.get()),
        |(slug, l)| load_evaluation(slug, l.as_str().to_owned()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || report.get().map(|r| match r {
                Ok(v) => page(i18n, v).into_any(),
                Err(error) => view! { <div class="page"><ErrorNotice error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

fn page(i18n: I18n, v: ParticipationView) -> impl IntoView {
    let href = use_href();
    let heading = t_string!(i18n, evaluation.title, round = v.title.clone()).to_string();
    let figures = figures(i18n, &v);
    view! {
        <Title text=heading.clone() />
        <div class="page">
            <p><a href=href(&crate::paths::round(&v.slug))>{t!(i18n, evaluation.back, round = v.title.clone())}</a></p>
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, evaluation.lead)}</p>
            <p>
                <a href=crate::paths::evaluation_csv(&v.slug).into_string() download="">{t!(i18n, evaluation.csv)}</a>
                " – " {t!(i18n, evaluation.csv_hint)}
            </p>
            {figures}
        </div>
    }
}
