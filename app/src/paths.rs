//! Typed paths: one builder per page of the route table (`routes.rs`) and per other address
//! the app links or redirects to (images, downloads, the login link). Every link and redirect
//! is built here, so an address is spelled once; a test below checks the builders against the
//! route table in both directions.
//!
//! Paths are locale-free (they start with `/`); `crate::locale::href` puts the locale prefix
//! in front. Slugs and ids go in as they are (slugs are URL-safe by construction); query
//! values are form-encoded by [`Path::query`].

use std::fmt;

/// A locale-free path, perhaps with a query string and a fragment. Reads as a `&str`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    fn new(path: String) -> Self {
        Path(path)
    }

    /// Adds `key=value` to the query string, both form-encoded.
    pub fn query(self, key: &str, value: impl fmt::Display) -> Self {
        let pair = form_urlencoded::Serializer::new(String::new())
            .append_pair(key, &value.to_string())
            .finish();
        self.encoded_query(&pair)
    }

    /// Adds a query string that is already form-encoded (as `form_urlencoded::Serializer`
    /// builds it); nothing when it is empty.
    pub fn encoded_query(self, query: &str) -> Self {
        if query.is_empty() {
            return self;
        }
        let (base, fragment) = self.split_fragment();
        let separator = if base.contains('?') { '&' } else { '?' };
        Path(format!("{base}{separator}{query}{fragment}"))
    }

    /// Sets the fragment (`#id`, the element to scroll to).
    pub fn fragment(self, id: &str) -> Self {
        let (base, _) = self.split_fragment();
        Path(format!("{base}#{id}"))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path as an owned `String` (for a view attribute).
    pub fn into_string(self) -> String {
        self.0
    }

    fn split_fragment(self) -> (String, String) {
        match self.0.find('#') {
            Some(at) => {
                let mut base = self.0;
                let fragment = base.split_off(at);
                (base, fragment)
            }
            None => (self.0, String::new()),
        }
    }
}

