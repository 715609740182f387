import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `/api/v1/applications/{applicationId}/reports…`, `…/acceptance` and `…/close`: the funded
/// project's reports, its acceptance and its closing. The unit fills and submits reports, the
/// province decides; the unit, the recommenders of its chain, the province and finance read
/// (ApplicationAccess: anyone else is told the application does not exist).
struct ReportsAPIController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "applications", ":applicationId")
        let readers = api.grouped(RequireRoles(.applicant, .recommender, .province, .finance))
        let unit = api.grouped(RequireRoles(.applicant))
        let province = api.grouped(RequireRoles(.province))
        readers.get("reports", use: list)
        unit.put("reports", ":code", use: save)
        unit.post("reports", ":code", "submit", use: submit)
        unit.on(
            .POST, "reports", ":code", "evidence",
            body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)), use: attach)
        unit.delete("reports", ":code", "evidence", ":attachmentId", use: detach)
        province.post("reports", ":code", "decision", use: decide)
        readers.get("acceptance", use: acceptances)
        province.post("acceptance", use: accept)
        province.post("close", use: close)
    }

    struct SaveInput: Content {
        var answers: [String: Answer]?
        var accounts: [Report.AccountRow]?
        var version: Int?
    }

    struct DecisionInput: Content {
        var accept: Bool?
        var comment: String?
    }

    struct AcceptanceInput: Content {
        var passed: Bool?
        var score: Int?
        var goals: [String]?
        var comment: String?
        var rectifyBy: String?
    }

    struct CloseInput: Content {
        var comment: String?
    }

    func list(req: Request) async throws -> ReportService.ListDTO {
        let application = try await ApplicationAccess.find(
            req.parameters.get("applicationId"), for: try req.requireUser(), on: req.db)
        return try await ReportService.list(application, today: ChineseFormat.today(req.now), on: req.db)
    }

    func save(req: Request) async throws -> ReportService.DTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(SaveInput.self)
        // Bounded before anything reads them (Report.draftProblems names the rest).
        guard (input.accounts?.count ?? 0) <= 100 else {
            throw AppError.validation([Problem(field: "accounts", code: .tooMany, message: "经费决算的行数过多")])
        }
        return try await ReportService(req: req, user: user).save(
            application, code: req.parameters.get("code"), answers: input.answers, accounts: input.accounts,
            version: input.version)
    }

    func submit(req: Request) async throws -> ReportService.DTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        return try await ReportService(req: req, user: user).submit(application, code: req.parameters.get("code"))
    }

    func attach(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try MultipartForm.of(req)
        let file = form.upload("file")
        let dto = try await ReportService(req: req, user: user).attach(
            application, code: req.parameters.get("code"), type: form.text("kind"), fileName: file.name,
            data: file.data)
        return try await dto.encodeResponse(status: .created, for: req)
    }

    func detach(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        try await ReportService(req: req, user: user).detach(
            application, code: req.parameters.get("code"), attachmentID: req.parameters.get("attachmentId"))
        return .noContent
    }

    func decide(req: Request) async throws -> ReportService.DTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(DecisionInput.self)
        return try await ReportService(req: req, user: user).decide(
            application, code: req.parameters.get("code"), accept: input.accept, comment: input.comment)
    }

    func acceptances(req: Request) async throws -> AcceptanceService.ListDTO {
        let application = try await ApplicationAccess.find(
            req.parameters.get("applicationId"), for: try req.requireUser(), on: req.db)
        return try await AcceptanceService.list(try application.requireID(), on: req.db)
    }

    func accept(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(AcceptanceInput.self)
        guard (input.goals?.count ?? 0) <= 100 else {
            throw AppError.validation([Problem(field: "goals", code: .tooMany, message: "目标完成情况的项数过多")])
        }
        let dto = try await AcceptanceService(req: req, user: user).record(
            application,
            Acceptance.Input(
                passed: input.passed, score: input.score, goals: input.goals, comment: input.comment,
                rectifyBy: input.rectifyBy))
        return try await dto.encodeResponse(status: .created, for: req)
    }

    func close(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(CloseInput.self)
        try await AcceptanceService(req: req, user: user).close(application, comment: input.comment)
        return try await ApplicationService(db: req.db, user: user, config: config).dto(application)
    }
}
