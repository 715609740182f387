import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// `…/documents/form.docx`, `form.pdf`, `package.zip`: for whoever may read the application.
struct DocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let documents = routes.grouped(RequireSignedIn()).grouped(
            "api", "v1", "applications", ":applicationId", "documents")
        documents.get("form.docx", use: docx)
        documents.get("form.pdf", use: pdf)
        documents.get("package.zip", use: package)
    }

    private func application(_ req: Request) async throws -> ApplicationModel {
        try await ApplicationAccess.find(req.parameters.get("applicationId"), for: try req.requireUser(), on: req.db)
    }

    func docx(req: Request) async throws -> Response {
        let application = try await application(req)
        let builder = DocumentBuilder(db: req.db, store: req.application.shenbaoConfig.attachmentStore)
        return Response.download(
            try await builder.docx(for: application),
            type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            name: try await builder.baseName(for: application) + ".docx")
    }

    func pdf(req: Request) async throws -> Response {
        let application = try await application(req)
        let builder = DocumentBuilder(db: req.db, store: req.application.shenbaoConfig.attachmentStore)
        let name = try await builder.baseName(for: application)
        let docx = try await builder.docx(for: application)
        let converter = req.application.pdfConverter
        let pdf = try await req.cancellingWhenClientLeaves { try await converter.convert(docx) }
        return Response.download(pdf, type: "application/pdf", name: name + ".pdf")
    }

    func package(req: Request) async throws -> Response {
        let application = try await application(req)
        let builder = DocumentBuilder(db: req.db, store: req.application.shenbaoConfig.attachmentStore)
        let converter = req.application.pdfConverter
        let data = try await req.cancellingWhenClientLeaves {
            try await builder.package(for: application, converter: converter, now: req.now)
        }
        return Response.download(
            data, type: "application/zip", name: try await builder.baseName(for: application) + ".zip")
    }
}
