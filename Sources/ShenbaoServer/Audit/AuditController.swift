import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The audit administrator reads the security trail (logins, failed logins, every account and
/// permission change) and checks both hash chains; nothing here changes anything.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let auditor = routes.grouped(RequireRoles(.auditor))
        auditor.get("admin", "audit", use: page)
        auditor.get("api", "v1", "audit", "events", use: apiEvents)
        auditor.get("api", "v1", "audit", "verify", use: apiVerify)
    }

    struct EventDTO: Content {
        var sequence: Int
        var at: Date
        var atText: String
        var actorId: UUID?
        var actorName: String
        var actorRole: String
        var actorRoleLabel: String
        var action: AuditAction
        var actionLabel: String
        var subjectId: UUID?
        var subjectName: String
        var detail: String
        var address: String

        init(_ event: SecurityEventModel) {
            sequence = event.sequence
            at = event.at
            atText = ChineseFormat.dateTime(event.at)
            actorId = event.actorID
            actorName = event.actorName
            actorRole = event.actorRole
            actorRoleLabel = Role(rawValue: event.actorRole)?.label ?? "未登录"
            action = event.action
            actionLabel = event.action.label
            subjectId = event.subjectID
            subjectName = event.subjectName
            detail = event.detail
            address = event.address
        }
    }

    struct Events: Content {
        var items: [EventDTO]
        var total: Int
        var page: Int
        var per: Int
    }

    struct Filter: Encodable {
        var action: String = ""
        var q: String = ""
        var page = 1
        var per = 100
    }

    static func filter(from req: Request) throws -> Filter {
        var filter = Filter()
        var problems: [Problem] = []
        if let raw = req.query[String.self, at: "action"], !raw.isEmpty {
            if AuditAction(rawValue: raw) == nil {
                problems.append(Problem(field: "action", code: .invalidValue, message: "操作类型 \(raw.prefix(30)) 无法识别"))
            } else {
                filter.action = raw
            }
        }
        filter.q = String((req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(50))
        // Bounded (InputBounds) before page × per is computed; a word instead of a number is named too.
        func number(_ field: String, _ label: String, in range: ClosedRange<Int>, unit: String = "") -> Int? {
            guard let raw = req.query[String.self, at: field] else { return nil }
            guard let value = Int(raw) else {
                problems.append(Problem(field: field, code: .invalidValue, message: "\(label)应为整数"))
                return nil
            }
            if let problem = InputBounds.problem(value, in: range, field: field, label: label, unit: unit) {
                problems.append(problem)
                return nil
            }
            return value
        }
        filter.page = number("page", "页码", in: InputBounds.page) ?? filter.page
        filter.per = number("per", "每页条数", in: InputBounds.perPage, unit: "条") ?? filter.per
        if !problems.isEmpty { throw AppError.validation(problems) }
        return filter
    }

    static func events(_ filter: Filter, on db: any Database) async throws -> Events {
        var query = SecurityEventModel.query(on: db)
        if let action = AuditAction(rawValue: filter.action) { query = query.filter(\.$action == action) }
        if !filter.q.isEmpty {
            query = query.group(.or) {
                $0.filter(\.$actorName ~~ filter.q).filter(\.$subjectName ~~ filter.q).filter(\.$address ~~ filter.q)
            }
        }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$sequence, .descending)
            .range(((filter.page - 1) * filter.per)..<(filter.page * filter.per)).all()
        return Events(items: rows.map(EventDTO.init), total: total, page: filter.page, per: filter.per)
    }

    /// The latest lines about one account, for its administrator's page.
    static func events(about userID: UUID, on db: any Database) async throws -> [EventDTO] {
        try await SecurityEventModel.query(on: db).filter(\.$subjectID == userID).sort(\.$sequence, .descending)
            .limit(20).all().map(EventDTO.init)
    }

    func apiEvents(req: Request) async throws -> Events {
        try await Self.events(Self.filter(from: req), on: req.db)
    }

    struct Verification: Content {
        var securityEvents: Int
        var applications: Int
        var applicationEvents: Int
        /// Where a chain first breaks, in Chinese; nil when both are whole.
        var firstBreak: String?
    }

    static func verify(on db: any Database) async throws -> Verification {
        let report = try await AuditVerifier.verify(on: db)
        return Verification(
            securityEvents: report.securityEvents, applications: report.applications,
            applicationEvents: report.events, firstBreak: report.firstBreak)
    }

    func apiVerify(req: Request) async throws -> Verification { try await Self.verify(on: req.db) }

    func page(req: Request) async throws -> Response {
        let filter = try Self.filter(from: req)
        let page = try await AuditPage.load(
            filter: filter, verify: req.query[String.self, at: "verify"] != nil, on: req.db)
        return try await req.renderPage(.adminAudit, title: "审计日志", page)
    }
}
