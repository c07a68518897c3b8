//! The voluntary questions to participants and the groups they define. Each
//! question is a [`Dimension`]; each answer a [`Group`], with a stable text
//! key (`age:16-19`) used in the database, in CSV files and as a translation
//! key. Skipping is always possible and is as easy as answering: an empty
//! answer (or `skip`) is simply no answer.
//!
//! The groups follow Statistics Sweden (SCB), so a round's population
//! baseline can be taken from public tables:
//!
//! * **Age bands** `12-15`, `16-19`, `20-29`, `30-44`, `45-64`, `65-79`,
//!   `80+`. SCB publishes the population by single year of age per
//!   municipality and district (table BE0101N1), so every band is an exact
//!   sum of its figures. Rounds open from 12–13 years, so the first band
//!   starts at 12 rather than 0 (a 0–15 band would compare participants with
//!   small children). 16 separates those still in compulsory school from
//!   upper-secondary age, the lower bound of SCB's labour-market and
//!   education statistics; 20–29 is where participation is usually lowest;
//!   65 is where SCB's working-age population ends; 80+ is kept apart
//!   because the oldest are the least likely to take part digitally.
//! * **Education** follows SCB's educational attainment levels (SUN):
//!   compulsory (förgymnasial), upper secondary (gymnasial), post-secondary
//!   shorter than three years and three years or longer (incl. doctoral).
//! * **Born in Sweden or abroad** and **gender** (women, men) are in the
//!   same population tables; SCB counts legal gender only, so `other`
//!   (non-binary) has no population share unless staff supply one.
//! * **Occupation** mirrors SCB's main activity (sysselsättning): working,
//!   studying, unemployed, retired, other.

use crate::Code;
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::FieldIssue;
use crate::round::{Issues, choice_enum};

choice_enum! {
    /// One voluntary question; its name is also the form field
    /// (except [`Dimension::Area`], whose field is `area_id`).
    #[derive(PartialOrd, Ord)]
    pub enum Dimension {
        /// [`Gender`].
        Gender = "gender",
        /// [`AgeBand`].
        Age = "age",
        /// The area of the municipality where one lives.
        Area = "area",
        /// [`Birthplace`].
        Born = "born",
        /// [`Education`].
        Education = "education",
        /// [`Occupation`].
        Occupation = "occupation",
        /// [`Disability`].
        Disability = "disability",
    }
}

choice_enum! {
    /// Gender as the participant states it.
    #[derive(PartialOrd, Ord)]
    pub enum Gender {
        /// Woman or girl.
        Woman = "woman",
        /// Man or boy.
        Man = "man",
        /// Non-binary or another gender.
        Other = "other",
    }
}

choice_enum! {
    /// Age in SCB-compatible bands (see the module documentation).
    #[derive(PartialOrd, Ord)]
    pub enum AgeBand {
        /// 12 to 15 years.
        From12To15 = "12-15",
        /// 16 to 19 years.
        From16To19 = "16-19",
        /// 20 to 29 years.
        From20To29 = "20-29",
        /// 30 to 44 years.
        From30To44 = "30-44",
        /// 45 to 64 years.
        From45To64 = "45-64",
        /// 65 to 79 years.
        From65To79 = "65-79",
        /// 80 years or older.
        From80 = "80+",
    }
}

choice_enum! {
    /// Born in Sweden or abroad.
    #[derive(PartialOrd, Ord)]
    pub enum Birthplace {
        /// Born in Sweden.
        Sweden = "sweden",
        /// Born abroad.
        Abroad = "abroad",
    }
}

choice_enum! {
    /// Highest completed (or current) education, SCB's SUN levels.
    #[derive(PartialOrd, Ord)]
    pub enum Education {
        /// Compulsory school (förgymnasial).
        Compulsory = "compulsory",
        /// Upper secondary school (gymnasial).
        UpperSecondary = "upper_secondary",
        /// Post-secondary, shorter than three years.
        PostSecondaryShort = "post_secondary_short",
        /// Post-secondary, three years or longer.
        PostSecondaryLong = "post_secondary_long",
    }
}

choice_enum! {
    /// Main occupation.
    #[derive(PartialOrd, Ord)]
    pub enum Occupation {
        /// Employed or self-employed.
        Working = "working",
        /// In school or studying.
        Studying = "studying",
        /// Looking for work.
        Unemployed = "unemployed",
        /// Retired.
        Retired = "retired",
        /// Anything else (parental leave, on sick leave, …).
        Other = "other",
    }
}

