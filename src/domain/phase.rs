//! The nine phases of the case management process (CMSA Standards of Practice) and their order.

/// A phase of the case management process, in the order a case usually moves through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    Screening,
    Assessment,
    RiskStratification,
    Planning,
    Implementation,
    FollowUp,
    TransitionalCare,
    PostTransition,
    Evaluation,
}

crate::domain::codes::codes!(Phase {
    Screening => "screening",
    Assessment => "assessment",
    RiskStratification => "risk_stratification",
    Planning => "planning",
    Implementation => "implementation",
    FollowUp => "follow_up",
    TransitionalCare => "transitional_care",
    PostTransition => "post_transition",
    Evaluation => "evaluation",
});

impl Phase {
    /// Position in the process, starting at 1 for screening.
    pub fn number(self) -> usize {
        Phase::ALL
            .iter()
            .position(|p| *p == self)
            .map_or(0, |i| i + 1)
    }

    /// Where a phase stands relative to the current one, for the stepper.
    pub fn progress_against(self, current: Phase) -> PhaseProgress {
        match self.cmp(&current) {
            std::cmp::Ordering::Less => PhaseProgress::Done,
            std::cmp::Ordering::Equal => PhaseProgress::Current,
            std::cmp::Ordering::Greater => PhaseProgress::Ahead,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseProgress {
    Done,
    Current,
    Ahead,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_in_process_order_with_unique_codes() {
        let numbers: Vec<usize> = Phase::ALL.iter().map(|p| p.number()).collect();
        assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
        for phase in Phase::ALL {
            assert_eq!(Phase::from_code(phase.code()), Some(phase));
        }
        assert_eq!(Phase::from_code("closure"), None);
    }

    #[test]
    fn progress_marks_done_current_and_ahead() {
        let current = Phase::Planning;
        assert_eq!(
            Phase::Assessment.progress_against(current),
            PhaseProgress::Done
        );
        assert_eq!(
            Phase::Planning.progress_against(current),
            PhaseProgress::Current
        );
        assert_eq!(
            Phase::Evaluation.progress_against(current),
            PhaseProgress::Ahead
        );
    }
}
