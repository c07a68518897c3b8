//! One person, one ballot, whatever address variant or channel they come by: variants of one
//! mailbox are one account, accounts made before that are folded at start-up with one ballot
//! left per round, and kiosk and staff help never replace a person's own ballot.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::voting::{AssistVote, CastBallot};
use app::paths;
use app::ssr::account_fold::fold_accounts;
use app::ssr::entity::{account, audit_event, ballot, voter_register};
use domain::Code;

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

async fn accounts_of(app: &TestApp, canonical: &str) -> Vec<account::Model> {
    account::Entity::find()
        .filter(account::Column::CanonicalEmail.eq(canonical))
        .all(&app.db)
        .await
        .unwrap()
}

async fn register(app: &TestApp) -> Vec<(i64, String)> {
    voter_register::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.account_id, r.channel))
        .collect()
}

/// The ids chosen on the one ballot in the box.
async fn the_only_ballot(app: &TestApp) -> Vec<String> {
    let opened = opened_box(app).await;
    assert_eq!(opened.len(), 1, "one ballot in the box");
    opened[0]
        .ballot
        .projects()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

// Signing in with `Anna@x.se`, then `anna+2@x.se`, is one person: the second ballot replaces
// the first; staff typing a third variant to help her are told she has voted herself.
on_both_databases!(
    address_variants_are_one_person_with_one_ballot,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        for (address, pick) in [("Anna@x.se", ids[0]), ("anna+2@X.se", ids[1])] {
            let voter = app.signed_in(address).await;
            let response = post(
                &voter,
                CastBallot::PATH,
                &paths::vote(&slug),
                &choices(&[pick]),
            )
            .await;
            assert_redirects_to(&response, &paths::receipt(&slug));
        }
        let accounts = accounts_of(&app, "anna@x.se").await;
        assert_eq!(accounts.len(), 1, "one account for every variant");
        assert_eq!(
            accounts[0].email, "Anna@x.se",
            "mail goes to the address first typed"
        );
        assert_eq!(the_only_ballot(&app).await, [ids[1].to_string()]);
        assert_eq!(
            register(&app).await,
            [(accounts[0].id, "online".to_owned())]
        );

        let staff = app.signed_in("staff@parker.se").await;
        let mut fields = choices(&ids[2..3]);
        fields.push(("email".into(), "ANNA+hjälp@x.se".into()));
        fields.push(("id_document".into(), "passport".into()));
        let response = post(
            &staff,
            AssistVote::PATH,
            &paths::staff_ballots(&slug),
            &fields,
        )
        .await;
        assert_eq!(
            issues(&refusal(&response)),
            [(String::new(), Code::AlreadyVotedElsewhere)]
        );
        assert_eq!(the_only_ballot(&app).await, [ids[1].to_string()]);
        assert_eq!(accounts_of(&app, "anna@x.se").await.len(), 1);
    }
);

// Accounts made before addresses were compared canonically are folded when the server starts:
// one account per mailbox, one ballot per person in a round still being voted on (the kept
// account's own, else the merged one's, moved and still opening), one register row, reported
// in the audit log; a second start finds nothing to fold.
on_both_databases!(
    accounts_of_one_mailbox_are_folded_with_one_ballot_each,
    |backend| async move {
        let app = spawn(backend).await;
        let (slug, ids) = voting_round(&app, &[("max_choices", "2")]).await;
        let anna = app.legacy_account("Anna@x.se").await;
        let anna_tagged = app.legacy_account("anna+röst@x.se").await;
        let bo_dotted = app.legacy_account("b.o@gmail.com").await;
        let bo = app.legacy_account("bo@googlemail.com").await;
        let other = app.legacy_account("cecilia@x.se").await;
        for (address, pick) in [
            ("Anna@x.se", ids[0]),
            ("anna+röst@x.se", ids[1]),
            ("bo@googlemail.com", ids[2]),
            ("cecilia@x.se", ids[0]),
        ] {
            let voter = app.session_for(address).await;
            let response = post(
                &voter,
                CastBallot::PATH,
                &paths::vote(&slug),
                &choices(&[pick]),
            )
            .await;
            assert_redirects_to(&response, &paths::receipt(&slug));
        }
        assert_eq!(ballot::Entity::find().count(&app.db).await.unwrap(), 4);

        let folded = fold_accounts(&app.db, &app.ctx.keys).await.unwrap();
        let summary: Vec<(i64, Vec<i64>, usize)> = folded
            .iter()
            .map(|f| (f.kept, f.merged.clone(), f.ballots_dropped))
            .collect();
        assert_eq!(
            summary,
            [(anna, vec![anna_tagged], 1), (bo_dotted, vec![bo], 0)]
        );
        for (canonical, kept) in [
            ("anna@x.se", anna),
            ("bo@gmail.com", bo_dotted),
            ("cecilia@x.se", other),
        ] {
            let accounts = accounts_of(&app, canonical).await;
            assert_eq!(accounts.iter().map(|a| a.id).collect::<Vec<_>>(), [kept]);
        }
        let mut voters: Vec<i64> = register(&app).await.into_iter().map(|(id, _)| id).collect();
        voters.sort_unstable();
        assert_eq!(
            voters,
            [anna, bo_dotted, other],
            "one register row per person"
        );
        let round = app::ssr::entity::round::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let rows = ballot::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 3, "one ballot per person");
        let ballot_of = |account: i64| {
            let link = app.ctx.keys.ballot_link.voter_link(account, round.id);
            let row = rows
                .iter()
                .find(|r| r.voter_link == link)
                .expect("a ballot under the kept account");
            let opened = app::ssr::voting::open_ballot(&app.ctx.keys, row).expect("it opens");
            opened
                .ballot
                .projects()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ballot_of(anna),
            [ids[0].to_string()],
            "the kept account's own ballot stays"
        );
        assert_eq!(
            ballot_of(bo_dotted),
            [ids[2].to_string()],
            "the merged ballot moved"
        );
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("account.folded"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(audited, 2);

        assert!(
            fold_accounts(&app.db, &app.ctx.keys)
                .await
                .unwrap()
                .is_empty()
        );
        let again = app::ssr::login_link::find_or_create_account(
            &app.db,
            &domain::Email::parse("ANNA+ny@X.se").unwrap(),
            "sv",
        )
        .await
        .unwrap();
        assert_eq!(again.id, anna, "a new variant finds the folded account");
    }
);
