//! What was typed into a refused form, kept out of the URL. Without JavaScript a refused form
//! post is redirected back with the error in the URL (`__err`, Leptos' progressive
//! enhancement), and our errors carry what was typed so nothing is lost. For a ballot or an
//! assisted vote that would put choices and addresses into the browser history of a shared
//! kiosk and into proxy logs. So the server takes the typed values out of the redirect and
//! sends them, sealed, in a short-lived HttpOnly cookie; the page the browser comes back to
//! opens and clears it (`crate::form_flash`), and the form shows them as before. The URL keeps
//! only which fields were refused and why.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;

use super::keys::Keys;
use crate::error::AppError;

/// The cookie's name.
pub const COOKIE: &str = "mb_form";
/// How long the cookie lives: the redirect is followed at once.
pub const SECONDS: i64 = 120;
/// What the sealed values are bound to.
const CONTEXT: &[u8] = b"form flash";
/// Sealed values are padded to at least this many bytes (a ballot's length says little).
const MIN_LEN: usize = 512;

/// Typed values as (field, text) pairs.
pub type Values = Vec<(String, String)>;

/// For a redirect to `location` that carries a refused form's typed values: the location
/// without them, and the values sealed for the cookie. `None` when there is nothing to move.
pub fn stash(keys: &Keys, location: &str) -> Option<(String, String)> {
    // A relative location (no Referer) is read against a placeholder origin, dropped again.
    const BASE: &str = "http://relative.invalid";
    let relative = location.starts_with('/');
    let mut url = if relative {
        url::Url::parse(&format!("{BASE}{location}")).ok()?
    } else {
        url::Url::parse(location).ok()?
    };
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let encoded = &pairs.iter().find(|(k, _)| k == "__err")?.1;
    let error: AppError = serde_json::from_slice(&URL_SAFE.decode(encoded).ok()?).ok()?;
    let AppError::Invalid(mut form) = error else {
        return None;
    };
    if form.values.is_empty() {
        return None;
    }
    let values = std::mem::take(&mut form.values);
    let plain = serde_json::to_vec(&values).ok()?;
    let sealed = keys.form.seal(&plain, MIN_LEN, CONTEXT);
    let stripped = URL_SAFE.encode(serde_json::to_vec(&AppError::Invalid(form)).ok()?);
    let rebuilt = pairs
        .iter()
        .map(|(key, value)| (key, if key == "__err" { &stripped } else { value }));
    url.query_pairs_mut().clear().extend_pairs(rebuilt);
    let moved = url.to_string();
    let moved = match moved.strip_prefix(BASE) {
        Some(path) if relative => path.to_owned(),
        _ => moved,
    };
    Some((moved, sealed))
}

/// The values in a cookie made by [`stash`]; none when it does not open.
pub fn open(keys: &Keys, sealed: &str) -> Values {
    keys.form
        .open(sealed, CONTEXT)
        .and_then(|plain| serde_json::from_slice(&plain).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{FieldError, FormErrors};
    use domain::Code;

    fn redirect(error: &AppError) -> String {
        let err = URL_SAFE.encode(serde_json::to_vec(error).unwrap());
        format!(
            "http://kommun.se/staff/rounds/r/ballots?x=1&__path=%2Fapi%2Fassist_vote&__err={err}"
        )
    }

    fn refused() -> AppError {
        AppError::Invalid(FormErrors {
            errors: vec![FieldError::new("email", Code::EmailInvalid)],
            values: vec![
                ("email".into(), "anna@x.se".into()),
                ("choice[7]".into(), "7".into()),
            ],
        })
    }

    #[test]
    fn the_typed_values_leave_the_url_and_come_back_from_the_cookie() {
        let keys = Keys::from_secret(b"test");
        let (location, sealed) = stash(&keys, &redirect(&refused())).unwrap();
        assert!(!location.contains("anna"), "{location}");
        let url = url::Url::parse(&location).unwrap();
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        assert_eq!(pairs[0], ("x".into(), "1".into()));
        assert_eq!(pairs[1], ("__path".into(), "/api/assist_vote".into()));
        let error: AppError =
            serde_json::from_slice(&URL_SAFE.decode(&pairs[2].1).unwrap()).unwrap();
        let form = error.form().unwrap();
        assert!(form.values.is_empty());
        assert_eq!(form.errors, [FieldError::new("email", Code::EmailInvalid)]);
        assert!(!sealed.contains("anna"));
        let AppError::Invalid(original) = refused() else {
            unreachable!()
        };
        assert_eq!(open(&keys, &sealed), original.values);
        assert!(open(&Keys::from_secret(b"other"), &sealed).is_empty());
    }

    #[test]
    fn nothing_moves_without_typed_values() {
        let keys = Keys::from_secret(b"test");
        assert_eq!(stash(&keys, "http://kommun.se/?paper=waiting"), None);
        assert_eq!(stash(&keys, &redirect(&AppError::Forbidden)), None);
        let bare = AppError::invalid("", Code::ResultMissing, &[]);
        assert_eq!(stash(&keys, &redirect(&bare)), None);
    }

    #[test]
    fn a_relative_location_stays_relative() {
        let keys = Keys::from_secret(b"test");
        let location = redirect(&refused()).replace("http://kommun.se", "");
        let (moved, _) = stash(&keys, &location).unwrap();
        assert!(
            moved.starts_with("/staff/rounds/r/ballots?x=1&__path="),
            "{moved}"
        );
        assert!(!moved.contains("anna"));
    }
}
