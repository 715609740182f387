import Foundation
import ShenbaoCore
import Vapor

/// `/api/v1/applications/{id}/agreement`: the unit uploads its signed agreement (multipart `file`,
/// a PDF), the province confirms it or returns it with a reason; and the project's letter and
/// agreement to download, for whoever may read the application.
struct AgreementAPIController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "applications", ":applicationId")
        api.grouped(RequireRoles(.applicant)).on(
            .POST, "agreement", body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)),
            use: submit)
        let province = api.grouped(RequireRoles(.province))
        province.post("agreement", "confirm", use: confirm)
        province.post("agreement", "return", use: giveBack)
        let documents = api.grouped(RequireSignedIn()).grouped("documents")
        for kind in [ProjectDocuments.Kind.awardLetter, .agreement] {
            documents.get("\(kind.rawValue).docx") { req in try await Self.docx(req, kind) }
            documents.get("\(kind.rawValue).pdf") { req in try await Self.pdf(req, kind) }
        }
    }

    struct ReturnInput: Content {
        var comment: String?
    }

    func submit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let file = try MultipartForm.of(req).upload("file")
        try await AgreementService(db: req.db, user: user, config: config).submit(
            application, fileName: file.name, data: file.data)
        return try await ApplicationService(db: req.db, user: user, config: config).dto(application)
            .encodeResponse(for: req)
    }

    func confirm(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        try await AgreementService(db: req.db, user: user, config: config).confirm(application)
        return try await ApplicationService(db: req.db, user: user, config: config).dto(application)
    }

    func giveBack(req: Request) async throws -> ApplicationDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(ReturnInput.self)
        try await AgreementService(db: req.db, user: user, config: config).giveBack(application, comment: input.comment)
        return try await ApplicationService(db: req.db, user: user, config: config).dto(application)
    }

    static func docx(_ req: Request, _ kind: ProjectDocuments.Kind) async throws -> Response {
        let application = try await ApplicationAccess.find(
            req.parameters.get("applicationId"), for: try req.requireUser(), on: req.db)
        let documents = ProjectDocuments(db: req.db)
        return Response.download(
            try await documents.docx(kind, for: application, now: req.now),
            type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            name: documents.name(kind, for: application) + ".docx")
    }

    static func pdf(_ req: Request, _ kind: ProjectDocuments.Kind) async throws -> Response {
        let application = try await ApplicationAccess.find(
            req.parameters.get("applicationId"), for: try req.requireUser(), on: req.db)
        let documents = ProjectDocuments(db: req.db)
        let docx = try await documents.docx(kind, for: application, now: req.now)
        let converter = req.application.pdfConverter
        let pdf = try await req.cancellingWhenClientLeaves { try await converter.convert(docx) }
        return Response.download(pdf, type: "application/pdf", name: documents.name(kind, for: application) + ".pdf")
    }
}
