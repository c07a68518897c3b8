//! A small municipality for the round and proposal tests: two nämnder, two areas, staff of
//! each nämnd, residents, and a round created through the staff form.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::api::proposals::SaveProposal;
use app::api::review::SaveReview;
use app::api::rounds::{MovePhase, SaveRound};
use app::api::voting::PublishResult;
use app::paths;
use app::ssr::entity::{account, area, namnd, proposal, round};

use crate::helpers::*;

/// Ids of what `municipality` made.
pub struct Town {
    pub parks: i64,
    pub culture: i64,
    pub centre: i64,
    pub north: i64,
}

/// Two nämnder and two areas.
pub async fn municipality(app: &TestApp) -> Town {
    let now = Utc::now();
    let mut ids = Vec::new();
    for (slug, name) in [("parker", "Parknämnden"), ("kultur", "Kulturnämnden")] {
        let row = namnd::ActiveModel {
            slug: Set(slug.into()),
            name: Set(name.into()),
            created_at: Set(now),
            ..Default::default()
        };
        ids.push(
            namnd::Entity::insert(row)
                .exec(&app.db)
                .await
                .unwrap()
                .last_insert_id,
        );
    }
    for (slug, name) in [("centrum", "Centrum"), ("norr", "Norr")] {
        let row = area::ActiveModel {
            slug: Set(slug.into()),
            name: Set(name.into()),
            population: Set(10_000),
            created_at: Set(now),
            ..Default::default()
        };
        ids.push(
            area::Entity::insert(row)
                .exec(&app.db)
                .await
                .unwrap()
                .last_insert_id,
        );
    }
    Town {
        parks: ids[0],
        culture: ids[1],
        centre: ids[2],
        north: ids[3],
    }
}

/// A browser signed in as `email` with `role` in `namnd`.
pub async fn person(app: &TestApp, email: &str, role: &str, namnd: Option<i64>) -> Visitor {
    let visitor = app.signed_in(email).await;
    set_role(app, email, role, namnd).await;
    visitor
}

/// Gives the account of `email` `role` in `namnd` (its sessions stay valid: a test's shortcut
/// for an account that had the role when it signed in).
pub async fn set_role(app: &TestApp, email: &str, role: &str, namnd: Option<i64>) {
    account::Entity::update_many()
        .col_expr(account::Column::Role, Expr::value(role))
        .col_expr(account::Column::NamndId, Expr::value(namnd))
        .filter(account::Column::Email.eq(email))
        .exec(&app.db)
        .await
        .unwrap();
}

