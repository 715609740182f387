import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's changes to recommender organisations — create, edit, deactivate, activate —
/// for the pages and the API alike. Each change writes its audit line in its own transaction.
struct RecommenderAdmin {
    let request: Request
    var db: any Database { request.db }

    /// The recommender `raw` names; 404 for anything else (an applicant, the province itself).
    static func find(_ raw: String?, on db: any Database) async throws -> OrganizationModel {
        guard let id = raw.flatMap(UUID.init(uuidString:)),
            let organization = try await OrganizationModel.find(id, on: db),
            organization.kind == .recommender
        else { throw AppError.notFound("该推荐单位") }
        return organization
    }

    func create(_ input: RecommenderForm) async throws -> OrganizationModel {
        let form = input.normalized()
        var problems = RecommenderRules.problems(in: form, divisions: .hunan)
        problems += try await Self.nameProblems(form.name, except: nil, on: db)
        guard problems.isEmpty, let name = form.name, let kind = form.recommenderKind else {
            throw AppError.validation(problems)
        }
        let organization = OrganizationModel(
            recommender: name, kind: kind, divisionCode: form.divisionCode, seedKey: nil)
        try await db.transaction { db in
            // Two clerks adding the same name at once: the second finds the first's.
            try await TransactionLock.hold(Self.nameLock, on: db)
            let taken = try await Self.nameProblems(name, except: nil, on: db)
            guard taken.isEmpty else { throw AppError.validation(taken) }
            try await organization.create(on: db)
            try await AuditTrail.record(
                .organizationCreated, by: request.currentUser, subject: Self.subject(organization),
                detail: "新增推荐单位：\(Self.describe(organization))", request: request, on: db)
        }
        return organization
    }

    /// Changes what the input gives; a field left out keeps its value, an empty one clears it.
    func edit(_ organization: OrganizationModel, _ input: RecommenderForm) async throws {
        let before = Self.describe(organization)
        let form = RecommenderForm(
            name: input.name ?? organization.name, kind: input.kind ?? organization.recommenderKind?.rawValue,
            divisionCode: input.divisionCode ?? organization.divisionCode
        ).normalized()
        let id = try organization.requireID()
        var problems = RecommenderRules.problems(in: form, divisions: .hunan)
        problems += try await Self.nameProblems(form.name, except: id, on: db)
        let kind = form.recommenderKind
        // What it holds came to it by its kind and division; changing them under the applications
        // would leave them on a route the applicant never chose.
        if kind != nil, kind != organization.recommenderKind || form.divisionCode != organization.divisionCode {
            let held = try await RecommenderHandoverService.held(by: id, on: db).count
            if held > 0 {
                problems.append(
                    Problem(
                        field: kind != organization.recommenderKind ? "kind" : "divisionCode",
                        code: .holdsApplications,
                        message: "该推荐单位尚有\(held)份申报书在办，不能更改类别或行政区划代码；请先将其移交其他推荐单位"))
            }
        }
        guard problems.isEmpty, let name = form.name, let kind else { throw AppError.validation(problems) }
        organization.name = name
        organization.recommenderKind = kind
        organization.divisionCode = form.divisionCode
        let after = Self.describe(organization)
        guard after != before else { return }
        try await db.transaction { db in
            try await TransactionLock.hold(Self.nameLock, on: db)
            let taken = try await Self.nameProblems(name, except: id, on: db)
            guard taken.isEmpty else { throw AppError.validation(taken) }
            try await organization.save(on: db)
            try await AuditTrail.record(
                .organizationEdited, by: request.currentUser, subject: Self.subject(organization),
                detail: "修改推荐单位：\(before) → \(after)", request: request, on: db)
        }
    }

    func deactivate(_ organization: OrganizationModel, reason raw: String?) async throws {
        guard organization.isActive else {
            throw AppError.conflict("\(organization.name)已停用，无需再次停用", code: .alreadyDeactivated)
        }
        let problems = RecommenderRules.reasonProblems(raw, label: "停用原因")
        guard problems.isEmpty, let reason = raw?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            throw AppError.validation(problems)
        }
        let held = try await RecommenderHandoverService.held(by: organization.requireID(), on: db).count
        organization.deactivatedAt = request.now
        organization.deactivationReason = reason
        try await db.transaction { db in
            try await organization.save(on: db)
            try await AuditTrail.record(
                .organizationDeactivated, by: request.currentUser, subject: Self.subject(organization),
                detail: "停用原因：\(reason)；尚有在办申报书\(held)份", request: request, on: db)
        }
    }

    func activate(_ organization: OrganizationModel) async throws {
        guard !organization.isActive else {
            throw AppError.conflict("\(organization.name)未停用，无需启用", code: .notDeactivated)
        }
        let reason = organization.deactivationReason ?? ""
        organization.deactivatedAt = nil
        organization.deactivationReason = nil
        try await db.transaction { db in
            try await organization.save(on: db)
            try await AuditTrail.record(
                .organizationActivated, by: request.currentUser, subject: Self.subject(organization),
                detail: "重新启用（原停用原因：\(reason)）", request: request, on: db)
        }
    }

    /// Names are unique among recommenders, the deactivated ones included: an applicant picks by name.
    static func nameProblems(_ name: String?, except id: UUID?, on db: any Database) async throws -> [Problem] {
        guard let name, !name.isEmpty else { return [] }
        var query = OrganizationModel.query(on: db).filter(\.$kind == .recommender).filter(\.$name == name)
        if let id { query = query.filter(\.$id != id) }
        guard try await query.count() > 0 else { return [] }
        return [Problem(field: "name", code: .duplicate, message: "已有名为“\(name)”的推荐单位，单位名称不能重复")]
    }

    static let nameLock = "recommender-names"

    static func subject(_ organization: OrganizationModel) -> AuditTrail.Subject {
        AuditTrail.Subject(id: organization.id, name: organization.name)
    }

    /// `长沙市科学技术协会（市州科协，长沙市）`, as the audit trail records it.
    static func describe(_ organization: OrganizationModel) -> String {
        let kind = organization.recommenderKind?.label ?? "推荐单位"
        let place = organization.divisionCode.map { DivisionCatalog.hunan.displayName(code: $0) ?? $0 }
        return "\(organization.name)（\(kind)\(place.map { "，\($0)" } ?? "")）"
    }
}
