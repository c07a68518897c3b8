//! What an eID sign-in does, given who is signed in and which account already holds the
//! person's identity: one person is one account, so the identity is linked to at most one,
//! and an account proved to be someone else's is never taken over.

/// The account signed in when the eID sign-in came back, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub account: i64,
    /// Whether the account already holds an identity.
    pub has_identity: bool,
}

/// What to do with a verified identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EidLink {
    /// Nobody was signed in and this account holds the identity: sign in as it.
    SignIn(i64),
    /// The signed-in account holds no identity and nobody else holds this one: link it.
    Link(i64),
    /// The signed-in account already holds this identity: note the new verification.
    Refresh(i64),
    /// Another account holds the identity: the person has two accounts; offer to merge the
    /// signed-in one into it.
    OfferMerge { from: i64, into: i64 },
    /// The signed-in account holds another person's identity: change nothing.
    OtherPerson,
    /// Nobody was signed in and no account holds the identity: sign in by email first, then
    /// the identity is linked.
    NoAccount,
}

/// What an eID sign-in does: `signed_in` is who was signed in, `holder` the account holding
/// the verified identity.
pub fn decide(signed_in: Option<SignedIn>, holder: Option<i64>) -> EidLink {
    match (signed_in, holder) {
        (None, Some(holder)) => EidLink::SignIn(holder),
        (None, None) => EidLink::NoAccount,
        (Some(me), Some(holder)) if me.account == holder => EidLink::Refresh(holder),
        (Some(me), _) if me.has_identity => EidLink::OtherPerson,
        (Some(me), Some(holder)) => EidLink::OfferMerge {
            from: me.account,
            into: holder,
        },
        (Some(me), None) => EidLink::Link(me.account),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_case_does_what_the_table_says() {
        let me = |has_identity| {
            Some(SignedIn {
                account: 1,
                has_identity,
            })
        };
        let table = [
            // (signed in, holder) -> what happens
            ((None, Some(2)), EidLink::SignIn(2)),
            ((None, None), EidLink::NoAccount),
            ((me(false), None), EidLink::Link(1)),
            ((me(true), Some(1)), EidLink::Refresh(1)),
            ((me(true), None), EidLink::OtherPerson),
            ((me(true), Some(2)), EidLink::OtherPerson),
            (
                (me(false), Some(2)),
                EidLink::OfferMerge { from: 1, into: 2 },
            ),
        ];
        for ((signed_in, holder), expected) in table {
            assert_eq!(
                decide(signed_in, holder),
                expected,
                "{signed_in:?} {holder:?}"
            );
        }
    }
}
