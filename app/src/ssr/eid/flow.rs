//! The two addresses of an eID sign-in. `start` makes a fresh state, nonce and PKCE verifier,
//! keeps them sealed in a cookie that only `/auth/eid` sees for ten minutes, and sends the
//! browser to the provider. `callback` takes the cookie back (once), checks the state and the
//! `iss` of the answer, exchanges the code, verifies the ID token and reads the identity
//! number; `link` then decides what it does. Nothing a provider sends is logged.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use chrono::Utc;
use domain::identity_number::IdentityNumber;
use leptos_i18n::Locale as _;
use openidconnect::core::{CoreAuthenticationFlow, CoreJwsSigningAlgorithm};
use openidconnect::{
    AuthorizationCode, CsrfToken, Nonce, PkceCodeChallenge, PkceCodeVerifier, Scope,
    TokenResponse as _,
};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq as _;

use super::EidError;
use super::link::{self, Verified};
use super::providers::EidClaims;
use crate::ssr::context::ServerContext;

/// The cookie carrying a sign-in under way.
const COOKIE: &str = "mb_eid_flow";
/// The cookie's path: only the eID addresses see it.
const COOKIE_PATH: &str = "/auth/eid";
/// How long a sign-in may take.
const MINUTES: i64 = 10;
/// What the sealed cookie is bound to.
const CONTEXT: &[u8] = b"eid flow";

/// A sign-in under way, sealed in its cookie.
#[derive(Debug, Serialize, Deserialize)]
struct Flow {
    provider: String,
    state: String,
    nonce: String,
    pkce: String,
    /// Where to go afterwards: a path on this site.
    back: String,
    /// The language of the pages shown.
    locale: String,
    /// The account signed in at the start, if any.
    account: Option<i64>,
    /// Unix time after which the flow is refused.
    expires: i64,
}

/// `?return=` of the start link.
#[derive(Debug, Deserialize)]
pub struct StartQuery {
    #[serde(default, rename = "return")]
    back: Option<String>,
}

/// `GET /auth/eid/{provider}/start`: to the provider, with the flow in its cookie.
#[tracing::instrument(skip_all, fields(provider = %provider))]
pub async fn start(
    State(ctx): State<ServerContext>,
    Path(provider): Path<String>,
    Query(query): Query<StartQuery>,
    jar: CookieJar,
) -> Response {
    let back = safe_path(query.back.as_deref());
    let locale = crate::locale::from_path(&back);
    let Some(found) = ctx.eid.get(&provider) else {
        return to_result(locale, EidError::Unavailable).into_response();
    };
    let client = match ctx.eid.client(found).await {
        Ok(client) => client,
        Err(err) => return to_result(locale, err).into_response(),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for scope in &found.config.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state, nonce) = request.url();
    let account = crate::ssr::auth::account_from_cookies(&ctx, &jar)
        .await
        .ok()
        .flatten()
        .map(|a| a.id);
    let flow = Flow {
        provider,
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce: verifier.secret().clone(),
        back,
        locale: locale.as_str().to_owned(),
        account,
        expires: Utc::now().timestamp() + MINUTES * 60,
    };
    let sealed = ctx
        .keys
        .eid_flow
        .seal(&serde_json::to_vec(&flow).unwrap_or_default(), 0, CONTEXT);
    let cookie = flow_cookie(sealed, MINUTES * 60, ctx.secure_cookies());
    (jar.add(cookie), Redirect::to(url.as_str())).into_response()
}

/// What a provider sends back.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    iss: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// `GET /auth/eid/callback`: verifies the answer and signs in, links or refuses.
#[tracing::instrument(skip_all)]
pub async fn callback(
    State(ctx): State<ServerContext>,
    Query(query): Query<CallbackQuery>,
    jar: CookieJar,
) -> Response {
    let flow = jar
        .get(COOKIE)
        .and_then(|c| super::open::<Flow>(&ctx.keys, c.value(), CONTEXT));
    // The flow is used once, whatever happens.
    let jar = jar.add(flow_cookie(String::new(), 0, ctx.secure_cookies()));
    let Some(flow) = flow.filter(|f| f.expires > Utc::now().timestamp()) else {
        tracing::warn!("eID answer without a sign-in under way (missing, tampered or expired)");
        let locale = crate::i18n::Locale::sv;
        return (jar, to_result(locale, EidError::State)).into_response();
    };
    let locale = crate::locale::from_code(&flow.locale);
    let verified = match verify(&ctx, &flow, &query).await {
        Ok(verified) => verified,
        Err(err) => {
            tracing::warn!(provider = %flow.provider, reason = err.as_str(), "eID sign-in refused");
            return (jar, to_result(locale, err)).into_response();
        }
    };
    let signed_in = crate::ssr::auth::account_from_cookies(&ctx, &jar)
        .await
        .ok()
        .flatten()
        .filter(|a| Some(a.id) == flow.account);
    match link::apply(&ctx, signed_in, verified, &flow.back, locale).await {
        Ok((cookies, to)) => {
            let mut jar = jar;
            for cookie in cookies {
                jar = jar.add(cookie);
            }
            (jar, Redirect::to(&to)).into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "could not apply an eID sign-in");
            (jar, to_result(locale, EidError::Unavailable)).into_response()
        }
    }
}

