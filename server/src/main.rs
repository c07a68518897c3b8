//! `medborgarbudget`: the server binary. `main` only sets up tracing, reads the command line
//! and hands over to `server::cli`.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let cli = server::cli::Cli::parse();
    server::cli::run(cli).await
}
