import Fluent
import Foundation
import ShenbaoCore

/// Turns application rows into Core's dashboard inputs, reading what they need from other
/// tables a batch at a time (a handful of queries per batch, never one per application).
struct DashboardInputReader {
    let db: any Database
    /// Recommender names, kept across batches: a call has few recommenders and many applications.
    private var recommenderNames: [UUID: String] = [:]

    init(db: any Database) { self.db = db }

    mutating func inputs(for applications: [ApplicationModel]) async throws -> [DashboardInput] {
        try await loadRecommenderNames(Set(applications.compactMap { $0.$recommender.id }))

        // The organisation as submitted speaks for the application; its registration fills gaps.
        let incomplete = applications.filter {
            $0.organizationSnapshot?.applicantKind == nil
                || ($0.divisionCode ?? $0.organizationSnapshot?.divisionCode) == nil
        }
        var organizations: [UUID: OrganizationModel] = [:]
        if !incomplete.isEmpty {
            for organization in try await OrganizationModel.query(on: db)
                .filter(\.$id ~~ Array(Set(incomplete.map { $0.$organization.id }))).all()
            {
                if let id = organization.id { organizations[id] = organization }
            }
        }

        // What the meeting granted, for the applications whose funding stands now.
        let fundedIDs = applications.filter {
            $0.status == .funded || $0.status == .inNotice || ApplicationStatus.fundedProject.contains($0.status)
        }.compactMap(\.id)
        var fundedYuan: [UUID: Int] = [:]
        if !fundedIDs.isEmpty {
            for decision in try await MeetingDecisionModel.query(on: db).filter(\.$application.$id ~~ fundedIDs)
                .filter(\.$funded == true).all()
            {
                if let amount = decision.amountYuan { fundedYuan[decision.$application.id] = amount }
            }
        }

        // Refused or withdrawn: only the history says whether it had reached the province.
        let endedIDs = applications.filter { ApplicationStatus.endedEarly.contains($0.status) }.compactMap(\.id)
        var reachedProvince = Set<UUID>()
        if !endedIDs.isEmpty {
            let events = try await ApplicationEventModel.query(on: db).filter(\.$application.$id ~~ endedIDs)
                .filter(\.$toStatus == ApplicationStatus.atProvince.rawValue).all()
            reachedProvince = Set(events.map { $0.$application.id })
        }

        // Closed projects: whether the last acceptance decision was a pass.
        let closedIDs = applications.filter { $0.status == .closed }.compactMap(\.id)
        var passedAcceptance = Set<UUID>()
        if !closedIDs.isEmpty {
            var last: [UUID: Bool] = [:]
            for decision in try await AcceptanceModel.query(on: db).filter(\.$application.$id ~~ closedIDs)
                .sort(\.$decidedAt).all()
            {
                last[decision.$application.id] = decision.passed
            }
            passedAcceptance = Set(last.filter(\.value).keys)
        }

        return applications.map { application in
            let registered = organizations[application.$organization.id]
            let divisionCode =
                application.divisionCode ?? application.organizationSnapshot?.divisionCode ?? registered?.divisionCode
            let city = DashboardCity(divisionCode: divisionCode)
            let id = application.id ?? UUID()
            return DashboardInput(
                category: application.category, fieldCodes: application.form.fields?.codes ?? [],
                cityCode: city.code, cityName: city.name,
                applicantKind: application.organizationSnapshot?.applicantKind ?? registered?.applicantKind,
                recommenderName: application.$recommender.id.flatMap { recommenderNames[$0] },
                status: application.status, reachedProvince: reachedProvince.contains(id),
                requestedYuan: application.form.requestedYuan, fundedYuan: fundedYuan[id],
                answers: application.form.answers ?? [:], passedAcceptance: passedAcceptance.contains(id))
        }
    }

    private mutating func loadRecommenderNames(_ ids: Set<UUID>) async throws {
        let missing = ids.subtracting(recommenderNames.keys)
        guard !missing.isEmpty else { return }
        for organization in try await OrganizationModel.query(on: db).filter(\.$id ~~ Array(missing)).all() {
            if let id = organization.id { recommenderNames[id] = organization.name }
        }
    }
}
