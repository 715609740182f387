import Fluent
import Foundation
import ShenbaoCore

/// An attachment of an application; its bytes are named by their SHA-256 in `BlobModel`.
final class AttachmentModel: Model, @unchecked Sendable {
    static let schema = "attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationModel
    @Field(key: "kind") var kind: AttachmentKind
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "uploaded_by") var uploadedBy: UUID
    /// For evidence (佐证材料): the priority condition it proves; nil for general evidence.
    @OptionalField(key: "condition_code") var conditionCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension AttachmentModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [$id, $application, $kind, $name, $contentType, $size, $sha256, $uploadedBy, $conditionCode, $createdAt]
    }
}

extension AttachmentModel {
    /// What the rules need of it.
    var fact: AttachedFile { AttachedFile(kind, condition: conditionCode) }
}

/// File contents, stored once however many attachments name them: in `data`, or, when `data` is
/// empty, in the AttachmentStore's file (SQLite).
final class BlobModel: Model, @unchecked Sendable {
    static let schema = "blobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int64
    @Field(key: "data") var data: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(sha256: String, data: Data) {
        self.sha256 = sha256
        self.size = Int64(data.count)
        self.data = data
    }
}

extension BlobModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] { [$id, $sha256, $size, $data, $createdAt] }
}

extension BlobModel {
    /// The bytes named `sha256`: the row's own, or its file; nil when there are none.
    static func content(_ sha256: String, on db: any Database, store: AttachmentStore?) async throws -> Data? {
        guard let blob = try await BlobModel.query(on: db).filter(\.$sha256 == sha256).first() else { return nil }
        if !blob.data.isEmpty || blob.size == 0 { return blob.data }
        return try await store?.read(sha256)
    }
}
