//! The outbox and the worker: mail written with the event, sent once, retried with backoff,
//! really delivered over SMTP to a local sink.

use sea_orm::sea_query::Expr;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder};

use app::i18n::Locale;
use app::ssr::entity::outbox;
use server::config::MailTransportKind;

use crate::helpers::*;
use crate::on_both_databases;
use crate::smtp_sink::{Sink, dead_smtp_url, start_sink};

/// Keys for the workers these tests run themselves (their mail is not sealed).
fn keys() -> app::ssr::keys::Keys {
    app::ssr::keys::Keys::from_secret(b"mail tests")
}

on_both_databases!(
    a_login_mail_is_delivered_over_smtp_in_swedish_with_text_and_html,
    |backend| async move {
        let (sink, smtp_url) = start_sink();
        let app = spawn_with(
            backend,
            Options {
                mail_transport: MailTransportKind::Smtp,
                smtp_url,
                ..Options::default()
            },
        )
        .await;
        app.request_login_link("karin@exempel.se").await;
        let rows = app.wait_for_outbox().await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].status, "sent");
        let received = sink.received.lock().unwrap().clone();
        assert_eq!(received.len(), 1, "delivered exactly once");
        let message = &received[0];
        assert!(message.contains("To: karin@exempel.se"));
        assert!(message.contains("multipart/alternative"));
        assert!(message.contains("text/plain") && message.contains("text/html"));
        assert!(message.contains("Content-Language: sv"));
        assert!(
            message.contains("/login/verify?token="),
            "the link is in the mail"
        );
    }
);

on_both_databases!(
    the_sent_login_mail_no_longer_holds_the_link_outside_development,
    |backend| async move {
        let (sink, smtp_url) = start_sink();
        let app = spawn_with(
            backend,
            Options {
                mode: server::config::Mode::Production,
                mail_transport: MailTransportKind::Smtp,
                smtp_url,
                ..Options::default()
            },
        )
        .await;
        app.request_login_link("lars@exempel.se").await;
        let rows = app.wait_for_outbox().await;
        assert_eq!(rows[0].status, "sent");
        assert!(
            !rows[0].body_text.contains("token="),
            "the live credential is removed once sent"
        );
        let received = sink.received.lock().unwrap().clone();
        assert_eq!(received.len(), 1, "one mail went over SMTP");
        assert!(
            received[0].contains("token="),
            "the mail itself held the link"
        );
    }
);

// While it waits in the outbox, a login mail is sealed: the database holds no live link.
on_both_databases!(
    a_queued_login_mail_holds_no_readable_link,
    |backend| async move {
        let app = spawn_with(
            backend,
            Options {
                mail_poll_ms: 600_000,
                ..Options::default()
            },
        )
        .await;
        let link = app.request_login_link("nora@exempel.se").await;
        let token = link.split("token=").nth(1).unwrap();
        let rows = outbox::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.status, "queued");
        for body in [&row.body_text, &row.body_html] {
            assert!(!body.contains(token) && !body.contains("login/verify"));
        }
        let (text, _) = app::ssr::outbox::bodies(row, &app.ctx.keys).unwrap();
        assert!(
            text.contains(token),
            "the worker opens it with the server's key"
        );
        assert_eq!(
            app::ssr::outbox::bodies(row, &keys()),
            None,
            "no other key does"
        );
    }
);

on_both_databases!(
    mail_waits_while_smtp_is_down_and_is_sent_once_when_it_is_back,
    |backend| async move {
        // No server (its own worker would race): the test drives the passes itself, first
        // against a dead SMTP server, then a working one.
        let (db, _guard) = database_only(backend).await;
        let mail = app::ssr::mail::login_link(Locale::sv, "Testkommun", "http://x/l");
        app::ssr::outbox::enqueue(&db, "login:maja", "maja@exempel.se", None, mail)
            .await
            .unwrap();
        let from = "Medborgarbudget <noreply@test.localhost>";
        let down = server::mailer::MailTransport::smtp(&dead_smtp_url(), from).unwrap();
        assert_eq!(
            server::mailer::send_due(&db, &down, &keys(), true)
                .await
                .unwrap(),
            1
        );
        let row = outbox::Entity::find().one(&db).await.unwrap().unwrap();
        assert_eq!(row.status, "queued", "a failed mail stays queued");
        assert_eq!(row.attempts, 1);
        assert!(row.last_error.is_some());
        assert!(
            row.next_attempt_at > chrono::Utc::now(),
            "the retry waits (backoff)"
        );
        assert_eq!(
            server::mailer::send_due(&db, &down, &keys(), true)
                .await
                .unwrap(),
            0,
            "not before its time"
        );

        let (sink, url) = start_sink();
        let up = server::mailer::MailTransport::smtp(&url, from).unwrap();
        outbox::Entity::update_many()
            .col_expr(
                outbox::Column::NextAttemptAt,
                Expr::value(chrono::Utc::now()),
            )
            .exec(&db)
            .await
            .unwrap();
        assert_eq!(
            server::mailer::send_due(&db, &up, &keys(), true)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            server::mailer::send_due(&db, &up, &keys(), true)
                .await
                .unwrap(),
            0,
            "nothing left to send"
        );
        let row = outbox::Entity::find().one(&db).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.attempts), ("sent", 2));
        assert_eq!(
            sink.received.lock().unwrap().len(),
            1,
            "delivered exactly once"
        );
    }
);

