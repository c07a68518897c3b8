//! A round's participation against its population, as a table per question: the staff
//! dashboard, a partner's page and the public evaluation show the same figures.

use crate::i18n::{t, t_string};
use crate::locale::I18n;
use crate::model::participation::ParticipationView;
use crate::names;
use domain::participation::{Dimension, Figure, GroupFigure, Scope, Slice};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{:.1} %", v * 100.0))
}

fn interval(value: Option<(f64, f64)>, scale: f64, unit: &str) -> String {
    value.map_or_else(String::new, |(low, high)| {
        format!(" ({:.1}–{:.1}{unit})", low * scale, high * scale)
    })
}

fn count_text(i18n: I18n, g: Option<&GroupFigure>) -> String {
    match g {
        Some(g) if !g.suppressed => g.count.map(|c| c.to_string()).unwrap_or_default(),
        Some(_) => t_string!(i18n, participation.suppressed).to_string(),
        None => "–".to_owned(),
    }
}

fn figure_table(
    i18n: I18n,
    all: &Figure,
    women: Option<&Figure>,
    men: Option<&Figure>,
    area_name: &dyn Fn(i64) -> String,
) -> impl IntoView + use<> {
    let l = i18n.get_locale_untracked();
    let question = names::dimension(l, all.dimension);
    // The caption names the area too, so a table read on its own says whose figures it holds.
    let caption = match all.scope {
        Scope::All => t_string!(i18n, participation.caption, question = question).to_string(),
        Scope::Area(id) => t_string!(
            i18n,
            participation.caption_area,
            question = question,
            area = area_name(id)
        )
        .to_string(),
    };
    let rows = all
        .groups
        .iter()
        .map(|g| figure_row(i18n, g, women, men, area_name))
        .collect_view();
    view! {
        <table class="table">
            <caption>{caption}</caption>
            {figure_head(i18n)}
            <tbody>{rows}</tbody>
        </table>
    }
}

fn figure_head(i18n: I18n) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{t!(i18n, participation.group)}</th>
                <th scope="col">{t!(i18n, participation.count)}</th>
                <th scope="col">{t!(i18n, participation.share)}</th>
                <th scope="col">{t!(i18n, participation.population)}</th>
                <th scope="col">{t!(i18n, participation.ratio)}</th>
                <th scope="col">{t!(i18n, participation.flag)}</th>
                <th scope="col">{t!(i18n, participation.women)}</th>
                <th scope="col">{t!(i18n, participation.men)}</th>
            </tr>
        </thead>
    }
}

/// One group: its count, share (with its interval), share of the population, ratio, flag,
/// and the counts among women and men.
fn figure_row(
    i18n: I18n,
    g: &GroupFigure,
    women: Option<&Figure>,
    men: Option<&Figure>,
    area_name: &dyn Fn(i64) -> String,
) -> impl IntoView + use<> {
    let l = i18n.get_locale_untracked();
    let in_slice = |f: Option<&Figure>| {
        f.and_then(|f| f.groups.iter().find(|x| x.group == g.group))
            .cloned()
    };
    let (w, m) = (in_slice(women), in_slice(men));
    let share = if g.suppressed {
        t_string!(i18n, participation.suppressed).to_string()
    } else {
        format!(
            "{}{}",
            percent(g.share),
            interval(g.share_interval, 100.0, " %")
        )
    };
    let ratio = g
        .ratio
        .map(|r| format!("{r:.2}{}", interval(g.ratio_interval, 1.0, "")))
        .unwrap_or_else(|| "–".to_owned());
    let flag = if g.under_represented {
        view! { <strong class="flag">{t!(i18n, participation.under)}</strong> }.into_any()
    } else {
        view! { {t!(i18n, participation.ok)} }.into_any()
    };
    view! {
        <tr class:row--flagged=g.under_represented>
            <th scope="row">{names::group(l, g.group, area_name)}</th>
            <td>{count_text(i18n, Some(g))}</td>
            <td>{share}</td>
            <td>{percent(g.population_share)}</td>
            <td>{ratio}</td>
            <td>{flag}</td>
            <td>{count_text(i18n, w.as_ref())}</td>
            <td>{count_text(i18n, m.as_ref())}</td>
        </tr>
    }
}