choice_enum! {
    /// Whether the participant has a disability (funktionsnedsättning).
    #[derive(PartialOrd, Ord)]
    pub enum Disability {
        /// Has a disability.
        Yes = "yes",
        /// Has none.
        No = "no",
    }
}

impl AgeBand {
    /// The youngest age with a band.
    pub const MIN_AGE: u32 = 12;

    /// The band of an age in whole years; `None` under [`AgeBand::MIN_AGE`].
    pub fn of_age(years: u32) -> Option<AgeBand> {
        Some(match years {
            0..12 => return None,
            12..=15 => AgeBand::From12To15,
            16..=19 => AgeBand::From16To19,
            20..=29 => AgeBand::From20To29,
            30..=44 => AgeBand::From30To44,
            45..=64 => AgeBand::From45To64,
            65..=79 => AgeBand::From65To79,
            _ => AgeBand::From80,
        })
    }
}

impl Dimension {
    /// The HTML name of the question's field.
    pub fn field(self) -> &'static str {
        match self {
            Dimension::Area => "area_id",
            other => other.as_str(),
        }
    }

    /// Every group of the dimension, in form order; areas are `area_ids`.
    pub fn groups(self, area_ids: &[i64]) -> Vec<Group> {
        fn all<T: Copy>(values: &[T], group: fn(T) -> Group) -> Vec<Group> {
            values.iter().map(|&value| group(value)).collect()
        }
        match self {
            Dimension::Gender => all(&Gender::ALL, Group::Gender),
            Dimension::Age => all(&AgeBand::ALL, Group::Age),
            Dimension::Area => all(area_ids, Group::Area),
            Dimension::Born => all(&Birthplace::ALL, Group::Born),
            Dimension::Education => all(&Education::ALL, Group::Education),
            Dimension::Occupation => all(&Occupation::ALL, Group::Occupation),
            Dimension::Disability => all(&Disability::ALL, Group::Disability),
        }
    }
}

/// One answer to one question: a dimension and a value. Its key is
/// `dimension:value` (`gender:woman`, `age:80+`, `area:7`), stable for the
/// database, CSV exports and serde; groups order by dimension, then value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// A gender.
    Gender(Gender),
    /// An age band.
    Age(AgeBand),
    /// An area, by its id.
    Area(i64),
    /// Born in Sweden or abroad.
    Born(Birthplace),
    /// An education level.
    Education(Education),
    /// An occupation.
    Occupation(Occupation),
    /// With or without a disability.
    Disability(Disability),
}

/// A group key or value that names no group.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown group '{0}'")]
pub struct ParseGroupError(pub String);

impl Group {
    /// The question this group answers.
    pub fn dimension(self) -> Dimension {
        match self {
            Group::Gender(_) => Dimension::Gender,
            Group::Age(_) => Dimension::Age,
            Group::Area(_) => Dimension::Area,
            Group::Born(_) => Dimension::Born,
            Group::Education(_) => Dimension::Education,
            Group::Occupation(_) => Dimension::Occupation,
            Group::Disability(_) => Dimension::Disability,
        }
    }

    /// The value part of the key (`woman`, `80+`, an area id).
    pub fn value(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Group::Gender(value) => value.as_str(),
            Group::Age(value) => value.as_str(),
            Group::Area(id) => return Cow::Owned(id.to_string()),
            Group::Born(value) => value.as_str(),
            Group::Education(value) => value.as_str(),
            Group::Occupation(value) => value.as_str(),
            Group::Disability(value) => value.as_str(),
        })
    }

    /// The stable key, `dimension:value`.
    pub fn key(self) -> String {
        format!("{}:{}", self.dimension(), self.value())
    }

    /// The group of `dimension` named `value` (an id for areas), exactly.
    pub fn parse(dimension: Dimension, value: &str) -> Result<Group, ParseGroupError> {
        fn of<T: FromStr>(value: &str, group: fn(T) -> Group) -> Option<Group> {
            value.parse().ok().map(group)
        }
        match dimension {
            Dimension::Gender => of(value, Group::Gender),
            Dimension::Age => of(value, Group::Age),
            Dimension::Area => of(value, Group::Area),
            Dimension::Born => of(value, Group::Born),
            Dimension::Education => of(value, Group::Education),
            Dimension::Occupation => of(value, Group::Occupation),
            Dimension::Disability => of(value, Group::Disability),
        }
        .ok_or_else(|| ParseGroupError(value.to_owned()))
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.dimension(), self.value())
    }
}