impl std::ops::Deref for Path {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn at(path: impl Into<String>) -> Path {
    Path::new(path.into())
}

// ---- Pages (each is a route of `routes.rs`) -------------------------------------------------

/// The start page: the rounds under way.
pub fn home() -> Path {
    at("/")
}

/// The signed-in person's own data: download it, erase the account.
pub fn account() -> Path {
    at("/account")
}

/// The download of everything stored about the signed-in person (JSON).
pub fn account_data() -> Path {
    at("/account/data.json")
}

/// The login page (asks for an address to mail a login link to).
pub fn login() -> Path {
    at("/login")
}

/// The page saying the login link is on its way.
pub fn login_sent() -> Path {
    at("/login/sent")
}

/// The page the link of a login mail opens (add the token with [`Path::query`]).
pub fn login_verify() -> Path {
    at("/login/verify")
}

/// The page that tells how an eID sign-in ended when it did not simply sign in
/// (`?result=…`), and offers to merge two accounts of one person.
pub fn login_eid() -> Path {
    at("/login/eid")
}

/// Where a sign-in with eID provider `provider` starts (add `return` with [`Path::query`]);
/// served by axum (`ssr::eid::flow::start`), not a page.
pub fn eid_start(provider: &str) -> Path {
    at(format!("/auth/eid/{provider}/start"))
}

/// The accessibility statement.
pub fn accessibility() -> Path {
    at("/accessibility")
}

/// The display settings (contrast, text size); also where their form posts.
pub fn display() -> Path {
    at("/display")
}

/// The easy-to-read page about the service.
pub fn easy_read() -> Path {
    at("/easy-read")
}

/// The kiosk device's page between voters.
pub fn kiosk() -> Path {
    at("/kiosk")
}

/// The voluntary questions after a kiosk voter's cast.
pub fn kiosk_questions() -> Path {
    at("/kiosk/questions")
}

/// The administrators' accounts page.
pub fn admin_accounts() -> Path {
    at("/admin/accounts")
}

/// The mail sent so far (development mode only).
pub fn dev_mail() -> Path {
    at("/dev/mail")
}

/// The public page of a round.
pub fn round(slug: &str) -> Path {
    at(format!("/rounds/{slug}"))
}

/// The list of a round's public proposals.
pub fn proposals(slug: &str) -> Path {
    at(format!("/rounds/{slug}/proposals"))
}

/// The form for a new proposal in a round.
pub fn propose(slug: &str) -> Path {
    at(format!("/rounds/{slug}/propose"))
}

/// The page of one proposal.
pub fn proposal(slug: &str, id: i64) -> Path {
    at(format!("/rounds/{slug}/proposals/{id}"))
}

/// The author's form for editing a proposal.
pub fn edit_proposal(slug: &str, id: i64) -> Path {
    at(format!("/rounds/{slug}/proposals/{id}/edit"))
}

/// The ballot of a round.
pub fn vote(slug: &str) -> Path {
    at(format!("/rounds/{slug}/vote"))
}

/// The receipt of the signed-in voter's ballot.
pub fn receipt(slug: &str) -> Path {
    at(format!("/rounds/{slug}/vote/receipt"))
}

/// The result of a round.
pub fn results(slug: &str) -> Path {
    at(format!("/rounds/{slug}/results"))
}

/// The public evaluation of a round's participation.
pub fn evaluation(slug: &str) -> Path {
    at(format!("/rounds/{slug}/participation"))
}

/// The staff start page: the rounds of their nämnd.
pub fn staff() -> Path {
    at("/staff")
}

/// The form for a new round.
pub fn new_round() -> Path {
    at("/staff/new-round")
}

/// The staff page of a round (its settings, phases and proposals).
pub fn staff_round(slug: &str) -> Path {
    at(format!("/staff/rounds/{slug}"))
}

/// Staff entering paper ballots and helping voters.
pub fn staff_ballots(slug: &str) -> Path {
    at(format!("/staff/rounds/{slug}/ballots"))
}

/// A round's mail, for its staff.
pub fn staff_mail(slug: &str) -> Path {
    at(format!("/staff/rounds/{slug}/mail"))
}

/// The participation dashboard of a round, for its staff.
pub fn participation(slug: &str) -> Path {
    at(format!("/staff/rounds/{slug}/participation"))
}

/// The partner association's start page.
pub fn partner() -> Path {
    at("/partner")
}

/// The participation dashboard of a round, for a partner association.
pub fn partner_participation(slug: &str) -> Path {
    at(format!("/partner/rounds/{slug}/participation"))
}

/// The staff review of a proposal.
pub fn review(id: i64) -> Path {
    at(format!("/staff/proposals/{id}/review"))
}

/// The unsubscribe page of a signed mail link.
pub fn unsubscribe() -> Path {
    at("/unsubscribe")
}

/// The page confirming a subscription from a signed mail link.
pub fn confirm_subscription() -> Path {
    at("/subscribe/confirm")
}

/// The overview of all projects being carried out.
pub fn projects() -> Path {
    at("/projects")
}

/// The politicians' review of a round's proposals.
pub fn political_review(slug: &str) -> Path {
    at(format!("/politics/rounds/{slug}"))
}

/// The politicians' decision on one proposal.
pub fn decision(id: i64) -> Path {
    at(format!("/politics/proposals/{id}/decision"))
}

// ---- Other addresses (served by axum routes in `server/src/startup.rs`) -----------------------

/// A proposal's image (`GET`), and where its upload form posts.
pub fn proposal_image(id: i64) -> Path {
    at(format!("/proposals/{id}/image"))
}

/// An implementation update's photo (`GET`), and where its upload form posts.
pub fn update_image(id: i64) -> Path {
    at(format!("/updates/{id}/image"))
}

/// Where a round's electoral roll is uploaded (`POST`, multipart).
pub fn electoral_roll(slug: &str) -> Path {
    at(format!("/rounds/{slug}/electoral-roll"))
}

/// A round's open data as CSV.
pub fn open_data_csv(slug: &str) -> Path {
    at(format!("/rounds/{slug}/open-data.csv"))
}

/// A round's open data as JSON.
pub fn open_data_json(slug: &str) -> Path {
    at(format!("/rounds/{slug}/open-data.json"))
}

/// A round's anonymised ballots in Pabulib format.
pub fn ballots_pb(slug: &str) -> Path {
    at(format!("/rounds/{slug}/ballots.pb"))
}

/// A round's evaluation report as CSV.
pub fn evaluation_csv(slug: &str) -> Path {
    at(format!("/rounds/{slug}/participation.csv"))
}

/// Where mail programs post a one-click unsubscribe (RFC 8058); a constant, as the router
/// names it.
pub const UNSUBSCRIBE_ONE_CLICK: &str = "/unsubscribe/one-click";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page builder, with sample arguments: keep in step with the builders above.
    fn pages() -> Vec<Path> {
        let (s, id) = ("s", 7);
        vec![
            home(),
            account(),
            login(),
            login_sent(),
            login_verify(),
            login_eid(),
            accessibility(),
            display(),
            easy_read(),
            kiosk(),
            kiosk_questions(),
            admin_accounts(),
            dev_mail(),
            round(s),
            proposals(s),
            propose(s),
            proposal(s, id),
            edit_proposal(s, id),
            vote(s),
            receipt(s),
            results(s),
            evaluation(s),
            staff(),
            new_round(),
            staff_round(s),
            staff_ballots(s),
            staff_mail(s),
            participation(s),
            partner(),
            partner_participation(s),
            review(id),
            unsubscribe(),
            confirm_subscription(),
            projects(),
            political_review(s),
            decision(id),
        ]
    }

