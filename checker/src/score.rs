//! How a report's points are counted from its checks, so that a score says what the
//! verdict says.
//!
//! - Each check that holds scores its weight: the exercise's new part weighs most.
//! - A behaviour kept from an earlier lesson (weight 0) that is broken costs a point:
//!   a busy loop after the client closes, or a server that ends after one message, is
//!   worth less than the same program without that fault.
//! - A fail never shows full points: with any check failed, the score stays below the
//!   maximum (a fail of weight-0 checks only is `max - 1`, not `max`).
//! - A check not run (skipped after a failure) neither scores nor costs.

/// The points of checks given as (weight, held): `Some(true)` held, `Some(false)`
/// failed, `None` not run.
pub fn score(results: &[(u32, Option<bool>)]) -> u32 {
    let max: u32 = results.iter().map(|(weight, _)| weight).sum();
    let earned: u32 = results
        .iter()
        .filter(|(_, held)| *held == Some(true))
        .map(|(weight, _)| weight)
        .sum();
    let broken_kept = results
        .iter()
        .filter(|(weight, held)| *weight == 0 && *held == Some(false))
        .count() as u32;
    let failed = results.iter().any(|(_, held)| *held != Some(true));
    let score = earned.saturating_sub(broken_kept);
    if failed {
        score.min(max.saturating_sub(1))
    } else {
        score
    }
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn all_held_is_full_points() {
        assert_eq!(
            score(&[(3, Some(true)), (0, Some(true)), (2, Some(true))]),
            5
        );
    }

    #[test]
    fn a_fail_of_kept_checks_only_is_below_full_points() {
        assert_eq!(
            score(&[(4, Some(true)), (2, Some(true)), (0, Some(false))]),
            5
        );
        // Two kept behaviours broken cost two points.
        let two = [
            (4, Some(true)),
            (2, Some(true)),
            (0, Some(false)),
            (0, Some(false)),
        ];
        assert_eq!(score(&two), 4);
    }

    #[test]
    fn the_new_part_missing_scores_nothing_and_never_below_zero() {
        assert_eq!(
            score(&[(5, Some(false)), (0, Some(true)), (2, Some(false))]),
            0
        );
        assert_eq!(score(&[(5, Some(false)), (0, Some(false))]), 0);
    }

    #[test]
    fn a_skipped_check_neither_scores_nor_costs_but_is_no_pass() {
        assert_eq!(score(&[(3, Some(true)), (0, None), (2, None)]), 3);
    }
}
