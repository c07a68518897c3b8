//! A person's own data: the download holds what is stored about them and nobody else; erasing
//! needs a confirmation, is refused while a vote they took part in is open (else: erase, sign in
//! again with the same address as a new account, vote twice) and for accounts with a role;
//! afterwards their ballot is still counted but nothing points to them.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::account::EraseAccount;
use app::api::proposals::{AddComment, SupportProposal};
use app::api::voting::CastBallot;
use app::paths;
use app::ssr::entity::{account, ballot, comment, proposal, proposal_support, voter_register};

use crate::fingerprint::{changes, fingerprint};
use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

/// `who` comments on and supports proposal `id`, and votes for it.
async fn take_part(who: &Visitor, slug: &str, id: i64, comment: &str) {
    let id_text = id.to_string();
    let from = paths::proposal(slug, id);
    let sent = who
        .post_form(
            AddComment::PATH,
            &from,
            &[
                ("id", id_text.as_str()),
                ("body", comment),
                ("locale", "sv"),
            ],
        )
        .await;
    assert!(
        location(&sent).contains("#comments"),
        "{:?}",
        refusal(&sent)
    );
    who.post_form(
        SupportProposal::PATH,
        &from,
        &[("id", id_text.as_str()), ("locale", "sv")],
    )
    .await;
    let cast = post(who, CastBallot::PATH, &paths::vote(slug), &choices(&[id])).await;
    assert_redirects_to(&cast, &paths::receipt(slug));
}

async fn erase(who: &Visitor, confirm: &str) -> reqwest::Response {
    who.post_form(
        EraseAccount::PATH,
        &paths::account(),
        &[("confirm", confirm), ("locale", "sv")],
    )
    .await
}

async fn download(who: &Visitor) -> reqwest::Response {
    who.get(&paths::account_data()).await
}

on_both_databases!(
    a_person_downloads_what_is_stored_about_them_and_nothing_of_anyone_else,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let anna = app.session_for("anna@exempel.se").await;
        let bo = app.session_for("bo@exempel.se").await;
        take_part(&anna, &slug, ids[0], "Annas kommentar").await;
        take_part(&bo, &slug, ids[1], "Bos kommentar").await;

        let response = download(&anna).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let data: serde_json::Value = response.json().await.unwrap();
        assert_eq!(data["account"]["email"], "anna@exempel.se");
        assert_eq!(data["comments"][0]["body"], "Annas kommentar");
        assert_eq!(data["comments"].as_array().unwrap().len(), 1);
        assert_eq!(data["supports"][0]["proposal_id"], ids[0]);
        assert_eq!(data["voted_in"][0]["round"], slug.as_str());
        assert_eq!(data["voted_in"][0]["channel"], "online");
        assert!(
            data["mail"].as_array().unwrap().iter().any(|m| m["subject"]
                .as_str()
                .unwrap()
                .starts_with(&receipt_subject_sv())),
            "the receipt is listed: {data}"
        );
        let text = data.to_string();
        assert!(!text.contains("bo@exempel.se") && !text.contains("Bos kommentar"));
        // What was chosen is not in it (the receipt page shows it to the voter).
        assert!(!text.contains("choice") && !text.contains("Approval"));

        let nobody = download(&app.visitor()).await;
        assert_redirects_to(&nobody, &paths::login());
    }
);

on_both_databases!(
    erasing_an_account_leaves_its_ballot_counted_and_nothing_pointing_to_the_person,
    |backend| async move {
        // No mail goes out meanwhile: the refusals must leave every row as it was.
        let options = Options {
            mail_poll_ms: 3_600_000,
            ..Options::default()
        };
        let app = spawn_with(backend, options).await;
        let (slug, ids) = voting_round(&app, &[]).await;
        let anna = app.session_for("anna@exempel.se").await;
        take_part(&anna, &slug, ids[0], "Annas kommentar").await;
        let anna_id = account_id(&app, "anna@exempel.se").await;
        let author_id = account_id(&app, "forslag@exempel.se").await;

        // Not without the box ticked, not while the vote she took part in is open, not for staff.
        let before = fingerprint(&app.db, &["rate_counter"]).await;
        let refused = erase(&anna, "").await;
        assert!(refusal(&refused).has_code(Code::EraseNotConfirmed));
        let refused = erase(&anna, "yes").await;
        assert!(refusal(&refused).has_code(Code::EraseWhileVoting));
        let staff = app.session_for("staff@parker.se").await;
        let refused = erase(&staff, "yes").await;
        assert!(refusal(&refused).has_code(Code::EraseRole));
        let unchanged = changes(&before, &fingerprint(&app.db, &["rate_counter"]).await);
        assert!(unchanged.is_empty(), "{unchanged:?}");

        // The author of the proposals has voted nowhere: erased at once. The submitted proposals
        // stay, under the emptied account.
        let author = app.session_for("forslag@exempel.se").await;
        let erased = erase(&author, "yes").await;
        assert_redirects_to(&erased, &paths::home().query("erased", 1));
        assert_eq!(
            proposal::Entity::find()
                .filter(proposal::Column::AuthorId.eq(author_id))
                .count(&app.db)
                .await
                .unwrap(),
            3
        );

        set_phase(&app, &slug, "deliberation").await;
        let ballots_before = ballot::Entity::find().count(&app.db).await.unwrap();
        let erased = erase(&anna, "yes").await;
        assert_redirects_to(&erased, &paths::home().query("erased", 1));

        let shell = account::Entity::find_by_id(anna_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            shell.email,
            app::ssr::personal_data::erased_address(anna_id)
        );
        assert!(shell.canonical_email.is_none() && shell.birth_year.is_none());
        for (table, left) in [
            (
                "comment",
                comment::Entity::find()
                    .filter(comment::Column::AuthorId.eq(anna_id))
                    .count(&app.db)
                    .await
                    .unwrap(),
            ),
            (
                "proposal_support",
                proposal_support::Entity::find()
                    .filter(proposal_support::Column::AccountId.eq(anna_id))
                    .count(&app.db)
                    .await
                    .unwrap(),
            ),
        ] {
            assert_eq!(left, 0, "{table}");
        }
        let everything = fingerprint(&app.db, &[]).await;
        let text = format!("{everything:?}");
        assert!(
            !text.contains("anna@exempel.se"),
            "the address is gone everywhere"
        );
        assert!(!text.contains("Annas kommentar"));
        // Her ballot still counts, and the box still matches the register.
        assert_eq!(
            ballot::Entity::find().count(&app.db).await.unwrap(),
            ballots_before
        );
        assert_eq!(
            voter_register::Entity::find().count(&app.db).await.unwrap(),
            ballots_before
        );
        // Her session is over; signing in again with the address makes a new account that has
        // voted nowhere.
        assert_eq!(download(&anna).await.status(), 303);
        let again = app.session_for("anna@exempel.se").await;
        let data: serde_json::Value = download(&again).await.json().await.unwrap();
        assert_eq!(data["voted_in"].as_array().unwrap().len(), 0);
        assert_ne!(account_id(&app, "anna@exempel.se").await, anna_id);
    }
);
