import Fluent
import ShenbaoCore
import Vapor

/// What every page's layout shows: the signed-in user, navigation for their role, the CSRF token
/// for forms, and the call's contact details in the footer.
struct Layout: Encodable {
    struct SignedIn: Encodable {
        var username: String
        var contactName: String
        var roleLabel: String
    }
    struct NavItem: Encodable {
        var href: String
        var label: String
        var active: Bool
    }
    /// Links under one heading. The province's fourteen links are grouped by the work they serve
    /// (a row of fourteen wraps and hides the one wanted); a group without a label shows its links
    /// directly.
    struct NavGroup: Encodable {
        var label: String?
        var items: [NavItem]
        var active: Bool
    }

    var title: String
    var user: SignedIn?
    var nav: [NavGroup]
    var csrf: String?
    var contact: CallContact?
    /// Unread messages of the signed-in user, shown beside "消息".
    var unread: Int = 0
    /// The call the page shows and the others to choose, when the page is about one call.
    var call: CallChooser?
}

struct PageContext<Content: Encodable>: Encodable {
    var layout: Layout
    var page: Content
}

enum Navigation {
    private typealias Link = (href: String, label: String)

    /// Links each role sees; a role never sees a link to a page it may not open.
    static func items(for role: Role?, path: String) -> [Layout.NavGroup] {
        var groups: [(label: String?, links: [Link])]
        switch role {
        case nil:
            groups = [(nil, [("/", "申报指南"), ("/register", "单位注册"), ("/login", "登录")])]
        case .province:
            groups = [
                (nil, [("/", "申报指南"), ("/workspace", "工作台"), ("/inbox", "待办")]),
                ("申报受理", [("/applications", "申报书"), ("/dashboard", "统计")]),
                ("评审立项", [("/review", "专家评审"), ("/meeting", "会议审议"), ("/notice", "公示与立项")]),
                (
                    "系统管理",
                    [
                        ("/admin/calls", "指南管理"), ("/admin/users", "用户管理"), ("/admin/organizations", "申报单位"),
                        ("/admin/recommenders", "推荐单位"), ("/admin/sanctions", "取消推荐资格"),
                        ("/admin/personal-data", "个人信息"), ("/calendar", "节假日安排"),
                    ]
                ),
                (nil, [("/notifications", "消息")]),
            ]
        case .applicant:
            groups = [
                (nil, [("/", "申报指南"), ("/workspace", "工作台"), ("/applications", "我的申报"), ("/notifications", "消息")])
            ]
        case .recommender:
            groups = [
                (
                    nil,
                    [
                        ("/", "申报指南"), ("/workspace", "工作台"), ("/inbox", "待办"), ("/applications", "申报书"),
                        ("/dashboard", "统计"), ("/notifications", "消息"),
                    ]
                )
            ]
        case .finance:
            groups = [
                (
                    nil,
                    [
                        ("/", "申报指南"), ("/workspace", "工作台"), ("/applications", "申报书"), ("/dashboard", "统计"),
                        ("/finance", "财务审核"), ("/ranking", "评审排名"), ("/notifications", "消息"),
                    ]
                )
            ]
        case .expert:
            groups = [(nil, [("/", "申报指南"), ("/workspace", "工作台"), ("/reviews", "我的评审"), ("/notifications", "消息")])]
        case .sysadmin:
            groups = [(nil, [("/", "申报指南"), ("/workspace", "工作台"), ("/admin/users", "用户管理")])]
        case .auditor:
            groups = [(nil, [("/", "申报指南"), ("/workspace", "工作台"), ("/admin/audit", "审计日志")])]
        }
        // Every signed-in user: the password, the sessions and two-factor sign-in.
        if role != nil { groups.append((nil, [("/account", "账号与安全")])) }
        return groups.map { group in
            let items = group.links.map { link in
                Layout.NavItem(
                    href: link.href, label: link.label,
                    active: link.href == "/" ? path == "/" : path.hasPrefix(link.href))
            }
            return Layout.NavGroup(label: group.label, items: items, active: items.contains { $0.active })
        }
    }
}

extension Request {
    /// Renders a page inside the layout. `withForm` makes sure a CSRF token exists (it creates a
    /// session for an anonymous visitor, which only pages with forms need).
    func renderPage<Content: Encodable>(
        _ template: Template, title: String, _ content: Content, status: HTTPResponseStatus = .ok,
        withForm: Bool = false
    ) async throws -> Response {
        let user = currentUser
        let csrf: String? =
            (withForm || user?.method == .session)
            ? CSRF.token(for: self) : (hasSessionCookie ? session.data[SessionKeys.csrf] : nil)
        // The footer's contact is the chosen call's: another programme may have its own office.
        let footerCall: CallModel?
        if let chosen = CallChoice.chosenBefore(self) {
            footerCall = chosen
        } else {
            footerCall = try? await CallModel.latest(on: db)
        }
        let contact = footerCall?.definition.contact
        let layout = Layout(
            title: title,
            user: user.map { .init(username: $0.username, contactName: $0.contactName, roleLabel: $0.role.label) },
            nav: Navigation.items(for: user?.role, path: url.path),
            csrf: csrf,
            contact: contact)
        var withCount = layout
        withCount.call = try await Layout.CallChooser.load(for: self)
        if let user {
            withCount.unread = try await NotificationModel.query(on: db).filter(\.$userID == user.id)
                .filter(\.$readAt == nil).count()
        }
        let view = try await self.view.render(template.rawValue, PageContext(layout: withCount, page: content))
        let response = try await view.encodeResponse(for: self)
        response.status = status
        return response
    }
}

/// Per-field messages for a page form. Leaf cannot read keys with dots, so the API field path
/// `organization.bankAccount.accountNumber` becomes `organization_bankAccount_accountNumber`;
/// several problems of one field are joined.
enum FieldErrors {
    static func make(_ problems: [Problem]) -> [String: String] {
        var result: [String: String] = [:]
        for problem in problems {
            let key = problem.field.replacingOccurrences(of: ".", with: "_")
            result[key] = result[key].map { $0 + "；" + problem.message } ?? problem.message
        }
        return result
    }
}
