//! Proposals: residents write and submit them, others support and comment, staff review and
//! merge them, the public list shows them with filters; every refusal is a clear message or
//! the right status, and nothing is half-saved.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::api::proposals::{
    AddComment, HideComment, SaveProposal, SupportProposal, WithdrawProposal,
};
use app::api::review::{MergeProposal, SaveReview};
use app::paths;
use app::ssr::entity::{audit_event, comment, outbox, proposal, proposal_image, proposal_support};

use crate::fixtures::*;
use crate::helpers::*;
use crate::on_both_databases;

/// A round in the proposal phase with its staff; returns (slug, staff).
async fn open_round(app: &TestApp, town: &Town) -> (String, Visitor) {
    let staff = person(app, "staff@parker.se", "staff", Some(town.parks)).await;
    let slug = create_round(&staff, "Parker").await;
    set_phase(app, &slug, "proposals").await;
    (slug, staff)
}

/// Staff find the first proposal feasible at a cost of their own and the second not, with a
/// reason.
async fn review_one_feasible_and_one_not(staff: &Visitor, slug: &str, good: i64, bad: i64) {
    let response = review(staff, good, "feasible", "", "45000", &[0, 1]).await;
    assert_redirects_to(&response, &paths::staff_round(slug).query("reviewed", good));
    let response = review(
        staff,
        bad,
        "not_feasible",
        "Kostar mer än budgeten.",
        "",
        &[1],
    )
    .await;
    assert_redirects_to(&response, &paths::staff_round(slug).query("reviewed", bad));
}

/// The review is stored: the status, the staff's cost and their internal note.
async fn assert_the_review_is_stored(app: &TestApp, id: i64) {
    let stored = proposal::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "feasible");
    assert_eq!(
        stored.staff_cost,
        Some(45_000),
        "the staff's cost is the one used in voting"
    );
    assert_eq!(
        stored.internal_note.as_deref(),
        Some("Kontrollerat med parkavdelningen.")
    );
}

/// The proposer was told each proposal was received, and why the second is not feasible,
/// with a link to it.
async fn assert_the_proposer_is_told_why(app: &TestApp, slug: &str, bad: i64) {
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("boende@exempel.se"))
        .all(&app.db)
        .await
        .unwrap();
    let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
    assert!(
        subjects.contains(&"Vi har tagit emot ditt förslag: Belysning i parken"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"Ditt förslag är bedömt: Parkeringshus"),
        "{subjects:?}"
    );
    let rejection = mails
        .iter()
        .find(|m| m.subject.contains("Parkeringshus") && m.subject.contains("bedömt"))
        .unwrap();
    assert!(
        rejection
            .body_text
            .contains("Skäl: Kostar mer än budgeten."),
        "the reason is in the mail"
    );
    assert!(
        rejection
            .body_text
            .contains(paths::proposal(slug, bad).as_str())
    );
}

/// The public list and page show both proposals, the reason and the staff's cost, never the
/// internal note.
async fn assert_the_public_sees_the_reason_and_not_the_note(app: &TestApp, slug: &str, good: i64) {
    let list = app
        .visitor()
        .get(&paths::proposals(slug))
        .await
        .html()
        .await;
    assert!(list.contains("Belysning i parken") && list.contains("Parkeringshus"));
    assert!(
        list.contains("Kostar mer än budgeten."),
        "rejected proposals stay with their reason"
    );
    assert!(
        !list.contains("Kontrollerat med parkavdelningen"),
        "internal notes are not public"
    );
    let page = app
        .visitor()
        .get(&paths::proposal(slug, good))
        .await
        .html()
        .await;
    assert!(
        page.contains("45\u{a0}000\u{a0}kr"),
        "the staff's cost is shown"
    );
    assert!(!page.contains("Kontrollerat med parkavdelningen"));
}

