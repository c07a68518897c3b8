//! Building and running the server: database, context, mail worker, router, listener. The
//! listener can be port 0, and the real address is reported, so tests run many servers.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::get;
use axum::{Router, middleware};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use app::ssr::context::{ServerContext, SiteSettings};
use app::ssr::keys::Keys;
use app::{App, shell};

use crate::config::{MailTransportKind, Mode, Settings};
use crate::mailer::{self, MailTransport};
use crate::security::{self, AllowedOrigin};

/// Router state: the app context plus what Leptos needs.
#[derive(Clone)]
pub struct AppState {
    pub ctx: ServerContext,
    pub leptos: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl FromRef<AppState> for ServerContext {
    fn from_ref(state: &AppState) -> Self {
        state.ctx.clone()
    }
}

/// A server ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    pub ctx: ServerContext,
    shutdown: Arc<Notify>,
    worker: tokio::task::JoinHandle<()>,
    phase_clock: tokio::task::JoinHandle<()>,
}

impl Application {
    /// Prepares everything: validates settings, migrates, seeds, starts the mail worker, binds.
    pub async fn build(settings: Settings, leptos: LeptosOptions) -> anyhow::Result<Application> {
        settings.validate()?;
        let eid = Arc::new(settings.eid()?);
        let db = crate::db::connect_and_migrate(&settings.database.database_url).await?;
        let dev_mode = settings.mode == Mode::Development;
        let keys = Arc::new(server_keys(&settings));
        crate::db::finish_migrations(&db, &keys).await?;
        if let Some(email) = &settings.admin_email {
            crate::admin::ensure_admin(&db, email).await?;
        }
        if settings.demo {
            crate::demo::load_if_empty(&db, keys.clone()).await?;
        }
        let ctx = ServerContext {
            db: db.clone(),
            keys,
            settings: Arc::new(SiteSettings {
                public_url: settings.public_url(),
                dev_mode,
                municipality: settings.municipality.clone(),
                login_limit: settings.login_limit,
                client_address_header: settings.client_address_header.clone(),
                staff_eid: settings.staff_eid,
            }),
            eid,
        };
        let transport = Arc::new(match settings.mail_transport {
            MailTransportKind::File => {
                MailTransport::file(settings.mail_dir.clone(), &settings.mail_from)?
            }
            MailTransportKind::Smtp => {
                MailTransport::smtp(&settings.smtp_url, &settings.mail_from)?
            }
        });
        let shutdown = Arc::new(Notify::new());
        let worker = tokio::spawn(mailer::run(
            db,
            transport,
            ctx.keys.clone(),
            Duration::from_millis(settings.mail_poll_ms),
            dev_mode,
            shutdown.clone(),
        ));
        let phase_clock = tokio::spawn(crate::phase_clock::run(ctx.clone()));
        let addr = settings.listen.unwrap_or(leptos.site_addr);
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let router = router(ctx.clone(), leptos, &settings.public_url());
        Ok(Application {
            listener,
            router,
            ctx,
            shutdown,
            worker,
            phase_clock,
        })
    }

    /// The address actually listened on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until SIGINT/SIGTERM (or `stop` is notified), then lets the mail worker finish.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let stop = self.shutdown.clone();
        tracing::info!(addr = %self.local_addr(), "listening");
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            stop.notify_one();
        })
        .await
        .context("serving http")?;
        self.shutdown.notify_one();
        self.phase_clock.abort();
        if tokio::time::timeout(Duration::from_secs(30), self.worker)
            .await
            .is_err()
        {
            tracing::warn!(
                "mail worker did not stop within 30 s; its claimed mail is retried later"
            );
        }
        Ok(())
    }
}

/// The page routes, listed once per process. Listing renders the app with resource loading
/// suppressed by a process-wide flag (leptos_server 0.8), so a page rendered by another server
/// in the same process meanwhile (the tests run several) would wait forever
/// (leptos-rs/leptos#4773).
static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> =
    std::sync::LazyLock::new(|| generate_route_list(App));

