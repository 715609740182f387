import Testing

@testable import ShenbaoCore

@Suite("申报书状态流转")
struct WorkflowTests {
    @Test func everyRowIsReachableFromADraftAndLeadsWhereItSays() throws {
        var reached: Set<ApplicationStatus> = [.draft]
        var queue: [ApplicationStatus] = [.draft]
        while let status = queue.popLast() {
            for row in Workflow.table where row.from == status {
                let next = try Workflow.apply(row.action, to: row.from, by: row.actor)
                #expect(next == row.to)
                if reached.insert(next).inserted { queue.append(next) }
            }
        }
        #expect(Workflow.table.allSatisfy { reached.contains($0.from) })
        #expect(reached == Set(ApplicationStatus.allCases))
    }

    @Test func tableIsAFunctionOfStatusActionAndRole() {
        let keys = Workflow.table.map { "\($0.from) \($0.action) \($0.actor)" }
        #expect(Set(keys).count == keys.count)
    }

    @Test func everyActionHasARow() {
        let used = Set(Workflow.table.map(\.action))
        #expect(used == Set(WorkflowAction.allCases))
    }

    @Test func everythingNotInTheTableIsRefusedWithAReason() {
        var refused = 0
        for status in ApplicationStatus.allCases {
            for action in WorkflowAction.allCases {
                for role in Role.allCases {
                    let allowed = Workflow.table.contains {
                        $0.from == status && $0.action == action && $0.actor == role
                    }
                    if allowed { continue }
                    do {
                        let next = try Workflow.apply(action, to: status, by: role)
                        Issue.record("\(role) \(action) from \(status) was allowed, to \(next)")
                    } catch {
                        refused += 1
                        #expect(!error.code.isEmpty)
                        #expect(!error.message.isEmpty)
                        #expect(error.message.unicodeScalars.contains { $0.value >= 0x4E00 })
                    }
                }
            }
        }
        #expect(
            refused == ApplicationStatus.allCases.count * WorkflowAction.allCases.count * Role.allCases.count
                - Workflow.table.count)
    }

    @Test(
        "a submitted application cannot be submitted again",
        arguments: [
            ApplicationStatus.atRecommender, .atProvince, .accepted, .inReview, .reviewed, .funded, .notFunded,
            .inNotice, .approved,
        ])
    func noSecondSubmission(status: ApplicationStatus) {
        #expect(throws: WorkflowRefusal(code: "alreadySubmitted", message: "该申报书已提交，不能重复提交")) {
            try Workflow.apply(.submit, to: status, by: .applicant)
        }
    }

    @Test func submissionGoesToTheRecommender() throws {
        #expect(try Workflow.apply(.submit, to: .draft, by: .applicant) == .atRecommender)
    }

    @Test func onlyTheApplicantSubmits() {
        #expect(throws: WorkflowRefusal.self) { try Workflow.apply(.submit, to: .draft, by: .province) }
        do {
            _ = try Workflow.apply(.submit, to: .draft, by: .recommender)
        } catch {
            #expect(error.code == "forbiddenRole")
            #expect(error.message == "只有申报单位用户可以对该申报书执行“提交”")
        }
    }

    @Test(
        "the applicant withdraws until acceptance", arguments: [ApplicationStatus.draft, .atRecommender, .atProvince])
    func withdrawBeforeAcceptance(status: ApplicationStatus) throws {
        #expect(try Workflow.apply(.withdraw, to: status, by: .applicant) == .withdrawn)
    }

    @Test("not after acceptance", arguments: [ApplicationStatus.accepted, .inReview, .funded, .approved])
    func noWithdrawalAfterAcceptance(status: ApplicationStatus) {
        do {
            _ = try Workflow.apply(.withdraw, to: status, by: .applicant)
            Issue.record("withdrew from \(status)")
        } catch {
            #expect(error.code == "notWithdrawable")
            #expect(error.message.contains("不能撤回"))
        }
    }

    @Test func aCountyForwardsAndTheOthersSendToTheProvince() throws {
        #expect(try Workflow.apply(.recommendToCity, to: .atRecommender, by: .recommender) == .atRecommender)
        #expect(try Workflow.apply(.recommendToProvince, to: .atRecommender, by: .recommender) == .atProvince)
    }

    @Test func returnedApplicationsAreDraftsAgain() throws {
        #expect(try Workflow.apply(.returnForRevision, to: .atRecommender, by: .recommender) == .draft)
        #expect(try Workflow.apply(.returnForRevision, to: .atProvince, by: .province) == .draft)
        #expect(throws: WorkflowRefusal.self) {
            try Workflow.apply(.returnForRevision, to: .atRecommender, by: .province)
        }
    }

    @Test func onlyADraftIsEditable() {
        for status in ApplicationStatus.allCases {
            #expect(Workflow.isEditable(status) == (status == .draft))
        }
    }

    @Test func finalStatusesAreTheEnds() {
        let final = Set(ApplicationStatus.allCases.filter(\.isFinal))
        #expect(final == [.closed, .rejected, .withdrawn])
    }

    /// A funded project's way to its end (issue 30), each step by the role the table names.
    @Test(
        "the funded project: agreement, final report, acceptance and closing",
        arguments: [
            (
                ApplicationStatus.approved, WorkflowAction.submitAgreement, Role.applicant,
                ApplicationStatus.agreementSubmitted
            ),
            (.agreementSubmitted, .returnAgreement, .province, .approved),
            (.agreementSubmitted, .confirmAgreement, .province, .inProgress),
            (.inProgress, .submitFinalReport, .applicant, .reporting),
            (.reporting, .returnFinalReport, .province, .inProgress),
            (.reporting, .passAcceptance, .province, .acceptancePassed),
            (.reporting, .failAcceptance, .province, .acceptanceFailed),
            (.acceptanceFailed, .submitFinalReport, .applicant, .reporting),
            (.acceptancePassed, .close, .province, .closed),
            (.acceptanceFailed, .close, .province, .closed),
        ])
    func fundedProject(from: ApplicationStatus, action: WorkflowAction, role: Role, to: ApplicationStatus) throws {
        #expect(try Workflow.apply(action, to: from, by: role) == to)
        // Nobody else does it: the unit's steps are the unit's, the province's the province's.
        for other in Role.allCases where other != role {
            #expect(throws: WorkflowRefusal.self) { try Workflow.apply(action, to: from, by: other) }
        }
        #expect(ApplicationStatus.fundedProject.contains(from) && ApplicationStatus.fundedProject.contains(to))
    }

    @Test func aProjectIsNotConfirmedBeforeItsAgreementNorAcceptedBeforeItsReport() {
        #expect(throws: WorkflowRefusal.self) { try Workflow.apply(.confirmAgreement, to: .approved, by: .province) }
        #expect(throws: WorkflowRefusal.self) { try Workflow.apply(.passAcceptance, to: .inProgress, by: .province) }
        #expect(throws: WorkflowRefusal.self) { try Workflow.apply(.close, to: .inProgress, by: .province) }
        #expect(throws: WorkflowRefusal.self) { try Workflow.apply(.submitAgreement, to: .inNotice, by: .applicant) }
    }

    @Test func actionsOfARoleAreItsRowsFromThere() {
        #expect(Workflow.actions(from: .draft, by: .applicant) == [.submit, .withdraw])
        #expect(
            Workflow.actions(from: .atRecommender, by: .recommender) == [
                .recommendToCity, .recommendToProvince, .returnForRevision, .reject,
            ])
        #expect(Workflow.actions(from: .atProvince, by: .province) == [.accept, .returnForRevision, .reject])
        #expect(Workflow.actions(from: .inReview, by: .expert) == [])
    }

    @Test func labelsAreChineseAndDistinct() {
        let statusLabels = ApplicationStatus.allCases.map(\.label)
        #expect(Set(statusLabels).count == statusLabels.count)
        let actionLabels = WorkflowAction.allCases.map(\.label)
        #expect(Set(actionLabels).count == actionLabels.count)
        #expect(WorkflowAction.reject.label(by: .recommender) == "不予推荐")
        #expect(WorkflowAction.reject.label(by: .province) == "不予受理")
        #expect(WorkflowAction.accept.label(by: .province) == "受理")
    }

    @Test func statusesAreTheApiStrings() {
        #expect(
            ApplicationStatus.allCases.map(\.rawValue) == [
                "draft", "atRecommender", "atProvince", "accepted", "inReview", "reviewed", "funded", "notFunded",
                "inNotice", "approved", "agreementSubmitted", "inProgress", "reporting", "acceptancePassed",
                "acceptanceFailed", "closed", "rejected", "withdrawn",
            ])
    }
}
