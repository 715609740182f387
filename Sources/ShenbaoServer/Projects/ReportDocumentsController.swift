import Foundation
import ShenbaoCore
import Vapor

/// `/api/v1/applications/{id}/reports/{code}/document.docx|.pdf`,
/// `/api/v1/applications/{id}/changes/{changeId}/document.docx|.pdf` and
/// `/api/v1/applications/{id}/acceptance/document.docx|.pdf`: the project's report, a change
/// request and its latest acceptance opinion to download, for whoever may read the application (as the award letter and
/// the agreement).
struct ReportDocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "applications", ":applicationId").grouped(RequireSignedIn())
        for format in Format.allCases {
            api.get("reports", ":code", "document.\(format.rawValue)") { req in
                try await Self.send(req, format) { documents, application in
                    try await documents.report(req.parameters.get("code"), of: application, now: req.now)
                }
            }
            api.get("changes", ":changeId", "document.\(format.rawValue)") { req in
                try await Self.send(req, format) { documents, application in
                    try await documents.change(req.parameters.get("changeId"), of: application, now: req.now)
                }
            }
            api.get("acceptance", "document.\(format.rawValue)") { req in
                try await Self.send(req, format) { documents, application in
                    try await documents.acceptance(of: application, now: req.now)
                }
            }
        }
    }

    enum Format: String, CaseIterable {
        case docx, pdf
    }

    static func send(
        _ req: Request, _ format: Format,
        _ make: (ReportDocuments, ApplicationModel) async throws -> (data: Data, name: String)
    ) async throws -> Response {
        let application = try await ApplicationAccess.find(
            req.parameters.get("applicationId"), for: try req.requireUser(), on: req.db)
        let (docx, name) = try await make(ReportDocuments(db: req.db), application)
        switch format {
        case .docx:
            return Response.download(
                docx, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                name: name + ".docx")
        case .pdf:
            let converter = req.application.pdfConverter
            let pdf = try await req.cancellingWhenClientLeaves { try await converter.convert(docx) }
            return Response.download(pdf, type: "application/pdf", name: name + ".pdf")
        }
    }
}