on_both_databases!(
    the_same_event_for_the_same_person_is_queued_once,
    |backend| async move {
        let app = spawn(backend).await;
        let mail = app::ssr::mail::login_link(Locale::sv, "Testkommun", "http://x/l");
        for _ in 0..3 {
            app::ssr::outbox::enqueue(&app.db, "event:1", "a@exempel.se", None, mail.clone())
                .await
                .unwrap();
        }
        app::ssr::outbox::enqueue(&app.db, "event:1", "b@exempel.se", None, mail.clone())
            .await
            .unwrap();
        assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 2);
    }
);

/// The sender of the tests' mail.
const FROM: &str = "Medborgarbudget <noreply@test.localhost>";

/// Queues a login mail to each of a thousand people.
async fn queue_a_thousand_mails(db: &DatabaseConnection) {
    let mail = app::ssr::mail::login_link(Locale::sv, "Testkommun", "http://x/l");
    for n in 0..1000 {
        app::ssr::outbox::enqueue(
            db,
            &format!("burst:{n}"),
            &format!("p{n}@exempel.se"),
            None,
            mail.clone(),
        )
        .await
        .unwrap();
    }
}

/// Pass after pass until every mail has failed once (on a slow machine the first ones may
/// come due again after their 30 s backoff and be tried twice: that is fine too); all are
/// still waiting, none given up.
async fn assert_every_mail_is_tried_and_kept_while_smtp_is_down(db: &DatabaseConnection) {
    let down = server::mailer::MailTransport::smtp(&dead_smtp_url(), FROM).unwrap();
    let mut tried = 0;
    while tried < 1000 {
        let n = server::mailer::send_due(db, &down, &keys(), true)
            .await
            .unwrap();
        assert!(n > 0, "mail waiting while SMTP is down is tried");
        tried += n;
    }
    let waiting = outbox::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.status == "queued" && m.attempts >= 1)
        .count();
    assert_eq!(waiting, 1000, "nothing lost, nothing given up");
}

/// Every waiting mail comes due now.
async fn make_everything_due(db: &DatabaseConnection) {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::NextAttemptAt,
            Expr::value(chrono::Utc::now()),
        )
        .exec(db)
        .await
        .unwrap();
}

/// Two workers at once, as two server instances would run them, send until nothing is due.
async fn two_workers_send_everything(db: &DatabaseConnection, url: &str) {
    let worker = |transport: server::mailer::MailTransport| {
        let db = db.clone();
        tokio::spawn(async move {
            loop {
                if server::mailer::send_due(&db, &transport, &keys(), true)
                    .await
                    .unwrap()
                    == 0
                {
                    break;
                }
            }
        })
    };
    let transport = || server::mailer::MailTransport::smtp(url, FROM).unwrap();
    let (a, b) = (worker(transport()), worker(transport()));
    a.await.unwrap();
    b.await.unwrap();
}

/// The sink received each mail once, to a thousand different people, and each is marked sent.
async fn assert_each_mail_was_delivered_once(db: &DatabaseConnection, sink: &Sink) {
    let received = sink.received.lock().unwrap().clone();
    let mut recipients: Vec<String> = received
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("To: ")).map(str::to_owned))
        .collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(received.len(), 1000, "each mail delivered once");
    assert_eq!(recipients.len(), 1000, "to 1000 different people");
    let sent = outbox::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.status == "sent")
        .count();
    assert_eq!(sent, 1000);
}

on_both_databases!(
    a_burst_of_a_thousand_mails_while_smtp_is_down_is_delivered_exactly_once_when_it_is_back,
    |backend| async move {
        // No server: its own mail worker would race the passes driven here.
        let (db, _guard) = database_only(backend).await;
        queue_a_thousand_mails(&db).await;
        assert_every_mail_is_tried_and_kept_while_smtp_is_down(&db).await;

        let (sink, url) = start_sink();
        make_everything_due(&db).await;
        two_workers_send_everything(&db, &url).await;
        assert_each_mail_was_delivered_once(&db, &sink).await;
    }
);