/// The full router: health, login links, Leptos pages and server functions, with security
/// headers, CSRF origin check, request tracing and timeouts.
pub fn router(ctx: ServerContext, leptos: LeptosOptions, public_url: &str) -> Router {
    let state = AppState {
        ctx: ctx.clone(),
        leptos: leptos.clone(),
    };
    let context = page_context(ctx.clone());
    let mut router = files_and_redirects()
        .leptos_routes_with_context(&state, ROUTES.clone(), context.clone(), {
            let leptos = leptos.clone();
            move || shell(leptos.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .with_state(state)
        .layer(middleware::from_fn_with_state(
            ctx.clone(),
            crate::form_flash::typed_values_out_of_urls,
        ))
        .layer(middleware::from_fn_with_state(
            AllowedOrigin {
                public_origin: security::origin_of(public_url),
            },
            security::origin_check,
        ))
        .merge(one_click_unsubscribe(ctx));
    for layer in security::header_layers(public_url.starts_with("https://")) {
        router = router.layer(layer);
    }
    router
        .layer(middleware::from_fn(security::private_pages))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// What every page render gets: the server context, and a policy naming this request's nonce
/// (which Leptos puts on its scripts).
fn page_context(ctx: ServerContext) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(ctx.clone());
        if let (Some(nonce), Some(response)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) && let Ok(value) =
            axum::http::HeaderValue::from_str(&security::page_csp(&nonce.to_string()))
        {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The routes axum serves itself: health, the display switch, downloads and
/// images, and the old addresses of the language start pages.
fn files_and_redirects() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(crate::health::healthz))
        .route("/display", axum::routing::post(app::ssr::display::save))
        // Old links and typed addresses: the start page of a language is `/en`, `/ar`.
        .route(
            "/en/",
            get(|| async { axum::response::Redirect::permanent("/en") }),
        )
        .route(
            "/ar/",
            get(|| async { axum::response::Redirect::permanent("/ar") }),
        )
        .route(ACCOUNT_DATA, get(app::ssr::personal_data::download))
        .route(EID_START, get(app::ssr::eid::flow::start))
        .route(app::ssr::eid::CALLBACK, get(app::ssr::eid::flow::callback))
        .route(BALLOTS_PB, get(app::ssr::results::download))
        .route(OPEN_DATA_CSV, get(app::ssr::opendata::serve_csv))
        .route(OPEN_DATA_JSON, get(app::ssr::opendata::serve_json))
        .route(EVALUATION_CSV, get(app::ssr::participation::evaluation_csv))
        .route(
            PROPOSAL_IMAGE,
            get(app::ssr::images::serve)
                .post(app::ssr::images::upload)
                .layer(DefaultBodyLimit::max(app::ssr::images::UPLOAD_LIMIT_BYTES)),
        )
        .route(
            ELECTORAL_ROLL,
            axum::routing::post(app::ssr::electoral_roll::upload).layer(DefaultBodyLimit::max(
                app::ssr::electoral_roll::UPLOAD_LIMIT_BYTES,
            )),
        )
        .route(
            UPDATE_IMAGE,
            get(app::ssr::update_photos::serve)
                .post(app::ssr::update_photos::upload)
                .layer(DefaultBodyLimit::max(app::ssr::images::UPLOAD_LIMIT_BYTES)),
        )
}

/// Mail programs POST here from anywhere (RFC 8058), outside the origin check; the link's
/// signature is the proof.
fn one_click_unsubscribe(ctx: ServerContext) -> Router {
    Router::new()
        .route(
            app::paths::UNSUBSCRIBE_ONE_CLICK,
            get(app::ssr::subscriptions::one_click).post(app::ssr::subscriptions::one_click),
        )
        .with_state(ctx)
}

// The routes axum serves itself (beside the pages and server functions); each is an address
// `app::paths` builds, which a test below checks.
const EID_START: &str = app::ssr::eid::START;
const ACCOUNT_DATA: &str = "/account/data.json";
const BALLOTS_PB: &str = "/rounds/{slug}/ballots.pb";
const OPEN_DATA_CSV: &str = "/rounds/{slug}/open-data.csv";
const OPEN_DATA_JSON: &str = "/rounds/{slug}/open-data.json";
const EVALUATION_CSV: &str = "/rounds/{slug}/participation.csv";
const PROPOSAL_IMAGE: &str = "/proposals/{id}/image";
const UPDATE_IMAGE: &str = "/updates/{id}/image";
const ELECTORAL_ROLL: &str = "/rounds/{slug}/electoral-roll";

/// The span of one request: its method, the route it matched (`/rounds/{slug}`, the same for
/// every round, so logs group by route) and its path. Never the query: it may hold a login
/// token or a signed link.
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(axum::extract::MatchedPath::as_str);
    tracing::info_span!(
        "request",
        method = %request.method(),
        route,
        path = %request.uri().path(),
    )
}

/// Keys from the configured secret; with the built-in development secret (only allowed on a
/// local machine) a random one is used instead, so the published default never signs anything.
/// The keys from the configured secret (in development, the published default): a ballot must
/// find its voter, and open, after a restart. With the default secret, sessions are signed
/// with a random key instead, as anyone could forge them with the published one.
fn server_keys(settings: &Settings) -> Keys {
    let configured = settings.secret.expose_secret();
    let keys = Keys::from_secret(configured.as_bytes());
    if configured != crate::config::DEV_SECRET {
        return keys;
    }
    tracing::warn!("no MEDBORGARBUDGET_SECRET set: sessions use a random key, they end at restart");
    keys.with_random_sessions()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::paths;

    #[test]
    fn the_routes_axum_serves_are_the_addresses_the_app_builds() {
        let fill = |route: &str| {
            route
                .replace("{slug}", "s")
                .replace("{id}", "7")
                .replace("{provider}", "bankid")
        };
        let pairs = [
            (EID_START, paths::eid_start("bankid")),
            (ACCOUNT_DATA, paths::account_data()),
            (BALLOTS_PB, paths::ballots_pb("s")),
            (OPEN_DATA_CSV, paths::open_data_csv("s")),
            (OPEN_DATA_JSON, paths::open_data_json("s")),
            (EVALUATION_CSV, paths::evaluation_csv("s")),
            (PROPOSAL_IMAGE, paths::proposal_image(7)),
            (UPDATE_IMAGE, paths::update_image(7)),
            (ELECTORAL_ROLL, paths::electoral_roll("s")),
        ];
        for (route, built) in pairs {
            assert_eq!(fill(route), built.to_string(), "{route}");
        }
    }
}