on_both_databases!(
    a_proposal_goes_from_resident_to_review_and_the_proposer_is_told_why,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, staff) = open_round(&app, &town).await;
        let resident = person(&app, "boende@exempel.se", "resident", None).await;
        let good = submit_proposal(&resident, &slug, "Belysning i parken", "40 000").await;
        let bad = submit_proposal(&resident, &slug, "Parkeringshus", "400000").await;

        review_one_feasible_and_one_not(&staff, &slug, good, bad).await;
        assert_the_review_is_stored(&app, good).await;
        assert_the_proposer_is_told_why(&app, &slug, bad).await;
        assert_the_public_sees_the_reason_and_not_the_note(&app, &slug, good).await;

        // Everything reviewed and one feasible: voting may start.
        set_phase(&app, &slug, "review").await;
        let response = move_to(&staff, &slug, "voting").await;
        assert_redirects_to(&response, &paths::staff_round(&slug).query("moved", 1));
    }
);

/// A proposal with `title`, `description` and `cost` is refused with `code` at `field`, with
/// or without JavaScript; the field is marked and the title kept.
async fn assert_refused_at_the_field(
    resident: &Visitor,
    slug: &str,
    (title, description, cost): (&str, String, &str),
    field: &str,
    code: Code,
) {
    let from = paths::propose(slug);
    let mut fields = proposal_fields(slug, "", "submit", title, cost);
    fields[5].1 = description;
    let response = post(resident, SaveProposal::PATH, &from, &fields).await;
    assert_eq!(
        issues(&refusal(&response)),
        [(field.to_owned(), code)],
        "sent back to the form"
    );
    let html = resident.follow(&response).await.html().await;
    assert_field_error(&html, field, code);
    assert!(
        html.contains("aria-invalid=\"true\""),
        "the field is marked"
    );
    if !title.is_empty() {
        assert!(
            html.contains(&format!("value=\"{title}\"")),
            "the title is kept"
        );
    }
    assert_eq!(
        script_status(resident, SaveProposal::PATH, &from, &fields).await,
        422,
        "{code}"
    );
}

on_both_databases!(
    bad_proposals_are_explained_at_the_field_and_nothing_is_saved,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, _) = open_round(&app, &town).await;
        let resident = person(&app, "boende@exempel.se", "resident", None).await;
        let cases: [((&str, String, &str), &str, Code); 4] = [
            (
                ("", "Bra beskrivning".into(), "1000"),
                "title",
                Code::TitleEmpty,
            ),
            (
                ("Lång", "x".repeat(5001), "1000"),
                "description",
                Code::DescriptionTooLong,
            ),
            (
                ("Negativ", "Bra".into(), "-5"),
                "cost",
                Code::CostNotPositive,
            ),
            (
                ("Orimlig", "Bra".into(), "999999999999"),
                "cost",
                Code::CostOverBudget,
            ),
        ];
        for (proposal, field, code) in cases {
            assert_refused_at_the_field(&resident, &slug, proposal, field, code).await;
        }
        assert_eq!(proposal_count(&app).await, 0, "nothing saved");
    }
);

on_both_databases!(
    a_proposal_after_the_deadline_is_refused_and_kept_in_the_form,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, _) = open_round(&app, &town).await;
        let resident = person(&app, "boende@exempel.se", "resident", None).await;
        let draft = proposal_fields(&slug, "", "draft", "Utkast före stängning", "1000");
        let response = post(
            &resident,
            SaveProposal::PATH,
            &paths::propose(&slug),
            &draft,
        )
        .await;
        assert_eq!(proposal_count(&app).await, 1);
        let draft_id = proposal::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        assert_redirects_to(
            &response,
            &paths::edit_proposal(&slug, draft_id).query("saved", 1),
        );
        set_phase(&app, &slug, "review").await;
        let late = proposal_fields(&slug, "", "submit", "För sent", "1000");
        let response = post(&resident, SaveProposal::PATH, &paths::propose(&slug), &late).await;
        let html = resident.follow(&response).await.html().await;
        assert_form_error(&html, Code::ProposalsClosed);
        assert!(
            html.contains("value=\"För sent\""),
            "what was typed is kept"
        );
        assert_eq!(proposal_count(&app).await, 1, "nothing new saved");
        let stored = proposal::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.status, "draft");
    }
);

