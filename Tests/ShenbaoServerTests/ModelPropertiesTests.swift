import Fluent
import Foundation
import Testing

@testable import ShenbaoServer

/// Every model lists its Fluent properties by hand (reflection on each query was the server's
/// largest cost). A column added to a model but not to its list would silently never be stored
/// or read: this compares each list with what reflection finds, in the same order.
@Suite struct ModelPropertiesTests {
    static let models: [any Model.Type] = [
        ApplicationEventModel.self, ApplicationModel.self, AttachmentModel.self, BlobModel.self,
        LoginFailureModel.self, SetupTokenModel.self, UserModel.self, RecoveryCodeModel.self, UserTokenModel.self,
        CallModel.self,
        ExportJobModel.self, CalendarClosureModel.self, CalendarYearModel.self, NoticeModel.self, ObjectionModel.self,
        NotificationModel.self, MailOutboxModel.self, OrganizationModel.self, OpinionModel.self,
        ExpertModel.self, FinanceOpinionModel.self, MeetingDecisionModel.self, ReviewModel.self,
        ReviewChangeModel.self, ReviewExtensionModel.self,
        ReviewPlanModel.self, SanctionModel.self, DisbursementModel.self, ChangeRequestModel.self, ReportModel.self,
        AcceptanceModel.self,
        SecurityEventModel.self,
        UserSessionModel.self,
        PasswordLinkModel.self, OrganizationNameChangeModel.self, PersonalDataErasureModel.self,
    ]

    @Test("each model's listed properties are exactly the ones it declares", arguments: models.indices)
    func listedMatchesReflection(_ index: Int) {
        let model = Self.models[index].init()
        let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
        let listed = model.properties
        // Column names make a failure readable; identities prove the list holds this instance's own.
        func columns(_ properties: [any AnyProperty]) -> [String] {
            properties.map { ($0 as? any AnyDatabaseProperty)?.keys.map(\.description).joined(separator: ",") ?? "?" }
        }
        #expect(columns(listed) == columns(reflected), "\(type(of: model))")
        #expect(listed.map { ObjectIdentifier($0 as AnyObject) } == reflected.map { ObjectIdentifier($0 as AnyObject) })
    }

    @Test("every model in the server is in the list above")
    func everyModelIsChecked() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/ShenbaoServer").standardized
        var declared: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /final class (\w+): Model\b/) { declared.insert(String(match.1)) }
        }
        #expect(!declared.isEmpty)
        #expect(declared == Set(Self.models.map { String(describing: $0) }))
    }
}
