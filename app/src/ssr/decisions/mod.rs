//! The politicians' part of a round (DESIGN.md, steps 6–7): the review page they read before
//! deciding (result and its explanation, participation against the population, every
//! proposal with reasons and comments), and the decision per project with its motivation and
//! protocol reference, which everyone concerned is told by mail. Rules are
//! `domain::followup::parse_decision`'s.

pub mod decide;
mod mail;
pub mod review;
pub mod view;
