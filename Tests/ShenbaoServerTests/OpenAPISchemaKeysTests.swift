import Foundation
import ShenbaoCore
import Testing
import Vapor

@testable import ShenbaoServer

/// Every schema of /openapi.json has exactly the keys of the type the server reads or writes
/// for it: a field added to a DTO and forgotten in the document (or the reverse) fails here.
@Suite("OpenAPI schemas match their DTOs")
struct OpenAPISchemaKeysTests {
    /// Each schema and the type it describes.
    static let described: [String: any Decodable.Type] = [
        "Problem": Problem.self, "Option": Option.self, "Bounds": Bounds.self, "Choices": Choices.self,
        "DayRange": DayRange.self, "Division": Division.self, "Criterion": Criterion.self,
        "Dashboard": DashboardDTO.self, "ApplicationForm": ApplicationForm.self,
        "Organization": OrganizationForm.self, "Application": ApplicationDTO.self,
        "ApplicationSummary": ApplicationSummary.self, "Attachment": ApplicationDTO.Attachment.self,
        "OrganizationSummary": OrganizationSummary.self, "PersonalDataExport": PersonalDataExport.self,
        "Credentials": LoginController.Credentials.self, "MoveInput": ReviewAPIController.MoveInput.self,
        "NewPassword": PasswordService.NewPassword.self, "PhaseInput": CallAdminService.PhaseInput.self,
        "Holding": RecommenderHandoverService.Holding.self, "Closure": NoticeAPIController.Closure.self,
        "WorkingDays": NoticeAPIController.WorkingDays.self, "Resolution": ObjectionService.Resolution.self,
        "Pair": AssignmentService.Pair.self, "Disable": UserAdministration.Disable.self,
        // Applications, recommendation and intake.
        "ApplicationCreate": ApplicationsAPIController.CreateInput.self,
        "Submit": ApplicationsAPIController.SubmitInput.self, "Withdraw": ApplicationsAPIController.WithdrawInput.self,
        "OpinionInput": RecommendationService.Input.self, "IntakeInput": IntakeService.Input.self,
        "Opinion": ChainRecord.OpinionDTO.self,  // Expert review and the meeting.
        "ExpertInput": ExpertService.Input.self, "Expert": ExpertService.View.self,
        "ExpertImport": ExpertImport.Result.self, "ExpertEdit": ExpertAdminService.EditInput.self,
        "ReviewPlan": ReviewPlanDocument.Input.self, "Count": ReviewAPIController.Started.self,
        "ReviewInput": ReviewService.Input.self,
        "FinanceOpinionInput": FinanceOpinionService.Input.self,
        "Suggestion": SelectionService.SuggestionView.self,
        "Decision": SelectionService.Decision.self,
        // The notice, objections and the funded list.
        "NoticeStart": NoticeAPIController.StartInput.self, "Notice": NoticeService.NoticeView.self,
        "Funded": NoticeService.FundedView.self, "Objection": ObjectionService.ObjectionDTO.self,
        "ObjectionReceipt": ObjectionService.Receipt.self,
        // Accounts, calls and the rest.
        "Sanction": SanctionsController.SanctionDTO.self,
        "SanctionInput": SanctionsController.Input.self, "Recommender": RecommendersController.RecommenderDTO.self,
        "CallEdit": CallAdminService.EditInput.self, "Error": ErrorBody.self,
        "Export": ExportsController.ExportDTO.self, "UserInput": UserService.Input.self,
        "LoginResult": LoginController.LoginResponse.self,
    ]