/// A form of `id` and locale, with `more` fields.
fn id_form(id: i64, more: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = vec![("id".to_owned(), id.to_string())];
    fields.extend(more.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    fields
}

/// Each of `who` gets `expected` when it tries to edit, withdraw, review or merge proposal `id`.
async fn assert_may_not_change_the_proposal(who: &[(&Visitor, u16)], slug: &str, id: i64) {
    let from = paths::proposal(slug, id);
    let edit = proposal_fields(slug, &id.to_string(), "submit", "Kapat", "1000");
    let withdraw = id_form(id, &[("locale", "sv")]);
    let review_fields = id_form(
        id,
        &[
            ("locale", "sv"),
            ("form[feasibility]", "not_feasible"),
            ("form[reason]", "Nej"),
        ],
    );
    let merge_fields = id_form(id, &[("into", "1"), ("locale", "sv")]);
    for &(who, expected) in who {
        assert_eq!(
            script_status(who, SaveProposal::PATH, &from, &edit).await,
            expected,
            "edit"
        );
        assert_eq!(
            script_status(who, WithdrawProposal::PATH, &from, &withdraw).await,
            expected,
            "withdraw"
        );
        assert_eq!(
            script_status(who, SaveReview::PATH, &from, &review_fields).await,
            expected,
            "review"
        );
        assert_eq!(
            script_status(who, MergeProposal::PATH, &from, &merge_fields).await,
            expected,
            "merge"
        );
    }
}

/// Residents may not review their own proposal either; the proposal is unchanged.
async fn assert_the_author_may_not_review_it_and_nothing_changed(
    app: &TestApp,
    author: &Visitor,
    slug: &str,
    id: i64,
) {
    let review_fields = id_form(
        id,
        &[
            ("locale", "sv"),
            ("form[feasibility]", "not_feasible"),
            ("form[reason]", "Nej"),
        ],
    );
    assert_eq!(
        script_status(
            author,
            SaveReview::PATH,
            &paths::proposal(slug, id),
            &review_fields
        )
        .await,
        403
    );
    let stored = proposal::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.title.as_str(), stored.status.as_str()),
        ("Mitt förslag", "submitted")
    );
}

/// `commenter` comments `body` on proposal `id`.
async fn add_comment(commenter: &Visitor, slug: &str, id: i64, body: &str) -> reqwest::Response {
    let id_text = id.to_string();
    let comment_fields = [("id", id_text.as_str()), ("body", body), ("locale", "sv")];
    commenter
        .post_form(
            AddComment::PATH,
            &paths::proposal(slug, id),
            &comment_fields,
        )
        .await
}

/// The id of the one comment there is.
async fn the_comment_id(app: &TestApp) -> String {
    comment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// Each of `who` gets `expected` when it tries to hide the comment; it stays shown.
async fn assert_may_not_hide_the_comment(
    app: &TestApp,
    who: &[(&Visitor, u16)],
    from: &str,
    comment_id: &str,
) {
    let hide: Vec<(String, String)> = vec![
        ("comment_id".into(), comment_id.into()),
        ("reason".into(), "Personangrepp".into()),
        ("locale".into(), "sv".into()),
    ];
    for &(who, expected) in who {
        assert_eq!(
            script_status(who, HideComment::PATH, from, &hide).await,
            expected,
            "hide"
        );
    }
    let stored = comment::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert!(stored.hidden_at.is_none());
}

on_both_databases!(
    residents_change_only_their_own_proposals_and_staff_only_their_own_namnds,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, _staff) = open_round(&app, &town).await;
        let author = person(&app, "forfattare@exempel.se", "resident", None).await;
        let id = submit_proposal(&author, &slug, "Mitt förslag", "1000").await;
        let other = person(&app, "annan@exempel.se", "resident", None).await;
        let other_staff = person(&app, "staff@kultur.se", "staff", Some(town.culture)).await;
        let politician = person(&app, "politiker@parker.se", "politician", Some(town.parks)).await;
        let anonymous = app.visitor();

        let others = [
            (&other, 403),
            (&other_staff, 403),
            (&politician, 403),
            (&anonymous, 401),
        ];
        assert_may_not_change_the_proposal(&others, &slug, id).await;
        assert_the_author_may_not_review_it_and_nothing_changed(&app, &author, &slug, id).await;

        // A comment can be hidden only by the round's staff.
        let from = paths::proposal(&slug, id);
        let response = add_comment(&other, &slug, id, "Bra idé!").await;
        assert_redirects_to(&response, &from.clone().fragment("comments"));
        let comment = the_comment_id(&app).await;
        let others = [(&author, 403), (&other_staff, 403), (&anonymous, 401)];
        assert_may_not_hide_the_comment(&app, &others, &from, &comment).await;
    }
);

