import Fluent
import Foundation
import ShenbaoCore

/// What the review steps of one call read together: its plan, the pool, its applications in
/// review and their assignments, loaded in a few queries.
struct ReviewContext {
    let call: CallModel
    let plan: ReviewPlanDocument
    let experts: [ExpertModel]
    let applications: [ApplicationModel]
    let reviews: [ReviewModel]
    /// Every recommender on each application's route, from the opinions given.
    let recommenders: [UUID: [UUID]]

    static func load(
        call: CallModel, plan: ReviewPlanDocument, statuses: Set<ApplicationStatus> = ApplicationStatus.reachedReview,
        on db: any Database
    ) async throws -> ReviewContext {
        let callID = try call.requireID()
        let applications = try await ApplicationModel.query(on: db).filter(\.$call.$id == callID)
            .filter(\.$status ~~ statuses).sort(\.$submittedAt).all()
        let ids = applications.compactMap(\.id)
        let opinions = try await OpinionModel.query(on: db).filter(\.$application.$id ~~ ids)
            .filter(\.$stage == .recommender).all()
        var recommenders: [UUID: [UUID]] = [:]
        for application in applications {
            guard let id = application.id else { continue }
            recommenders[id] = application.$recommender.id.map { [$0] } ?? []
        }
        for opinion in opinions where !(recommenders[opinion.$application.id] ?? []).contains(opinion.$organization.id)
        {
            recommenders[opinion.$application.id, default: []].append(opinion.$organization.id)
        }
        return ReviewContext(
            call: call, plan: plan,
            experts: try await ExpertModel.query(on: db).filter(\.$active == true).sort(\.$createdAt).all(),
            applications: applications,
            reviews: try await ReviewModel.query(on: db).filter(\.$call.$id == callID).all(),
            recommenders: recommenders)
    }

    /// The Core view of the pool and the applications, for conflicts and the assignment.
    func assignmentInput(of applications: [ApplicationModel]) -> AssignmentInput {
        let pool = experts.compactMap(\.id)
        var panels: [UUID: Set<ShenbaoCore.Category>] = [:]
        for category in ShenbaoCore.Category.allCases {
            for id in plan.panel(category, pool: pool) { panels[id, default: []].insert(category) }
        }
        let declined = reviews.filter { $0.status == .declined }.map {
            AssignmentInput.DeclinedPair(applicationID: $0.$application.id, expertID: $0.$expert.id)
        }
        return AssignmentInput(
            applications: applications.compactMap { application in
                application.id.map {
                    AssignmentInput.Application(
                        id: $0, category: application.category, organizationID: application.$organization.id,
                        recommenderIDs: recommenders[$0] ?? [], fieldCodes: application.form.fields?.codes ?? [],
                        avoidedExpertNames: application.form.avoidedNames(.expert),
                        avoidedOrganizationNames: application.form.avoidedNames(.organization))
                }
            },
            experts: experts.compactMap { expert in
                expert.id.map {
                    AssignmentInput.Expert(
                        id: $0, panels: panels[$0] ?? [], organizationID: expert.$organization.id,
                        fieldCodes: Set(expert.fields), conflictOrganizationIDs: Set(expert.conflictOrganizationIDs),
                        name: expert.name, organizationName: expert.organizationName, maxReviews: expert.maxReviews)
                }
            },
            declined: Set(declined), expertsPerApplication: plan.expertsPerApplication,
            maxReviewsPerExpert: plan.maxReviewsPerExpert)
    }

    func activeReviews(of applicationID: UUID) -> [ReviewModel] {
        reviews.filter { $0.$application.id == applicationID && $0.isActive }
    }

    /// Active assignments per expert over the whole call.
    var loads: [UUID: Int] {
        var loads: [UUID: Int] = [:]
        for review in reviews where review.isActive { loads[review.$expert.id, default: 0] += 1 }
        return loads
    }
}
