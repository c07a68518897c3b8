//! Every role against every endpoint: actors (nobody, a resident, a proposal's author, a kiosk
//! voter before and after the cast, partners, staff and politicians of the target's nämnd and
//! of the other, an administrator, a session issued before a demotion) call every server
//! function and form route with ids of one nämnd. Whoever the matrix allows gets past
//! authorization (success, or a refusal by the rules of the phase: 422); everyone else is
//! answered 401, 403 or 404 (or sent to the login page) and the database is unchanged, row
//! for row. The matrix must name every registered server function.
//!
//! On SQLite only: who may do what is decided in the services, above the database, and the
//! walk is over a thousand requests.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::api::*;
use app::paths;
use app::ssr::entity::{area, comment, implementation_update, namnd, proposal, round};
use app::ssr::keys::Purpose;

use crate::fingerprint::{changes, fingerprint};
use crate::fixtures::{set_role, tiny_png};
use crate::helpers::*;

/// Who calls. "Own" and "Other" are relative to the nämnd of the probe's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Actor {
    Anonymous,
    Resident,
    Author,
    KioskVoter,
    KioskVoterAfterCast,
    PartnerOwn,
    PartnerOther,
    StaffOwn,
    StaffOther,
    PoliticianOwn,
    PoliticianOther,
    Admin,
    Demoted,
}

use Actor::*;

const ACTORS: [Actor; 13] = [
    Anonymous,
    Resident,
    Author,
    KioskVoter,
    KioskVoterAfterCast,
    PartnerOwn,
    PartnerOther,
    StaffOwn,
    StaffOther,
    PoliticianOwn,
    PoliticianOther,
    Admin,
    Demoted,
];

/// Everyone.
const PUBLIC: &[Actor] = &ACTORS;
/// Signed in with a session of their own (a kiosk voter may only vote, then answer).
const SIGNED_IN: &[Actor] = &[
    Resident,
    Author,
    PartnerOwn,
    PartnerOther,
    StaffOwn,
    StaffOther,
    PoliticianOwn,
    PoliticianOther,
    Admin,
];
/// May vote in the kiosk's round: the signed in, and the kiosk voter before the cast.
const VOTERS: &[Actor] = &[
    Resident,
    Author,
    KioskVoter,
    PartnerOwn,
    PartnerOther,
    StaffOwn,
    StaffOther,
    PoliticianOwn,
    PoliticianOther,
    Admin,
];
/// May answer the voluntary questions of the kiosk's round.
const ANSWERERS: &[Actor] = &[
    Resident,
    Author,
    KioskVoterAfterCast,
    PartnerOwn,
    PartnerOther,
    StaffOwn,
    StaffOther,
    PoliticianOwn,
    PoliticianOther,
    Admin,
];
const MANAGERS: &[Actor] = &[StaffOwn, Admin];
const ASSISTANTS: &[Actor] = &[StaffOwn, PartnerOwn, Admin];
const DECIDERS: &[Actor] = &[PoliticianOwn, Admin];
const DELIBERATORS: &[Actor] = &[StaffOwn, PoliticianOwn, Admin];
const ANY_STAFF: &[Actor] = &[StaffOwn, StaffOther, Admin];
const PARTNERS: &[Actor] = &[PartnerOwn, PartnerOther];
const AUTHOR: &[Actor] = &[Author];
const ADMIN: &[Actor] = &[Admin];
const KIOSK_DEVICE: &[Actor] = &[KioskVoter, KioskVoterAfterCast];

const KULTUR: &str = "kultur-och-fritidsnamnden";
const STADSMILJO: &str = "stadsmiljonamnden";
/// Kultur, proposals open.
const UNGA: &str = "unga-i-centrum-2027";
/// Kultur, implementation.
const FRITID: &str = "fritidsgardar-2026";
/// Stadsmiljö, voting.
const PARKER: &str = "tryggare-parker-2026";
const PIN: &str = "4711";

/// The people of each nämnd.
struct Staffing {
    staff: &'static str,
    politician: &'static str,
    partner: &'static str,
}

const KULTUR_PEOPLE: Staffing = Staffing {
    staff: "personal.kultur@exempelkommun.se",
    politician: "politiker.kultur@exempelkommun.se",
    partner: "forening.kultur@exempelkommun.se",
};
const STADSMILJO_PEOPLE: Staffing = Staffing {
    staff: "personal.stadsmiljo@exempelkommun.se",
    politician: "politiker@exempelkommun.se",
    partner: "forening@exempelkommun.se",
};
const ADMIN_EMAIL: &str = "admin@exempelkommun.se";
/// A resident who wrote none of the proposals probed.
const RESIDENT: &str = "nils@example.se";