/// Each fan supports the first proposal once and the duplicate twice; the second support
/// changes nothing.
async fn each_fan_supports_the_first_once_and_the_duplicate_twice(
    app: &TestApp,
    fans: &[Visitor],
    slug: &str,
    first: i64,
    duplicate: i64,
) {
    for fan in fans {
        for id in [first, duplicate, duplicate] {
            let page = paths::proposal(slug, id);
            let response = fan
                .post_form(
                    SupportProposal::PATH,
                    &page,
                    &[("id", &id.to_string()), ("locale", "sv")],
                )
                .await;
            assert_redirects_to(&response, &page.query("supported", 1));
        }
    }
    assert_eq!(
        supports(app, duplicate).await,
        2,
        "a second support by the same person changes nothing"
    );
}

/// How many support proposal `id`.
async fn supports(app: &TestApp, id: i64) -> u64 {
    proposal_support::Entity::find()
        .filter(proposal_support::Column::ProposalId.eq(id))
        .count(&app.db)
        .await
        .unwrap()
}

/// Staff merge the duplicate into the first: supporters move, each once; the merged proposal
/// is listed on the target.
async fn assert_a_merge_moves_the_supporters_once(
    app: &TestApp,
    staff: &Visitor,
    slug: &str,
    first: i64,
    duplicate: i64,
) {
    let from = paths::proposal(slug, first);
    let response = staff
        .post_form(
            MergeProposal::PATH,
            &paths::review(duplicate),
            &[
                ("id", &duplicate.to_string()),
                ("into", &first.to_string()),
                ("locale", "sv"),
            ],
        )
        .await;
    assert_redirects_to(&response, &from.clone().query("merged", 1));
    assert_eq!(supports(app, first).await, 2, "supporters moved, each once");
    assert_eq!(supports(app, duplicate).await, 0);
    let merged = proposal::Entity::find_by_id(duplicate)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (merged.status.as_str(), merged.merged_into),
        ("merged", Some(first))
    );
    let page = app.visitor().get(&from).await.html().await;
    assert!(
        page.contains("Sittplatser vid ån"),
        "the merged proposal is listed on the target"
    );
}

on_both_databases!(
    one_support_per_person_and_merges_move_supporters,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, staff) = open_round(&app, &town).await;
        let author = person(&app, "forfattare@exempel.se", "resident", None).await;
        let first = submit_proposal(&author, &slug, "Bänkar vid ån", "10000").await;
        let duplicate = submit_proposal(&author, &slug, "Sittplatser vid ån", "12000").await;
        let fans = [
            app.signed_in("a@exempel.se").await,
            app.signed_in("b@exempel.se").await,
        ];
        each_fan_supports_the_first_once_and_the_duplicate_twice(
            &app, &fans, &slug, first, duplicate,
        )
        .await;
        assert_a_merge_moves_the_supporters_once(&app, &staff, &slug, first, duplicate).await;
    }
);

/// An empty comment is explained at its field.
async fn assert_an_empty_comment_is_explained(fan: &Visitor, slug: &str, id: i64) {
    let empty = fan
        .post_form(
            AddComment::PATH,
            &paths::proposal(slug, id),
            &[("id", &id.to_string()), ("body", "  "), ("locale", "sv")],
        )
        .await;
    let html = fan.follow(&empty).await.html().await;
    assert_field_error(&html, "body", Code::CommentEmpty);
}

