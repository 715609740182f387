import Foundation
import ShenbaoCore
import Vapor

/// The agreement's steps from the project's page: the unit's upload of the signed scan, the
/// province's confirmation and return. Refused, the page comes back with the message beside the
/// form and what was typed.
struct AgreementPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let project = routes.grouped("applications", ":applicationId", "agreement")
        project.grouped(RequireRoles(.applicant)).on(
            .POST, body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)), use: upload)
        let province = project.grouped(RequireRoles(.province))
        province.post("confirm", use: confirm)
        province.post("return", use: giveBack)
    }

    struct ReturnForm: Content {
        var comment: String?
    }

    func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let file = try MultipartForm.of(req).upload("file")
        do {
            try await AgreementService(db: req.db, user: user, config: config).submit(
                application, fileName: file.name, data: file.data)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refused(
                req, application, uploadError: error.pageProblems.map(\.message).joined(separator: "；"))
        }
        return try Self.back(to: application, done: "agreementUploaded")
    }

    func confirm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        try await AgreementService(db: req.db, user: user, config: config).confirm(application)
        return try Self.back(to: application, done: "agreementConfirmed")
    }

    func giveBack(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(ReturnForm.self)
        do {
            try await AgreementService(db: req.db, user: user, config: config).giveBack(
                application, comment: form.comment)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await refused(
                req, application, commentError: error.pageProblems.map(\.message).joined(separator: "；"),
                comment: form.comment ?? "")
        }
        return try Self.back(to: application, done: "agreementReturned")
    }

    static func back(to application: ApplicationModel, done: String) throws -> Response {
        Response(
            status: .seeOther,
            headers: ["Location": "/applications/\(try application.requireID().uuidString)?done=\(done)#agreement"])
    }

    private func refused(
        _ req: Request, _ application: ApplicationModel, uploadError: String? = nil, commentError: String? = nil,
        comment: String = ""
    ) async throws -> Response {
        let user = try req.requireUser()
        var page = try await ApplicationPagesController(config: config).pageModel(req, application)
        page.agreement = try await AgreementPanel.load(
            application, user: user, uploadError: uploadError, commentError: commentError, comment: comment,
            on: req.db)
        return try await req.renderPage(
            .applicationsShow, title: page.projectName.isEmpty ? page.formTitle : page.projectName, page,
            status: .unprocessableEntity)
    }
}
