import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The expert pool: one expert at a time from the form or the API, or many from a spreadsheet.
/// An expert gets an account of the expert role, so they can sign in and score.
struct ExpertService {
    let db: any Database
    let hasher: AsyncPasswordHasher

    /// `POST /api/v1/experts` (docs/api.md).
    struct Input: Content {
        var name: String?
        var organizationName: String?
        var organizationId: String?
        var title: String?
        var fields: [String]?
        var phone: String?
        var email: String?
        var conflictOrganizationIds: [String]?
        var username: String?
        var password: String?

        var form: ExpertForm {
            ExpertForm(
                name: name?.trimmingCharacters(in: .whitespaces),
                organizationName: organizationName?.trimmingCharacters(in: .whitespaces),
                title: title?.trimmingCharacters(in: .whitespaces), fields: fields,
                phone: phone?.trimmingCharacters(in: .whitespaces), email: email?.trimmingCharacters(in: .whitespaces))
        }
    }

    struct Created: Content {
        var id: UUID
        var userId: UUID?
        var username: String?
    }

    /// An expert as lists show it.
    struct View: Content {
        var id: UUID
        var name: String
        var organizationName: String
        var organizationId: UUID?
        var title: String
        var fields: [String]
        var fieldLabels: String
        var phone: String
        var email: String
        var conflictOrganizationIds: [UUID]
        var conflictOrganizationNames: String
        var userId: UUID?
        var username: String?
        /// A deactivated expert (停用) is never assigned again; their submitted reviews stay.
        var active: Bool
        var deactivatedAt: Date?
        /// The expert's own maximum number of reviews; absent: the review plan's applies.
        var maxReviews: Int?
    }

    func create(_ input: Input, call: CallDefinition, prefix: String = "") async throws -> Created {
        let (expert, problems) = try await build(input, call: call, prefix: prefix)
        let wantsAccount = !(input.username ?? "").isEmpty || !(input.password ?? "").isEmpty
        var accountProblems: [Problem] = []
        if wantsAccount {
            // The account's rules are the users API's; its contact is the expert's own.
            var account = AccountRules.usernameProblems(
                input.username?.trimmingCharacters(in: .whitespaces), field: "username")
            account += PasswordPolicy.problems(
                input.password, field: "password", username: input.username?.trimmingCharacters(in: .whitespaces))
            if let name = input.username?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
                try await UserModel.query(on: db).filter(\.$username == name).count() > 0
            {
                account.append(Problem(field: "username", code: .duplicate, message: "用户名“\(name)”已被使用，请换一个"))
            }
            accountProblems = account.map {
                Problem(field: prefix.isEmpty ? $0.field : "\(prefix).\($0.field)", code: $0.code, message: $0.message)
            }
        }
        guard problems.isEmpty, accountProblems.isEmpty else { throw AppError.validation(problems + accountProblems) }
        let hash = wantsAccount ? try await hasher.hash(input.password ?? "") : nil
        let username = input.username?.trimmingCharacters(in: .whitespaces)
        return try await db.transaction { db in
            try await Self.save(expert, username: hash == nil ? nil : username, passwordHash: hash, on: db)
        }
    }

    /// Saves the expert and, with a password hash, their account, inside the caller's transaction.
    static func save(_ expert: ExpertModel, username: String?, passwordHash: String?, on db: any Database)
        async throws -> Created
    {
        var userID: UUID?
        if let username, let passwordHash {
            let user = UserModel(
                username: username, passwordHash: passwordHash, role: .expert, organizationID: expert.$organization.id,
                contactName: expert.name, phone: expert.phone, email: expert.email)
            // The province typed or imported this password: the expert chooses their own at first login.
            user.mustChangePassword = true
            do {
                try await user.create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw AppError.validation([Problem(field: "username", code: .duplicate, message: "用户名已被使用，请换一个")])
            }
            userID = try user.requireID()
            expert.userID = userID
        }
        try await expert.create(on: db)
        return Created(id: try expert.requireID(), userId: userID, username: username)
    }

    /// The expert the input describes, and every problem of it.
    func build(_ input: Input, call: CallDefinition, prefix: String) async throws -> (ExpertModel, [Problem]) {
        let form = input.form
        var problems = form.problems(call: call, prefix: prefix)
        let p = prefix.isEmpty ? "" : prefix + "."
        var organization: OrganizationModel?
        if let raw = input.organizationId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            organization = try await UUID(uuidString: raw).asyncFlatMap { try await OrganizationModel.find($0, on: db) }
            if organization == nil {
                problems.append(Problem(field: "\(p)organizationId", code: .notFound, message: "所选工作单位不是本系统中的单位"))
            }
        } else if let name = form.organizationName, !name.isEmpty {
            // Linked when the expert works at a registered organisation, so conflicts are checked.
            organization = try await OrganizationModel.query(on: db).filter(\.$name == name).first()
        }
        var conflicts: [UUID] = []
        for (index, raw) in (input.conflictOrganizationIds ?? []).enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let found: OrganizationModel? =
                if let id = UUID(uuidString: trimmed) {
                    try await OrganizationModel.find(id, on: db)
                } else {
                    try await OrganizationModel.query(on: db).filter(\.$name == trimmed).first()
                }
            if let id = found?.id {
                if !conflicts.contains(id) { conflicts.append(id) }
            } else {
                problems.append(
                    Problem(
                        field: "\(p)conflictOrganizationIds[\(index)]", code: .notFound,
                        message: "回避单位“\(trimmed)”不是本系统中的单位，请核对单位全称"))
            }
        }
        let expert = ExpertModel()
        expert.name = form.name ?? ""
        expert.organizationName = organization?.name ?? form.organizationName ?? ""
        expert.$organization.id = organization?.id
        expert.title = form.title ?? ""
        expert.fields = form.fieldCodes(call: call).compactMap { $0 }
        expert.phone = form.phone ?? ""
        expert.email = form.email ?? ""
        expert.conflictOrganizationIDs = conflicts
        expert.active = true
        return (expert, problems)
    }

    static func views(_ experts: [ExpertModel], call: CallDefinition, on db: any Database) async throws -> [View] {
        let labels = Dictionary(
            ExpertForm.fieldOptions(of: call).map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let organizations = try await OrganizationModel.query(on: db).filter(
            \.$id ~~ Array(Set(experts.flatMap(\.conflictOrganizationIDs)))
        ).all()
        let names = Dictionary(
            organizations.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let users = try await UserModel.query(on: db).filter(\.$id ~~ experts.compactMap(\.userID)).all()
        let usernames = Dictionary(
            users.compactMap { u in u.id.map { ($0, u.username) } }, uniquingKeysWith: { a, _ in a })
        return try experts.map { expert in
            View(
                id: try expert.requireID(), name: expert.name, organizationName: expert.organizationName,
                organizationId: expert.$organization.id, title: expert.title, fields: expert.fields,
                fieldLabels: expert.fields.map { labels[$0] ?? $0 }.joined(separator: "、"), phone: expert.phone,
                email: expert.email, conflictOrganizationIds: expert.conflictOrganizationIDs,
                conflictOrganizationNames: expert.conflictOrganizationIDs.compactMap { names[$0] }.joined(
                    separator: "、"),
                userId: expert.userID, username: expert.userID.flatMap { usernames[$0] }, active: expert.active,
                deactivatedAt: expert.deactivatedAt, maxReviews: expert.maxReviews)
        }
    }
}