/// The fields of a valid round form, with `title`.
pub fn round_fields(title: &str) -> Vec<(String, String)> {
    [
        ("slug", ""),
        ("locale", "sv"),
        ("form[title_sv]", title),
        ("form[summary_sv]", "Förslag för parkerna."),
        ("form[budget_total]", "500 000"),
        ("form[residence]", "lives_or_works"),
        ("form[verification]", "email"),
        ("form[ballot_format]", "approval"),
        ("form[max_choices]", "3"),
        ("form[rule]", "greedy"),
        ("form[tie_break]", "lower_cost"),
        (
            "form[criteria]",
            "Kommunen har rådighet\nRyms inom budgeten",
        ),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

/// Posts `fields` to `endpoint` from `from`.
pub async fn post(
    visitor: &Visitor,
    endpoint: &str,
    from: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    visitor.post_form(endpoint, from, &pairs).await
}

/// Posts `fields` as the hydrated page does; returns the HTTP status.
pub async fn script_status(
    visitor: &Visitor,
    endpoint: &str,
    from: &str,
    fields: &[(String, String)],
) -> u16 {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    visitor
        .post_as_script(endpoint, from, &pairs)
        .await
        .status()
        .as_u16()
}

/// Staff create a round titled `title` and return its slug.
pub async fn create_round(staff: &Visitor, title: &str) -> String {
    create_round_with(staff, &round_fields(title)).await
}

/// Staff create a round from the round form's `fields` and return its slug.
pub async fn create_round_with(staff: &Visitor, fields: &[(String, String)]) -> String {
    let response = post(staff, SaveRound::PATH, &paths::new_round(), fields).await;
    // The slug the server chose is in the address of the round's staff page.
    let slug = location(&response)
        .strip_prefix("/staff/rounds/")
        .and_then(|rest| rest.split('?').next())
        .unwrap_or_else(|| panic!("round not saved: {:?}", refusal(&response)))
        .to_owned();
    assert_redirects_to(&response, &paths::staff_round(&slug).query("saved", 1));
    slug
}

/// Sets a round's phase directly (for tests about what a phase allows).
pub async fn set_phase(app: &TestApp, slug: &str, phase: &str) {
    round::Entity::update_many()
        .col_expr(round::Column::Phase, Expr::value(phase))
        .filter(round::Column::Slug.eq(slug))
        .exec(&app.db)
        .await
        .unwrap();
}

/// Moves a round through the staff form; returns the response.
pub async fn move_to(staff: &Visitor, slug: &str, to: &str) -> reqwest::Response {
    staff
        .post_form(
            MovePhase::PATH,
            &paths::staff_round(slug),
            &[("slug", slug), ("to", to), ("locale", "sv")],
        )
        .await
}

/// The fields of a proposal form.
pub fn proposal_fields(
    slug: &str,
    id: &str,
    intent: &str,
    title: &str,
    cost: &str,
) -> Vec<(String, String)> {
    [
        ("slug", slug),
        ("id", id),
        ("intent", intent),
        ("locale", "sv"),
        ("form[title]", title),
        ("form[description]", "Bänkar och belysning längs gångvägen."),
        ("form[area_id]", ""),
        ("form[place]", "Parkgatan 4"),
        ("form[latitude]", ""),
        ("form[longitude]", ""),
        ("form[cost]", cost),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

/// A resident submits a proposal; returns its id.
pub async fn submit_proposal(resident: &Visitor, slug: &str, title: &str, cost: &str) -> i64 {
    submit_proposal_form(
        resident,
        slug,
        &proposal_fields(slug, "", "submit", title, cost),
    )
    .await
}

/// A resident submits the proposal form `fields` (see [`proposal_fields`]); returns the new
/// proposal's id, after checking that the resident is sent to its page.
pub async fn submit_proposal_form(
    resident: &Visitor,
    slug: &str,
    fields: &[(String, String)],
) -> i64 {
    let response = post(resident, SaveProposal::PATH, &paths::propose(slug), fields).await;
    // The new proposal's id is in the address of its page.
    let id = location(&response)
        .split("/proposals/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("proposal not submitted: {:?}", refusal(&response)));
    assert_redirects_to(&response, &paths::proposal(slug, id).query("submitted", 1));
    id
}

/// How many proposals exist.
pub async fn proposal_count(app: &TestApp) -> usize {
    proposal::Entity::find().all(&app.db).await.unwrap().len()
}

/// Staff review a proposal.
pub async fn review(
    staff: &Visitor,
    id: i64,
    feasibility: &str,
    reason: &str,
    cost: &str,
    criteria: &[usize],
) -> reqwest::Response {
    let mut fields: Vec<(String, String)> = vec![
        ("id".into(), id.to_string()),
        ("locale".into(), "sv".into()),
        ("form[feasibility]".into(), feasibility.into()),
        ("form[reason]".into(), reason.into()),
        ("form[staff_cost]".into(), cost.into()),
        (
            "form[internal_note]".into(),
            "Kontrollerat med parkavdelningen.".into(),
        ),
    ];
    for i in criteria {
        fields.push((format!("form[criteria_met][{i}]"), i.to_string()));
    }
    post(staff, SaveReview::PATH, &paths::review(id), &fields).await
}

/// A round in the voting phase with three feasible projects (staff costs 100 000, 150 000,
/// 200 000 kr) and `settings` overriding the round form; returns (slug, project ids).
pub async fn voting_round(app: &TestApp, settings: &[(&str, &str)]) -> (String, Vec<i64>) {
    let town = municipality(app).await;
    let staff = person(app, "staff@parker.se", "staff", Some(town.parks)).await;
    let mut fields = round_fields("Omröstning");
    // Open to anyone unless a test says otherwise: eligibility has its own test.
    let anyone = [("residence", "anyone")];
    for (key, value) in anyone.iter().chain(settings) {
        let key = format!("form[{key}]");
        match fields.iter_mut().find(|(k, _)| *k == key) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push((key, (*value).to_owned())),
        }
    }
    let response = post(&staff, SaveRound::PATH, &paths::new_round(), &fields).await;
    let slug = "omrostning".to_owned();
    assert_redirects_to(&response, &paths::staff_round(&slug).query("saved", 1));
    set_phase(app, &slug, "proposals").await;
    let author = app.signed_in("forslag@exempel.se").await;
    let mut ids = Vec::new();
    for (title, cost) in [
        ("Belysning", "100000"),
        ("Bänkar", "150000"),
        ("Lekplats", "200000"),
    ] {
        let id = submit_proposal(&author, &slug, title, cost).await;
        let response = review(&staff, id, "feasible", "", cost, &[0, 1]).await;
        assert_redirects_to(&response, &paths::staff_round(&slug).query("reviewed", id));
        ids.push(id);
    }
    set_phase(app, &slug, "voting").await;
    (slug, ids)
}

pub fn choices(ids: &[i64]) -> Vec<(String, String)> {
    let mut fields = vec![
        ("slug".to_owned(), "omrostning".to_owned()),
        ("locale".to_owned(), "sv".to_owned()),
    ];
    for id in ids {
        fields.push((format!("ballot[choice][{id}]"), id.to_string()));
    }
    fields
}

/// A 2×2 PNG with transparency (stored as PNG, as the transparency would be lost in a JPEG).
pub fn tiny_png() -> Vec<u8> {
    let picture = image::RgbaImage::from_pixel(2, 2, image::Rgba([30, 120, 60, 128]));
    let mut out = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Where [`phone_photo`] says it was taken, as written in its EXIF.
pub const PHOTO_POSITION: &str = "GPS 59.3293N 18.0686E";

/// A 60×30 JPEG as a phone writes it: EXIF saying "turn 90° clockwise" and the position.
pub fn phone_photo() -> Vec<u8> {
    let picture =
        image::RgbImage::from_fn(60, 30, |x, y| image::Rgb([x as u8 * 4, y as u8 * 8, 90]));
    let mut jpeg = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    exif.extend_from_slice(PHOTO_POSITION.as_bytes());
    let length = u16::try_from(exif.len() + 2).unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Staff publish the counted result of a round from its result page; returns the response.
pub async fn publish_result(staff: &Visitor, slug: &str) -> reqwest::Response {
    staff
        .post_form(
            PublishResult::PATH,
            &paths::results(slug),
            &[("slug", slug), ("locale", "sv")],
        )
        .await
}

/// Every ballot in the box (all rounds), opened with the server's key: what was chosen and
/// by which channel.
pub async fn opened_box(app: &TestApp) -> Vec<app::ssr::voting::Boxed> {
    app::ssr::entity::ballot::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|row| app::ssr::voting::open_ballot(&app.ctx.keys, row).expect("a ballot opens"))
        .collect()
}

/// The subject line every receipt mail in Swedish starts with.
pub fn receipt_subject_sv() -> String {
    tr_start("sv", "mail.receipt_subject", &[])
}

/// Staff register a round's printed paper serials and the number checked off the paper voter
/// list (empty: not counted yet); returns the response.
pub async fn save_paper_roll(
    staff: &Visitor,
    slug: &str,
    first: &str,
    last: &str,
    checked_off: &str,
) -> reqwest::Response {
    let fields = [
        ("slug", slug),
        ("locale", "sv"),
        ("form[first_serial]", first),
        ("form[last_serial]", last),
        ("form[checked_off]", checked_off),
    ];
    staff
        .post_form(
            app::api::voting::SavePaperRoll::PATH,
            &paths::staff_ballots(slug),
            &fields,
        )
        .await
}

/// The id of the account of `email` (by its canonical form, as the server finds it).
pub async fn account_id(app: &TestApp, email: &str) -> i64 {
    let email = domain::Email::parse(email).expect("a valid test address");
    app::ssr::login_link::find_account(&app.db, &email)
        .await
        .unwrap()
        .expect("the account exists")
        .id
}

/// The detail of every audit entry with `action`, oldest first.
pub async fn audited(app: &TestApp, action: &str) -> Vec<String> {
    use app::ssr::entity::audit_event;
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.detail)
        .collect()
}
