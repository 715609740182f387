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
        "Problem": Problem.self, "Option": Option.self, "Bounds": Bounds.self, "Question": Question.self,
        "Choices": Choices.self,
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
        "ReviewSnapshot": ReviewChangeModel.Snapshot.self, "ReviewChange": ReviewOversightService.ChangeView.self,
        "ReviewReopen": ReviewOversightService.ReopenInput.self,
        "ReviewExtensionInput": ReviewOversightService.ExtensionInput.self,
        "ReviewExtension": ReviewOversightService.ExtensionView.self,
        "FinanceOpinionInput": FinanceOpinionService.Input.self,
        "Suggestion": SelectionService.SuggestionView.self,
        "Decision": SelectionService.Decision.self,
        // The notice, objections and the funded list.
        "NoticeStart": NoticeAPIController.StartInput.self, "Notice": NoticeService.NoticeView.self,
        "Funded": NoticeService.FundedView.self, "Objection": ObjectionService.ObjectionDTO.self,
        "ObjectionReceipt": ObjectionService.Receipt.self,
        // Accounts, calls and the rest.
        "Sanction": SanctionsController.SanctionDTO.self,
        "SanctionInput": SanctionsController.Input.self, "Disbursement": DisbursementService.DTO.self,
        "DisbursementInput": DisbursementsAPIController.Input.self,
        "ChangeRequest": ChangeRequestService.DTO.self, "ChangeRequestList": ChangeRequestService.ListDTO.self,
        "ChangeRequestInput": ChangeRequestsAPIController.Input.self,
        "ChangeDecisionInput": ChangeRequestsAPIController.DecisionInput.self,
        "ReportDefinition": ReportDefinition.self, "AccountRow": Report.AccountRow.self,
        "ReportInput": ReportsAPIController.SaveInput.self,
        "ReportDecisionInput": ReportsAPIController.DecisionInput.self, "ReportAccount": ReportService.AccountDTO.self,
        "ReportEvidence": ReportService.EvidenceDTO.self, "Report": ReportService.DTO.self,
        "ReportList": ReportService.ListDTO.self, "AcceptanceInput": ReportsAPIController.AcceptanceInput.self,
        "Acceptance": AcceptanceService.DTO.self, "AcceptanceList": AcceptanceService.ListDTO.self,
        "CloseInput": ReportsAPIController.CloseInput.self,
        "ChangePart": ChangeRequest.Part.self,
        "ChangeEvidence": ChangeRequestService.Evidence.self,
        "DisbursementList": DisbursementService.ListDTO.self, "Recommender": RecommendersController.RecommenderDTO.self,
        "CallEdit": CallAdminService.EditInput.self, "AgreementReturn": AgreementAPIController.ReturnInput.self,
        "CallCopy": CallAdminService.CopyInput.self,
        "CallDefinition": CallEditorService.Input.self,
        "Error": ErrorBody.self,
        "Export": ExportsController.ExportDTO.self, "UserInput": UserService.Input.self,
        "LoginResult": LoginController.LoginResponse.self,
        // What the server writes, with the display fields (labels, `…Text`) the pages share.
        "Assignment": ReviewAPIController.AssignmentView.self, "AuditEvent": AuditController.EventDTO.self,
        "Call": CallDTO.self, "Decisions": SelectionService.DecisionsView.self, "Event": ChainRecord.EventDTO.self,
        "FinanceOpinion": FinanceOpinionService.View.self,
        "Notification": NotificationsController.NotificationDTO.self, "PaperReceipt": ApplicationDTO.Paper.self,
        "RankingRow": RankingService.Row.self, "Review": ReviewService.View.self,
        "ReviewPlanView": ReviewPlanService.View.self, "Session": AccountController.SessionDTO.self,
        "User": UsersController.UserDTO.self, "Account": AccountController.AccountDTO.self,
        "AuditEvents": AuditController.Events.self, "AuditVerification": AuditController.Verification.self,
        "Category": CategoryDefinition.self, "CreatedUser": UserService.Created.self,
        "DashboardGroup": ShenbaoCore.Dashboard.Group.self, "DashboardRow": ShenbaoCore.Dashboard.Row.self,
        "DashboardStage": ShenbaoCore.Dashboard.Stage.self,
        "DashboardFilter": ShenbaoCore.DashboardFilter.Offer.self, "ExpertCreated": ExpertService.Created.self,
        "ExpertStatus": ExpertAdminService.StatusResult.self, "ForgotPassword": PasswordLinkController.Forgot.self,
        "HandoverInput": RecommenderHandoverService.Input.self,
        "HandoverResult": RecommenderHandoverService.Result.self, "Health": HealthController.Status.self,
        "Message": PasswordLinkController.Answer.self, "NoticePeriod": NoticeAPIController.Period.self,
        "ObjectionInput": ObjectionForm.self, "OrganizationAdminInput": OrganizationAdminService.Input.self,
        "OrganizationDetail": OrganizationView.self, "PasswordChange": PasswordService.Change.self,
        "PasswordLink": PasswordService.Link.self, "PersonalDataEntry": PersonalDataService.Entry.self,
        "PersonalDataErasure": PersonalDataEraser.Result.self,
        "Reason": RecommenderAdminAPIController.ReasonInput.self,
        "RecommenderDetail": RecommenderAdminAPIController.Detail.self,
        "RecommenderImportResult": RecommenderImport.Result.self, "RecommenderInput": RecommenderForm.self,
        "RecommenderUser": RecommenderUsers.User.self, "Registration": RegistrationService.Input.self,
        "RegistrationResult": RegistrationService.Result.self, "TwoFactorEnabled": TwoFactorController.Enabled.self,
        "TwoFactorSetup": TwoFactorController.SetupInput.self, "TwoFactorStatus": TwoFactorController.Status.self,
        "UserEdit": UserAdministration.Edit.self,
        "CalendarYearInput": CalendarYearForm.self, "CalendarHoliday": CalendarYearForm.Holiday.self,
        "CalendarWorkingDay": CalendarYearForm.AdjustedWorkingDay.self,
        "CalendarYear": CalendarYearService.YearView.self,
        "RecommenderQuotasInput": RecommenderQuotaService.Input.self,
        "RecommenderQuotas": RecommenderQuotaService.QuotasDTO.self,
        "RecommenderQuotaUsage": RecommenderQuotaService.Usage.self,
    ]

    /// Schemas that are a list of another schema: the list's items are that schema, which is
    /// paired above, and the server answers with an array of its type.
    static let lists: [String: String] = [
        "ApplicationList": "ApplicationSummary", "AssignmentList": "Assignment", "AttachmentList": "Attachment",
        "CallList": "Call", "ClosureList": "Closure", "DecisionList": "Decision", "DivisionList": "Division",
        "ExpertList": "Expert", "History": "Event", "NotificationList": "Notification", "ObjectionList": "Objection",
        "OpinionList": "Opinion", "OrganizationSummaryList": "OrganizationSummary", "PairList": "Pair",
        "PersonalDataEntryList": "PersonalDataEntry", "RecommenderList": "Recommender", "ReviewList": "Review",
        "ReviewChangeList": "ReviewChange", "ReviewExtensionList": "ReviewExtension",
        "SanctionList": "Sanction", "SessionList": "Session", "UserList": "User", "CalendarYearList": "CalendarYear",
        "RecommenderQuotaUsageList": "RecommenderQuotaUsage",
    ]

    /// Multipart bodies (a file and its fields), read field by field by `MultipartForm`, with no
    /// Codable type to compare; `MultipartFormTests` and the attachment tests cover their fields.
    static let multipart: Set<String> = ["TableUpload", "Upload"]

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

    @Test("every schema is paired with its type, is a list of a paired one, or is a multipart body")
    func everySchemaIsCovered() throws {
        let names = Set(try Self.schemas().keys)
        let covered = Set(Self.described.keys).union(Self.lists.keys).union(Self.multipart).union(["Ranking"])
        #expect(names.subtracting(covered).sorted() == [], "schemas the test does not know")
        #expect(covered.subtracting(names).sorted() == [], "names the document no longer has")
    }

    @Test("a list schema is an array of a paired schema")
    func listsArePairedItems() throws {
        let schemas = try Self.schemas()
        for (name, item) in Self.lists.sorted(by: { $0.key < $1.key }) {
            let schema = try #require(schemas[name], "\(name)")
            #expect(schema["type"] as? String == "array", "\(name)")
            let ref = (schema["items"] as? [String: Any])?["$ref"] as? String
            #expect(ref == "#/components/schemas/\(item)", "\(name)")
            #expect(Self.described[item] != nil, "\(name)'s items \(item) are paired with a type")
        }
    }

    @Test("the ranking is one list of ranking rows per category, as RankingService writes it")
    func rankingByCategory() throws {
        let schema = try #require(try Self.schemas()["Ranking"])
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == Set(ShenbaoCore.Category.allCases.map(\.rawValue)))
        for (key, list) in properties {
            let ref = (list["items"] as? [String: Any])?["$ref"] as? String
            #expect(list["type"] as? String == "array" && ref == "#/components/schemas/RankingRow", "\(key)")
        }
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
