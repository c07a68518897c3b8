//! The configured eID providers (identity brokers speaking OpenID Connect, e.g. for BankID
//! and Freja eID) and a client for each, built from the provider's published metadata
//! (discovery) the first time it is needed and refreshed every ten minutes, so a rotated
//! signing key is picked up. The HTTP client follows no redirects: discovery, the token and
//! the keys come from the configured issuer's host or not at all.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, ClientId, ClientSecret, EmptyExtraTokenFields, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, RedirectUrl, StandardErrorResponse,
    StandardTokenResponse,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::EidError;

/// The claim of the Swedish OIDC profile that holds a personal identity number (12 digits).
pub const PERSONAL_NUMBER_CLAIM: &str = "https://id.oidc.se/claim/personalIdentityNumber";
/// The claim that holds a coordination number (samordningsnummer).
pub const COORDINATION_NUMBER_CLAIM: &str = "https://id.oidc.se/claim/coordinationNumber";
/// The scope that asks for them.
pub const NUMBER_SCOPE: &str = "https://id.oidc.se/scope/naturalPersonNumber";

/// How long a provider's metadata and keys are used before they are fetched again.
const REFRESH: Duration = Duration::from_secs(600);

/// One provider as a municipality configures it (a `[[provider]]` table of the settings file).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// A short name for addresses, e.g. `bankid` (`/auth/eid/bankid/start`).
    pub id: String,
    /// The name people see, e.g. "BankID", per language (`sv`, and optionally `en`).
    pub name: ProviderName,
    /// The issuer URL; its `/.well-known/openid-configuration` is read.
    pub issuer: String,
    pub client_id: String,
    /// The client secret, written here or (better) read from the environment variable named
    /// by `client_secret_env`.
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    #[serde(default)]
    pub client_secret_env: Option<String>,
    /// The scopes asked for; `openid` is always asked.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The claims that may hold the number, tried in order (a broker may send `ssn` or `nin`).
    #[serde(default = "default_claims")]
    pub number_claims: Vec<String>,
}

/// A provider's displayed name.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderName {
    pub sv: String,
    #[serde(default)]
    pub en: Option<String>,
}

fn default_scopes() -> Vec<String> {
    vec![NUMBER_SCOPE.to_owned()]
}

fn default_claims() -> Vec<String> {
    vec![
        PERSONAL_NUMBER_CLAIM.to_owned(),
        COORDINATION_NUMBER_CLAIM.to_owned(),
    ]
}

/// The settings file: `[[provider]]` tables.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvidersFile {
    #[serde(default)]
    pub provider: Vec<ProviderConfig>,
}

/// Why a settings file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("eID provider id {0:?}: use lowercase letters, digits and '-'")]
    BadId(String),
    #[error("eID provider id {0:?} is configured twice")]
    DuplicateId(String),
    #[error("eID provider {0}: the issuer is not a URL")]
    BadIssuer(String),
    #[error("eID provider {0}: the environment variable {1} (client_secret_env) is not set")]
    MissingSecret(String, String),
    #[error("eID provider {0}: no claim to read the identity number from")]
    NoNumberClaim(String),
}

/// The claims of an ID token beyond the standard ones, by name: the Swedish profile's claims
/// are URLs, and which one holds the number is a setting.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct EidClaims {
    #[serde(flatten)]
    pub other: HashMap<String, serde_json::Value>,
}

impl AdditionalClaims for EidClaims {}

type EidTokenResponse = StandardTokenResponse<
    IdTokenFields<
        EidClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// An OpenID Connect client reading [`EidClaims`], as discovery builds it.
pub type EidClient = openidconnect::Client<
    EidClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    EidTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// One configured provider and its client once discovered.
pub struct Provider {
    pub config: ProviderConfig,
    issuer: IssuerUrl,
    secret: Option<SecretString>,
    client: tokio::sync::Mutex<Option<(Instant, Arc<EidClient>)>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("id", &self.config.id)
            .field("issuer", &self.config.issuer)
            .finish_non_exhaustive()
    }
}

/// Every configured provider, and what they share.
#[derive(Debug, Default)]
pub struct Providers {
    providers: Vec<Provider>,
    /// Where providers send people back to: `<public URL>/auth/eid/callback`.
    redirect: Option<RedirectUrl>,
    http: openidconnect::reqwest::Client,
}

impl Providers {
    /// The providers of a settings file, checked; `env` reads environment variables (the
    /// client secrets). Providers send people back to `public_url` + [`CALLBACK`](super::CALLBACK).
    pub fn new(
        file: ProvidersFile,
        public_url: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Providers, ConfigError> {
        let mut providers: Vec<Provider> = Vec::new();
        for config in file.provider {
            let id = &config.id;
            let good_id = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !good_id {
                return Err(ConfigError::BadId(id.clone()));
            }
            if providers.iter().any(|p| &p.config.id == id) {
                return Err(ConfigError::DuplicateId(id.clone()));
            }
            if config.number_claims.is_empty() {
                return Err(ConfigError::NoNumberClaim(id.clone()));
            }
            let issuer = IssuerUrl::new(config.issuer.clone())
                .map_err(|_| ConfigError::BadIssuer(id.clone()))?;
            let secret = match &config.client_secret_env {
                Some(var) => {
                    Some(SecretString::from(env(var).ok_or_else(|| {
                        ConfigError::MissingSecret(id.clone(), var.clone())
                    })?))
                }
                None => config.client_secret.clone(),
            };
            providers.push(Provider {
                config,
                issuer,
                secret,
                client: tokio::sync::Mutex::new(None),
            });
        }
        let redirect = RedirectUrl::new(format!("{public_url}{}", super::CALLBACK))
            .map_err(|_| ConfigError::BadIssuer("callback".into()))?;
        Ok(Providers {
            providers,
            redirect: Some(redirect),
            http: http_client(),
        })
    }

    /// Whether any provider is configured.
    pub fn any(&self) -> bool {
        !self.providers.is_empty()
    }

    /// The provider with this id.
    pub fn get(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.config.id == id)
    }

