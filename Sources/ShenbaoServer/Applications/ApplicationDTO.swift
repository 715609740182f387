import Foundation
import ShenbaoCore
import Vapor

/// An application in the shape of docs/api.md: its facts, then every form field at the top level,
/// then `requestedYuan`, its attachments and what still blocks submission.
struct ApplicationDTO: Content {
    struct Holder: Content {
        /// `applicant`, `recommender` or `province`.
        var kind: String
        var organizationId: UUID?
        var name: String
    }

    struct Attachment: Content {
        var id: UUID
        var name: String
        var kind: AttachmentKind
        var kindLabel: String
        /// For evidence: the code of the priority condition it proves, nil for general evidence.
        var condition: String?
        var contentType: String
        var size: Int64
        var sha256: String
        var uploadedAt: Date?

        init(_ attachment: AttachmentModel) throws {
            id = try attachment.requireID()
            name = attachment.name
            kind = attachment.kind
            kindLabel = attachment.kind.label
            condition = attachment.conditionCode
            contentType = attachment.contentType
            size = attachment.size
            sha256 = attachment.sha256
            uploadedAt = attachment.createdAt
        }
    }

    /// The paper the province counted at intake, with a warning for each shortfall.
    struct Paper: Content {
        var copies: Int?
        var certificates: Int?
        /// YYYY-MM-DD.
        var receivedOn: String?
        var warnings: [String]

        init(_ receipt: PaperReceipt, requirements: SubmissionRequirements) {
            copies = receipt.copies
            certificates = receipt.certificates
            receivedOn = receipt.receivedOn?.description
            warnings = receipt.warnings(requirements)
        }
    }

    var id: UUID
    /// 申报编号, from the first submission on.
    var number: String?
    var callId: UUID
    var category: ShenbaoCore.Category
    var status: ApplicationStatus
    var statusLabel: String
    var currentHolder: Holder
    var recommenderId: UUID?
    var organization: OrganizationForm
    var form: ApplicationForm
    var requestedYuan: Int?
    var attachments: [Attachment]
    var problems: [Problem]
    var version: Int
    var submittedAt: Date?
    /// The last day of the 补正 period of the latest return (`YYYY-MM-DD`), or nil.
    var correctionEndsOn: String?
    var createdAt: Date?
    var updatedAt: Date?
    /// Nil until the province has counted the paper at intake.
    var paperReceipt: Paper?

    private enum Keys: String, CodingKey {
        case id, number, callId, category, status, statusLabel, currentHolder, recommenderId, organization,
            requestedYuan, attachments, problems, version, submittedAt, correctionEndsOn, createdAt, updatedAt,
            paperReceipt
    }

    /// The form's fields sit beside the facts, as docs/api.md shows them, not under a `form` key.
    func encode(to encoder: any Encoder) throws {
        try form.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(callId, forKey: .callId)
        try container.encode(category, forKey: .category)
        try container.encode(status, forKey: .status)
        try container.encode(statusLabel, forKey: .statusLabel)
        try container.encode(currentHolder, forKey: .currentHolder)
        try container.encode(recommenderId, forKey: .recommenderId)
        try container.encode(organization, forKey: .organization)
        try container.encode(requestedYuan, forKey: .requestedYuan)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(problems, forKey: .problems)
        try container.encode(version, forKey: .version)
        try container.encode(submittedAt, forKey: .submittedAt)
        try container.encode(correctionEndsOn, forKey: .correctionEndsOn)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(paperReceipt, forKey: .paperReceipt)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        form = try ApplicationForm(from: decoder)
        id = try container.decode(UUID.self, forKey: .id)
        number = try container.decodeIfPresent(String.self, forKey: .number)
        callId = try container.decode(UUID.self, forKey: .callId)
        category = try container.decode(ShenbaoCore.Category.self, forKey: .category)
        status = try container.decode(ApplicationStatus.self, forKey: .status)
        statusLabel = try container.decode(String.self, forKey: .statusLabel)
        currentHolder = try container.decode(Holder.self, forKey: .currentHolder)
        recommenderId = try container.decodeIfPresent(UUID.self, forKey: .recommenderId)
        organization = try container.decode(OrganizationForm.self, forKey: .organization)
        requestedYuan = try container.decodeIfPresent(Int.self, forKey: .requestedYuan)
        attachments = try container.decode([Attachment].self, forKey: .attachments)
        problems = try container.decode([Problem].self, forKey: .problems)
        version = try container.decode(Int.self, forKey: .version)
        submittedAt = try container.decodeIfPresent(Date.self, forKey: .submittedAt)
        correctionEndsOn = try container.decodeIfPresent(String.self, forKey: .correctionEndsOn)
        createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
        paperReceipt = try container.decodeIfPresent(Paper.self, forKey: .paperReceipt)
    }

    init(
        _ application: ApplicationModel, organization: OrganizationModel, holder: OrganizationModel?,
        attachments: [AttachmentModel], problems: [Problem]
    ) throws {
        id = try application.requireID()
        number = application.number
        callId = application.$call.id
        category = application.category
        status = application.status
        statusLabel = application.status.label
        if let holder {
            currentHolder = Holder(
                kind: holder.kind == .province ? "province" : "recommender", organizationId: holder.id,
                name: holder.name)
        } else {
            currentHolder = Holder(kind: "applicant", organizationId: organization.id, name: organization.name)
        }
        recommenderId = application.$recommender.id
        self.organization = application.organizationSnapshot ?? organization.form
        form = application.form
        requestedYuan = application.form.requestedYuan
        self.attachments = try attachments.map(Attachment.init)
        self.problems = problems
        version = application.version
        submittedAt = application.submittedAt
        correctionEndsOn = application.correctionEndsOn
        createdAt = application.createdAt
        updatedAt = application.updatedAt
    }
}

extension ApplicationDTO {
    /// The answer with the form's JSON as it was just encoded for the database: the facts are
    /// encoded as any answer would be, and the form's fields set beside them, as `encode(to:)`
    /// does. Encoding the form was the largest part of answering a save.
    func response(formJSON: Data) throws -> Response {
        var facts = self
        facts.form = ApplicationForm()  // every field absent: the facts alone
        var body = ByteBuffer()
        var headers = HTTPHeaders()
        try ContentConfiguration.global.requireEncoder(for: .json).encode(facts, to: &body, headers: &headers)
        // An empty form ("{}") adds nothing to the facts.
        guard formJSON.count > 2 else { return Response(status: .ok, headers: headers, body: .init(buffer: body)) }
        // Both are one JSON object: the form's members, then the facts'.
        var joined = ByteBuffer()
        joined.reserveCapacity(formJSON.count + body.readableBytes)
        joined.writeBytes(formJSON.dropLast())
        joined.writeStaticString(",")
        body.moveReaderIndex(forwardBy: 1)
        joined.writeBuffer(&body)
        return Response(status: .ok, headers: headers, body: .init(buffer: joined))
    }
}

/// A line of "我的申报" and of the API list: enough to find and open an application.
struct ApplicationSummary: Content {
    var id: UUID
    /// 申报编号; nil for a draft never submitted.
    var number: String?
    var category: ShenbaoCore.Category
    var categoryLabel: String
    var projectName: String
    var organizationName: String
    var status: ApplicationStatus
    var statusLabel: String
    var holderName: String
    var requestedYuan: Int?
    var requestedWan: String
    var updatedAt: Date?
    var updatedAtText: String
}
