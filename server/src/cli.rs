//! The command line: `serve` (the default), `migrate`, `demo`, `tally`. Every option also
//! reads an environment variable; `--help` lists them.

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use domain::tally::{Completion, Rule, TallyOptions, TieBreak};

use crate::config::{DatabaseArgs, SealedDatabaseArgs, Settings};

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
    Migrate(DatabaseArgs),
    /// Count a Pabulib `.pb` file with a counting rule and print the outcome, with the reason
    /// each project was or was not funded. Ties are broken on the project id as text, as
    /// pabutools does, unless `--tie-seed` is given.
    Tally(Box<TallyArgs>),
    /// Load the demo municipality (nämnder and rounds in several phases) and exit.
    Demo(SealedDatabaseArgs),
    /// Print a round's anonymised ballots in Pabulib format (what its result is counted from),
    /// so anyone can recount it, e.g. with `tally` or pabutools.
    ExportPabulib(ExportArgs),
}

/// Options of `medborgarbudget export-pabulib`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The round's slug (as in its address, `/rounds/<slug>`).
    pub round: String,
    #[command(flatten)]
    pub database: SealedDatabaseArgs,
}

/// Options of `medborgarbudget tally`.
#[derive(clap::Args, Debug)]
pub struct TallyArgs {
    /// The Pabulib file to count.
    pub file: std::path::PathBuf,
    /// greedy | greedy-per-cost | mes | phragmen
    #[arg(long)]
    pub rule: Rule,
    /// For mes: none | add1 | add1-greedy | budget-increase-greedy
    #[arg(long, default_value = "none")]
    pub completion: Completion,
    /// Break ties by lower cost, then a draw seeded with this number (instead of project id).
    #[arg(long)]
    pub tie_seed: Option<u64>,
    /// Print JSON (`selected`, `cost`, and per project the reason) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None => serve(Settings::from_env()?).await,
        Some(Command::Serve(settings)) => serve(*settings).await,
        Some(Command::Migrate(db)) => {
            crate::db::connect_and_migrate(&db.database_url).await?;
            println!("database is up to date");
            Ok(())
        }
        Some(Command::Tally(args)) => tally(&args),
        Some(Command::ExportPabulib(args)) => export_pabulib(&args).await,
        Some(Command::Demo(args)) => {
            let db = crate::db::connect_and_migrate(&args.database.database_url).await?;
            let keys = std::sync::Arc::new(args.keys());
            crate::db::finish_migrations(&db, &keys).await?;
            let loaded = crate::demo::load_if_empty(&db, keys).await?;
            println!(
                "{}",
                if loaded {
                    "demo data loaded"
                } else {
                    "database already has rounds; nothing loaded"
                }
            );
            Ok(())
        }
    }
}

async fn export_pabulib(args: &ExportArgs) -> anyhow::Result<()> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = crate::db::connect_and_migrate(&args.database.database.database_url).await?;
    let keys = args.database.keys();
    crate::db::finish_migrations(&db, &keys).await?;
    let round = app::ssr::entity::round::Entity::find()
        .filter(app::ssr::entity::round::Column::Slug.eq(&args.round))
        .one(&db)
        .await?
        .with_context(|| format!("no round with the slug '{}'", args.round))?;
    let file = app::ssr::results::election_file(&db, &keys, &round)
        .await
        .map_err(|err| anyhow::anyhow!("reading the ballots: {err}"))?;
    print!("{}", domain::pabulib::write_pabulib(&file));
    Ok(())
}

fn tally(args: &TallyArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let mut options = TallyOptions::new(args.rule).with_completion(args.completion);
    if let Some(seed) = args.tie_seed {
        options = options.with_tie_break(TieBreak::LowerCostThenDraw { seed });
    }
    let report = domain::tally::tally(&text, &options)
        .with_context(|| format!("{}", args.file.display()))?;
    if args.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.render_text());
    }
    Ok(())
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let leptos = leptos::config::get_configuration(None)
        .context("reading Leptos settings")?
        .leptos_options;
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