    /// The other addresses: none of them may be taken for a page.
    fn others() -> Vec<Path> {
        let (s, id) = ("s", 7);
        vec![
            proposal_image(id),
            update_image(id),
            open_data_csv(s),
            open_data_json(s),
            ballots_pb(s),
            evaluation_csv(s),
            eid_start("bankid"),
            at(UNSUBSCRIBE_ONE_CLICK),
            account_data(),
        ]
    }

    /// The page patterns of the route table: every `path!("…")`, and `""` for the start page
    /// (`<Route path=StaticSegment("")`; the `ParentRoute`s of the locales are not pages).
    fn route_patterns() -> Vec<String> {
        let table = include_str!("routes.rs");
        let mut patterns: Vec<String> = table
            .split("path!(\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').expect("closing quote")].to_owned())
            .collect();
        assert!(table.contains("<Route path=StaticSegment(\"\")"));
        patterns.push(String::new());
        patterns
    }

    fn segments(path: &str) -> Vec<&str> {
        path.split('/').filter(|s| !s.is_empty()).collect()
    }

    fn matches(pattern: &str, path: &str) -> bool {
        let (pattern, path) = (segments(pattern), segments(path));
        pattern.len() == path.len()
            && pattern
                .iter()
                .zip(&path)
                .all(|(p, s)| p.starts_with(':') || p == s)
    }

    #[test]
    fn the_route_table_is_read() {
        let patterns = route_patterns();
        assert!(patterns.len() > 30, "{patterns:?}");
        assert!(patterns.contains(&"rounds/:slug/proposals/:id".to_owned()));
    }

    #[test]
    fn every_page_builder_matches_exactly_one_route() {
        let patterns = route_patterns();
        for page in pages() {
            assert!(page.starts_with('/'), "{page}");
            let found: Vec<_> = patterns.iter().filter(|p| matches(p, &page)).collect();
            assert_eq!(found.len(), 1, "{page} matches {found:?}");
        }
    }

    #[test]
    fn every_route_has_a_page_builder() {
        let pages = pages();
        for pattern in route_patterns() {
            let built: Vec<_> = pages.iter().filter(|p| matches(&pattern, p)).collect();
            assert_eq!(built.len(), 1, "route {pattern:?} is built by {built:?}");
        }
    }

    #[test]
    fn no_other_address_is_a_page() {
        let patterns = route_patterns();
        for other in others() {
            assert!(other.starts_with('/'), "{other}");
            assert!(
                !patterns.iter().any(|p| matches(p, &other)),
                "{other} looks like a page"
            );
        }
    }

    #[test]
    fn builders_keep_the_addresses_as_they_were() {
        assert_eq!(home().as_str(), "/");
        assert_eq!(
            proposal("budget-2025", 12).as_str(),
            "/rounds/budget-2025/proposals/12"
        );
        assert_eq!(evaluation("s").as_str(), "/rounds/s/participation");
        assert_eq!(participation("s").as_str(), "/staff/rounds/s/participation");
        assert_eq!(proposal_image(3).as_str(), "/proposals/3/image");
        assert_eq!(ballots_pb("s").as_str(), "/rounds/s/ballots.pb");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(kiosk().query("voted", 1).as_str(), "/kiosk?voted=1");
        assert_eq!(
            proposals("s")
                .query("q", "park & lek")
                .query("page", 2)
                .as_str(),
            "/rounds/s/proposals?q=park+%26+lek&page=2"
        );
        assert_eq!(
            unsubscribe()
                .query("e", "a+b@x.se")
                .query("t", "x=y/z#")
                .as_str(),
            "/unsubscribe?e=a%2Bb%40x.se&t=x%3Dy%2Fz%23"
        );
        assert_eq!(
            login().query("ä", "å ö").as_str(),
            "/login?%C3%A4=%C3%A5+%C3%B6"
        );
    }

    #[test]
    fn fragments_follow_the_query() {
        let path = proposal("s", 7).query("updated", 1).fragment("follow-up");
        assert_eq!(path.as_str(), "/rounds/s/proposals/7?updated=1#follow-up");
        let late = proposal("s", 7).fragment("comments").query("a", "b");
        assert_eq!(late.as_str(), "/rounds/s/proposals/7?a=b#comments");
        assert_eq!(
            participation("s")
                .query("saved", 1)
                .query("area", 4)
                .fragment("hand-heading")
                .as_str(),
            "/staff/rounds/s/participation?saved=1&area=4#hand-heading"
        );
    }

    #[test]
    fn an_encoded_query_is_appended_as_it_is() {
        assert_eq!(unsubscribe().encoded_query("").as_str(), "/unsubscribe");
        assert_eq!(
            unsubscribe().encoded_query("e=a%40b&s=1").as_str(),
            "/unsubscribe?e=a%40b&s=1"
        );
        assert_eq!(
            edit_proposal("s", 7)
                .query("x", 1)
                .encoded_query("image=saved")
                .as_str(),
            "/rounds/s/proposals/7/edit?x=1&image=saved"
        );
    }
}
