import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Sanctions for fraud (弄虚作假): the province records them; a sanctioned recommender receives
/// and recommends nothing until the bar ends. `GET/POST /api/v1/sanctions`, `/admin/sanctions`.
struct SanctionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignedIn()).get("api", "v1", "sanctions", use: list)
        let province = routes.grouped(RequireRoles(.province))
        province.post("api", "v1", "sanctions", use: create)
        province.get("admin", "sanctions", use: page)
        province.post("admin", "sanctions", use: submit)
    }

    /// `recommenderId` as the API document names it; `organizationId`, its earlier name, is still
    /// accepted so that existing clients keep working.
    struct Input: Content {
        var recommenderId: String?
        var organizationId: String?
        var reason: String?
        var decidedOn: String?
    }

    struct SanctionDTO: Content {
        var id: UUID
        var recommenderId: UUID
        var organizationId: UUID
        var organizationName: String
        var reason: String
        var decidedOn: String
        var lastDay: String
        var active: Bool
    }

    static func all(on db: any Database, now: Date) async throws -> [SanctionDTO] {
        let today = ChineseFormat.today(now)
        return try await SanctionModel.query(on: db).with(\.$organization).sort(\.$decidedOn, .descending).all().map {
            SanctionDTO(
                id: try $0.requireID(), recommenderId: $0.$organization.id, organizationId: $0.$organization.id,
                organizationName: $0.organization.name,
                reason: $0.reason, decidedOn: $0.decidedOn, lastDay: $0.lastDay,
                active: Day($0.lastDay).map { $0 >= today } ?? false)
        }
    }

    func list(req: Request) async throws -> [SanctionDTO] {
        try await Self.all(on: req.db, now: req.now)
    }

    func record(_ input: Input, req: Request) async throws -> SanctionModel {
        let user = try req.requireUser()
        var problems: [Problem] = []
        // A problem is named by the field the client sent: the alias' clients see their own name.
        let field = input.recommenderId == nil && input.organizationId != nil ? "organizationId" : "recommenderId"
        let given = input.recommenderId ?? input.organizationId
        let organization = try await given.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await OrganizationModel.find($0, on: req.db)
        }
        if let recommenderId = input.recommenderId, let organizationId = input.organizationId,
            recommenderId != organizationId
        {
            problems.append(
                Problem(
                    field: "recommenderId", code: .conflict,
                    message: "推荐单位：recommenderId 与 organizationId 不一致，请只填写 recommenderId"))
        } else if organization?.kind != .recommender {
            problems.append(Problem(field: field, code: .notFound, message: "请选择被处理的推荐单位"))
        }
        let (reason, reasonProblems) = Opinion.sanction.check(input.reason)
        problems += reasonProblems
        let decided = input.decidedOn.flatMap { Day($0.trimmingCharacters(in: .whitespaces)) }
        if decided == nil {
            problems.append(Problem(field: "decidedOn", code: .invalidValue, message: "请填写处理决定日期（YYYY-MM-DD）"))
        } else if let decided, decided > ChineseFormat.today(req.now) {
            problems.append(Problem(field: "decidedOn", code: .inFuture, message: "处理决定日期不能晚于今天"))
        }
        guard problems.isEmpty, let organization, let decided else { throw AppError.validation(problems) }
        return try await req.db.transaction { db in
            try await SanctionModel.impose(on: organization, reason: reason, decidedOn: decided, by: user.id, db: db)
        }
    }

    func create(req: Request) async throws -> Response {
        let sanction = try await record(try req.content.decode(Input.self), req: req)
        guard let dto = try await Self.all(on: req.db, now: req.now).first(where: { $0.id == sanction.id }) else {
            throw AppError.notFound("该处理记录")
        }
        return try await dto.encodeResponse(status: .created, for: req)
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: Input(), problems: [], created: req.query[String.self, at: "created"] != nil)
    }

    func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(Input.self)
        do {
            _ = try await record(input, req: req)
            return req.redirect(to: "/admin/sanctions?created=1")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(
                req, form: input, problems: error.problems, created: false, status: .unprocessableEntity)
        }
    }

    private func render(
        _ req: Request, form: Input, problems: [Problem], created: Bool, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await SanctionsPage.load(
            form: form, problems: problems, created: created, now: req.now, on: req.db)
        return try await req.renderPage(.adminSanctions, title: "取消推荐资格", page, status: status)
    }
}
