//! What the loader holds while it works: the server context the services take (as a request
//! gets it), today's date, and the ids behind the file's names — nämnder and areas by slug,
//! signed-in people by address, the round's proposals by key.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{Context as _, anyhow};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use app::model::SessionUser;
use app::ssr::context::{ServerContext, SiteSettings};
use app::ssr::entity::account;
use app::ssr::keys::Keys as ServerKeys;

/// A round's proposals by their key in the file.
pub type Keys = HashMap<String, i64>;

/// The loader's context.
pub struct Demo {
    pub ctx: ServerContext,
    pub today: NaiveDate,
    pub namnder: HashMap<String, i64>,
    pub areas: HashMap<String, i64>,
    people: HashMap<String, SessionUser>,
}

impl Demo {
    /// A context on `db` with the server's `keys`: the demo's ballots and answers are sealed
    /// and linked to their voters as the server will read them. The loader's mail is
    /// discarded (see `mod.rs`), so the address and name in it do not matter.
    pub fn new(db: &DatabaseConnection, keys: Arc<ServerKeys>) -> Demo {
        let ctx = ServerContext {
            db: db.clone(),
            keys,
            settings: Arc::new(SiteSettings {
                public_url: "http://127.0.0.1:3000".to_owned(),
                dev_mode: true,
                municipality: "Exempelkommun".to_owned(),
                login_limit: 5,
                client_address_header: None,
                staff_eid: false,
            }),
            eid: Arc::default(),
        };
        Demo {
            ctx,
            today: chrono::Utc::now().date_naive(),
            namnder: HashMap::new(),
            areas: HashMap::new(),
            people: HashMap::new(),
        }
    }

    /// The database.
    pub fn db(&self) -> &DatabaseConnection {
        &self.ctx.db
    }

    /// The day `offset` days from today.
    pub fn day(&self, offset: i64) -> NaiveDate {
        self.today + chrono::Duration::days(offset)
    }

    /// `day(offset)` as the forms write a date.
    pub fn date_text(&self, offset: i64) -> String {
        self.day(offset).to_string()
    }

    /// The area with this slug.
    pub fn area(&self, slug: &str) -> anyhow::Result<i64> {
        self.areas
            .get(slug)
            .copied()
            .ok_or_else(|| anyhow!("no area {slug}"))
    }

    /// The signed-in person with this address (see [`Demo::sign_in`]).
    pub fn person(&self, email: &str) -> anyhow::Result<&SessionUser> {
        self.people
            .get(email)
            .ok_or_else(|| anyhow!("{email} is not signed in"))
    }

    /// Signs in the account with this address, as its session would show it now (so after
    /// any change of role).
    pub async fn sign_in(&mut self, email: &str) -> anyhow::Result<SessionUser> {
        let row = account::Entity::find()
            .filter(account::Column::Email.eq(email))
            .one(self.db())
            .await?
            .with_context(|| format!("no account {email}"))?;
        let user = app::ssr::auth::to_session_user(&row)
            .with_context(|| format!("{email} has an unknown role"))?;
        self.people.insert(email.to_owned(), user.clone());
        Ok(user)
    }
}
