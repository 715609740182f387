import Fluent
import Foundation
import ShenbaoCore

/// One application (申报书). The form is one JSON document (the Core value); what lists and
/// permissions query is in columns. `version` grows with every write, so two writers racing on
/// one application are told apart inside the transaction.
final class ApplicationModel: Model, @unchecked Sendable {
    static let schema = "applications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "call_id") var call: CallModel
    @Field(key: "category") var category: ShenbaoCore.Category
    @Parent(key: "organization_id") var organization: OrganizationModel
    @Field(key: "status") var status: ApplicationStatus
    /// The recommender the applicant submitted to (first step of the chain).
    @OptionalParent(key: "recommender_id") var recommender: OrganizationModel?
    /// Who must act now: a recommender, the province, or nil when the applicant holds it.
    @OptionalParent(key: "holder_id") var holder: OrganizationModel?
    @Field(key: "form") var form: ApplicationForm
    /// The organisation as it was when submitted (section 一), never rewritten afterwards.
    @OptionalField(key: "organization_snapshot") var organizationSnapshot: OrganizationForm?
    @Field(key: "version") var version: Int
    /// The applicant's division (for the province's filters by city).
    @OptionalField(key: "division_code") var divisionCode: String?
    /// The ticked fields as `,code,code,`, so a filter is a plain LIKE on both databases.
    @OptionalField(key: "fields_index") var fieldsIndex: String?
    /// The form's project name and requested amount, copied out so a list of 50 reads two small
    /// columns instead of decoding 50 forms.
    @OptionalField(key: "project_name") var projectName: String?
    @OptionalField(key: "requested_yuan") var requestedYuan: Int?
    @Field(key: "created_by") var createdBy: UUID
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// 申报编号 (e.g. 2025-HY-0012), given at the first submission and kept for good.
    @OptionalField(key: "number") var number: String?
    /// The last day (`YYYY-MM-DD`, Beijing time) of the 补正 period the latest return for revision
    /// gave: the application may be submitted again through it although the deadline passed.
    @OptionalField(key: "correction_ends_on") var correctionEndsOn: String?
    /// When the form's content last changed (a save of the same form leaves it): a signed scan
    /// uploaded before it shows an older form.
    @OptionalField(key: "form_changed_at") var formChangedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// The attachments as read with the application (ApplicationLoading), nil when they were not.
    /// They stay true while the version does: every attachment change claims a new version.
    var loadedAttachments: [AttachmentModel]?
    /// The applicant organisation as read with the application (ApplicationLoading), nil when it was not.
    var loadedOrganization: OrganizationModel?
    /// When the call last changed, as read with the application; nil when it was not read.
    var loadedCallStamp: Date??

    init() {}

    init(callID: UUID, category: ShenbaoCore.Category, organizationID: UUID, createdBy: UUID) {
        self.$call.id = callID
        self.category = category
        self.$organization.id = organizationID
        self.status = .draft
        self.form = ApplicationForm()
        self.version = 1
        self.createdBy = createdBy
    }

    /// Keeps the filter and list columns in step with the form; called before every save of it.
    func indexForm() {
        let codes = form.fields?.codes ?? []
        fieldsIndex = codes.isEmpty ? nil : "," + codes.joined(separator: ",") + ","
        projectName = form.projectName
        requestedYuan = form.requestedYuan
    }
}

extension ApplicationModel {
    /// Listed by hand: Fluent otherwise finds them by reflection on every query, its largest
    /// cost in the profile. ModelPropertiesTests checks the list against reflection.
    var properties: [any AnyProperty] {
        [
            $id, $call, $category, $organization, $status, $recommender, $holder, $form, $organizationSnapshot,
            $version, $divisionCode, $fieldsIndex, $projectName, $requestedYuan, $createdBy, $submittedAt, $number,
            $correctionEndsOn, $formChangedAt,
            $createdAt, $updatedAt,
        ]
    }
}
