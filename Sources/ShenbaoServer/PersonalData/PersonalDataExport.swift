import Foundation
import Vapor

/// What the system holds about one person (个人信息保护法 §45), as one JSON document: the record
/// itself, and what hangs on it (an account's sessions, activity and messages; an expert's
/// reviews). Lists stop at `PersonalDataService.listLimit` and say so.
struct PersonalDataExport: Content {
    struct Account: Content {
        var id: UUID
        var username: String
        var role: String
        var roleLabel: String
        var organizationName: String?
        var contactName: String
        var phone: String
        var email: String
        var createdAt: Date?
        var lastLoginAt: Date?
        var lastLoginAddress: String?
        var previousLoginAt: Date?
        var previousLoginAddress: String?
        var passwordChangedAt: Date?
        var disabledAt: Date?
        var disabledReason: String?
        var twoFactor: Bool
    }

    struct Session: Content {
        var createdAt: Date?
        var lastSeenAt: Date?
        var address: String
        var device: String
    }

    /// A step of an application this person took (submitted, recommended…).
    struct Activity: Content {
        var applicationId: UUID
        var at: Date
        var action: String
        var comment: String?
    }

    struct Message: Content {
        var title: String
        var body: String
        var createdAt: Date?
        var read: Bool
    }

    struct Expert: Content {
        var id: UUID
        var name: String
        var organizationName: String
        var title: String
        var fields: [String]
        var phone: String
        var email: String
        var conflictOrganizations: [String]
        var active: Bool
        var deactivatedAt: Date?
        var createdAt: Date?
    }

    struct Review: Content {
        var callYear: Int
        var project: String
        var status: String
        var total: Int?
        var comment: String?
        var recommendation: String?
        var submittedAt: Date?
    }

    struct Objection: Content {
        var id: UUID
        var receipt: String
        var callYear: Int
        var project: String
        var name: String
        var contact: String
        var text: String
        var receivedAt: Date
        var outcome: String
        var resolution: String?
        var resolvedAt: Date?
    }

    var kind: PersonalRecordKind
    var kindLabel: String
    var recordId: UUID
    var exportedAt: Date
    var retention: PersonalDataService.Entry
    var account: Account?
    var sessions: [Session]?
    var activity: [Activity]?
    var messages: [Message]?
    var expert: Expert?
    var reviews: [Review]?
    var objection: Objection?
    /// A list reached `listLimit`: the oldest entries are left out.
    var truncated: Bool

    /// The document as a file to save, named by kind and record id (never by the person's name).
    func download() throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Response.download(
            try encoder.encode(self), type: "application/json; charset=utf-8",
            name: "personal-data-\(kind.rawValue)-\(recordId.uuidString.lowercased()).json")
    }
}