/// A mail row with `status`, made `days` ago.
async fn old_mail(db: &DatabaseConnection, key: &str, status: &str, days: i64) {
    use sea_orm::ActiveValue::Set;
    let at = chrono::Utc::now() - chrono::Duration::days(days);
    outbox::Entity::insert(outbox::ActiveModel {
        event_key: Set(key.to_owned()),
        recipient: Set("gammal@exempel.se".to_owned()),
        locale: Set("sv".to_owned()),
        subject: Set("Ämne".to_owned()),
        body_text: Set("Brödtext".to_owned()),
        body_html: Set("<p>Brödtext</p>".to_owned()),
        status: Set(status.to_owned()),
        attempts: Set(1),
        next_attempt_at: Set(at),
        last_error: Set(None),
        created_at: Set(at),
        sent_at: Set(None),
        round_id: Set(None),
        unsubscribe_url: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await
    .unwrap();
}

// Sent and failed mail keeps its bodies for a while, then only who, when and the subject.
on_both_databases!(
    old_sent_and_failed_bodies_are_blanked_on_schedule,
    |backend| async move {
        let (db, _database) = database_only(backend).await;
        let old = server::mailer::KEEP_BODIES_DAYS + 1;
        old_mail(&db, "old-sent", "sent", old).await;
        old_mail(&db, "old-failed", "failed", old).await;
        old_mail(&db, "old-queued", "queued", old).await;
        old_mail(&db, "recent-sent", "sent", 2).await;
        let now = chrono::Utc::now();
        assert_eq!(server::mailer::blank_old_bodies(&db, now).await.unwrap(), 2);
        assert_eq!(
            server::mailer::blank_old_bodies(&db, now).await.unwrap(),
            0,
            "once"
        );
        let kept: Vec<(String, bool)> = outbox::Entity::find()
            .order_by_asc(outbox::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| {
                (
                    m.event_key,
                    m.body_text == "Brödtext" && m.body_html.contains("Brödtext"),
                )
            })
            .collect();
        assert_eq!(
            kept,
            [
                ("old-sent".to_owned(), false),
                ("old-failed".to_owned(), false),
                ("old-queued".to_owned(), true),
                ("recent-sent".to_owned(), true),
            ]
        );
    }
);

// The retention schedule: login links after a day, sent and failed mail after a year, audit
// details after a year; what is younger, and mail still to be sent, stays.
on_both_databases!(
    the_retention_schedule_deletes_what_is_past_its_time,
    |backend| async move {
        use app::ssr::entity::{account, audit_event, login_token};
        use app::ssr::retention::{self, AUDIT_DETAIL_DAYS, LOGIN_TOKEN_DAYS, MAIL_DAYS};
        use sea_orm::ActiveValue::Set;
        let (db, _database) = database_only(backend).await;
        let now = chrono::Utc::now();
        let ago = |days: i64| now - chrono::Duration::days(days) - chrono::Duration::minutes(1);
        let person = account::Entity::insert(account::ActiveModel {
            email: Set("gammal@exempel.se".into()),
            role: Set("resident".into()),
            locale: Set("sv".into()),
            created_at: Set(ago(800)),
            ..Default::default()
        })
        .exec(&db)
        .await
        .unwrap()
        .last_insert_id;
        for (hash, made) in [("old", ago(LOGIN_TOKEN_DAYS)), ("new", now)] {
            login_token::Entity::insert(login_token::ActiveModel {
                account_id: Set(person),
                token_hash: Set(hash.into()),
                expires_at: Set(made + chrono::Duration::minutes(15)),
                used_at: Set(None),
                created_at: Set(made),
                ..Default::default()
            })
            .exec(&db)
            .await
            .unwrap();
        }
        for (subject, at) in [("old", ago(AUDIT_DETAIL_DAYS)), ("new", now)] {
            audit_event::Entity::insert(audit_event::ActiveModel {
                at: Set(at),
                account_id: Set(Some(person)),
                round_id: Set(None),
                action: Set("comment.hidden".into()),
                subject: Set(subject.into()),
                detail: Set("Personangrepp mot Anna".into()),
                ..Default::default()
            })
            .exec(&db)
            .await
            .unwrap();
        }
        old_mail(&db, "old-sent", "sent", MAIL_DAYS + 1).await;
        old_mail(&db, "old-failed", "failed", MAIL_DAYS + 1).await;
        old_mail(&db, "old-queued", "queued", MAIL_DAYS + 1).await;
        old_mail(&db, "recent-sent", "sent", MAIL_DAYS - 1).await;

        let purged = retention::purge(&db, now).await.unwrap();
        assert_eq!(
            (purged.login_tokens, purged.audit_details, purged.mails),
            (1, 1, 2)
        );
        assert_eq!(retention::purge(&db, now).await.unwrap().total(), 0, "once");
        let tokens: Vec<String> = login_token::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.token_hash)
            .collect();
        assert_eq!(tokens, ["new"]);
        let audit: Vec<(String, String)> = audit_event::Entity::find()
            .order_by_asc(audit_event::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.subject, a.detail))
            .collect();
        assert_eq!(
            audit,
            [
                ("old".to_owned(), String::new()),
                ("new".to_owned(), "Personangrepp mot Anna".to_owned())
            ]
        );
        let mails: Vec<String> = outbox::Entity::find()
            .order_by_asc(outbox::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.event_key)
            .collect();
        assert_eq!(mails, ["old-queued", "recent-sent"]);
    }
);
