//! The command line: `serve` (the default), `migrate`, `demo`, `tally`. Every option also
//! reads an environment variable; `--help` lists them.

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use app::model::Role;
use app::ssr::entity::account;

use crate::config::Settings;

/// medborgarbudget: participatory budgeting for Swedish municipalities.
#[derive(Parser, Debug)]
#[command(name = "medborgarbudget", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (the default when no command is given).
    Serve(Box<Settings>),
    /// Bring the database schema up to date and exit.
    Migrate {
        /// Database URL.
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/medborgarbudget.db?mode=rwc")]
        database_url: String,
    },
    /// Load the demo municipality (nämnder and rounds in several phases) and exit.
    Demo {
        /// Database URL.
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/medborgarbudget.db?mode=rwc")]
        database_url: String,
    },
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None => serve(Settings::from_env()?).await,
        Some(Command::Serve(settings)) => serve(*settings).await,
        Some(Command::Migrate { database_url }) => {
            crate::db::connect_and_migrate(&database_url).await?;
            println!("database is up to date");
            Ok(())
        }
        Some(Command::Demo { database_url }) => {
            let db = crate::db::connect_and_migrate(&database_url).await?;
            let loaded = crate::demo::load_if_empty(&db).await?;
            println!("{}", if loaded { "demo data loaded" } else { "database already has rounds; nothing loaded" });
            Ok(())
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let leptos = leptos::config::get_configuration(None).context("reading Leptos settings")?.leptos_options;
    let app = crate::startup::Application::build(settings, leptos).await?;
    app.run_until_stopped().await
}

impl Settings {
    /// Settings from the environment alone (for `medborgarbudget` without a command).
    pub fn from_env() -> anyhow::Result<Settings> {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            settings: Settings,
        }
        Ok(Only::try_parse_from(["medborgarbudget"])?.settings)
    }
}

/// Makes `email` an administrator, creating the account if needed.
pub async fn ensure_admin(db: &DatabaseConnection, email: &str) -> anyhow::Result<()> {
    let email = domain::email::Email::parse(email)
        .map_err(|e| anyhow::anyhow!("MEDBORGARBUDGET_ADMIN_EMAIL is not a valid address: {e}"))?;
    let row = account::ActiveModel {
        email: Set(email.as_str().to_owned()),
        role: Set(Role::Admin.as_str().to_owned()),
        locale: Set("sv".to_owned()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    account::Entity::insert(row)
        .on_conflict(OnConflict::column(account::Column::Email).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    account::Entity::update_many()
        .col_expr(account::Column::Role, sea_orm::sea_query::Expr::value(Role::Admin.as_str()))
        .filter(account::Column::Email.eq(email.as_str()))
        .exec(db)
        .await?;
    tracing::info!(email = email.as_str(), "administrator ensured");
    Ok(())
}
