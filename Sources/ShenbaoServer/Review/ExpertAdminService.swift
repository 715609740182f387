import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province keeps its pool current: edits an expert, takes one out of the pool (停用) and
/// puts one back (启用). A deactivated expert is never assigned again, automatically or by hand
/// (ReviewContext and AssignmentService read only active experts); the reviews they submitted
/// stay and still count.
struct ExpertAdminService {
    let request: Request
    var db: any Database { request.db }

    /// `PATCH /api/v1/experts/{id}`: the fields sent replace the stored ones, the others stay.
    /// The expert's account is changed on the users pages, not here.
    struct EditInput: Content {
        var name: String?
        var organizationName: String?
        var organizationId: String?
        var title: String?
        var fields: [String]?
        var phone: String?
        var email: String?
        var conflictOrganizationIds: [String]?
        /// The expert's own maximum number of reviews (评审数量上限): a number, or `""` to use the
        /// review plan's again. Absent leaves it as it is.
        var maxReviews: MaxReviews?
    }

    /// A maximum of reviews as the API (a number) or the page (a text, empty for none) sends it.
    struct MaxReviews: Codable, Hashable {
        var text: String

        init(_ value: Int?) { text = value.map(String.init) ?? "" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                text = String(number)
            } else if container.decodeNil() {
                text = ""
            } else {
                text = try container.decode(String.self)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }

        enum Parsed {
            /// `nil`: the plan's maximum applies.
            case value(Int?)
            case problem(Problem)
        }

