import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The expert pool: `POST/GET /api/v1/experts`, `POST /api/v1/experts/import`, and the
/// province's `/experts` page with the same three things.
struct ExpertsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.post("api", "v1", "experts", use: apiCreate)
        province.get("api", "v1", "experts", use: apiList)
        province.on(.POST, "api", "v1", "experts", "import", body: .collect(maxSize: "20mb"), use: apiImport)
        province.get("experts", use: page)
        province.post("experts", use: submit)
        province.on(.POST, "experts", "import", body: .collect(maxSize: "20mb"), use: submitImport)
    }

    private func call(_ req: Request) async throws -> CallDefinition {
        try await CallModel.latest(on: req.db)?.current ?? CallDefinition.guide2025()
    }

    func apiCreate(req: Request) async throws -> Response {
        let input = try req.content.decode(ExpertService.Input.self)
        let created = try await ExpertService(db: req.db, hasher: req.password.async).create(
            input, call: try await call(req))
        return try await created.encodeResponse(status: .created, for: req)
    }

    func apiList(req: Request) async throws -> [ExpertService.View] {
        try await ExpertService.views(
            try await ExpertModel.query(on: req.db).sort(\.$createdAt).all(), call: try await call(req), on: req.db)
    }

    /// The file as multipart `file`, or as the whole body with `?name=` for scripts.
    private func importFile(_ req: Request) throws -> (Data, String) {
        if req.headers.contentType?.type == "multipart" {
            guard let file = try MultipartForm.of(req).file("file"), file.data.readableBytes > 0 else {
                throw AppError.validation([
                    Problem(field: "file", code: .required, message: "请选择要导入的专家信息表（.xlsx 或 .csv）")
                ])
            }
            return (Data(buffer: file.data), file.filename)
        }
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw AppError.validation([Problem(field: "file", code: .required, message: "请求内容为空，请上传专家信息表")])
        }
        return (Data(buffer: body), req.query[String.self, at: "name"] ?? "experts")
    }

    func apiImport(req: Request) async throws -> ExpertImport.Result {
        let (data, name) = try importFile(req)
        return try await ExpertImport(db: req.db, hasher: req.password.async).run(
            data: data, fileName: name, call: try await call(req))
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: .init(), problems: [], created: req.query[String.self, at: "created"])
    }

    func submit(req: Request) async throws -> Response {
        var input = try req.content.decode(ExpertService.Input.self)
        input.conflictOrganizationIds = input.conflictOrganizationIds?.filter { !$0.isEmpty }
        do {
            _ = try await ExpertService(db: req.db, hasher: req.password.async).create(input, call: try await call(req))
            let name = (input.name ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return req.redirect(to: "/experts?created=\(name)")
        } catch let error as AppError where !error.problems.isEmpty {
            input.password = nil
            return try await render(req, form: input, problems: error.problems, status: .unprocessableEntity)
        }
    }

    func submitImport(req: Request) async throws -> Response {
        do {
            let (data, name) = try importFile(req)
            let result = try await ExpertImport(db: req.db, hasher: req.password.async).run(
                data: data, fileName: name, call: try await call(req))
            return try await render(req, form: .init(), problems: [], imported: result)
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(req, form: .init(), problems: error.problems, status: .unprocessableEntity)
        }
    }

    private func render(
        _ req: Request, form: ExpertService.Input, problems: [Problem], created: String? = nil,
        imported: ExpertImport.Result? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await ExpertsPage.load(
            call: try await call(req), form: form, problems: problems, created: created, imported: imported,
            retention: req.application.shenbaoConfig.personalDataRetention, on: req.db)
        return try await req.renderPage(.reviewExperts, title: "专家库", page, status: status)
    }
}