/// The name of an area by id, from the view's (id, name) list.
pub fn area_namer(areas: &[(i64, String)]) -> impl Fn(i64) -> String + Clone + 'static {
    let areas = areas.to_vec();
    move |id| {
        areas
            .iter()
            .find(|(a, _)| *a == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

/// The scope chosen with `?area=<id>` (one of the round's areas), else the whole municipality.
pub fn chosen_scope(v: &ParticipationView) -> Scope {
    let query = use_query_map();
    let chosen = query
        .read_untracked()
        .get("area")
        .and_then(|a| a.parse::<i64>().ok());
    match chosen {
        Some(id) if v.areas.iter().any(|(a, _)| *a == id) => Scope::Area(id),
        _ => Scope::All,
    }
}

/// The figures of one scope: how many took part, the flagged groups, a table per question
/// with women and men apart, and a plain GET form to choose the area.
pub fn figures(i18n: I18n, v: &ParticipationView) -> impl IntoView + use<> {
    let scope = chosen_scope(v);
    let area_name = area_namer(&v.areas);
    let stats = &v.stats;
    // A partner sees its groups' figures, not how many took part.
    let participants = v.partner.is_none().then(|| match stats.participants {
        Some(n) => t_string!(i18n, participation.participants, count = n).to_string(),
        None => t_string!(i18n, participation.participants_few).to_string(),
    });
    let flags = flagged_text(i18n, v, scope, &area_name);
    let tables = Dimension::ALL
        .into_iter()
        .filter_map(|d| {
            let all = stats.figure(scope, Slice::All, d)?;
            let women = stats.figure(scope, Slice::Women, d);
            let men = stats.figure(scope, Slice::Men, d);
            Some(figure_table(i18n, all, women, men, &area_name))
        })
        .collect_view();
    view! {
        {scope_form(i18n, v, scope)}
        {participants.map(|p| view! { <p>{p}</p> })}
        <p role="status"><strong>{flags}</strong></p>
        {tables}
    }
}

/// The groups clearly under their share in this scope, or that there are none.
fn flagged_text(
    i18n: I18n,
    v: &ParticipationView,
    scope: Scope,
    area_name: &dyn Fn(i64) -> String,
) -> String {
    let l = i18n.get_locale_untracked();
    let flagged: Vec<String> = v
        .stats
        .figures
        .iter()
        .filter(|f| f.scope == scope && f.slice == Slice::All)
        .flat_map(|f| f.groups.iter().filter(|g| g.under_represented))
        .map(|g| names::group(l, g.group, area_name))
        .collect();
    if flagged.is_empty() {
        t_string!(i18n, participation.none_flagged).to_string()
    } else {
        t_string!(i18n, participation.flagged, groups = flagged.join(", ")).to_string()
    }
}

/// The plain GET form that chooses the whole municipality or one area.
fn scope_form(i18n: I18n, v: &ParticipationView, scope: Scope) -> impl IntoView + use<> {
    let selected = match scope {
        Scope::Area(id) => id.to_string(),
        Scope::All => String::new(),
    };
    let options = std::iter::once((
        String::new(),
        t_string!(i18n, participation.whole_municipality).to_string(),
    ))
    .chain(
        v.areas
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone())),
    )
    .map(|(value, label)| {
        let chosen = value == selected;
        view! { <option value=value selected=chosen>{label}</option> }
    })
    .collect_view();
    view! {
        <form method="get" class="filters">
            <div class="field">
                <label for="area">{t!(i18n, participation.scope)}</label>
                <select id="area" name="area">{options}</select>
            </div>
            <button type="submit" class="button button--secondary">{t!(i18n, participation.show)}</button>
        </form>
    }
}
