import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Creates user accounts of any role: the province's API and page, the `shenbao user create`
/// command and the first-start setup link all come through here.
struct UserService {
    struct Input: Content {
        var username: String?
        var password: String?
        var role: String?
        var organizationId: String?
        var contactName: String?
        var phone: String?
        var email: String?
    }

    struct Created: Content {
        var id: UUID
        var username: String
        var role: Role
        var organizationId: UUID?
    }

    let database: any Database
    let hasher: AsyncPasswordHasher

    /// `mustChangePassword`: the account is made for someone else, who chooses their own password
    /// at first login (everything but the first-start setup, where the user types their own).
    func create(_ input: Input, mustChangePassword: Bool) async throws -> Created {
        let account = AccountForm(
            username: input.username?.trimmingCharacters(in: .whitespaces), password: input.password,
            contactName: input.contactName?.trimmingCharacters(in: .whitespaces),
            phone: input.phone?.trimmingCharacters(in: .whitespaces),
            email: input.email?.trimmingCharacters(in: .whitespaces))
        var problems = AccountRules.problems(in: account, prefix: "")
        let role = input.role.flatMap(Role.init(rawValue:))
        if role == nil {
            let known = Role.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、")
            problems.append(
                Problem(field: "role", code: input.role == nil ? .required : .invalidValue, message: "请选择角色：\(known)")
            )
        }
        let organization = try await organization(for: role, raw: input.organizationId, problems: &problems)
        if let username = account.username, !username.isEmpty,
            try await UserModel.query(on: database).filter(\.$username == username).count() > 0
        {
            problems.append(Problem(field: "username", code: .duplicate, message: "用户名“\(username)”已被使用，请换一个"))
        }
        guard problems.isEmpty, let role else { throw AppError.validation(problems) }

        let user = UserModel(
            username: account.username ?? "", passwordHash: try await hasher.hash(account.password ?? ""), role: role,
            organizationID: try organization?.requireID(), contactName: account.contactName ?? "",
            phone: account.phone ?? "", email: account.email ?? "")
        user.mustChangePassword = mustChangePassword
        do {
            try await user.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.validation([Problem(field: "username", code: .duplicate, message: "用户名已被使用，请换一个")])
        }
        return Created(
            id: try user.requireID(), username: user.username, role: role, organizationId: user.$organization.id)
    }

    /// Which organisation a role's user belongs to: applicants and recommenders need one of their
    /// kind; province users belong to the province; finance and experts may name one.
    func organization(for role: Role?, raw: String?, problems: inout [Problem]) async throws
        -> OrganizationModel?
    {
        let trimmed = raw?.trimmingCharacters(in: .whitespaces) ?? ""
        var found: OrganizationModel?
        if !trimmed.isEmpty {
            // An id from the pages and the API; the full name from a clerk at the command line.
            if let id = UUID(uuidString: trimmed) {
                found = try await OrganizationModel.find(id, on: database)
            } else {
                let named = try await OrganizationModel.query(on: database).filter(\.$name == trimmed).limit(2).all()
                found = named.count == 1 ? named.first : nil
            }
            if found == nil {
                problems.append(
                    Problem(
                        field: "organizationId", code: .notFound,
                        message: "所属单位“\(trimmed)”不存在，请核对单位编号或单位全称"))
                return nil
            }
        }
        switch role {
        case .applicant?, .recommender?:
            let expected: OrganizationKind = role == .applicant ? .applicant : .recommender
            guard let found else {
                problems.append(
                    Problem(field: "organizationId", code: .required, message: "\(role?.label ?? "")必须属于一个单位，请选择所属单位")
                )
                return nil
            }
            if found.kind != expected {
                let what = expected == .applicant ? "申报单位" : "推荐单位"
                problems.append(
                    Problem(field: "organizationId", code: .wrongKind, message: "所选单位“\(found.name)”不是\(what)"))
            }
            return found
        case .province?, .sysadmin?, .auditor?:
            // The association's own staff, administrators included.
            if let found, found.kind != .province {
                problems.append(
                    Problem(
                        field: "organizationId", code: .wrongKind, message: "\(role?.label ?? "")只能属于湖南省科学技术协会"))
            }
            if let found { return found }
            return try await OrganizationModel.query(on: database).filter(\.$kind == .province).first()
        case .finance?, .expert?, nil:
            return found
        }
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
