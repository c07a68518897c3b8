//! Two instances on one PostgreSQL database, as behind a load balancer, behave as one: the
//! phase clocks move each round once, the mail workers send each mail once, and a login limit
//! counts the requests that reach either.

use std::time::Duration;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::api::login::RequestLoginLink;
use app::paths;
use app::ssr::entity::{outbox, round, round_phase_change};
use server::config::MailTransportKind;

use crate::fixtures::*;
use crate::helpers::*;
use crate::smtp_sink::start_sink;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_database_move_phases_send_mail_and_limit_logins_once() {
    let (sink, smtp_url) = start_sink();
    let options = || Options {
        mail_transport: MailTransportKind::Smtp,
        smtp_url: smtp_url.clone(),
        client_address_header: Some("x-forwarded-for".into()),
        ..Options::default()
    };
    let first = spawn_with(Backend::Postgres, options()).await;
    let second = spawn_beside(&first, options()).await;

    // One round with reviewed proposals that may open voting, four that may open for proposals.
    let town = municipality(&first).await;
    let staff = first.session_for("staff@parker.se").await;
    set_role(&first, "staff@parker.se", "staff", Some(town.parks)).await;
    let dated = |title: &str| {
        let mut fields = round_fields(title);
        for (field, day) in [
            ("information_date", "2027-01-01"),
            ("proposals_date", "2027-02-01"),
            ("review_date", "2027-03-01"),
            ("voting_date", "2027-04-01"),
        ] {
            fields.push((format!("form[{field}]"), day.into()));
        }
        fields
    };
    let voting = create_round_with(&staff, &dated("Parker")).await;
    set_phase(&first, &voting, "proposals").await;
    for (n, title) in ["Belysning", "Bänkar"].iter().enumerate() {
        let author = first.session_for(&format!("forslag{n}@exempel.se")).await;
        let id = submit_proposal(&author, &voting, title, "100000").await;
        review(&staff, id, "feasible", "", "100000", &[0, 1]).await;
    }
    set_phase(&first, &voting, "review").await;
    let mut opening = Vec::new();
    for n in 0..4 {
        let slug = create_round_with(&staff, &dated(&format!("Runda {n}"))).await;
        set_phase(&first, &slug, "information").await;
        opening.push(slug);
    }

    // Both clocks tick at once.
    let day = "2027-04-15".parse().unwrap();
    let (a, b) = tokio::join!(
        app::ssr::rounds::advance_by_date(&first.ctx, day),
        app::ssr::rounds::advance_by_date(&second.ctx, day),
    );
    let (a, b) = (a.expect("first clock"), b.expect("second clock"));
    assert_eq!(a + b, 5, "each round moved by one of them ({a} + {b})");
    let changes = round_phase_change::Entity::find()
        .all(&first.db)
        .await
        .unwrap();
    assert_eq!(changes.len(), 5, "one logged move per round");
    let phase = |slug: String| {
        let db = first.db.clone();
        async move {
            round::Entity::find()
                .filter(round::Column::Slug.eq(slug))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .phase
        }
    };
    assert_eq!(phase(voting.clone()).await, "voting");
    for slug in &opening {
        assert_eq!(phase(slug.clone()).await, "proposals");
    }

    // One client behind the proxy asks for login links, alternately at each instance: the
    // limit (10 a minute) holds for the two together, at most two windows apart.
    let mut refused = 0;
    for n in 0..40 {
        let instance = if n % 2 == 0 { &first } else { &second };
        let response = instance
            .client
            .post(format!("{}{}", instance.base, RequestLoginLink::PATH))
            .headers(browser_headers(&format!(
                "{}{}",
                instance.base,
                paths::login()
            )))
            .header("x-forwarded-for", "198.51.100.7")
            .form(&[
                ("email", format!("p{n}@exempel.se")),
                ("locale", "sv".into()),
            ])
            .send()
            .await
            .unwrap();
        if location(&response) != paths::login_sent().as_str() {
            refused += 1;
        }
    }
    assert!(refused >= 20, "{refused} of 40 refused");

    // Both mail workers poll every 50 ms: every queued mail goes out once.
    let queued = outbox::Entity::find().all(&first.db).await.unwrap().len();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while sink.received.lock().unwrap().len() < queued {
        assert!(tokio::time::Instant::now() < deadline, "mail not sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let received = sink.received.lock().unwrap().clone();
    assert_eq!(received.len(), queued, "no mail sent twice");
    let links = outbox::Entity::find()
        .filter(outbox::Column::EventKey.starts_with(app::ssr::outbox::LOGIN_EVENT_PREFIX))
        .all(&first.db)
        .await
        .unwrap();
    assert_eq!(
        links.len(),
        40 - refused,
        "a link mail for each request let through"
    );
    for n in 0..2 {
        let to = format!("To: forslag{n}@exempel.se");
        let opened: Vec<_> = received
            .iter()
            .filter(|m| m.contains(&to) && m.contains("List-Unsubscribe:"))
            .collect();
        assert_eq!(opened.len(), 1, "one voting-open mail to forslag{n}");
    }
}
