//! Typed settings, read once from the command line and the environment (every option has an
//! environment variable, listed in the README and in `--help`). Safe defaults for local use;
//! production mode refuses to start with the default secret.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use secrecy::{ExposeSecret, SecretString};

/// The secret used when none is configured. Fine on a laptop, refused in production.
pub const DEV_SECRET: &str = "development-secret-do-not-use-in-production";

/// Whether this is a developer's machine or a real deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    Development,
    Production,
}

/// Where mail goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MailTransportKind {
    /// Write each mail as an `.eml` file into `--mail-dir`.
    File,
    /// Send over SMTP to `--smtp-url`.
    Smtp,
}

/// Which database to use; shared by every command that opens one.
#[derive(Args, Clone, Debug)]
pub struct DatabaseArgs {
    /// Database: `sqlite://…` (default, a file under ./data) or `postgres://user:pass@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/medborgarbudget.db?mode=rwc"
    )]
    pub database_url: String,
}

/// A database and the secret that opens what is sealed in it (ballots, answers), for the
/// commands that read or write those without serving.
#[derive(Args, Clone, Debug)]
pub struct SealedDatabaseArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The server's secret (`serve --secret`): ballots are sealed under keys derived from it.
    #[arg(long, env = "MEDBORGARBUDGET_SECRET", default_value = DEV_SECRET, hide_default_value = true)]
    pub secret: SecretString,
}

impl SealedDatabaseArgs {
    /// The keys derived from the secret.
    pub fn keys(&self) -> app::ssr::keys::Keys {
        app::ssr::keys::Keys::from_secret(self.secret.expose_secret().as_bytes())
    }
}

/// Everything the server needs to run.
#[derive(Args, Clone, Debug)]
pub struct Settings {
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// `development` (mail page, relaxed cookies) or `production`.
    #[arg(
        long,
        env = "MEDBORGARBUDGET_MODE",
        value_enum,
        default_value = "development"
    )]
    pub mode: Mode,

    /// Secret for signing session tokens; at least 32 characters in production.
    #[arg(long, env = "MEDBORGARBUDGET_SECRET", default_value = DEV_SECRET, hide_default_value = true)]
    pub secret: SecretString,

    /// The address residents reach the site at, used in links in mail.
    #[arg(
        long,
        env = "MEDBORGARBUDGET_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000"
    )]
    pub public_url: String,

    /// The municipality's name, shown in the header and in mail.
    #[arg(
        long,
        env = "MEDBORGARBUDGET_MUNICIPALITY",
        default_value = "Exempelkommun"
    )]
    pub municipality: String,

    /// Address to listen on; overrides LEPTOS_SITE_ADDR (which cargo-leptos sets).
    #[arg(long, env = "MEDBORGARBUDGET_LISTEN")]
    pub listen: Option<SocketAddr>,

    /// How mail is delivered.
    #[arg(long, env = "MAIL_TRANSPORT", value_enum, default_value = "file")]
    pub mail_transport: MailTransportKind,

    /// Folder for `.eml` files when MAIL_TRANSPORT=file.
    #[arg(long, env = "MAIL_DIR", default_value = "data/mail")]
    pub mail_dir: PathBuf,

    /// SMTP server when MAIL_TRANSPORT=smtp, e.g. `smtp://localhost:25` or
    /// `smtps://user:pass@mail.example.se`.
    #[arg(long, env = "SMTP_URL", default_value = "smtp://127.0.0.1:25")]
    pub smtp_url: String,

    /// Sender address of all mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Medborgarbudget <noreply@medborgarbudget.localhost>"
    )]
    pub mail_from: String,

    /// An email address that is made administrator at start-up (the first admin).
    #[arg(long, env = "MEDBORGARBUDGET_ADMIN_EMAIL")]
    pub admin_email: Option<String>,

    /// Load the demo municipality at start-up if the database has no rounds yet.
    #[arg(long, env = "MEDBORGARBUDGET_DEMO", default_value_t = false)]
    pub demo: bool,

    /// Login-link requests per client address per minute, and mails per address per day, are
    /// twice this. The browser tests raise it (their many logins come from one address).
    #[arg(long, env = "MEDBORGARBUDGET_LOGIN_LIMIT", default_value_t = 5)]
    pub login_limit: u32,

    /// Behind a reverse proxy: the header it sets to the client's address (`X-Forwarded-For`,
    /// whose last entry is used, or `X-Real-IP`). Rate limits count per client address; without
    /// this they count the socket's address, which behind a proxy is the proxy's. Set it only
    /// when every request comes through that proxy, or clients could choose their own address.
    #[arg(long, env = "MEDBORGARBUDGET_CLIENT_ADDRESS_HEADER")]
    pub client_address_header: Option<String>,

    /// How often the mail worker looks for due mail, in milliseconds.
    #[arg(long, env = "MAIL_POLL_MS", default_value_t = 1000)]
    pub mail_poll_ms: u64,

    /// A TOML file naming the eID providers (`[[provider]]` tables; see the README, "Swedish
    /// eID"). Without it there is no eID sign-in.
    #[arg(long, env = "MEDBORGARBUDGET_EID_PROVIDERS")]
    pub eid_providers: Option<PathBuf>,

    /// Staff, politicians and administrators must sign in with eID to act in their role (they
    /// see personal data). Needs `--eid-providers`.
    #[arg(long, env = "MEDBORGARBUDGET_STAFF_EID", default_value_t = false)]
    pub staff_eid: bool,
}