/// The round's staff hide the comment: its place says why, its text is gone from the page and
/// kept in the audit log.
async fn assert_a_hidden_comment_keeps_its_reason(
    app: &TestApp,
    staff: &Visitor,
    slug: &str,
    id: i64,
    comment_id: &str,
) {
    let from = paths::proposal(slug, id);
    let response = staff
        .post_form(
            HideComment::PATH,
            &from,
            &[
                ("comment_id", comment_id),
                ("reason", "Personangrepp"),
                ("locale", "sv"),
            ],
        )
        .await;
    assert_redirects_to(&response, &from.clone().fragment("comments"));
    let page = app.visitor().get(&from).await.html().await;
    assert!(
        page.contains(&tr(
            "sv",
            "proposal.comment_hidden",
            &[("reason", &"Personangrepp")]
        )),
        "the comment's place says it is hidden, and why"
    );
    assert!(
        !page.contains("Dumt förslag, idiot"),
        "the hidden text is not public"
    );
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("comment.hide"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("hiding is audited");
    assert!(
        audit.detail.contains("Dumt förslag, idiot"),
        "the audit log keeps the text"
    );
}

on_both_databases!(
    hidden_comments_keep_their_reason_and_the_audit_log_their_text,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, staff) = open_round(&app, &town).await;
        let author = person(&app, "forfattare@exempel.se", "resident", None).await;
        let id = submit_proposal(&author, &slug, "Bänkar vid ån", "10000").await;
        let rude = app.signed_in("a@exempel.se").await;
        let fan = app.signed_in("b@exempel.se").await;
        add_comment(&rude, &slug, id, "Dumt förslag, idiot").await;
        assert_an_empty_comment_is_explained(&fan, &slug, id).await;
        let comment = the_comment_id(&app).await;
        assert_a_hidden_comment_keeps_its_reason(&app, &staff, &slug, id, &comment).await;
    }
);

/// Uploads an image as the edit page's plain multipart form does.
async fn upload(
    who: &Visitor,
    slug: &str,
    id: i64,
    name: &'static str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name)
        .mime_str("image/jpeg")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("locale", "sv")
        .part("image", part);
    who.client
        .post(format!("{}{}", who.base, paths::proposal_image(id)))
        .headers(browser_headers(&format!(
            "{}{}",
            who.base,
            paths::edit_proposal(slug, id)
        )))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A file that is no image is refused at the file field; one over the size limit too;
/// nothing is stored.
async fn assert_bad_images_are_refused_at_the_file_field(
    app: &TestApp,
    author: &Visitor,
    slug: &str,
    id: i64,
) {
    let edit = paths::edit_proposal(slug, id);
    let text = b"just some text, not an image".to_vec();
    let response = upload(author, slug, id, "bild.jpg", text).await;
    assert_redirects_to(
        &response,
        &edit.clone().query("image_error", Code::ImageType),
    );
    let html = author.follow(&response).await.html().await;
    assert_eq!(
        field_error(&html, "image").as_deref(),
        Some(Code::ImageType.as_str()),
        "the error is shown at the file field"
    );
    let mut huge = tiny_png();
    huge.resize(20 * 1024 * 1024, 0);
    let response = upload(author, slug, id, "stor.png", huge).await;
    assert_redirects_to(
        &response,
        &edit.clone().query("image_error", Code::ImageTooLarge),
    );
    assert_eq!(
        proposal_image::Entity::find().count(&app.db).await.unwrap(),
        0,
        "nothing stored"
    );
}

/// The author's photo is saved without what its EXIF said (the position), turned as the
/// camera meant, and served as the type of the stored file; a PNG with transparency stays PNG.
async fn assert_the_authors_image_is_served_by_its_bytes(
    app: &TestApp,
    author: &Visitor,
    slug: &str,
    id: i64,
) {
    let sent = phone_photo();
    assert!(contains(&sent, PHOTO_POSITION.as_bytes()));
    let response = upload(author, slug, id, "bild.png", sent).await;
    assert_redirects_to(
        &response,
        &paths::edit_proposal(slug, id).query("image", "saved"),
    );
    let image = app.visitor().get(&paths::proposal_image(id)).await;
    assert_eq!(image.status(), 200);
    assert_eq!(
        image.headers()["content-type"],
        "image/jpeg",
        "the type read from the bytes, not the name"
    );
    assert_eq!(image.headers()["x-content-type-options"], "nosniff");
    let served = image.bytes().await.unwrap().to_vec();
    assert!(
        !contains(&served, PHOTO_POSITION.as_bytes()),
        "the position is gone"
    );
    assert!(!contains(&served, b"Exif"), "no EXIF at all");
    let decoded = image::load_from_memory(&served).unwrap();
    assert_eq!(
        (decoded.width(), decoded.height()),
        (30, 60),
        "turned upright"
    );
    upload(author, slug, id, "bild.png", tiny_png()).await;
    let image = app.visitor().get(&paths::proposal_image(id)).await;
    assert_eq!(image.headers()["content-type"], "image/png");
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

on_both_databases!(
    images_are_checked_by_their_bytes_and_size,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, _) = open_round(&app, &town).await;
        let author = person(&app, "forfattare@exempel.se", "resident", None).await;
        let id = submit_proposal(&author, &slug, "Med bild", "1000").await;
        assert_bad_images_are_refused_at_the_file_field(&app, &author, &slug, id).await;
        let stranger = app.signed_in("annan@exempel.se").await;
        assert_eq!(
            upload(&stranger, &slug, id, "bild.png", tiny_png())
                .await
                .status(),
            403
        );
        assert_the_authors_image_is_served_by_its_bytes(&app, &author, &slug, id).await;
    }
);

