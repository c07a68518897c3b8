//! Writes a [`PbFile`] as Pabulib text that [`read_pabulib`](super::read_pabulib)
//! (and pabutools) read back to the same data — the export that lets anyone
//! recount a round.

use std::fmt::Write as _;

use num_bigint::BigInt;
use num_rational::{BigRational, Rational64};

use super::model::PbFile;
use crate::money::{Money, format_rational};

/// Renders `file` as Pabulib text (META, PROJECTS, VOTES; `;`-separated).
///
/// META is written in its own order; `budget` and `vote_type` are written from
/// the typed fields (added if missing). Absent values are written as `None`.
pub fn write_pabulib(file: &PbFile) -> String {
    let mut out = String::with_capacity(64 * (file.votes.len() + file.projects.len() + 16));
    out.push_str("META\nkey;value\n");
    let mut wrote_budget = false;
    let mut wrote_type = false;
    for (key, value) in &file.meta {
        let value = match key.as_str() {
            "budget" => {
                wrote_budget = true;
                budget_text(value, &file.budget)
            }
            "vote_type" => {
                wrote_type = true;
                vote_type_text(value, file)
            }
            _ => value.clone(),
        };
        row(&mut out, [key.as_str(), value.as_str()]);
    }
    if !wrote_budget {
        row(&mut out, ["budget", &file.budget.to_string()]);
    }
    if !wrote_type {
        row(&mut out, ["vote_type", file.vote_type.as_meta()]);
    }
    out.push_str("PROJECTS\n");
    let header = ["project_id", "cost"]
        .into_iter()
        .chain(file.project_columns.iter().map(String::as_str));
    row(&mut out, header);
    for project in &file.projects {
        let cost = project.cost.to_string();
        let fields = project
            .fields
            .iter()
            .map(|f| f.as_deref().unwrap_or("None"));
        row(
            &mut out,
            [project.id.as_str(), cost.as_str()]
                .into_iter()
                .chain(fields),
        );
    }
    out.push_str("VOTES\n");
    let points = file.vote_type.has_points();
    let mut header = vec!["voter_id", "vote"];
    if points {
        header.push("points");
    }
    row(
        &mut out,
        header
            .into_iter()
            .chain(file.vote_columns.iter().map(String::as_str)),
    );
    let mut vote = String::new();
    for ballot in &file.votes {
        vote.clear();
        for (i, &p) in ballot.projects.iter().enumerate() {
            if i > 0 {
                vote.push(',');
            }
            vote.push_str(file.projects.get(p as usize).map_or("", |p| p.id.as_str()));
        }
        let mut fields: Vec<std::borrow::Cow<'_, str>> =
            vec![ballot.voter_id.as_str().into(), vote.as_str().into()];
        if points {
            let point_text = match &ballot.points {
                Some(list) => list
                    .iter()
                    .map(points_text)
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
                None => "None".into(),
            };
            fields.push(point_text);
        }
        fields.extend(
            ballot
                .fields
                .iter()
                .map(|f| f.as_deref().unwrap_or("None").into()),
        );
        row(&mut out, fields.iter().map(|f| f.as_ref()));
    }
    out
}

fn budget_text(original: &str, budget: &Money) -> String {
    match Money::parse(original) {
        Ok(parsed) if &parsed == budget => original.to_owned(),
        _ => budget.to_string(),
    }
}

fn vote_type_text(original: &str, file: &PbFile) -> String {
    match super::model::VoteType::from_meta(original) {
        Some(parsed) if parsed == file.vote_type => original.to_owned(),
        _ => file.vote_type.as_meta().to_owned(),
    }
}

fn points_text(points: &Rational64) -> String {
    format_rational(&BigRational::new(
        BigInt::from(*points.numer()),
        BigInt::from(*points.denom()),
    ))
}

fn row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        field_text(out, field);
    }
    out.push('\n');
}

fn field_text(out: &mut String, field: &str) {
    let needs_quotes = field.contains([';', '"', '\n', '\r']) || field.trim() != field;
    if needs_quotes {
        let _ = write!(out, "\"{}\"", field.replace('"', "\"\""));
    } else {
        out.push_str(field);
    }
}
