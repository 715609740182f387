import Fluent
import Foundation
import ShenbaoCore

/// What `/workspace` shows a signed-in person: their organisation, what waits for them, the call.
struct WorkspacePage: Encodable {
    struct Row: Encodable {
        var label: String
        var value: String
    }

    var role: String
    var roleLabel: String
    var registered: Bool
    var organizationName: String?
    var organizationRows: [Row]
    var counts: [Row]
    /// What waits for this person now (待办), with the nearest deadline.
    var todos: [WorkspaceTodo]
    var call: CallPage?
    /// The call's submission deadline matters to those who submit or recommend; an expert's
    /// deadline is the review's, shown with the to-do.
    var showsCallDeadline: Bool
    /// The login before this one, so a stranger's use is noticed.
    var previousLogin: String?
    var passwordSet: Bool
    /// The province's late and soon-due project reports of the call (WorkspaceReports).
    var reports: WorkspaceReports? = nil

    /// The page of `user` in `call` (the chosen one, CallChoice), read from `db`; `registered` and
    /// `passwordSet` say which welcome to show.
    static func load(
        for user: AuthenticatedUser, call: CallModel?, registered: Bool, passwordSet: Bool, on db: any Database
    ) async throws -> WorkspacePage {
        let organization = try await user.organizationID.asyncFlatMap { try await OrganizationModel.find($0, on: db) }
        let account = try await UserModel.find(user.id, on: db)
        var counts: [Row] = []
        if user.role == .province {
            counts = [
                Row(
                    label: "已注册申报单位",
                    value: String(try await OrganizationModel.query(on: db).filter(\.$kind == .applicant).count())),
                Row(
                    label: "推荐单位",
                    value: String(try await OrganizationModel.query(on: db).filter(\.$kind == .recommender).count())),
                Row(label: "用户账号", value: String(try await UserModel.query(on: db).count())),
            ]
        }
        return WorkspacePage(
            role: user.role.rawValue, roleLabel: user.role.label, registered: registered,
            organizationName: organization?.name,
            organizationRows: organization.map { $0.profileRows.map { Row(label: $0.label, value: $0.value) } } ?? [],
            counts: counts, todos: try await WorkspaceTodos.load(for: user, call: call, on: db),
            call: try call.map(CallPage.init),
            showsCallDeadline: [.applicant, .recommender, .province].contains(user.role),
            previousLogin: account?.previousLoginText, passwordSet: passwordSet)
    }
}