impl FromStr for Group {
    type Err = ParseGroupError;

    fn from_str(key: &str) -> Result<Group, ParseGroupError> {
        let unknown = || ParseGroupError(key.to_owned());
        let (dimension, value) = key.split_once(':').ok_or_else(unknown)?;
        let dimension: Dimension = dimension.parse().map_err(|_| unknown())?;
        Group::parse(dimension, value).map_err(|_| unknown())
    }
}

impl Serialize for Group {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Group {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = Cow::<'de, str>::deserialize(deserializer)?;
        key.parse().map_err(serde::de::Error::custom)
    }
}

/// Whose figures: the whole municipality or the residents of one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Everyone, including those who did not say where they live.
    All,
    /// Those who answered this area (by id).
    Area(i64),
}

/// The questions as posted by the form: raw text, empty or `skip` when skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswersForm {
    /// A [`Gender`] name.
    pub gender: String,
    /// An [`AgeBand`] name.
    pub age: String,
    /// One of the round's area ids.
    pub area_id: String,
    /// A [`Birthplace`] name.
    pub born: String,
    /// An [`Education`] name.
    pub education: String,
    /// An [`Occupation`] name.
    pub occupation: String,
    /// A [`Disability`] name.
    pub disability: String,
}

/// One participant's answers; `None` where the question was skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Answers {
    /// Gender.
    pub gender: Option<Gender>,
    /// Age band.
    pub age: Option<AgeBand>,
    /// Home area, by id.
    pub area_id: Option<i64>,
    /// Born in Sweden or abroad.
    pub born: Option<Birthplace>,
    /// Education level.
    pub education: Option<Education>,
    /// Occupation.
    pub occupation: Option<Occupation>,
    /// Disability.
    pub disability: Option<Disability>,
}

impl Answers {
    /// The answer to one question, if given.
    pub fn group(&self, dimension: Dimension) -> Option<Group> {
        match dimension {
            Dimension::Gender => self.gender.map(Group::Gender),
            Dimension::Age => self.age.map(Group::Age),
            Dimension::Area => self.area_id.map(Group::Area),
            Dimension::Born => self.born.map(Group::Born),
            Dimension::Education => self.education.map(Group::Education),
            Dimension::Occupation => self.occupation.map(Group::Occupation),
            Dimension::Disability => self.disability.map(Group::Disability),
        }
    }

    /// Every answer given, in dimension order.
    pub fn groups(&self) -> Vec<Group> {
        Dimension::ALL
            .into_iter()
            .filter_map(|d| self.group(d))
            .collect()
    }
}

/// Parses the voluntary questions, with every problem at once. An empty
/// answer or `skip` is a skipped question, never an error; the area must be
/// one of `area_ids`.
pub fn parse_answers(form: &AnswersForm, area_ids: &[i64]) -> Result<Answers, Vec<FieldIssue>> {
    let mut issues = Issues::default();
    let area_id = answered(&form.area_id).and_then(|text| {
        let id = text.parse().ok().filter(|id| area_ids.contains(id));
        if id.is_none() {
            issues.push("area_id", Code::AreaInvalid);
        }
        id
    });
    let answers = Answers {
        gender: choice(&mut issues, &form.gender, Dimension::Gender),
        age: choice(&mut issues, &form.age, Dimension::Age),
        area_id,
        born: choice(&mut issues, &form.born, Dimension::Born),
        education: choice(&mut issues, &form.education, Dimension::Education),
        occupation: choice(&mut issues, &form.occupation, Dimension::Occupation),
        disability: choice(&mut issues, &form.disability, Dimension::Disability),
    };
    issues.finish(Some(answers))
}

/// The trimmed answer, or `None` when the question was skipped.
fn answered(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty() && text != "skip").then_some(text)
}

/// One answered choice, recording `choice_invalid` on the question's field.
fn choice<T: FromStr>(issues: &mut Issues, text: &str, dimension: Dimension) -> Option<T> {
    let value = answered(text)?.parse().ok();
    if value.is_none() {
        issues.push(dimension.field(), Code::ChoiceInvalid);
    }
    value
}

#[cfg(test)]
#[path = "groups_tests.rs"]
mod tests;
