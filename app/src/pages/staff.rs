//! Staff's start page: the rounds of their nämnd with how many proposals wait for review,
//! and the way to create a new round.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::rounds::staff_rounds;
use crate::components::error_text::ErrorNotice;
use crate::i18n::{t, t_string, use_i18n};
use crate::locale::use_href;
use crate::names::phase_name;

/// The staff page.
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let href = use_href();
    let rounds = Resource::new(|| (), |_| staff_rounds());
    view! {
        <Title text=move || t_string!(i18n, staff.title).to_string() />
        <div class="page">
            <h1>{t!(i18n, staff.title)}</h1>
            <Suspense fallback=|| ()>
                {move || rounds.get().map(|result| match result {
                    Ok(rows) => view! {
                        <p><a class="button" href=href(&crate::paths::new_round())>{t!(i18n, staff.new_round)}</a></p>
                        <table class="table">
                            <caption>{t!(i18n, staff.rounds_caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, staff.round)}</th>
                                    <th scope="col">{t!(i18n, staff.namnd)}</th>
                                    <th scope="col">{t!(i18n, staff.phase)}</th>
                                    <th scope="col">{t!(i18n, staff.proposals)}</th>
                                    <th scope="col">{t!(i18n, staff.unreviewed)}</th>
                                    <th scope="col">{t!(i18n, staff.ballots)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td><a href=href(&crate::paths::staff_round(&r.slug))>{r.title}</a></td>
                                        <td>{r.namnd}</td>
                                        <td>{phase_name(i18n, r.phase)}</td>
                                        <td>{r.proposals}</td>
                                        <td>{r.unreviewed}</td>
                                        <td class="ballot-count">{r.ballots}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}