/// Why the settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "refusing to start in production mode with the default secret: set MEDBORGARBUDGET_SECRET \
         to a random string of at least 32 characters"
    )]
    DefaultSecretInProduction,
    #[error("MEDBORGARBUDGET_SECRET must be at least 32 characters in production mode")]
    SecretTooShort,
    #[error("MEDBORGARBUDGET_PUBLIC_URL must start with http:// or https://")]
    BadPublicUrl,
    #[error(
        "development mode is for a local machine (public URL on 127.0.0.1 or localhost); \
         set MEDBORGARBUDGET_MODE=production for {0}"
    )]
    DevelopmentModeInPublic(String),
    #[error("production mode needs an https:// public URL (cookies must be Secure), not {0}")]
    PlainHttpInProduction(String),
    #[error(
        "MEDBORGARBUDGET_STAFF_EID needs eID providers (MEDBORGARBUDGET_EID_PROVIDERS), or \
         nobody could act as staff"
    )]
    StaffEidWithoutProviders,
    #[error("reading the eID providers file {0}: {1}")]
    EidFile(PathBuf, String),
    #[error(
        "production mode sends mail over SMTP: set MAIL_TRANSPORT=smtp and SMTP_URL (the file \
         transport would keep residents' mail on the server's disk and deliver none)"
    )]
    FileMailInProduction,
    #[error(
        "production mode does not load the demo municipality: unset MEDBORGARBUDGET_DEMO (its \
         made-up rounds, accounts and ballots would mix with real ones)"
    )]
    DemoInProduction,
    #[error(transparent)]
    Eid(#[from] app::ssr::eid::ConfigError),
}

impl Settings {
    /// Checks the combinations that must never run.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://")) {
            return Err(ConfigError::BadPublicUrl);
        }
        let local = is_loopback(&self.public_url);
        match self.mode {
            Mode::Development if !local => {
                return Err(ConfigError::DevelopmentModeInPublic(
                    self.public_url.clone(),
                ));
            }
            Mode::Production if !local && !self.public_url.starts_with("https://") => {
                return Err(ConfigError::PlainHttpInProduction(self.public_url.clone()));
            }
            _ => {}
        }
        if self.staff_eid && self.eid_providers.is_none() {
            return Err(ConfigError::StaffEidWithoutProviders);
        }
        if self.mode == Mode::Production {
            let secret = self.secret.expose_secret();
            if secret == DEV_SECRET {
                return Err(ConfigError::DefaultSecretInProduction);
            }
            if secret.len() < 32 {
                return Err(ConfigError::SecretTooShort);
            }
            if self.mail_transport == MailTransportKind::File {
                return Err(ConfigError::FileMailInProduction);
            }
            if self.demo {
                return Err(ConfigError::DemoInProduction);
            }
        }
        Ok(())
    }

    /// The configured eID providers (none without a providers file). Client secrets named by
    /// `client_secret_env` are read from the environment.
    pub fn eid(&self) -> Result<app::ssr::eid::Providers, ConfigError> {
        let Some(path) = &self.eid_providers else {
            return Ok(app::ssr::eid::Providers::default());
        };
        let failed = |err: String| ConfigError::EidFile(path.clone(), err);
        let text = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
        let file: app::ssr::eid::ProvidersFile =
            toml::from_str(&text).map_err(|e| failed(e.to_string()))?;
        Ok(app::ssr::eid::Providers::new(
            file,
            &self.public_url(),
            |var| std::env::var(var).ok(),
        )?)
    }

    /// The public URL without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url.trim_end_matches('/').to_owned()
    }
}

