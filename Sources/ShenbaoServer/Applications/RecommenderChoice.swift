import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// A recommender an applicant may submit to, as the chooser offers it.
struct RecommenderChoice: Content {
    var id: UUID
    var name: String
    var kind: RecommenderKind
    var kindLabel: String
    /// False for a route the guide allows but a sanction closes; `reason` says why.
    var available: Bool
    var reason: String?

    /// Only the routes the guide allows this organisation: its own county and city associations,
    /// and every non-territorial recommender. Those under sanction are shown closed; those the
    /// province deactivated are not offered at all.
    static func allowed(for organizationID: UUID, on db: any Database, now: Date) async throws -> [RecommenderChoice] {
        guard let organization = try await OrganizationModel.find(organizationID, on: db) else { return [] }
        let applicant = ApplicantFacts(
            divisionCode: organization.divisionCode, applicantKind: organization.applicantKind)
        let today = ChineseFormat.today(now)
        var choices: [RecommenderChoice] = []
        for recommender in try await OrganizationModel.query(on: db).filter(\.$kind == .recommender)
            .filter(\.$deactivatedAt == nil).sort(\.$divisionCode).sort(\.$name).all()
        {
            guard let facts = recommender.recommenderFacts else { continue }
            let kind = facts.kind
            let problems = RecommendationRoute.problems(
                applicant: applicant, recommender: facts, today: today, divisions: .hunan)
            // Routes closed by a sanction stay in the list, with the reason, so nobody wonders.
            guard problems.allSatisfy({ $0.code == "sanctioned" }) else { continue }
            choices.append(
                RecommenderChoice(
                    id: try recommender.requireID(), name: recommender.name, kind: kind, kindLabel: kind.label,
                    available: problems.isEmpty, reason: problems.first?.message))
        }
        return choices
    }
}
