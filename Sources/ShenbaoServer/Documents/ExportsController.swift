import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `POST /api/v1/calls/{callId}/exports` starts a bulk export; `/api/v1/exports/{id}` tells its
/// progress and `/download` gives the ZIP; `/exports/{id}` is the page with the progress bar.
struct ExportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.post("api", "v1", "calls", ":callId", "exports", use: start)
        province.get("api", "v1", "exports", ":exportId", use: show)
        province.get("api", "v1", "exports", ":exportId", "download", use: download)
        province.post("calls", ":callId", "exports", use: startPage)
        province.get("exports", ":exportId", use: page)
    }

    struct ExportDTO: Content {
        var id: UUID
        var status: String
        var done: Int
        var total: Int
        var percent: Int
        var message: String?
        var download: String?
    }

    static func dto(_ job: ExportJobModel) throws -> ExportDTO {
        let id = try job.requireID()
        return ExportDTO(
            id: id, status: job.status.rawValue, done: job.done, total: job.total,
            percent: job.total == 0 ? 100 : job.done * 100 / job.total, message: job.message,
            download: job.status == .finished ? "/api/v1/exports/\(id.uuidString)/download" : nil)
    }

    func start(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let job = try await BulkExport.start(
            callID: try call.requireID(), user: try req.requireUser(), app: req.application)
        return try await Self.dto(job).encodeResponse(status: .accepted, for: req)
    }

    private func find(_ req: Request) async throws -> ExportJobModel {
        guard let id = req.parameters.get("exportId").flatMap(UUID.init(uuidString:)),
            // A finished job holds its whole ZIP, read in one round trip.
            let job = try await ExportJobModel.find(id, on: req.db.unhurried)
        else { throw AppError.notFound("该导出任务") }
        return job
    }

    func show(req: Request) async throws -> ExportDTO {
        try Self.dto(try await find(req))
    }

    func download(req: Request) async throws -> Response {
        let job = try await find(req)
        guard job.status == .finished, let data = job.data else {
            throw AppError(status: .conflict, code: .notReady, message: "导出尚未完成（\(job.done)/\(job.total)），请稍候")
        }
        let year = try await CallModel.find(job.callID, on: req.db)?.year ?? 0
        return Response.download(data, type: "application/zip", name: "\(year)年度申报材料.zip")
    }

    func startPage(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let job = try await BulkExport.start(
            callID: try call.requireID(), user: try req.requireUser(), app: req.application)
        return req.redirect(to: "/exports/\(try job.requireID().uuidString)")
    }

    func page(req: Request) async throws -> Response {
        try await req.renderPage(.documentsExport, title: "导出报送材料", try Self.dto(try await find(req)))
    }
}
