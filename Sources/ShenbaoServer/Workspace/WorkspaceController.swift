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
            organizationRows: organization.map(Self.rows) ?? [],
            counts: counts,
            todos: try await WorkspaceTodos.load(for: user, call: call, on: req.db),
            call: try call.map(CallPage.init),
            showsCallDeadline: [.applicant, .recommender, .province].contains(user.role), previousLogin: previousLogin,
            passwordSet: req.query[String.self, at: "passwordSet"] != nil)
        return try await req.renderPage("workspace/show", title: "工作台", page)
    }

    /// The organisation as section 一 of the form shows it.
    static func rows(_ org: OrganizationModel) -> [Row] {
        let kindLabel: String
        switch org.kind {
        case .applicant: kindLabel = "申报单位"
        case .recommender: kindLabel = "推荐单位（\(org.recommenderKind?.label ?? "")）"
        case .province: kindLabel = "省科协"
        }
        var rows = [Row(label: "单位类型", value: kindLabel)]
        let optional: [(String, String?)] = [
            ("统一社会信用代码", org.uscc),
            ("法人代表", org.legalRepresentative),
            ("地址", org.address),
            ("邮政编码", org.postalCode),
            ("联系电话", org.phone),
            ("单位性质", org.nature?.label),
            ("所在行政区划", org.divisionCode.map { DivisionCatalog.hunan.displayName(code: $0) ?? $0 }),
            ("开户名", org.bankAccountName),
            ("开户银行", org.bankName),
            ("账号", org.bankAccountNumber),
        ]
        for (label, value) in optional {
            if let value, !value.isEmpty { rows.append(Row(label: label, value: value)) }
        }
        return rows
    }
}