/// The identity in a provider's answer, once everything about it checks out.
async fn verify(
    ctx: &ServerContext,
    flow: &Flow,
    query: &CallbackQuery,
) -> Result<Verified, EidError> {
    let state_ok = query
        .state
        .as_deref()
        .is_some_and(|s| bool::from(s.as_bytes().ct_eq(flow.state.as_bytes())));
    if !state_ok {
        return Err(EidError::State);
    }
    if query.error.is_some() {
        return Err(EidError::Cancelled);
    }
    let provider = ctx.eid.get(&flow.provider).ok_or(EidError::Unavailable)?;
    // RFC 9207: an answer naming another issuer is a mix-up, whatever its code.
    if query
        .iss
        .as_deref()
        .is_some_and(|iss| iss != provider.issuer().as_str())
    {
        tracing::warn!(provider = %flow.provider, "eID answer from another issuer (iss)");
        return Err(EidError::Token);
    }
    let code = query.code.clone().ok_or(EidError::Cancelled)?;
    let client = ctx.eid.client(provider).await?;
    let response = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|_| EidError::Unavailable)?
        .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce.clone()))
        .request_async(ctx.eid.http())
        .await
        .map_err(|err| {
            // The error may hold the provider's answer; only its kind is logged.
            tracing::warn!(provider = %flow.provider, kind = token_error_kind(&err), "eID code exchange failed");
            EidError::Token
        })?;
    let id_token = response.id_token().ok_or(EidError::Token)?;
    let verifier = client.id_token_verifier().set_allowed_algs([
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        CoreJwsSigningAlgorithm::RsaSsaPssSha256,
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    ]);
    let claims = id_token
        .claims(&verifier, &Nonce::new(flow.nonce.clone()))
        .map_err(|err| {
            tracing::warn!(provider = %flow.provider, check = claims_error_kind(&err), "eID token refused");
            EidError::Token
        })?;
    let number = number_in(claims.additional_claims(), &provider.config.number_claims)
        .ok_or(EidError::Number)?;
    Ok(Verified {
        provider: flow.provider.clone(),
        number,
    })
}

/// The identity number in the first of `names` that holds one (a string of digits as the
/// Swedish profile sends, or a number). A claim that is present but not a valid number
/// refuses: a broker sending garbage must not fall through to another claim.
fn number_in(claims: &EidClaims, names: &[String]) -> Option<IdentityNumber> {
    let today = Utc::now().date_naive();
    let text = names
        .iter()
        .find_map(|name| match claims.other.get(name)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => Some(String::new()),
        })?;
    IdentityNumber::parse(&text, today).ok()
}

/// The redirect to the eID page telling what went wrong.
fn to_result(locale: crate::i18n::Locale, err: EidError) -> Redirect {
    Redirect::to(&crate::locale::href(
        locale,
        &crate::paths::login_eid().query("result", err.as_str()),
    ))
}

/// A path on this site to go back to (`/…`, never `//host` or a URL), else the start page.
fn safe_path(back: Option<&str>) -> String {
    match back {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/".to_owned(),
    }
}

fn flow_cookie(value: String, seconds: i64, secure: bool) -> Cookie<'static> {
    crate::ssr::auth::cookie_at(COOKIE, COOKIE_PATH, value, seconds, secure)
}

/// The kind of a failed code exchange, for the log.
fn token_error_kind<RE: std::error::Error + 'static, T: openidconnect::ErrorResponse>(
    err: &openidconnect::RequestTokenError<RE, T>,
) -> &'static str {
    use openidconnect::RequestTokenError as E;
    match err {
        E::ServerResponse(_) => "refused by the provider",
        E::Request(_) => "request failed",
        E::Parse(..) => "unreadable answer",
        E::Other(_) => "other",
    }
}

/// Which check an ID token failed, for the log.
fn claims_error_kind(err: &openidconnect::ClaimsVerificationError) -> &'static str {
    use openidconnect::ClaimsVerificationError as E;
    match err {
        E::Expired(_) => "expired",
        E::InvalidAudience(_) => "audience",
        E::InvalidIssuer(_) => "issuer",
        E::InvalidNonce(_) => "nonce",
        E::SignatureVerification(_) => "signature",
        E::Unsupported(_) => "unsupported",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_on_this_site_is_gone_back_to() {
        let table = [
            (Some("/rounds/x/vote"), "/rounds/x/vote"),
            (Some("/en/rounds/x"), "/en/rounds/x"),
            (Some("//evil.example/x"), "/"),
            (Some("https://evil.example"), "/"),
            (Some("/\\evil.example"), "/"),
            (None, "/"),
        ];
        for (given, expected) in table {
            assert_eq!(safe_path(given), expected, "{given:?}");
        }
    }

    #[test]
    fn the_number_is_read_from_the_first_claim_present_and_must_be_valid() {
        let claims = |pairs: &[(&str, serde_json::Value)]| EidClaims {
            other: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        };
        let names = ["ssn".to_owned(), "nin".to_owned()];
        let good = serde_json::json!("199001012385");
        let read = |c: &EidClaims| number_in(c, &names).map(|n| n.as_digits());
        assert_eq!(
            read(&claims(&[("nin", good.clone())])).as_deref(),
            Some("199001012385")
        );
        assert_eq!(
            read(&claims(&[("ssn", serde_json::json!(199001012385_u64))])).as_deref(),
            Some("199001012385")
        );
        // A bad number in the first claim is not saved by a good one in the second.
        assert_eq!(
            read(&claims(&[
                ("ssn", serde_json::json!("199001012386")),
                ("nin", good)
            ])),
            None
        );
        assert_eq!(
            read(&claims(&[("other", serde_json::json!("199001012385"))])),
            None
        );
        assert_eq!(read(&claims(&[("ssn", serde_json::json!(["x"]))])), None);
    }
}
