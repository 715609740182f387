import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `/workspace`: where each role lands after login, showing its organisation and what it can do.
struct WorkspaceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignedIn()).get("workspace", use: show)
    }

    struct Row: Encodable {
        var label: String
        var value: String
    }

    struct Page: Encodable {
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
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let organization = try await user.organizationID.asyncFlatMap {
            try await OrganizationModel.find($0, on: req.db)
        }
        let call = try await CallModel.latest(on: req.db)
        let account = try await UserModel.find(user.id, on: req.db)
        let previousLogin = account?.previousLoginText
        var counts: [Row] = []
        if user.role == .province {
            counts = [
                Row(
                    label: "已注册申报单位",
                    value: String(try await OrganizationModel.query(on: req.db).filter(\.$kind == .applicant).count())),
                Row(
                    label: "推荐单位",
                    value: String(try await OrganizationModel.query(on: req.db).filter(\.$kind == .recommender).count())
                ),
                Row(label: "用户账号", value: String(try await UserModel.query(on: req.db).count())),
            ]
        }
        let page = Page(
            role: user.role.rawValue, roleLabel: user.role.label,
            registered: req.query[String.self, at: "registered"] != nil,
            organizationName: organization?.name,
            organizationRows: organization.map { $0.profileRows.map { Row(label: $0.label, value: $0.value) } } ?? [],
            counts: counts,
            todos: try await WorkspaceTodos.load(for: user, call: call, on: req.db),
            call: try call.map(CallPage.init),
            showsCallDeadline: [.applicant, .recommender, .province].contains(user.role), previousLogin: previousLogin,
            passwordSet: req.query[String.self, at: "passwordSet"] != nil)
        return try await req.renderPage(.workspaceShow, title: "工作台", page)
    }
}
