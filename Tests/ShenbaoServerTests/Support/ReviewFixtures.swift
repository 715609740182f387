import Fluent
import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The people and data of a call's review: finance, a pool of experts with accounts, accepted
/// applications placed straight in the database (the chain that leads there is tested on its own).
enum ReviewFixtures {
    static func token(_ app: Application, _ username: String, _ role: Role, organization: UUID? = nil) async throws
        -> String
    {
        let user = UserModel(
            username: username, passwordHash: try Bcrypt.hash(TestUsers.password, cost: 4), role: role,
            organizationID: organization, contactName: username + "经办人", phone: "13800000000",
            email: "\(username)@example.com")
        try await user.create(on: app.db)
        return try await app.apiToken(username)
    }

    static func callID(_ app: Application) async throws -> UUID {
        try #require(try await CallModel.latest(on: app.db)).requireID()
    }

    /// An applicant organisation of its own, so conflicts can be told apart.
    static func organization(_ app: Application, _ name: String) async throws -> UUID {
        let org = OrganizationModel()
        org.kind = .applicant
        org.name = name
        org.divisionCode = "430104"
        try await org.create(on: app.db)
        return try org.requireID()
    }

    /// An accepted application asking for `requestedYuan`, recommended by `recommender`.
    @discardableResult
    static func accepted(
        _ app: Application, category: ShenbaoCore.Category, name: String, organization: UUID, recommender: UUID,
        requestedYuan: Int = 150_000, fields: [String] = ["advancedManufacturing"], submittedAt: Date = Date()
    ) async throws -> UUID {
        let application = ApplicationModel(
            callID: try await callID(app), category: category, organizationID: organization,
            createdBy: try #require(try await UserModel.query(on: app.db).first()).requireID())
        var form = CompleteApplication.conference()
        form.projectName = name
        form.fields = Choices(codes: fields)
        form.phases = [
            Phase(
                period: DayRange(start: Day("2025-06-01"), end: Day("2025-12-31")), budgetYuan: requestedYuan,
                goal: "实施")
        ]
        application.form = form
        application.indexForm()
        application.status = .accepted
        application.$recommender.id = recommender
        application.submittedAt = submittedAt
        var snapshot = OrganizationForm()
        snapshot.name = name + "单位"
        application.organizationSnapshot = snapshot
        try await app.db.transaction { db in
            try await ApplicationNumbering.assign(to: application, year: 2025, on: db)
            try await application.create(on: db)
        }
        return try application.requireID()
    }

    struct Expert: Encodable {
        var name: String
        var organizationName: String
        var organizationId: String?
        var title = "教授"
        var fields = ["advancedManufacturing"]
        var phone = "13900000000"
        var email = "expert@example.com"
        var conflictOrganizationIds: [String]?
        var username: String?
        var password: String? = TestUsers.password
    }

    struct Created: Decodable {
        var id: UUID
        var userId: UUID?
    }

    /// Adds experts `e1…eN` through the API; each can sign in with its username.
    static func experts(_ app: Application, count: Int, province: String, prefix: String = "expert") async throws
        -> [UUID]
    {
        var ids: [UUID] = []
        for index in 1...count {
            let response = try await app.api(
                .POST, "/api/v1/experts", token: province,
                json: Expert(
                    name: "专家\(prefix)\(index)", organizationName: "中南大学\(prefix)\(index)",
                    username: "\(prefix)\(index)"))
            guard response.status == .created else { throw Abort(.internalServerError, reason: response.body.string) }
            ids.append(try response.content.decode(Created.self).id)
        }
        // The experts here review; choosing their own password first is PasswordTests' subject.
        try await UserModel.query(on: app.db).filter(\.$role == .expert).set(\.$mustChangePassword, to: false).update()
        return ids
    }

    struct Plan: Encodable {
        var expertsPerApplication = 3
        var totalBudgetYuan = 3_000_000
        var reviewDeadline = "2025-08-31"
        var maxReviewsPerExpert: Int?
    }

    /// The plan set by the province and approved by finance.
    static func approvedPlan(_ app: Application, province: String, finance: String, plan: Plan = Plan()) async throws {
        let set = try await app.api(.PUT, "/api/v1/calls/2025/review-plan", token: province, json: plan)
        guard set.status == .ok else { throw Abort(.internalServerError, reason: set.body.string) }
        let approved = try await app.api(.POST, "/api/v1/calls/2025/review-plan/approve", token: finance)
        guard approved.status == .ok else { throw Abort(.internalServerError, reason: approved.body.string) }
        try await inPhase(app, .intake)
    }

    /// Moves the 2025 call to `phase` as the province would have (the review starts in 形式审查).
    static func inPhase(_ app: Application, _ phase: CallPhase) async throws {
        let call = try #require(try await CallModel.query(on: app.db).filter(\.$year == 2025).first())
        call.phase = phase
        try await call.save(on: app.db)
    }

    /// Submits a review as if the expert had scored it: points spread to reach `total`.
    static func submit(_ app: Application, review: ReviewModel, total: Int, fund: Bool = true) async throws {
        var remaining = total
        var scores: [String: Int] = [:]
        for criterion in ReviewPlan.defaultCriteria {
            let points = min(criterion.maxPoints, remaining)
            scores[criterion.code] = points
            remaining -= points
        }
        review.scores = scores
        review.total = total
        review.comment = "评审意见"
        review.recommendation = fund ? .fund : .doNotFund
        review.status = .submitted
        review.submittedAt = Date()
        try await review.save(on: app.db)
    }
}

struct ReviewRow: Decodable {
    var id: UUID
    var applicationId: UUID
    var status: String
    var scores: [String: Int]
    var total: Int?
}

struct RankingRow: Decodable {
    var applicationId: UUID
    var rank: Int
    var score: Double
    var reviewCount: Int
    var spread: Int
    var totals: [Int]
    var projectName: String
}
