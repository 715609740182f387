import Fluent
import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// A complete conference application (`CompleteApplication.conference()`) through the API, and the files it needs.
enum ApplicationFixtures {
    static let pdf = Data("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)

    /// Registers 湖南鸿斯科技 in 岳麓区 with its user `hongsi`, through the API.
    static func registerApplicant(_ app: Application, uscc: String = "91430100MAE5UXKE2R", username: String = "hongsi")
        async throws -> String
    {
        let response = try await app.api(
            .POST, "/api/v1/registrations", rawBody: RegistrationTests.validJSON(uscc: uscc, username: username))
        guard response.status == .created else {
            throw Abort(.internalServerError, reason: "registration failed: \(response.body.string)")
        }
        return try await app.apiToken(username, "Xiangjiang2025")
    }

    struct Created: Decodable {
        var id: UUID
        var status: String
        var version: Int
    }

    static func createDraft(_ app: Application, token: String, category: String = "conference") async throws -> UUID {
        let response = try await app.api(.POST, "/api/v1/applications", token: token, json: ["category": category])
        return try response.content.decode(Created.self).id
    }

    static func fill(
        _ app: Application, _ id: UUID, token: String, form: ApplicationForm = CompleteApplication.conference()
    )
        async throws -> TestingHTTPResponse
    {
        try await app.api(.PATCH, "/api/v1/applications/\(id)", token: token, json: form)
    }

    static func upload(
        _ app: Application, _ id: UUID, token: String?, kind: String, name: String = "扫描件.pdf", data: Data = pdf,
        condition: String? = nil, overHTTP: Bool = false, to target: String = "attachments"
    ) async throws -> TestingHTTPResponse {
        let boundary = "----shenbao\(UUID().uuidString.prefix(8))"
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n\(kind)\r\n".utf8))
        if let condition {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"condition\"\r\n\r\n\(condition)\r\n".utf8)
            )
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/pdf\r\n\r\n"
                    .utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if let token { headers.bearerAuthorization = .init(token: token) }
        var result: TestingHTTPResponse?
        // In memory a body arrives whole; over real HTTP it streams and the size limit applies.
        let method: Application.Method = overHTTP ? .running(hostname: "127.0.0.1", port: 0) : .inMemory
        try await app.testing(method: method).test(
            .POST, "/api/v1/applications/\(id)/\(target)", headers: headers, body: ByteBuffer(data: body)
        ) { result = $0 }
        guard let result else { throw Abort(.internalServerError) }
        return result
    }

    static func recommenderID(_ app: Application, named name: String) async throws -> UUID {
        guard let org = try await OrganizationModel.query(on: app.db).filter(\.$name == name).first() else {
            throw Abort(.notFound, reason: name)
        }
        return try org.requireID()
    }

    /// A complete application with its required files (the scan, the certificate, evidence),
    /// ready to submit.
    static func readyDraft(_ app: Application, token: String) async throws -> UUID {
        let id = try await createDraft(app, token: token)
        _ = try await fill(app, id, token: token)
        try await uploadRequired(app, id, token: token)
        return id
    }

    /// The three files every application needs.
    static func uploadRequired(_ app: Application, _ id: UUID, token: String) async throws {
        _ = try await upload(app, id, token: token, kind: "signedScan")
        _ = try await upload(app, id, token: token, kind: "nonConfidentiality", name: "非涉密证明.pdf")
        _ = try await upload(app, id, token: token, kind: "evidence", name: "佐证材料.pdf")
    }
}

/// The docs/api.md application as tests read it back.
struct ApplicationBody: Decodable {
    struct Holder: Decodable { var kind: String; var organizationId: UUID?; var name: String }
    struct Attachment: Decodable {
        var id: UUID
        var name: String
        var kind: String
        var size: Int
        var sha256: String
        var condition: String?
    }
    struct Paper: Decodable {
        var copies: Int?
        var certificates: Int?
        var receivedOn: String?
        var warnings: [String]
    }
    struct ProblemBody: Decodable { var field: String; var code: String; var message: String }
    struct Organization: Decodable { var name: String?; var address: String? }
    struct CommitmentBody: Decodable { var accepted: Bool?; var acceptedBy: String?; var acceptedAt: String? }

    var id: UUID
    var status: String
    var statusLabel: String
    var currentHolder: Holder
    var version: Int
    var projectName: String?
    var requestedYuan: Int?
    var organization: Organization
    var attachments: [Attachment]
    var problems: [ProblemBody]
    var commitment: CommitmentBody?
    var paperReceipt: Paper?

    var problemFields: Set<String> { Set(problems.map(\.field)) }
}

/// The people of the chain for 岳麓区 applicants: the county, its city, the province.
struct ChainPeople {
    var applicant: String
    var county: String
    var city: String
    var province: String

    static func make(_ app: Application) async throws -> ChainPeople {
        let applicant = try await ApplicationFixtures.registerApplicant(app)
        func user(_ username: String, _ role: Role, organization name: String) async throws -> String {
            let organization = try #require(
                try await OrganizationModel.query(on: app.db).filter(\.$name == name).first())
            let user = UserModel(
                username: username, passwordHash: try Bcrypt.hash(TestUsers.password, cost: 4), role: role,
                organizationID: try organization.requireID(), contactName: name + "经办人", phone: "13800000000",
                email: "\(username)@example.com")
            try await user.create(on: app.db)
            return try await app.apiToken(username)
        }
        return ChainPeople(
            applicant: applicant,
            county: try await user("yuelu", .recommender, organization: "岳麓区科学技术协会"),
            city: try await user("changsha", .recommender, organization: "长沙市科学技术协会"),
            province: try await user("hnkx", .province, organization: "湖南省科学技术协会"))
    }
}

extension ApplicationFixtures {
    /// Submits a ready application to 岳麓区科协.
    static func submitted(_ app: Application, _ people: ChainPeople) async throws -> UUID {
        let id = try await readyDraft(app, token: people.applicant)
        let county = try await recommenderID(app, named: "岳麓区科学技术协会")
        let response = try await app.api(
            .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
            json: ["recommenderId": county.uuidString])
        guard response.status == .ok else { throw Abort(.internalServerError, reason: response.body.string) }
        return id
    }

    static func recommend(_ app: Application, _ id: UUID, token: String, comment: String = "同意推荐") async throws
        -> TestingHTTPResponse
    {
        struct Body: Encodable {
            var decision = "recommend"
            var comment: String
            var attested = true
        }
        return try await app.api(
            .POST, "/api/v1/applications/\(id)/opinions", token: token, json: Body(comment: comment))
    }

    static let fullChecklist: [String: Bool] = [
        "applicantKind": true, "division": true, "declarations": true, "commitment": true, "attachments": true,
        "budget": true, "paperCopies": true, "evidence": true,
    ]
}
