import ShenbaoCore

extension PhaseGate {
    /// Refuses `step` outside its phase with the gate's message (409 `wrongPhase`).
    static func require(_ step: Step, in phase: CallPhase) throws {
        if let problem = refusal(step, in: phase) { throw AppError.conflict(problem.message, code: problem.code) }
    }
}