/// How a probe is sent.
enum Body {
    /// A server function called as the hydrated page calls it (the status says what happened).
    Script(Vec<(String, String)>),
    /// A plain multipart form (an upload route).
    Upload {
        field: &'static str,
        bytes: Vec<u8>,
        mime: &'static str,
        text: Vec<(&'static str, String)>,
    },
    /// A download.
    Get,
    /// A mail program's one-click unsubscribe (no origin, no cookies needed).
    OneClick,
}

/// One call of one endpoint at one target, and who may make it.
struct Probe {
    /// The endpoint, as registered (`/api/…` or a route).
    endpoint: &'static str,
    /// The address called (the endpoint with ids filled in, and a query).
    url: String,
    body: Body,
    /// The nämnd the target belongs to.
    namnd: &'static str,
    /// The author of the target proposal (for [`Actor::Author`]).
    author: &'static str,
    allowed: &'static [Actor],
}

/// Ids of the demo's objects, looked up by their natural keys.
struct World {
    unga: i64,
    eklunda: i64,
    gym: i64,
    scen: i64,
    laxhjalp: i64,
    papperskorgar: i64,
    musikstudio: i64,
    belysning: i64,
    comment: i64,
    update: i64,
}

async fn world(app: &TestApp) -> World {
    let proposal = |title: &'static str| {
        let db = app.db.clone();
        async move {
            proposal::Entity::find()
                .filter(proposal::Column::Title.eq(title))
                .one(&db)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("demo proposal {title}"))
                .id
        }
    };
    let musikstudio = proposal("Musikstudio på fritidsgården").await;
    World {
        unga: round::Entity::find()
            .filter(round::Column::Slug.eq(UNGA))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id,
        eklunda: area::Entity::find()
            .filter(area::Column::Slug.eq("eklunda"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id,
        gym: proposal("Gratis gym utomhus vid stationen").await,
        scen: proposal("Scen för ung musik på torget").await,
        laxhjalp: proposal("Läxhjälp och fika på biblioteket").await,
        papperskorgar: proposal("Fler papperskorgar med pant-ringar").await,
        musikstudio,
        belysning: proposal("Belysning längs gångvägen i Eklundaparken").await,
        comment: comment::Entity::find()
            .filter(comment::Column::Body.starts_with("Ja! Jag skulle"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id,
        update: implementation_update::Entity::find()
            .filter(implementation_update::Column::ProposalId.eq(musikstudio))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id,
    }
}

/// `[(k, v)]` as owned pairs, `locale=sv` added.
fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .chain(&[("locale", "sv")])
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A server function probe.
fn call<F: ServerFn>(
    namnd: &'static str,
    pairs: &[(&str, &str)],
    allowed: &'static [Actor],
) -> Probe {
    Probe {
        endpoint: F::PATH,
        url: F::PATH.to_owned(),
        body: Body::Script(fields(pairs)),
        namnd,
        // A resident who wrote proposals elsewhere (`by` names the target's author).
        author: "amina@example.se",
        allowed,
    }
}

impl Probe {
    fn by(mut self, author: &'static str) -> Probe {
        self.author = author;
        self
    }

    fn without_locale(mut self) -> Probe {
        if let Body::Script(pairs) = &mut self.body {
            pairs.retain(|(k, _)| k != "locale");
        }
        self
    }
}

/// The probes made while the demo's stadsmiljö round is open for voting.
fn probes(w: &World, app: &TestApp) -> Vec<Probe> {
    let id = |n: i64| Box::leak(n.to_string().into_boxed_str()) as &'static str;
    let (gym, scen, laxhjalp, papperskorgar) =
        (id(w.gym), id(w.scen), id(w.laxhjalp), id(w.papperskorgar));
    let (musikstudio, belysning, comment) = (id(w.musikstudio), id(w.belysning), id(w.comment));
    let choice: &'static str = Box::leak(format!("ballot[choice][{belysning}]").into_boxed_str());
    let eklunda = id(w.eklunda);
    let scope: &'static str = Box::leak(format!("round:{}", w.unga).into_boxed_str());
    let signed = |purpose: Purpose| -> Vec<(String, String)> {
        let query = app::ssr::links::query(
            &app.ctx.keys.mail_link,
            purpose,
            "foljare@exempel.se",
            scope,
        );
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    };
    let with_link = |purpose: Purpose, extra: &[(&str, &str)]| {
        let mut pairs = signed(purpose);
        pairs.extend(fields(extra));
        pairs
    };
    let today = chrono::Utc::now().date_naive().to_string();
    let today: &'static str = Box::leak(today.into_boxed_str());
    let filter = [
        ("filter[area]", ""),
        ("filter[status]", ""),
        ("filter[q]", ""),
        ("filter[page]", "1"),
    ];
    let question_form = [
        ("slug", PARKER),
        ("form[gender]", "woman"),
        ("form[age]", "30-44"),
        ("form[area_id]", eklunda),
        ("form[born]", "sweden"),
        ("form[education]", "skip"),
        ("form[occupation]", "skip"),
        ("form[disability]", ""),
    ];
    vec![
        // Administration.
        call::<admin::LoadAdminOverview>(KULTUR, &[], ADMIN),
        call::<admin::CreateNamnd>(KULTUR, &[("name", "Nya nämnden")], ADMIN),
        call::<admin::SaveArea>(KULTUR, &[("name", "Västra"), ("population", "1200")], ADMIN),
        call::<admin::SetAccountRole>(
            KULTUR,
            &[
                ("email", "ny@exempel.se"),
                ("role", "resident"),
                ("namnd_id", ""),
            ],
            ADMIN,
        ),
        // Public reading.
        call::<rounds::ListRounds>(KULTUR, &[], PUBLIC),
        call::<rounds::RoundPage>(KULTUR, &[("slug", UNGA)], PUBLIC),
        call::<proposals::ListProposals>(
            KULTUR,
            &[("slug", UNGA), filter[0], filter[1], filter[2], filter[3]],
            PUBLIC,
        ),
        call::<proposals::LoadProposal>(KULTUR, &[("id", gym)], PUBLIC),
        call::<updates::ListProjects>(
            KULTUR,
            &[
                ("filter[namnd]", ""),
                ("filter[area]", ""),
                ("filter[year]", ""),
                ("filter[status]", ""),
            ],
            PUBLIC,
        ),
        call::<voting::LoadResult>(KULTUR, &[("slug", FRITID)], PUBLIC),
        call::<participation::LoadEvaluation>(KULTUR, &[("slug", FRITID)], PUBLIC),
        call::<session::SessionInfo>(KULTUR, &[], PUBLIC),
        call::<eid::EidProviders>(KULTUR, &[], PUBLIC),
        call::<eid::EidMergeOffer>(KULTUR, &[], PUBLIC).without_locale(),
        // The development mail page (404 in production: `pages.rs`).
        call::<dev::DevMails>(KULTUR, &[], PUBLIC).without_locale(),
        // Signing in.
        call::<login::RequestLoginLink>(KULTUR, &[("email", "ny2@exempel.se")], PUBLIC),
        call::<login::CheckLoginLink>(KULTUR, &[("token", "gissat")], PUBLIC).without_locale(),
        call::<login::UseLoginLink>(KULTUR, &[("token", "gissat")], PUBLIC),
        call::<eid::MergeEidAccount>(KULTUR, &[], SIGNED_IN),
        // Following by mail: a signed link is the permission.
        call::<subscriptions::Subscribe>(
            KULTUR,
            &[("slug", UNGA), ("form[email]", "foljare@exempel.se")],
            PUBLIC,
        ),
        Probe {
            body: Body::Script(with_link(Purpose::Unsubscribe, &[])),
            ..call::<subscriptions::LoadUnsubscribe>(KULTUR, &[], PUBLIC)
        },
        Probe {
            body: Body::Script(with_link(Purpose::Confirm, &[])),
            ..call::<subscriptions::LoadConfirm>(KULTUR, &[], PUBLIC)
        },
        Probe {
            body: Body::Script(with_link(Purpose::Confirm, &[])),
            ..call::<subscriptions::ConfirmSubscription>(KULTUR, &[], PUBLIC)
        },
        Probe {
            body: Body::Script(with_link(Purpose::Unsubscribe, &[("on", "true")])),
            ..call::<subscriptions::ChooseDigest>(KULTUR, &[], PUBLIC)
        },
        Probe {
            body: Body::Script(with_link(Purpose::Unsubscribe, &[])),
            ..call::<subscriptions::Unsubscribe>(KULTUR, &[], PUBLIC)
        },
        Probe {
            endpoint: paths::UNSUBSCRIBE_ONE_CLICK,
            url: format!(
                "{}?{}",
                paths::UNSUBSCRIBE_ONE_CLICK,
                app::ssr::links::query(
                    &app.ctx.keys.mail_link,
                    Purpose::Unsubscribe,
                    "foljare2@exempel.se",
                    scope
                )
            ),
            body: Body::OneClick,
            namnd: KULTUR,
            author: "amina@example.se",
            allowed: PUBLIC,
        },
        // Proposals.
        call::<proposals::LoadProposalEditor>(KULTUR, &[("slug", UNGA)], SIGNED_IN),
        call::<proposals::LoadProposalEditor>(KULTUR, &[("slug", UNGA), ("id", gym)], AUTHOR)
            .by("amina@example.se"),
        call::<proposals::SaveProposal>(
            KULTUR,
            &[
                ("slug", UNGA),
                ("id", ""),
                ("intent", "draft"),
                ("form[title]", "Bänkar"),
                ("form[description]", "Fler bänkar."),
                ("form[cost]", "50000"),
            ],
            SIGNED_IN,
        ),
        call::<proposals::SaveProposal>(
            KULTUR,
            &[
                ("slug", UNGA),
                ("id", gym),
                ("intent", "submit"),
                ("form[title]", "Gratis gym utomhus vid stationen"),
                ("form[description]", "Ett utegym."),
                ("form[cost]", "90000"),
            ],
            AUTHOR,
        )
        .by("amina@example.se"),
        call::<proposals::SupportProposal>(KULTUR, &[("id", gym)], SIGNED_IN),
        call::<proposals::AddComment>(KULTUR, &[("id", gym), ("body", "Bra idé!")], SIGNED_IN),
        call::<proposals::HideComment>(
            KULTUR,
            &[("comment_id", comment), ("reason", "Personangrepp")],
            MANAGERS,
        ),
        // Staff review.
        call::<review::LoadReviewEditor>(KULTUR, &[("id", gym)], MANAGERS),
        call::<review::SaveReview>(
            KULTUR,
            &[
                ("id", scen),
                ("form[feasibility]", "not_feasible"),
                ("form[reason]", "Torget byggs om."),
                ("form[staff_cost]", ""),
                ("form[internal_note]", ""),
            ],
            MANAGERS,
        ),
        call::<review::MergeProposal>(KULTUR, &[("id", laxhjalp), ("into", gym)], MANAGERS),
        call::<proposals::WithdrawProposal>(KULTUR, &[("id", papperskorgar)], AUTHOR)
            .by("johan@example.se"),
        Probe {
            endpoint: "/proposals/{id}/image",
            url: paths::proposal_image(w.gym).to_string(),
            body: Body::Upload {
                field: "image",
                bytes: tiny_png(),
                mime: "image/png",
                text: vec![("locale", "sv".into())],
            },
            namnd: KULTUR,
            author: "amina@example.se",
            allowed: AUTHOR,
        },
        // Running a round.
        call::<rounds::StaffRounds>(KULTUR, &[], ANY_STAFF).without_locale(),
        call::<rounds::LoadRoundEditor>(KULTUR, &[("slug", "")], ANY_STAFF).without_locale(),
        call::<rounds::LoadRoundEditor>(KULTUR, &[("slug", UNGA)], MANAGERS).without_locale(),
        Probe {
            body: Body::Script(round_form(UNGA)),
            ..call::<rounds::SaveRound>(KULTUR, &[], MANAGERS)
        },
        Probe {
            body: Body::Script(round_form("")),
            // Staff create rounds in their own nämnd (an administrator must name one).
            ..call::<rounds::SaveRound>(KULTUR, &[], ANY_STAFF)
        },
        call::<rounds::ClearRoll>(KULTUR, &[("slug", UNGA)], MANAGERS),
        call::<rounds::LoadRoundMail>(KULTUR, &[("slug", UNGA)], MANAGERS),
        call::<rounds::RetryMail>(KULTUR, &[("slug", UNGA)], MANAGERS),
        Probe {
            endpoint: "/rounds/{slug}/electoral-roll",
            url: paths::electoral_roll(UNGA).to_string(),
            body: Body::Upload {
                field: "roll",
                bytes: b"personnummer\n199001012385\n".to_vec(),
                mime: "text/csv",
                text: vec![("locale", "sv".into())],
            },
            namnd: KULTUR,
            author: "amina@example.se",
            allowed: MANAGERS,
        },
        // Participation.
        call::<participation::LoadParticipation>(STADSMILJO, &[("slug", PARKER)], ASSISTANTS),
        call::<participation::LoadPartnerHome>(KULTUR, &[], PARTNERS),
        call::<participation::SaveBaseline>(
            KULTUR,
            &[
                ("slug", UNGA),
                ("csv", "area;dimension;group;count\nall;age;16-19;5000\n"),
            ],
            MANAGERS,
        ),
        call::<participation::SaveBaselineCounts>(
            KULTUR,
            &[
                ("slug", UNGA),
                ("scope", "all"),
                ("count[age-16-19]", "1800"),
            ],
            MANAGERS,
        ),
        call::<participation::LoadEvaluation>(KULTUR, &[("slug", UNGA)], DELIBERATORS),
        Probe {
            endpoint: "/rounds/{slug}/participation.csv",
            url: paths::evaluation_csv(UNGA).to_string(),
            body: Body::Get,
            namnd: KULTUR,
            author: "amina@example.se",
            allowed: DELIBERATORS,
        },
        call::<participation::RecordOutreach>(
            STADSMILJO,
            &[
                ("slug", PARKER),
                ("form[day]", today),
                ("form[place]", "Fritidsgården"),
                ("form[group]", ""),
                ("form[reached]", "12"),
                ("form[note]", "Samtal"),
            ],
            ASSISTANTS,
        ),
        // Voting.
        // Your own receipt: the author here is a demo voter; nobody else has voted yet.
        call::<voting::LoadReceipt>(STADSMILJO, &[("slug", PARKER)], AUTHOR)
            .by("tryggare-parker-2026.001@example.se"),
        call::<voting::LoadBallot>(STADSMILJO, &[("slug", PARKER)], VOTERS),
        call::<voting::LoadBallot>(KULTUR, &[("slug", UNGA)], SIGNED_IN),
        call::<voting::SaveVoterProfile>(
            STADSMILJO,
            &[
                ("slug", PARKER),
                ("birth_year", "1990"),
                ("home_area", eklunda),
            ],
            VOTERS,
        ),
        call::<voting::CastBallot>(STADSMILJO, &[("slug", PARKER), (choice, belysning)], VOTERS),
        call::<voting::CastBallot>(KULTUR, &[("slug", UNGA), (choice, belysning)], SIGNED_IN),
        call::<participation::AnswerQuestions>(STADSMILJO, &question_form, ANSWERERS),
        call::<voting::LoadStaffBallot>(STADSMILJO, &[("slug", PARKER)], MANAGERS),
        call::<voting::AssistVote>(
            STADSMILJO,
            &[
                ("slug", PARKER),
                ("email", "doris@exempel.se"),
                ("id_document", "passport"),
                ("identity_number", ""),
                (choice, belysning),
            ],
            MANAGERS,
        ),
        call::<voting::SavePaperRoll>(
            STADSMILJO,
            &[
                ("slug", PARKER),
                ("form[first_serial]", "P-1"),
                ("form[last_serial]", "P-5000"),
                ("form[checked_off]", ""),
            ],
            MANAGERS,
        ),
        call::<voting::EnterPaperBallot>(
            STADSMILJO,
            &[("slug", PARKER), ("serial", "P-17"), (choice, belysning)],
            MANAGERS,
        ),
        // Kiosks.
        call::<kiosk::StartKiosk>(
            STADSMILJO,
            &[
                ("slug", PARKER),
                ("form[place]", "Biblioteket"),
                ("form[pin]", PIN),
            ],
            ASSISTANTS,
        ),
        call::<kiosk::LoadKiosk>(STADSMILJO, &[], PUBLIC),
        call::<kiosk::KioskNextVoter>(
            STADSMILJO,
            &[
                ("form[email]", "nasta@exempel.se"),
                ("form[pin]", PIN),
                ("form[id_document]", "driving_licence"),
            ],
            KIOSK_DEVICE,
        ),
        call::<kiosk::LoadKioskQuestions>(STADSMILJO, &[], PUBLIC),
        call::<kiosk::LeaveKioskBallot>(STADSMILJO, &[], PUBLIC),
        call::<kiosk::EndKiosk>(STADSMILJO, &[("end_pin", PIN)], PUBLIC),
        // Politics and implementation.
        call::<decisions::LoadPoliticalReview>(KULTUR, &[("slug", UNGA)], DELIBERATORS),
        call::<decisions::LoadDecisionEditor>(KULTUR, &[("id", musikstudio)], DECIDERS),
        call::<decisions::SaveDecision>(
            KULTUR,
            &[
                ("id", musikstudio),
                ("form[outcome]", "approved"),
                ("form[motivation]", ""),
                ("form[protocol_section]", "§ 45"),
                ("form[meeting_date]", "2026-05-04"),
                ("form[minutes_url]", ""),
            ],
            DECIDERS,
        ),
        call::<voting::PublishResult>(KULTUR, &[("slug", FRITID)], MANAGERS),
        call::<updates::SaveUpdate>(
            KULTUR,
            &[
                ("id", musikstudio),
                ("form[status]", "started"),
                ("form[percent]", "40"),
                ("form[text]", "Väggarna är isolerade."),
                ("form[date]", today),
            ],
            MANAGERS,
        ),
        Probe {
            endpoint: "/updates/{id}/image",
            url: paths::update_image(w.update).to_string(),
            body: Body::Upload {
                field: "image",
                bytes: tiny_png(),
                mime: "image/png",
                text: vec![("locale", "sv".into()), ("description", "Studion".into())],
            },
            namnd: KULTUR,
            author: "amina@example.se",
            allowed: MANAGERS,
        },
        Probe {
            endpoint: "/display",
            url: paths::display().to_string(),
            body: Body::Script(fields(&[("contrast", "high"), ("text", "large")])),
            namnd: KULTUR,
            author: "amina@example.se",
            allowed: PUBLIC,
        },
        // One's own data; erasing without the box ticked is refused by the rules (422).
        Probe {
            endpoint: "/account/data.json",
            url: paths::account_data().to_string(),
            body: Body::Get,
            namnd: KULTUR,
            author: "amina@example.se",
            allowed: SIGNED_IN,
        },
        call::<account::EraseAccount>(KULTUR, &[("confirm", "")], SIGNED_IN),
        // Last: these end sessions and move the round on.
        call::<session::Logout>(KULTUR, &[], PUBLIC),
        call::<rounds::MovePhase>(KULTUR, &[("slug", FRITID), ("to", "closed")], MANAGERS),
    ]
}

/// The round form (a new round when `slug` is empty).
fn round_form(slug: &str) -> Vec<(String, String)> {
    let mut pairs = crate::fixtures::round_fields("Sommarlov");
    pairs.retain(|(k, _)| k != "slug");
    pairs.push(("slug".into(), slug.into()));
    pairs
}

/// The probes made once the vote has closed and been counted, before the result is published.
fn after_the_count() -> Vec<Probe> {
    vec![
        call::<voting::LoadResult>(STADSMILJO, &[("slug", PARKER)], DELIBERATORS),
        Probe {
            endpoint: "/rounds/{slug}/ballots.pb",
            url: paths::ballots_pb(PARKER).to_string(),
            body: Body::Get,
            namnd: STADSMILJO,
            author: "amina@example.se",
            allowed: DELIBERATORS,
        },
        call::<decisions::LoadPoliticalReview>(STADSMILJO, &[("slug", PARKER)], DELIBERATORS),
    ]
}

/// The routes axum serves beside the server functions that change something (each must have
/// a probe).
const FORM_ROUTES: [&str; 5] = [
    "/display",
    "/proposals/{id}/image",
    "/updates/{id}/image",
    "/rounds/{slug}/electoral-roll",
    paths::UNSUBSCRIBE_ONE_CLICK,
];

/// Everything the actors need.
struct Cast {
    demoted_token: String,
    kiosk_voters: std::cell::Cell<usize>,
    /// Once voting has closed: kiosk voters let in (and one who cast) while it was open.
    closed_kiosks: Option<(Visitor, Visitor)>,
}

/// A browser for `actor` at `probe` (a kiosk voter at a fresh kiosk of the voting round).
async fn browser(app: &TestApp, w: &World, cast: &Cast, actor: Actor, probe: &Probe) -> Visitor {
    let (own, other) = if probe.namnd == KULTUR {
        (&KULTUR_PEOPLE, &STADSMILJO_PEOPLE)
    } else {
        (&STADSMILJO_PEOPLE, &KULTUR_PEOPLE)
    };
    let email = match actor {
        Anonymous => return app.visitor(),
        Demoted => return app.with_session(&cast.demoted_token),
        KioskVoter | KioskVoterAfterCast if cast.closed_kiosks.is_some() => {
            let (before, after) = cast.closed_kiosks.as_ref().unwrap();
            return if actor == KioskVoter { before } else { after }.clone();
        }
        KioskVoter | KioskVoterAfterCast => {
            let n = cast.kiosk_voters.get() + 1;
            cast.kiosk_voters.set(n);
            return kiosk_voter(app, w, n, actor == KioskVoterAfterCast).await;
        }
        Resident => RESIDENT,
        Author => probe.author,
        PartnerOwn => own.partner,
        PartnerOther => other.partner,
        StaffOwn => own.staff,
        StaffOther => other.staff,
        PoliticianOwn => own.politician,
        PoliticianOther => other.politician,
        Admin => ADMIN_EMAIL,
    };
    app.session_for(email).await
}

/// A kiosk of the voting round, started by its staff, with a voter let in (who has cast
/// their ballot when `cast`).
async fn kiosk_voter(app: &TestApp, w: &World, n: usize, cast: bool) -> Visitor {
    let device = app.session_for(STADSMILJO_PEOPLE.staff).await;
    let expect = |response: reqwest::Response, what: &str| {
        assert_eq!(response.status(), 200, "{what}: {:?}", response);
    };
    expect(
        device
            .post_as_script(
                kiosk::StartKiosk::PATH,
                &paths::kiosk().to_string(),
                &[
                    ("slug", PARKER),
                    ("locale", "sv"),
                    ("form[place]", "Biblioteket"),
                    ("form[pin]", PIN),
                ],
            )
            .await,
        "kiosk started",
    );
    let email = format!("kiosk{n}@exempel.se");
    expect(
        device
            .post_as_script(
                kiosk::KioskNextVoter::PATH,
                &paths::kiosk().to_string(),
                &[
                    ("locale", "sv"),
                    ("form[email]", email.as_str()),
                    ("form[pin]", PIN),
                    ("form[id_document]", "driving_licence"),
                ],
            )
            .await,
        "voter let in",
    );
    if cast {
        let vote = paths::vote(PARKER).to_string();
        let area = w.eklunda.to_string();
        expect(
            device
                .post_as_script(
                    voting::SaveVoterProfile::PATH,
                    &vote,
                    &[
                        ("slug", PARKER),
                        ("locale", "sv"),
                        ("birth_year", "1990"),
                        ("home_area", area.as_str()),
                    ],
                )
                .await,
            "profile saved",
        );
        let project = w.belysning.to_string();
        let choice = format!("ballot[choice][{project}]");
        expect(
            device
                .post_as_script(
                    voting::CastBallot::PATH,
                    &vote,
                    &[
                        ("slug", PARKER),
                        ("locale", "sv"),
                        (choice.as_str(), project.as_str()),
                    ],
                )
                .await,
            "kiosk ballot cast",
        );
    }
    device
}

/// Sends `probe` from `who`.
async fn send(who: &Visitor, probe: &Probe) -> reqwest::Response {
    let url = format!("{}{}", who.base, probe.url);
    let from = format!("{}/", who.base);
    match &probe.body {
        Body::Script(pairs) => who
            .client
            .post(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::REFERER, from)
            .form(pairs)
            .send(),
        Body::Upload {
            field,
            bytes,
            mime,
            text,
        } => {
            let mut form = reqwest::multipart::Form::new().part(
                *field,
                reqwest::multipart::Part::bytes(bytes.clone())
                    .file_name("fil")
                    .mime_str(mime)
                    .unwrap(),
            );
            for (name, value) in text {
                form = form.text(*name, value.clone());
            }
            who.client
                .post(url)
                .headers(browser_headers(&from))
                .multipart(form)
                .send()
        }
        Body::Get => who.client.get(url).send(),
        Body::OneClick => who
            .client
            .post(url)
            .form(&[("List-Unsubscribe", "One-Click")])
            .send(),
    }
    .await
    .unwrap()
}

/// Whether the answer refuses the caller: 401, 403, 404, or off to the login page.
fn refused(response: &reqwest::Response) -> bool {
    let status = response.status().as_u16();
    matches!(status, 401 | 403 | 404)
        || (response.status().is_redirection() && location(response).starts_with("/login"))
}

/// Runs `probes` for every actor; returns the mismatches.
async fn walk(app: &TestApp, w: &World, cast: &Cast, probes: &[Probe]) -> Vec<String> {
    // Login attempts are counted whoever makes them.
    const COUNTERS: [&str; 1] = ["rate_counter"];
    let mut wrong = Vec::new();
    for probe in probes {
        for actor in ACTORS {
            let who = browser(app, w, cast, actor, probe).await;
            let before = fingerprint(&app.db, &COUNTERS).await;
            let response = send(&who, probe).await;
            let status = response.status();
            let allowed = probe.allowed.contains(&actor);
            if status.is_server_error() || status == 400 {
                wrong.push(format!("{} {actor:?}: {status}", probe.url));
            } else if allowed && refused(&response) {
                wrong.push(format!("{} {actor:?}: refused with {status}", probe.url));
            } else if !allowed && !refused(&response) {
                wrong.push(format!(
                    "{} {actor:?}: let through with {status}",
                    probe.url
                ));
            } else if !allowed {
                let after = fingerprint(&app.db, &COUNTERS).await;
                let changed = changes(&before, &after);
                if !changed.is_empty() {
                    wrong.push(format!(
                        "{} {actor:?} refused but changed {changed:?}",
                        probe.url
                    ));
                }
            }
        }
    }
    wrong
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_reaches_exactly_what_it_may_at_every_endpoint() {
    let app = spawn_with(
        Backend::Sqlite,
        Options {
            demo: true,
            // No mail goes out during the walk: the worker would change the outbox meanwhile.
            mail_poll_ms: 3_600_000,
            admin_email: Some(ADMIN_EMAIL.into()),
            ..Options::default()
        },
    )
    .await;
    let w = world(&app).await;
    // A partner of kultur (the demo has one of stadsmiljö), and a staff member of kultur
    // whose session was issued before an administrator made them a resident.
    let kultur = namnd::Entity::find()
        .filter(namnd::Column::Slug.eq(KULTUR))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    app.session_for(KULTUR_PEOPLE.partner).await;
    set_role(&app, KULTUR_PEOPLE.partner, "partner", Some(kultur)).await;
    let demoted = "avgick@exempelkommun.se";
    app.session_for(demoted).await;
    set_role(&app, demoted, "staff", Some(kultur)).await;
    let demoted_id = crate::fixtures::account_id(&app, demoted).await;
    let demoted_token = app.ctx.keys.session.issue(demoted_id, 0).unwrap();
    let administrator = app.session_for(ADMIN_EMAIL).await;
    let response = administrator
        .post_as_script(
            admin::SetAccountRole::PATH,
            &paths::admin_accounts().to_string(),
            &[
                ("email", demoted),
                ("role", "resident"),
                ("namnd_id", ""),
                ("locale", "sv"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "demoted");
    let mut cast = Cast {
        demoted_token,
        kiosk_voters: std::cell::Cell::new(0),
        closed_kiosks: None,
    };

    let during = probes(&w, &app);
    let mut wrong = walk(&app, &w, &cast, &during).await;
    cast.closed_kiosks = Some((
        kiosk_voter(&app, &w, 1000, false).await,
        kiosk_voter(&app, &w, 1001, true).await,
    ));
    // The vote closes and is counted; the result is not yet published.
    let staff = app.session_for(STADSMILJO_PEOPLE.staff).await;
    let response = staff
        .post_as_script(
            rounds::MovePhase::PATH,
            &paths::staff_round(PARKER).to_string(),
            &[("slug", PARKER), ("to", "deliberation"), ("locale", "sv")],
        )
        .await;
    assert_eq!(response.status(), 200, "voting closed");
    let after = after_the_count();
    wrong.extend(walk(&app, &w, &cast, &after).await);
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // Every registered server function and form route has a probe.
    let probed: BTreeSet<&str> = during.iter().chain(&after).map(|p| p.endpoint).collect();
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .chain(FORM_ROUTES)
        .collect();
    let missing: Vec<_> = registered.difference(&probed).collect();
    assert!(missing.is_empty(), "no probe for {missing:?}");
    eprintln!(
        "authorization matrix: {} actors x {} probes of {} endpoints",
        ACTORS.len(),
        during.len() + after.len(),
        probed.len()
    );
}
