import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province administers recommenders through the API: create, import, read one, edit,
/// deactivate and activate, open accounts, hand over what one holds.
struct RecommenderAdminAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province)).grouped("api", "v1", "recommenders")
        province.post(use: create)
        province.on(.POST, "import", body: .collect(maxSize: "10mb"), use: importList)
        province.get(":organizationId", use: detail)
        province.patch(":organizationId", use: edit)
        province.post(":organizationId", "deactivate", use: deactivate)
        province.post(":organizationId", "activate", use: activate)
        province.post(":organizationId", "users", use: createUser)
        province.post(":organizationId", "handover", use: handover)
    }

    /// One recommender with its accounts and what it holds.
    struct Detail: Content {
        var recommender: RecommendersController.RecommenderDTO
        var deactivatedAt: Date?
        var deactivationReason: String?
        var users: [RecommenderUsers.User]
        var holdings: [RecommenderHandoverService.Holding]

        static func of(_ organization: OrganizationModel, on db: any Database) async throws -> Detail {
            let id = try organization.requireID()
            return Detail(
                recommender: try .init(organization), deactivatedAt: organization.deactivatedAt,
                deactivationReason: organization.deactivationReason,
                users: try await RecommenderUsers.list(of: id, on: db),
                holdings: try await RecommenderHandoverService.holdings(of: id, on: db))
        }
    }

    struct ReasonInput: Content {
        var reason: String?
    }

    private func recommender(_ req: Request) async throws -> OrganizationModel {
        try await RecommenderAdmin.find(req.parameters.get("organizationId"), on: req.db)
    }

    func create(req: Request) async throws -> Response {
        let organization = try await RecommenderAdmin(request: req).create(
            try req.content.decode(RecommenderForm.self))
        return try await RecommendersController.RecommenderDTO(organization).encodeResponse(status: .created, for: req)
    }

    func detail(req: Request) async throws -> Detail {
        try await Detail.of(try await recommender(req), on: req.db)
    }

    func edit(req: Request) async throws -> RecommendersController.RecommenderDTO {
        let organization = try await recommender(req)
        try await RecommenderAdmin(request: req).edit(organization, try req.content.decode(RecommenderForm.self))
        return try .init(organization)
    }

    func deactivate(req: Request) async throws -> RecommendersController.RecommenderDTO {
        let organization = try await recommender(req)
        try await RecommenderAdmin(request: req).deactivate(
            organization, reason: try req.content.decode(ReasonInput.self).reason)
        return try .init(organization)
    }

    func activate(req: Request) async throws -> RecommendersController.RecommenderDTO {
        let organization = try await recommender(req)
        try await RecommenderAdmin(request: req).activate(organization)
        return try .init(organization)
    }

    func createUser(req: Request) async throws -> Response {
        let organization = try await recommender(req)
        let user = try await RecommenderUsers(request: req).create(
            for: organization, try req.content.decode(AccountForm.self))
        return try await user.encodeResponse(status: .created, for: req)
    }

    func handover(req: Request) async throws -> RecommenderHandoverService.Result {
        let organization = try await recommender(req)
        return try await RecommenderHandoverService(request: req).handover(
            from: organization, try req.content.decode(RecommenderHandoverService.Input.self))
    }

    func importList(req: Request) async throws -> RecommenderImport.Result {
        let (data, name) = try Self.importFile(req)
        return try await RecommenderImport(request: req).run(data: data, fileName: name)
    }

    /// The file as multipart `file`, or as the whole body with `?name=` for scripts.
    static func importFile(_ req: Request) throws -> (Data, String) {
        if req.headers.contentType?.type == "multipart" {
            guard let file = try MultipartForm.of(req).file("file"), file.data.readableBytes > 0 else {
                throw AppError.validation([
                    Problem(field: "file", code: .required, message: "请选择要导入的推荐单位名单（.xlsx 或 .csv）")
                ])
            }
            return (Data(buffer: file.data), file.filename)
        }
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw AppError.validation([Problem(field: "file", code: .required, message: "请求内容为空，请上传推荐单位名单")])
        }
        return (Data(buffer: body), req.query[String.self, at: "name"] ?? "recommenders")
    }
}
