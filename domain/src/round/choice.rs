//! The fixed choices of a form (select boxes and radio buttons): each is an
//! enum with a stable name per variant, used in the HTML `value`, in serde
//! and in the database, so one macro keeps those four in step. The choices
//! of a round's configuration live here, [`Feasibility`](super::Feasibility)
//! beside its review.
use crate::Code;

/// A name that is not one of the choices offered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown choice '{0}'")]
pub struct ParseChoiceError(pub String);

/// Declares a choice enum with `ALL`, `as_str`, `Display`, `FromStr` and
/// serde names equal to `as_str`.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every choice, in the order a form offers them.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The stable name (HTML value, database, translation key).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::round::ParseChoiceError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .into_iter()
                    .find(|choice| choice.as_str() == text)
                    .ok_or_else(|| $crate::round::ParseChoiceError(text.to_owned()))
            }
        }
    };
}

pub(crate) use choice_enum;

choice_enum! {
    /// How residents fill in their ballot.
    pub enum BallotFormat {
        /// Choose up to `max_choices` projects.
        Approval = "approval",
        /// Choose projects whose costs fit the budget.
        Knapsack = "knapsack",
        /// Spread `points_total` points, at most `points_max_per_project` each.
        Cumulative = "cumulative",
        /// Order up to `max_choices` projects.
        Ranked = "ranked",
    }
}

choice_enum! {
    /// How the ballots become funded projects.
    pub enum CountingRule {
        /// Most votes first, skipping what does not fit (the usual Swedish practice).
        Greedy = "greedy",
        /// The Method of Equal Shares (proportional).
        EqualShares = "mes",
        /// Sequential Phragmén (approval ballots only).
        Phragmen = "phragmen",
    }
}

choice_enum! {
    /// How an exact tie is broken, published before voting.
    pub enum TieBreak {
        /// The cheaper project first.
        LowerCostFirst = "lower_cost",
        /// A public draw with a seed published in advance.
        SeededDraw = "seeded_draw",
    }
}

choice_enum! {
    /// Who may take part, by where they live.
    pub enum Residence {
        /// Anyone.
        Anyone = "anyone",
        /// People registered in the municipality (or area).
        LivesIn = "lives",
        /// People who live or work there ("bor eller verkar").
        LivesOrWorksIn = "lives_or_works",
    }
}

choice_enum! {
    /// How a participant proves who they are.
    pub enum Verification {
        /// A login link sent by email.
        EmailLink = "email",
        /// In person at a municipal office.
        InPerson = "in_person",
        /// Swedish eID (BankID, Freja).
        EId = "eid",
    }
}

/// Parses a trimmed choice, recording `choice_invalid` on `field` if unknown.
pub(crate) fn parse_choice<T: std::str::FromStr>(
    issues: &mut super::Issues,
    value: &str,
    field: &'static str,
) -> Option<T> {
    let parsed = value.trim().parse().ok();
    if parsed.is_none() {
        issues.push(field, Code::ChoiceInvalid);
    }
    parsed
}
