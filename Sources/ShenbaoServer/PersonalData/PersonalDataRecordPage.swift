import Foundation
import ShenbaoCore

/// `/admin/personal-data/{kind}/{id}`: one record holding a person's data, its retention, and the
/// export and erasure of it.
struct PersonalDataRecordPage: Encodable {
    var entry: PersonalDataService.Entry
    var path: String
    var erasedNow: Bool
    var errors: [String: String]
    var problems: [Problem]

    /// The page of `record`; `erasedNow` right after an erasure, `problems` of a refused one.
    static func load(
        _ record: PersonalDataService.Record, erasedNow: Bool, problems: [Problem], using service: PersonalDataService
    ) async throws -> PersonalDataRecordPage {
        let entry = try await service.entry(record)
        return PersonalDataRecordPage(
            entry: entry, path: "/admin/personal-data/\(entry.kind.pathSegment)/\(entry.id.uuidString)",
            erasedNow: erasedNow, errors: FieldErrors.make(problems), problems: problems)
    }
}