    /// Schemas not yet paired with their type in `described` (issue 28, item 6: to be paired one
    /// by one; each pairing moves a name from here to there). A schema in neither list fails.
    static let notYetPaired: Set<String> = [
        // Paired and found to differ: the server writes display fields (labels, `…Text`, times,
        // PaperReceipt's type has no `warnings`) that these schemas do not list. To be settled
        // in the document, then paired.
        "Assignment", "AuditEvent", "Call", "Decisions", "Event", "FinanceOpinion", "Notification", "PaperReceipt",
        "RankingRow", "Review", "ReviewPlanView", "Session", "User",
        // Not yet looked at.
        "Account", "ApplicationList", "AssignmentList", "AttachmentList", "AuditEvents", "AuditVerification",
        "CallList", "Category", "ClosureList", "CreatedUser", "DashboardGroup", "DashboardRow", "DashboardStage",
        "DecisionList", "DivisionList", "ExpertCreated", "ExpertList", "ExpertStatus", "ForgotPassword",
        "HandoverInput", "HandoverResult", "Health", "History", "Message", "NoticePeriod", "NotificationList",
        "ObjectionInput", "ObjectionList", "OpinionList", "OrganizationAdminInput",
        "OrganizationDetail", "OrganizationSummaryList", "PairList", "PasswordChange", "PasswordLink",
        "PersonalDataEntry", "PersonalDataEntryList", "PersonalDataErasure", "Ranking", "Reason",
        "RecommenderDetail", "RecommenderImportResult", "RecommenderInput", "RecommenderList", "RecommenderUser",
        "Registration", "RegistrationResult", "ReviewList", "SanctionList", "SessionList", "TableUpload",
        "TwoFactorEnabled", "TwoFactorSetup", "TwoFactorStatus", "Upload", "UserEdit", "UserList",
    ]

    static func document() throws -> [String: Any] {
        let data = try JSONEncoder().encode(OpenAPIDocument.document())
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func schemas() throws -> [String: [String: Any]] {
        let components = try #require(try document()["components"] as? [String: Any])
        return try #require(components["schemas"] as? [String: [String: Any]])
    }

    /// The schemas some operation takes as its request body. Their types may leave a key out
    /// that the document requires: the service then answers with a problem naming the field, so
    /// the required-keys check is for what the server writes only.
    static func requestBodies() throws -> Set<String> {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var names: Set<String> = []
        for operation in paths.values.flatMap(\.values) {
            guard let body = (operation as? [String: Any])?["requestBody"] as? [String: Any],
                let content = body["content"] as? [String: [String: Any]]
            else { continue }
            for media in content.values {
                if let ref = (media["schema"] as? [String: Any])?["$ref"] as? String {
                    names.insert(String(ref.split(separator: "/").last ?? ""))
                }
            }
        }
        return names
    }

    /// A schema's properties and required keys, `allOf` parts and `$ref`s followed.
    static func keys(of schema: [String: Any], in schemas: [String: [String: Any]]) -> (
        all: Set<String>, required: Set<String>
    ) {
        if let ref = schema["$ref"] as? String, let target = schemas[String(ref.split(separator: "/").last ?? "")] {
            return keys(of: target, in: schemas)
        }
        var all = Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        var required = Set(schema["required"] as? [String] ?? [])
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            let keys = keys(of: part, in: schemas)
            all.formUnion(keys.all)
            required.formUnion(keys.required)
        }
        return (all, required)
    }

    @Test("every schema is paired with its type, or listed as not yet paired")
    func everySchemaIsCovered() throws {
        let names = Set(try Self.schemas().keys)
        let covered = Set(Self.described.keys).union(Self.notYetPaired)
        #expect(names.subtracting(covered).sorted() == [], "schemas the test does not know")
        #expect(covered.subtracting(names).sorted() == [], "names the document no longer has")
        #expect(Set(Self.described.keys).isDisjoint(with: Self.notYetPaired))
    }

    @Test("a paired schema's properties are its type's keys, and a written one requires none the type may leave out")
    func propertiesAreTheKeys() throws {
        let schemas = try Self.schemas()
        let requestBodies = try Self.requestBodies()
        for (name, type) in Self.described.sorted(by: { $0.key < $1.key }) {
            let schema = try #require(schemas[name], "\(name)")
            let documented = Self.keys(of: schema, in: schemas)
            let keys: CodingKeyRecorder.Keys
            do {
                keys = try CodingKeyRecorder.keys(of: type)
            } catch {
                Issue.record("\(name): \(type) could not be made up: \(error)")
                continue
            }
            #expect(
                documented.all == keys.all,
                "\(name): only in the schema \(documented.all.subtracting(keys.all).sorted()), only in \(type) \(keys.all.subtracting(documented.all).sorted())"
            )
            if !requestBodies.contains(name) {
                #expect(
                    documented.required.isSubset(of: keys.required),
                    "\(name) requires \(documented.required.subtracting(keys.required).sorted()), which \(type) may leave out"
                )
            }
        }
    }
}