    /// Every provider, in the order configured.
    pub fn all(&self) -> impl Iterator<Item = &Provider> {
        self.providers.iter()
    }

    /// The HTTP client for talking to providers.
    pub fn http(&self) -> &openidconnect::reqwest::Client {
        &self.http
    }

    /// The provider's client, discovered now if not yet or not lately.
    pub async fn client(&self, provider: &Provider) -> Result<Arc<EidClient>, EidError> {
        let mut cached = provider.client.lock().await;
        if let Some((at, client)) = cached.as_ref()
            && at.elapsed() < REFRESH
        {
            return Ok(client.clone());
        }
        let metadata = CoreProviderMetadata::discover_async(provider.issuer.clone(), &self.http)
            .await
            .map_err(|err| {
                tracing::error!(provider = %provider.config.id, error = %err, "eID discovery failed");
                EidError::Unavailable
            })?;
        let redirect = self.redirect.clone().ok_or(EidError::Unavailable)?;
        let secret = provider
            .secret
            .as_ref()
            .map(|s| ClientSecret::new(s.expose_secret().to_owned()));
        let client = Arc::new(
            EidClient::from_provider_metadata(
                metadata,
                ClientId::new(provider.config.client_id.clone()),
                secret,
            )
            .set_redirect_uri(redirect),
        );
        *cached = Some((Instant::now(), client.clone()));
        Ok(client)
    }
}

impl Provider {
    /// The name shown for this provider in `locale` (Swedish when no English one is given).
    pub fn name(&self, locale: crate::i18n::Locale) -> String {
        match (locale, &self.config.name.en) {
            (crate::i18n::Locale::sv, _) | (_, None) => self.config.name.sv.clone(),
            (_, Some(en)) => en.clone(),
        }
    }

    /// The configured issuer, as the `iss` of its answers must read.
    pub fn issuer(&self) -> &IssuerUrl {
        &self.issuer
    }
}

/// An HTTP client that follows no redirects (a redirect to another host must not be able to
/// stand in for the provider) and gives up after ten seconds.
fn http_client() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::ClientBuilder::new()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client with rustls builds")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> ProvidersFile {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_provider_reads_its_secret_from_the_environment_and_takes_the_swedish_claims_by_default() {
        let providers = Providers::new(
            file(
                r#"{"provider":[{"id":"bankid","name":{"sv":"BankID"},"issuer":"https://broker.example/oidc",
                "client_id":"kommun","client_secret_env":"BANKID_SECRET"}]}"#,
            ),
            "https://mb.kommun.se",
            |var| (var == "BANKID_SECRET").then(|| "s3cret".to_owned()),
        )
        .unwrap();
        let bankid = providers.get("bankid").unwrap();
        assert_eq!(bankid.secret.as_ref().unwrap().expose_secret(), "s3cret");
        assert_eq!(bankid.config.number_claims, default_claims());
        assert_eq!(bankid.config.scopes, vec![NUMBER_SCOPE.to_owned()]);
        assert_eq!(bankid.name(crate::i18n::Locale::en), "BankID");
        assert_eq!(
            providers.redirect.as_ref().unwrap().as_str(),
            "https://mb.kommun.se/auth/eid/callback"
        );
        assert!(!format!("{providers:?}").contains("s3cret"));
    }

    #[test]
    fn bad_settings_are_refused_with_the_provider_named() {
        let one = |body: &str| {
            Providers::new(
                file(&format!(r#"{{"provider":[{body}]}}"#)),
                "https://mb.kommun.se",
                |_| None,
            )
            .map(|_| ())
            .unwrap_err()
            .to_string()
        };
        let base = r#""name":{"sv":"X"},"issuer":"https://b.example","client_id":"c""#;
        assert!(one(&format!(r#"{{"id":"Bank ID",{base}}}"#)).contains("Bank ID"));
        assert!(
            one(&format!(
                r#"{{"id":"b",{base},"client_secret_env":"NOPE"}}"#
            ))
            .contains("NOPE")
        );
        assert!(one(&format!(r#"{{"id":"b",{base},"number_claims":[]}}"#)).contains("no claim"));
        assert!(one(&format!(r#"{{"id":"b",{base}}},{{"id":"b",{base}}}"#)).contains("twice"));
        let bad_issuer = r#"{"id":"b","name":{"sv":"X"},"issuer":"not a url","client_id":"c"}"#;
        assert!(one(bad_issuer).contains("issuer"));
    }
}