/// Whether a URL names this machine (127.0.0.1, ::1 or localhost).
fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host_port = rest.split('/').next().unwrap_or_default();
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn settings(args: &[&str]) -> Settings {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            settings: Settings,
        }
        let mut all = vec!["medborgarbudget"];
        all.extend(args);
        Only::try_parse_from(all).unwrap().settings
    }

    #[test]
    fn the_defaults_are_a_valid_local_development_setup() {
        assert!(settings(&[]).validate().is_ok());
    }

    #[test]
    fn development_mode_is_refused_on_a_public_address() {
        let s = settings(&["--public-url", "https://medborgarbudget.kommun.se"]);
        assert!(matches!(
            s.validate(),
            Err(ConfigError::DevelopmentModeInPublic(_))
        ));
    }

    #[test]
    fn production_needs_a_real_secret_and_https() {
        let s = settings(&[
            "--mode",
            "production",
            "--public-url",
            "https://mb.kommun.se",
        ]);
        assert!(matches!(
            s.validate(),
            Err(ConfigError::DefaultSecretInProduction)
        ));
        let secret = "a-real-secret-of-at-least-32-characters!";
        let s = settings(&[
            "--mode",
            "production",
            "--public-url",
            "http://mb.kommun.se",
            "--secret",
            secret,
        ]);
        assert!(matches!(
            s.validate(),
            Err(ConfigError::PlainHttpInProduction(_))
        ));
        let production = [
            "--mode",
            "production",
            "--public-url",
            "https://mb.kommun.se",
            "--secret",
            secret,
        ];
        assert!(matches!(
            settings(&production).validate(),
            Err(ConfigError::FileMailInProduction)
        ));
        let smtp = [&production[..], &["--mail-transport", "smtp"]].concat();
        assert!(settings(&smtp).validate().is_ok());
        let demo = [&smtp[..], &["--demo"]].concat();
        assert!(matches!(
            settings(&demo).validate(),
            Err(ConfigError::DemoInProduction)
        ));
    }

    #[test]
    fn an_eid_providers_file_is_read_and_staff_eid_needs_one() {
        let s = settings(&["--staff-eid"]);
        assert!(matches!(
            s.validate(),
            Err(ConfigError::StaffEidWithoutProviders)
        ));
        let dir = std::env::temp_dir().join(format!("mb-eid-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("eid.toml");
        std::fs::write(
            &file,
            "[[provider]]\nid = \"freja\"\nname = { sv = \"Freja eID\" }\n\
             issuer = \"https://broker.example\"\nclient_id = \"kommun\"\n\
             client_secret = \"x\"\nnumber_claims = [\"ssn\"]\n",
        )
        .unwrap();
        let path = file.to_str().unwrap();
        let s = settings(&["--staff-eid", "--eid-providers", path]);
        assert!(s.validate().is_ok());
        let providers = s.eid().unwrap();
        assert_eq!(
            providers.get("freja").unwrap().config.number_claims,
            ["ssn"]
        );
        std::fs::write(&file, "[[provider]]\nid = \"freja\"\nissuer = 3\n").unwrap();
        assert!(matches!(s.eid(), Err(ConfigError::EidFile(..))));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn loopback_addresses_are_recognised() {
        assert!(is_loopback("http://127.0.0.1:3000"));
        assert!(is_loopback("http://localhost"));
        assert!(is_loopback("http://[::1]:3000/x"));
        assert!(!is_loopback("http://127.0.0.1.evil.example"));
        assert!(!is_loopback("https://kommun.se"));
    }
}
