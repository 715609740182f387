import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// A call's packages, every one, in one ZIP: built in the background while the page shows the
/// progress, or at the command line (`shenbao export`).
final class ExportJobModel: Model, @unchecked Sendable {
    static let schema = "export_jobs"

    enum Status: String, Codable, Sendable { case running, finished, failed }

    @ID(key: .id) var id: UUID?
    @Field(key: "call_id") var callID: UUID
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "status") var status: Status
    @Field(key: "done") var done: Int
    @Field(key: "total") var total: Int
    @OptionalField(key: "message") var message: String?
    @OptionalField(key: "data") var data: Data?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension ExportJobModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [$id, $callID, $createdBy, $status, $done, $total, $message, $data, $createdAt, $updatedAt]
    }
}

enum BulkExport {
    /// What is exported: every application that left its applicant (submitted at least once and
    /// not withdrawn), in submission order.
    static func applications(of callID: UUID, on db: any Database) async throws -> [ApplicationModel] {
        try await ApplicationModel.query(on: db).filter(\.$call.$id == callID).filter(\.$submittedAt != nil)
            .filter(\.$status != .withdrawn).sort(\.$submittedAt).all()
    }

    /// Builds the packages, as many at once as LibreOffice converts at once (their PDFs are
    /// nearly all the time), reporting after each; returns (file name, zip) pairs in the
    /// applications' order.
    static func packages(
        _ applications: [ApplicationModel], on db: any Database, store: AttachmentStore?, converter: PDFConverter,
        now: Date,
        progress: @Sendable (Int, String) async throws -> Void
    ) async throws -> [(name: String, data: Data)] {
        let builder = DocumentBuilder(db: db, store: store)
        let width = converter.limit
        return try await withThrowingTaskGroup(of: (Int, String, Data).self) { group in
            var result = [(name: String, data: Data)?](repeating: nil, count: applications.count)
            var next = 0
            func startNext() {
                guard next < applications.count else { return }
                let (index, application) = (next, applications[next])
                next += 1
                group.addTask {
                    let name = try await builder.baseName(for: application) + ".zip"
                    let data = try await builder.package(
                        for: application, converter: converter, background: true, now: now)
                    return (index, name, data)
                }
            }
            for _ in 0..<width { startNext() }
            var done = 0
            while let (index, name, data) = try await group.next() {
                result[index] = (name, data)
                done += 1
                try await progress(done, name)
                startNext()
            }
            return result.compactMap { $0 }
        }
    }

    /// Starts a job for the call and returns at once; the work goes on after the request.
    static func start(callID: UUID, user: AuthenticatedUser, app: Application) async throws -> ExportJobModel {
        // Every package's attachments are read, and the whole ZIP written in one statement.
        let db = app.db.unhurried
        let applications = try await applications(of: callID, on: db)
        let job = ExportJobModel()
        job.callID = callID
        job.createdBy = user.id
        job.status = .running
        job.done = 0
        job.total = applications.count
        try await job.create(on: db)
        let converter = app.pdfConverter
        let store = app.shenbaoConfig.attachmentStore
        let jobID = try job.requireID()
        let year = try await CallModel.find(callID, on: db)?.year ?? 0
        let now = app.now
        Task.detached {
            do {
                let packages = try await packages(
                    applications, on: db, store: store, converter: converter, now: now()
                ) { done, _ in
                    try await ExportJobModel.query(on: db).filter(\.$id == jobID).set(\.$done, to: done).update()
                }
                let made = now()
                let zip = try ApplicationPackage.zip(
                    folder: "\(year)年度申报材料",
                    files: packages.map { ApplicationPackage.File(name: $0.name, data: $0.data, date: made) })
                try await ExportJobModel.query(on: db).filter(\.$id == jobID)
                    .set(\.$status, to: .finished).set(\.$data, to: zip).update()
            } catch {
                try? await ExportJobModel.query(on: db).filter(\.$id == jobID)
                    .set(\.$status, to: .failed).set(\.$message, to: "导出失败：\(error)").update()
            }
        }
        return job
    }
}