        /// The maximum (`nil` for the plan's), or the problem with what was sent.
        var value: Parsed {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .value(nil) }
            let label = "该专家的评审数量上限"
            guard trimmed.count <= 6, let number = Int(trimmed) else {
                return .problem(
                    Problem(
                        field: "maxReviews", code: .invalidValue,
                        message:
                            "\(label)应为\(ReviewPlan.maxReviewsRange.lowerBound)至\(ReviewPlan.maxReviewsRange.upperBound)的整数，不填则按评审方案"
                    ))
            }
            if let problem = ReviewPlan.maxReviewsProblem(number, field: "maxReviews", label: label) {
                return .problem(problem)
            }
            return .value(number)
        }
    }

    /// What deactivation and activation answer: the state, and the work left to reassign.
    struct StatusResult: Content {
        var id: UUID
        var active: Bool
        var deactivatedAt: Date?
        /// Assignments not yet submitted (待评审 or 草稿): the province moves them to another expert.
        var pendingReviews: Int
        var message: String
    }

    /// Lists stay bounded: more fields or conflicts than this is a mistake, not a pool.
    static let maximumListLength = 200

    func find(_ raw: String?) async throws -> ExpertModel {
        guard let id = raw.flatMap(UUID.init(uuidString:)), let expert = try await ExpertModel.find(id, on: db) else {
            throw AppError.notFound("该专家")
        }
        return expert
    }

    // MARK: - Edit

    func edit(_ expert: ExpertModel, _ sent: EditInput, call: CallDefinition, by user: AuthenticatedUser) async throws {
        try await requireNotErased(expert)
        var listProblems: [Problem] = []
        for (field, list) in [("fields", sent.fields), ("conflictOrganizationIds", sent.conflictOrganizationIds)]
        where (list?.count ?? 0) > Self.maximumListLength {
            listProblems.append(
                Problem(
                    field: field, code: .tooMany,
                    message: "\(field == "fields" ? "专业领域" : "回避单位")最多\(Self.maximumListLength)项"))
        }
        guard listProblems.isEmpty else { throw AppError.validation(listProblems) }

        let input = Self.merged(expert, with: sent)
        let service = ExpertService(db: db, hasher: request.password.async)
        var (built, problems) = try await service.build(input, call: call, prefix: "")
        var maxReviews = expert.maxReviews
        switch sent.maxReviews?.value {
        case .value(let value): maxReviews = value
        case .problem(let problem): problems.append(problem)
        case nil: break
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        built.maxReviews = maxReviews
        let changed = Self.changedLabels(expert, built)
        guard !changed.isEmpty else { return }

        expert.name = built.name
        expert.organizationName = built.organizationName
        expert.$organization.id = built.$organization.id
        expert.title = built.title
        expert.fields = built.fields
        expert.phone = built.phone
        expert.email = built.email
        expert.conflictOrganizationIDs = built.conflictOrganizationIDs
        expert.maxReviews = built.maxReviews
        let account = try await expert.userID.asyncFlatMap { try await UserModel.find($0, on: db) }
        try await db.transaction { db in
            try await expert.save(on: db)
            // The account's contact is the expert's own (ExpertService.save): it follows.
            if let account {
                account.contactName = expert.name
                account.phone = expert.phone
                account.email = expert.email
                try await account.save(on: db)
            }
            try await AuditTrail.record(
                .expertEdited, by: user, subject: .init(id: expert.id, name: expert.name),
                detail: "修改：" + changed.joined(separator: "、"), request: request, on: db)
        }
    }

    /// The stored expert as an input, with what was sent in place of it. A new organisation name
    /// without an id drops the old link, so the name is linked afresh.
    static func merged(_ expert: ExpertModel, with sent: EditInput) -> ExpertService.Input {
        var input = ExpertService.Input(
            name: expert.name, organizationName: expert.organizationName,
            organizationId: expert.$organization.id?.uuidString, title: expert.title, fields: expert.fields,
            phone: expert.phone, email: expert.email,
            conflictOrganizationIds: expert.conflictOrganizationIDs.map(\.uuidString))
        if let value = sent.name { input.name = value }
        if let value = sent.organizationName {
            input.organizationName = value
            input.organizationId = nil
        }
        if let value = sent.organizationId { input.organizationId = value }
        if let value = sent.title { input.title = value }
        if let value = sent.fields { input.fields = value }
        if let value = sent.phone { input.phone = value }
        if let value = sent.email { input.email = value }
        if let value = sent.conflictOrganizationIds { input.conflictOrganizationIds = value }
        return input
    }

    static func changedLabels(_ before: ExpertModel, _ after: ExpertModel) -> [String] {
        var labels: [String] = []
        if before.name != after.name { labels.append("姓名") }
        if before.organizationName != after.organizationName || before.$organization.id != after.$organization.id {
            labels.append("工作单位")
        }
        if before.title != after.title { labels.append("职称") }
        if before.fields != after.fields { labels.append("专业领域") }
        if before.phone != after.phone { labels.append("联系电话") }
        if before.email != after.email { labels.append("电子邮箱") }
        if Set(before.conflictOrganizationIDs) != Set(after.conflictOrganizationIDs) { labels.append("回避单位") }
        if before.maxReviews != after.maxReviews { labels.append("评审数量上限") }
        return labels
    }

    // MARK: - Deactivate and activate

    func deactivate(_ expert: ExpertModel, by user: AuthenticatedUser) async throws -> StatusResult {
        guard expert.active else { throw AppError.conflict("该专家已停用", code: .alreadyDeactivated) }
        let pending = try await pendingReviews(of: expert)
        expert.active = false
        expert.deactivatedAt = request.now
        let note = pending > 0 ? "；尚有\(pending)项未提交的评审任务" : ""
        try await db.transaction { db in
            try await expert.save(on: db)
            try await AuditTrail.record(
                .expertDeactivated, by: user, subject: .init(id: expert.id, name: expert.name), detail: "停用专家" + note,
                request: request, on: db)
        }
        let message =
            pending > 0
            ? "已停用专家\(expert.name)，今后不会再被分配。其尚有\(pending)项未提交的评审任务，请在“专家评审”中改派或撤销；已提交的评审意见保留。"
            : "已停用专家\(expert.name)，今后不会再被分配；已提交的评审意见保留。"
        return try result(expert, pending: pending, message: message)
    }

    func activate(_ expert: ExpertModel, by user: AuthenticatedUser) async throws -> StatusResult {
        try await requireNotErased(expert)
        guard !expert.active else { throw AppError.conflict("该专家未停用", code: .alreadyActive) }
        expert.active = true
        expert.deactivatedAt = nil
        try await db.transaction { db in
            try await expert.save(on: db)
            try await AuditTrail.record(
                .expertActivated, by: user, subject: .init(id: expert.id, name: expert.name), detail: "启用专家",
                request: request, on: db)
        }
        return try result(
            expert, pending: try await pendingReviews(of: expert), message: "已启用专家\(expert.name)，可再次分配评审任务。")
    }

    private func pendingReviews(of expert: ExpertModel) async throws -> Int {
        try await ReviewModel.query(on: db).filter(\.$expert.$id == expert.requireID())
            .filter(\.$status ~~ [.assigned, .draft]).count()
    }

    private func result(_ expert: ExpertModel, pending: Int, message: String) throws -> StatusResult {
        StatusResult(
            id: try expert.requireID(), active: expert.active, deactivatedAt: expert.deactivatedAt,
            pendingReviews: pending, message: message)
    }

    /// An erased expert's record is a marker only: it is neither filled in again nor put back.
    private func requireNotErased(_ expert: ExpertModel) async throws {
        if try await PersonalDataErasureModel.isErased(.expert, try expert.requireID(), on: db) {
            throw AppError.conflict("该专家的个人信息已删除，不能修改或启用；如需再聘，请重新添加", code: .erased)
        }
    }
}