on_both_databases!(
    the_public_list_filters_searches_and_pages,
    |backend| async move {
        let app = spawn(backend).await;
        let town = municipality(&app).await;
        let (slug, _) = open_round(&app, &town).await;
        let author = person(&app, "forfattare@exempel.se", "resident", None).await;
        for n in 0..23 {
            let mut fields =
                proposal_fields(&slug, "", "submit", &format!("Förslag nummer {n}"), "1000");
            if n % 2 == 0 {
                fields[6].1 = town.north.to_string();
            }
            if n == 7 {
                fields[5].1 = "En LEKPLATS för alla barn".into();
            }
            submit_proposal_form(&author, &slug, &fields).await;
        }
        let draft = proposal_fields(&slug, "", "draft", "Hemligt utkast", "1000");
        post(&author, SaveProposal::PATH, &paths::propose(&slug), &draft).await;
        let visitor = app.visitor();
        let page = |query: String| {
            let visitor = visitor.clone();
            let slug = slug.clone();
            async move {
                visitor
                    .get(&format!("{}{query}", paths::proposals(&slug)))
                    .await
                    .html()
                    .await
            }
        };
        let count = |n: usize| tr("sv", "proposals.count", &[("count", &n)]);
        let first = page(String::new()).await;
        assert!(first.contains(&count(23)), "drafts are not listed");
        assert!(first.contains(&tr(
            "sv",
            "proposals.page_of",
            &[("page", &1), ("pages", &2)]
        )));
        assert!(!first.contains("Hemligt utkast"));
        let second = page("?page=2".into()).await;
        assert_eq!(second.matches("class=\"card\"").count(), 3);
        let north = page(format!("?area={}", town.north)).await;
        assert!(north.contains(&count(12)));
        let search = page("?q=lekplats".into()).await;
        assert!(search.contains(&count(1)) && search.contains("Förslag nummer 7"));
        let none = page("?q=%25".into()).await;
        assert!(
            none.contains(&count(0)),
            "a % in the search is text, not a wildcard"
        );
        let feasible = page("?status=feasible".into()).await;
        assert!(feasible.contains(&count(0)));
    }
);
