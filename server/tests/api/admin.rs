//! Administration: nämnder, areas and roles; administrators only, with clear errors.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::api::admin::{CreateNamnd, SaveArea, SetAccountRole};
use app::paths::{self, Path};
use app::ssr::entity::{account, area, namnd};

use crate::helpers::*;
use crate::on_both_databases;

/// Where a saved administration form leads.
fn saved() -> Path {
    paths::admin_accounts().query("saved", 1)
}

async fn create_namnd(admin: &Visitor, name: &str) -> reqwest::Response {
    admin
        .post_form(
            CreateNamnd::PATH,
            &paths::admin_accounts(),
            &[("name", name), ("locale", "sv")],
        )
        .await
}

async fn save_area(admin: &Visitor, name: &str, population: &str) -> reqwest::Response {
    admin
        .post_form(
            SaveArea::PATH,
            &paths::admin_accounts(),
            &[("name", name), ("population", population), ("locale", "sv")],
        )
        .await
}

async fn set_role(admin: &Visitor, email: &str, role: &str, namnd: &str) -> reqwest::Response {
    admin
        .post_form(
            SetAccountRole::PATH,
            &paths::admin_accounts(),
            &[
                ("email", email),
                ("role", role),
                ("namnd_id", namnd),
                ("locale", "sv"),
            ],
        )
        .await
}

async fn account_of(app: &TestApp, email: &str) -> account::Model {
    account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// A nämnd is created; the same name again is explained at the field. Returns the nämnd.
async fn assert_a_namnd_is_created_and_its_name_is_taken(
    app: &TestApp,
    admin: &Visitor,
) -> namnd::Model {
    let response = create_namnd(admin, "Fritidsnämnden").await;
    assert_redirects_to(&response, &saved());
    let again = create_namnd(admin, "Fritidsnämnden").await;
    let html = admin.follow(&again).await.html().await;
    assert_field_error(&html, "name", Code::NameTaken);
    namnd::Entity::find().one(&app.db).await.unwrap().unwrap()
}

/// An area needs a number for its population (the text kept); saving the same area again
/// updates its population.
async fn assert_an_area_is_saved_and_saved_again_updates_it(app: &TestApp, admin: &Visitor) {
    let bad = save_area(admin, "Centrum", "många").await;
    let html = admin.follow(&bad).await.html().await;
    assert_field_error(&html, "population", Code::PopulationInvalid);
    assert!(html.contains("value=\"många\""), "the text is kept");
    let response = save_area(admin, "Centrum", "12 500").await;
    assert_redirects_to(&response, &saved());
    save_area(admin, "Centrum", "13000").await;
    let areas = area::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(areas.len(), 1);
    assert_eq!(areas[0].population, 13_000);
}

/// Staff need a nämnd; given one, the account is staff of it and listed with it.
async fn assert_staff_need_a_namnd_and_are_listed_with_it(
    app: &TestApp,
    admin: &Visitor,
    fritid: &namnd::Model,
) {
    let missing = set_role(admin, "ny@kommun.se", "staff", "").await;
    let html = admin.follow(&missing).await.html().await;
    assert_field_error(&html, "namnd_id", Code::NamndRequired);
    let response = set_role(admin, "ny@kommun.se", "staff", &fritid.id.to_string()).await;
    assert_redirects_to(&response, &saved());
    let staff_account = account_of(app, "ny@kommun.se").await;
    assert_eq!(
        (staff_account.role.as_str(), staff_account.namnd_id),
        ("staff", Some(fritid.id))
    );
    let page = admin.get(&paths::admin_accounts()).await.html().await;
    assert!(page.contains("ny@kommun.se") && page.contains("Fritidsnämnden"));
}

/// Staff and residents are refused (403), the anonymous asked to sign in (401), for each of
/// the three forms; nothing changes.
async fn assert_nobody_else_may_administer(app: &TestApp) {
    let staff = app.signed_in("ny@kommun.se").await;
    let resident = app.signed_in("boende@exempel.se").await;
    let anonymous = app.visitor();
    let from = &paths::admin_accounts();
    let role = [
        ("email", "boende@exempel.se"),
        ("role", "admin"),
        ("namnd_id", ""),
        ("locale", "sv"),
    ];
    for (who, expected) in [(&staff, 403), (&resident, 403), (&anonymous, 401)] {
        let namnd = [("name", "Kapad nämnd"), ("locale", "sv")];
        assert_eq!(
            who.post_as_script(CreateNamnd::PATH, from, &namnd)
                .await
                .status(),
            expected
        );
        let area = [("name", "Kapat"), ("population", "1"), ("locale", "sv")];
        assert_eq!(
            who.post_as_script(SaveArea::PATH, from, &area)
                .await
                .status(),
            expected
        );
        assert_eq!(
            who.post_as_script(SetAccountRole::PATH, from, &role)
                .await
                .status(),
            expected
        );
    }
    assert_eq!(
        namnd::Entity::find().all(&app.db).await.unwrap().len(),
        1,
        "nothing changed"
    );
    assert_eq!(account_of(app, "boende@exempel.se").await.role, "resident");
}

on_both_databases!(
    administrators_manage_namnder_areas_and_roles_and_nobody_else_may,
    |backend| async move {
        let app = spawn_with(
            backend,
            Options {
                admin_email: Some("admin@kommun.se".into()),
                ..Options::default()
            },
        )
        .await;
        let admin = app.signed_in("admin@kommun.se").await;
        let fritid = assert_a_namnd_is_created_and_its_name_is_taken(&app, &admin).await;
        assert_an_area_is_saved_and_saved_again_updates_it(&app, &admin).await;
        assert_staff_need_a_namnd_and_are_listed_with_it(&app, &admin, &fritid).await;
        assert_nobody_else_may_administer(&app).await;
    }
);
