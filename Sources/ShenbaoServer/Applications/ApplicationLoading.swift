import Fluent
import Foundation
import SQLKit
import ShenbaoCore

/// An application read with its organisation, its call's change stamp and its attachments in
/// one query.
///
/// Saving a draft answers with the organisation, the attachments and the form's problems, which
/// need the call's guide; reading them one by one made four round trips to the database of the
/// six a save cost. `ApplicationAccess.find` reads them all at once (a row per attachment); the
/// helpers here fall back to a query of their own for an application read some other way.
extension ApplicationModel {
    /// The application `id` with its organisation, its call's change stamp and its attachments, or nil.
    static func findWithOrganizationAndCallStamp(_ id: UUID, on db: any Database) async throws -> ApplicationModel? {
        // Off for the bench (BenchPiece): Fluent's query, and the rest read as asked, as before.
        if BenchPiece.staticSelect.isOff { return try await ApplicationModel.find(id, on: db) }
        let rows = try await StaticSelect.sql(db).raw(
            "\(unsafeRaw: withOrganizationCallStampAndAttachments) WHERE \"applications\".\"id\" = \(bind: id) \(unsafeRaw: attachmentsOrder)"
        ).all()
        guard let first = rows.first else { return nil }
        let application = try StaticSelect.decode(ApplicationModel.self, from: first)
        application.loadedOrganization = try StaticSelect.decode(OrganizationModel.self, from: first)
        // A required column of the call tells whether it was found (a LEFT JOIN).
        if try !first.decodeNil(column: "calls_year") {
            application.loadedCallStamp = .some(try first.decodeIfPresent(column: "calls_updated_at", as: Date.self))
        }
        // No attachment: one row whose attachment columns are all NULL.
        application.loadedAttachments = try rows.filter { try !$0.decodeNil(column: "attachments_id") }
            .map { try StaticSelect.decode(AttachmentModel.self, from: $0) }
        return application
    }

    private static let withOrganizationCallStampAndAttachments =
        "SELECT \(StaticSelect.columns(of: ApplicationModel.self)), \(StaticSelect.columns(of: OrganizationModel.self)), "
        // Only the call's stamp (and a required column, to tell it was found): its definition is
        // a 13 KB document, and CallDefinitionCache keeps it decoded.
        + "\(StaticSelect.column(CallModel.schema, "year")), \(StaticSelect.column(CallModel.schema, "updated_at")), "
        + StaticSelect.columns(of: AttachmentModel.self)
        + #" FROM "applications" JOIN "organizations" ON "organizations"."id" = "applications"."organization_id""#
        + #" LEFT JOIN "calls" ON "calls"."id" = "applications"."call_id""#
        + #" LEFT JOIN "attachments" ON "attachments"."application_id" = "applications"."id""#

    /// The applicant organisation, as read with the application when it was.
    func organization(on db: any Database) async throws -> OrganizationModel? {
        if let loadedOrganization { return loadedOrganization }
        return try await OrganizationModel.find($organization.id, on: db)
    }

    /// The guide the application's call runs by.
    func callDefinition(on db: any Database) async throws -> CallDefinition {
        if let stamp = loadedCallStamp {
            return try await CallDefinitionCache.definition(of: $call.id, changed: stamp, on: db)
        }
        return try await CallDefinitionCache.definition(of: $call.id, on: db)
    }

    /// The application's attachments in the order they were uploaded.
    func attachments(on db: any Database) async throws -> [AttachmentModel] {
        if let loadedAttachments { return loadedAttachments }
        if BenchPiece.staticSelect.isOff {
            return try await AttachmentModel.query(on: db).filter(\.$application.$id == requireID())
                .sort(\.$createdAt).sort(\.$id).all()
        }
        return try await StaticSelect.sql(db).raw(
            "\(unsafeRaw: Self.attachmentsSelect) WHERE \"attachments\".\"application_id\" = \(bind: requireID()) \(unsafeRaw: Self.attachmentsOrder)"
        ).all().map { try StaticSelect.decode(AttachmentModel.self, from: $0) }
    }

    private static let attachmentsSelect =
        #"SELECT \#(StaticSelect.columns(of: AttachmentModel.self)) FROM "attachments""#
    private static let attachmentsOrder = #"ORDER BY "attachments"."created_at", "attachments"."id""#
}
