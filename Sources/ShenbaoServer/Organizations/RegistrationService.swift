import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Registers an applicant organisation and its first user, for the page and the API alike.
struct RegistrationService {
    struct Input: Content {
        var organization: OrganizationForm?
        var user: AccountForm?
    }

    struct Result: Content {
        var organizationId: UUID
        var userId: UUID
        /// Non-blocking remarks (the USCC's division digits disagree with the chosen division).
        var warnings: [Problem]
    }

    let request: Request

    /// Every problem of the input at once, the database's duplicates included.
    func problems(in input: Input) async throws -> [Problem] {
        let (organization, account) = Self.normalized(input)
        let call = try await Self.currentCall(on: request.db)
        return RegistrationRules.problems(in: organization, call: call, divisions: .hunan)
            + AccountRules.problems(in: account)
            + (try await duplicates(organization: organization, account: account))
    }

    static func normalized(_ input: Input) -> (OrganizationForm, AccountForm) {
        var account = input.user ?? AccountForm()
        func trim(_ value: String?) -> String? {
            value?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        account.username = trim(account.username)
        account.contactName = trim(account.contactName)
        account.phone = trim(account.phone)
        account.email = trim(account.email)
        return ((input.organization ?? OrganizationForm()).normalized(), account)
    }

    /// Registers, or refuses with every problem at once; nothing is written unless all is well.
    func register(_ input: Input) async throws -> Result {
        let problems = try await problems(in: input)
        guard problems.isEmpty else { throw AppError.validation(problems) }
        let (organization, account) = Self.normalized(input)
        // Reserved before the password is hashed: registration is open to anyone, and each one
        // gets a storage quota of its own.
        let config = request.application.shenbaoConfig
        let limit = RateLimit(
            bucket: "registration", limit: config.registrationsPerAddress, window: 24 * 3600,
            code: .tooManyRegistrations,
            message: "此网络地址今天已注册\(config.registrationsPerAddress)个单位，请明天再试；如确有需要，请联系省科协")
        let reservation = try await limit.reserve(
            request.clientAddress(trustProxy: config.trustProxy), now: SecurityClock.now, on: request.db)
        do {
            return try await create(organization: organization, account: account)
        } catch {
            try? await limit.release(reservation, on: request.db)
            throw error
        }
    }

    private func create(organization: OrganizationForm, account: AccountForm) async throws -> Result {
        let passwordHash = try await request.password.async.hash(account.password ?? "")
        let model = OrganizationModel(applicant: organization)
        do {
            let userID: UUID = try await request.db.transaction { db in
                try await model.create(on: db)
                let user = UserModel(
                    username: account.username ?? "", passwordHash: passwordHash, role: .applicant,
                    organizationID: try model.requireID(), contactName: account.contactName ?? "",
                    phone: account.phone ?? "", email: account.email ?? "")
                try await user.create(on: db)
                return try user.requireID()
            }
            return Result(
                organizationId: try model.requireID(), userId: userID,
                warnings: RegistrationRules.warnings(for: organization, divisions: .hunan))
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another registration with the same code or username won the race: report it as the
            // check above would have.
            let again = try await duplicates(organization: organization, account: account)
            throw AppError.validation(again.isEmpty ? [Self.usccTaken] : again)
        }
    }

    private func duplicates(organization: OrganizationForm, account: AccountForm) async throws -> [Problem] {
        var problems: [Problem] = []
        if let uscc = organization.uscc, USCC.isValid(uscc),
            try await OrganizationModel.query(on: request.db).filter(\.$uscc == uscc).count() > 0
        {
            problems.append(Self.usccTaken)
        }
        if let username = account.username, !username.isEmpty,
            try await UserModel.query(on: request.db).filter(\.$username == username).count() > 0
        {
            problems.append(
                Problem(field: "user.username", code: .duplicate, message: "用户名“\(username)”已被使用，请换一个"))
        }
        return problems
    }

    static let usccTaken = Problem(
        field: "organization.uscc", code: .duplicate,
        message: "该统一社会信用代码已注册。请使用本单位已有账号登录；如不知道账号，请联系省科协")

    static func currentCall(on db: any Database) async throws -> CallDefinition {
        if let call = try await CallModel.latest(on: db) {
            return call.current
        }
        return try CallDefinition.guide2025()
    }
}
