//! Pabulib `.pb` files (pabulib.org/format): the open format in which
//! participatory-budgeting elections are published, and in which a round is
//! exported so anyone can recount it.

mod error;
mod ids;
mod model;
mod read;
mod rows;
mod votes;
mod write;

pub use error::{PbError, PbErrorKind};
pub use model::{PbFile, PbProject, PbVote, VoteType};
pub(crate) use read::read_into;
pub use read::read_pabulib;
pub(crate) use votes::{VoteRow, VoteSink};
pub use write::write_pabulib;

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "META\nkey;value\nbudget;100,5\nvote_type;cumulative\n\
        PROJECTS\nproject_id;cost;name\n1;60;\"Park; trees\"\n2;50.25;None\n\
        VOTES\nvoter_id;vote;points;age\nv1;1,2;3,2;40\nv2;2;5;None\nv3;;;\n";

    #[test]
    fn a_cumulative_file_is_read_with_points_names_and_missing_values() {
        let file = read_pabulib(SMALL).unwrap();
        assert_eq!(file.vote_type, VoteType::Cumulative);
        assert_eq!(file.budget.to_string(), "100.5");
        assert_eq!(
            file.project_name(&file.projects[0]).as_deref(),
            Some("Park; trees")
        );
        assert_eq!(file.projects[1].fields, vec![None]);
        assert_eq!(file.votes[0].points.as_ref().map(Vec::len), Some(2));
        assert_eq!(file.votes[1].fields, vec![None]);
        assert!(file.votes[2].projects.is_empty());
    }

    #[test]
    fn writing_and_reading_again_gives_the_same_file() {
        let file = read_pabulib(SMALL).unwrap();
        assert_eq!(read_pabulib(&write_pabulib(&file)).unwrap(), file);
    }

    #[test]
    fn a_vote_for_an_unknown_project_names_the_line_and_the_project() {
        let text = "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;1\n\
            VOTES\nvoter_id;vote\na;1\nb;7\n";
        let err = read_pabulib(text).unwrap_err();
        assert_eq!(err.line, 11);
        assert_eq!(
            err.to_string(),
            "line 11: the vote of 'b' names project '7', which is not in PROJECTS"
        );
    }

    #[test]
    fn missing_budget_duplicate_projects_and_bad_costs_are_errors() {
        let no_budget = "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n";
        assert_eq!(
            read_pabulib(no_budget).unwrap_err().kind,
            PbErrorKind::MissingMeta("budget")
        );
        let twice =
            "META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;1\n1;2\n";
        assert_eq!(
            read_pabulib(twice).unwrap_err(),
            PbErrorKind::DuplicateProject("1".into()).at(8)
        );
        let bad =
            "META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;lots\n";
        assert!(matches!(
            read_pabulib(bad).unwrap_err().kind,
            PbErrorKind::InvalidCost { .. }
        ));
    }

    #[test]
    fn points_must_match_the_projects_they_are_given_to() {
        let text = "META\nkey;value\nbudget;5\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;1\n2;1\n\
            VOTES\nvoter_id;vote;points\nx;1,2;3\n";
        let kind = read_pabulib(text).unwrap_err().kind;
        assert!(matches!(
            kind,
            PbErrorKind::PointsMismatch {
                projects: 2,
                points: 1,
                ..
            }
        ));
    }

    #[test]
    fn an_unsupported_vote_type_is_named_in_the_error() {
        let text = "META\nkey;value\nbudget;5\nvote_type;quadratic\nPROJECTS\nproject_id;cost\n\
            VOTES\nvoter_id;vote\n";
        assert_eq!(
            read_pabulib(text).unwrap_err().kind,
            PbErrorKind::UnsupportedVoteType("quadratic".into())
        );
    }

    #[test]
    fn a_cumulative_vote_without_points_is_kept_but_counted_as_empty_like_pabutools() {
        let text = "META\nkey;value\nbudget;5\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;1\n\
            VOTES\nvoter_id;vote;points\nx;1;None\n";
        let file = read_pabulib(text).unwrap();
        assert_eq!(file.votes[0].points, None);
        assert_eq!(read_pabulib(&write_pabulib(&file)).unwrap(), file);
        let profile = crate::count::Profile::from_file(&file);
        assert_eq!(profile.num_groups(), 0);
        assert_eq!(profile.num_ballots, 1);
    }

    #[test]
    fn absurdly_large_points_are_refused() {
        let text = "META\nkey;value\nbudget;5\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;1\n\
            VOTES\nvoter_id;vote;points\nx;1;99999999999\n";
        let kind = read_pabulib(text).unwrap_err().kind;
        assert!(matches!(kind, PbErrorKind::InvalidPoints { .. }));
    }

    #[test]
    fn numeric_ids_are_matched_exactly_as_text() {
        let head =
            "META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n10;1\n2;1\n";
        let file = read_pabulib(&format!("{head}VOTES\nvoter_id;vote\nx;2, 10\n")).unwrap();
        assert_eq!(file.votes[0].projects, vec![1, 0]);
        let err = read_pabulib(&format!("{head}VOTES\nvoter_id;vote\nx;02\n")).unwrap_err();
        assert!(matches!(err.kind, PbErrorKind::UnknownProject { .. }));
        let mixed = "META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n007;1\nA;1\n\
            VOTES\nvoter_id;vote\nx;A,007\n";
        assert_eq!(read_pabulib(mixed).unwrap().votes[0].projects, vec![1, 0]);
    }
}
