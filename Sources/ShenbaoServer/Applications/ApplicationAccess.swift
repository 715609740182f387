import Fluent
import Foundation
import ShenbaoCore

/// Who may see and change an application. Every application route asks here, so the rule is
/// written once: the owner's users; the recommenders it was sent to; the province and finance
/// once it has left the applicant. Anyone else is told it does not exist, so ids cannot be probed.
enum ApplicationAccess {
    static func canRead(_ user: AuthenticatedUser, _ application: ApplicationModel) -> Bool {
        switch user.role {
        case .applicant:
            return user.organizationID == application.$organization.id
        case .recommender:
            guard let mine = user.organizationID else { return false }
            return application.$recommender.id == mine || application.$holder.id == mine
        case .province, .finance:
            return application.submittedAt != nil
        case .expert:
            // Experts see what is assigned to them once the review starts; see `find`.
            return false
        case .sysadmin, .auditor:
            // The administrators run accounts and read the trail, not applications.
            return false
        }
    }

    /// The owner's own users change the form, attachments and state of their application.
    static func isOwner(_ user: AuthenticatedUser, _ application: ApplicationModel) -> Bool {
        user.role == .applicant && user.organizationID == application.$organization.id
    }

    /// Loads an application the user may read, or answers 404.
    static func find(_ raw: String?, for user: AuthenticatedUser, on db: any Database) async throws -> ApplicationModel
    {
        guard let id = raw.flatMap(UUID.init(uuidString:)),
            let application = try await ApplicationModel.findWithOrganizationAndCallStamp(id, on: db)
        else { throw AppError.notFound("该申报书") }
        if canRead(user, application) { return application }
        // A recommender keeps seeing what it once held and gave its opinion on.
        if user.role == .recommender, let mine = user.organizationID,
            try await OpinionModel.query(on: db).filter(\.$application.$id == id).filter(\.$organization.$id == mine)
                .count() > 0
        {
            return application
        }
        // An expert reads the applications they review, from the start of the review, unless
        // they declared a conflict with it.
        if user.role == .expert, application.status != .accepted, application.submittedAt != nil,
            let expert = try await ExpertModel.query(on: db).filter(\.$userID == user.id).first(),
            try await ReviewModel.query(on: db).filter(\.$application.$id == id).filter(
                \.$expert.$id == expert.requireID()
            )
            .filter(\.$status != .declined).count() > 0
        {
            return application
        }
        throw AppError.notFound("该申报书")
    }

    /// Loads an application the user owns: 404 when they may not see it, 403 when they may see
    /// it but not change it (a recommender trying to edit).
    static func findOwned(_ raw: String?, for user: AuthenticatedUser, on db: any Database) async throws
        -> ApplicationModel
    {
        let application = try await find(raw, for: user, on: db)
        guard isOwner(user, application) else {
            throw AppError(status: .forbidden, code: .notOwner, message: "只有申报单位本身可以修改申报书")
        }
        return application
    }

    /// The applications a user may see, for lists.
    static func visible(to user: AuthenticatedUser, on db: any Database) async throws -> QueryBuilder<ApplicationModel>
    {
        let query = ApplicationModel.query(on: db)
        switch user.role {
        case .applicant:
            return query.filter(\.$organization.$id == (user.organizationID ?? UUID()))
        case .recommender:
            let mine = user.organizationID ?? UUID()
            let handled = try await OpinionModel.query(on: db).filter(\.$organization.$id == mine).all()
                .map { $0.$application.id }
            return query.group(.or) {
                $0.filter(\.$recommender.$id == mine).filter(\.$holder.$id == mine).filter(\.$id ~~ handled)
            }
        case .province, .finance:
            return query.filter(\.$submittedAt != nil)
        case .expert, .sysadmin, .auditor:
            return query.filter(\.$id == UUID())
        }
    }
}
