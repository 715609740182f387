import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Export and erasure of a person's data by the province: the API per record
/// (`GET /api/v1/{users|experts|objections}/{id}/personal-data`, `POST …/personal-data/erase`),
/// a search (`GET /api/v1/personal-data?q=`), and the `/admin/personal-data` pages.
struct PersonalDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.get("api", "v1", "personal-data", use: apiSearch)
        for (kind, parameter) in [
            (PersonalRecordKind.user, "userId"), (.expert, "expertId"), (.objection, "objectionId"),
        ] {
            let record = province.grouped(
                "api", "v1", .constant(kind.pathSegment), .parameter(parameter), "personal-data")
            record.get { req in try await apiExport(req, kind: kind, parameter: parameter) }
            record.post("erase") { req in try await apiErase(req, kind: kind, parameter: parameter) }
        }
        province.get("admin", "personal-data", use: searchPage)
        province.get("admin", "personal-data", ":kind", ":recordId", use: recordPage)
        province.post("admin", "personal-data", ":kind", ":recordId", "export", use: submitExport)
        province.post("admin", "personal-data", ":kind", ":recordId", "erase", use: submitErase)
    }

    private func service(_ req: Request) -> PersonalDataService { PersonalDataService(request: req) }

    // MARK: - API

    func apiSearch(req: Request) async throws -> [PersonalDataService.Entry] {
        try await service(req).search(req.query[String.self, at: "q"])
    }

    func apiExport(_ req: Request, kind: PersonalRecordKind, parameter: String) async throws -> Response {
        let service = service(req)
        let record = try await service.record(kind, req.parameters.get(parameter))
        return try await PersonalDataExporter(service: service).export(record, by: try req.requireUser()).download()
    }

    func apiErase(_ req: Request, kind: PersonalRecordKind, parameter: String) async throws -> PersonalDataEraser.Result
    {
        let service = service(req)
        let record = try await service.record(kind, req.parameters.get(parameter))
        return try await PersonalDataEraser(service: service).erase(record, by: try req.requireUser())
    }

    // MARK: - Pages

    func searchPage(req: Request) async throws -> Response {
        let page = try await PersonalDataSearchPage.load(
            query: req.query[String.self, at: "q"] ?? "", using: service(req))
        return try await req.renderPage(
            .adminPersonalData, title: "个人信息", page, status: page.problems.isEmpty ? .ok : .unprocessableEntity)
    }

    private func kind(_ req: Request) throws -> PersonalRecordKind {
        guard let kind = PersonalRecordKind.allCases.first(where: { $0.pathSegment == req.parameters.get("kind") })
        else {
            throw AppError.notFound("该记录")
        }
        return kind
    }

    private func renderRecord(
        _ req: Request, _ record: PersonalDataService.Record, problems: [Problem] = [], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await PersonalDataRecordPage.load(
            record, erasedNow: req.query[String.self, at: "erased"] != nil, problems: problems, using: service(req))
        return try await req.renderPage(
            .adminPersonalDataRecord, title: "个人信息：\(page.entry.kindLabel)", page, status: status, withForm: true)
    }

    func recordPage(req: Request) async throws -> Response {
        try await renderRecord(req, try await service(req).record(try kind(req), req.parameters.get("recordId")))
    }

    func submitExport(req: Request) async throws -> Response {
        let service = service(req)
        let record = try await service.record(try kind(req), req.parameters.get("recordId"))
        return try await PersonalDataExporter(service: service).export(record, by: try req.requireUser()).download()
    }

    struct EraseForm: Content {
        var confirm: String?
    }

    /// Erasure cannot be undone: the page asks for a ticked confirmation (and, with scripts, a
    /// dialog), and the server refuses without the tick.
    func submitErase(req: Request) async throws -> Response {
        let service = service(req)
        let kind = try kind(req)
        let record = try await service.record(kind, req.parameters.get("recordId"))
        guard (try? req.content.decode(EraseForm.self))?.confirm == "1" else {
            let problem = Problem(
                field: "confirm", code: .required, message: "请勾选“我已核对保存期限，确认删除”后再删除；删除后不能恢复")
            return try await renderRecord(req, record, problems: [problem], status: .unprocessableEntity)
        }
        do {
            let result = try await PersonalDataEraser(service: service).erase(record, by: try req.requireUser())
            return req.redirect(
                to: "/admin/personal-data/\(result.kind.pathSegment)/\(result.recordId.uuidString)?erased=1")
        } catch let error as AppError where error.status == .conflict {
            return try await renderRecord(req, record, problems: error.pageProblems, status: .conflict)
        }
    }
}
