//! Administration: nämnder, areas and roles; administrators only, with clear errors.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::api::admin::{CreateNamnd, SaveArea, SetAccountRole};
use app::paths;
use app::ssr::entity::{account, area, namnd};

use crate::helpers::*;
use crate::on_both_databases;

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
        let from = &paths::admin_accounts();
        let saved = from.clone().query("saved", 1);

        let response = admin
            .post_form(
                CreateNamnd::PATH,
                from,
                &[("name", "Fritidsnämnden"), ("locale", "sv")],
            )
            .await;
        assert_redirects_to(&response, &saved);
        let again = admin
            .post_form(
                CreateNamnd::PATH,
                from,
                &[("name", "Fritidsnämnden"), ("locale", "sv")],
            )
            .await;
        let html = admin.follow(&again).await.html().await;
        assert_field_error(&html, "name", Code::NameTaken);
        let fritid = namnd::Entity::find().one(&app.db).await.unwrap().unwrap();

        let bad = admin
            .post_form(
                SaveArea::PATH,
                from,
                &[
                    ("name", "Centrum"),
                    ("population", "många"),
                    ("locale", "sv"),
                ],
            )
            .await;
        let html = admin.follow(&bad).await.html().await;
        assert_field_error(&html, "population", Code::PopulationInvalid);
        assert!(html.contains("value=\"många\""), "the text is kept");
        let response = admin
            .post_form(
                SaveArea::PATH,
                from,
                &[
                    ("name", "Centrum"),
                    ("population", "12 500"),
                    ("locale", "sv"),
                ],
            )
            .await;
        assert_redirects_to(&response, &saved);
        // Saving the same area again updates its population.
        admin
            .post_form(
                SaveArea::PATH,
                from,
                &[
                    ("name", "Centrum"),
                    ("population", "13000"),
                    ("locale", "sv"),
                ],
            )
            .await;
        let areas = area::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(areas.len(), 1);
        assert_eq!(areas[0].population, 13_000);

        let namnd_id = fritid.id.to_string();
        let missing = admin
            .post_form(
                SetAccountRole::PATH,
                from,
                &[
                    ("email", "ny@kommun.se"),
                    ("role", "staff"),
                    ("namnd_id", ""),
                    ("locale", "sv"),
                ],
            )
            .await;
        let html = admin.follow(&missing).await.html().await;
        assert_field_error(&html, "namnd_id", Code::NamndRequired);
        let response = admin
            .post_form(
                SetAccountRole::PATH,
                from,
                &[
                    ("email", "ny@kommun.se"),
                    ("role", "staff"),
                    ("namnd_id", &namnd_id),
                    ("locale", "sv"),
                ],
            )
            .await;
        assert_redirects_to(&response, &saved);
        let staff_account = account::Entity::find()
            .filter(account::Column::Email.eq("ny@kommun.se"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (staff_account.role.as_str(), staff_account.namnd_id),
            ("staff", Some(fritid.id))
        );
        let page = admin.get(from).await.html().await;
        assert!(page.contains("ny@kommun.se") && page.contains("Fritidsnämnden"));

        let staff = app.signed_in("ny@kommun.se").await;
        let resident = app.signed_in("boende@exempel.se").await;
        let anonymous = app.visitor();
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
        let resident_account = account::Entity::find()
            .filter(account::Column::Email.eq("boende@exempel.se"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(resident_account.role, "resident");
    }
);
