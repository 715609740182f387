import ShenbaoCore

/// The accounts part of the API: one's own password and sessions, one-time password links,
/// forgotten passwords, the administrators' account changes and the audit trail.
extension OpenAPIDocument {
    static let accountOperations: [Operation] = [
        .init(
            method: .GET, path: "/api/v1/account", summary: "本人账号：是否须先设置密码、上次登录、登录会话", tag: "账号",
            signedIn: true, response: (200, "Account")),
        .init(
            method: .POST, path: "/api/v1/account/password",
            summary: "修改本人密码（须当前密码）；本人的其他会话和令牌全部失效。管理员开通的账号在此之前其他接口一律返回 403 passwordChangeRequired",
            tag: "账号", signedIn: true, body: "PasswordChange", response: (204, nil)),
        .init(
            method: .GET, path: "/api/v1/account/sessions", summary: "本人的网页登录会话", tag: "账号", signedIn: true,
            response: (200, "SessionList")),
        .init(
            method: .DELETE, path: "/api/v1/account/sessions/{sessionId}", summary: "结束本人的一个网页登录会话", tag: "账号",
            signedIn: true, response: (204, nil)),
        .init(
            method: .POST, path: "/api/v1/auth/forgot-password",
            summary: "忘记密码：向登记邮箱发送一次性链接（24小时有效）。无论账号是否存在，回答都相同；每个网络地址每小时5次", tag: "账号",
            signedIn: false, body: "ForgotPassword", response: (202, "Message")),
        .init(
            method: .POST, path: "/api/v1/auth/password-links/{token}",
            summary: "用一次性链接设置新密码；该账号原有的全部会话和令牌失效。链接用过或过期返回 410", tag: "账号", signedIn: false,
            body: "NewPassword", response: (204, nil)),
        .init(
            method: .GET, path: "/api/v1/users/{userId}", summary: "一个用户（系统管理员：全部；省科协：申报、推荐、专家、财务账号）",
            tag: "账号", signedIn: true, response: (200, "User")),
        .init(
            method: .PATCH, path: "/api/v1/users/{userId}", summary: "修改用户的姓名、电话、邮箱、所属单位", tag: "账号",
            signedIn: true, body: "UserEdit", response: (200, "User")),
        .init(
            method: .POST, path: "/api/v1/users/{userId}/disable", summary: "停用用户（须原因）；其会话和令牌立即失效，登录时被告知已停用",
            tag: "账号", signedIn: true, body: "Disable", response: (200, "User")),
        .init(
            method: .POST, path: "/api/v1/users/{userId}/enable", summary: "重新启用用户", tag: "账号", signedIn: true,
            response: (200, "User")),
        .init(
            method: .POST, path: "/api/v1/users/{userId}/password-link",
            summary: "生成设置密码的一次性链接（24小时有效，只返回这一次；有邮箱时同时发送）", tag: "账号", signedIn: true,
            response: (201, "PasswordLink")),
        .init(
            method: .GET, path: "/api/v1/audit/events", summary: "安全审计日志（审计管理员）：登录、登录失败、账号和权限变更", tag: "审计",
            signedIn: true, response: (200, "AuditEvents"), query: ["action", "q", "page", "per"]),
        .init(
            method: .GET, path: "/api/v1/audit/verify", summary: "核验安全审计日志和各申报书办理记录的哈希链（审计管理员）", tag: "审计",
            signedIn: true, response: (200, "AuditVerification")),
    ]

    static let accountSchemas: [(String, JSONValue)] = [
        (
            "Session",
            object([
                ("id", string), ("device", string), ("address", string), ("createdAt", string), ("lastSeenAt", string),
                ("current", ["type": "boolean"]), ("createdAtText", string), ("lastSeenAtText", string),
            ])
        ),
        ("SessionList", list("Session")),
        (
            "Account",
            object([
                ("id", string), ("username", string), ("role", string), ("roleLabel", string), ("contactName", string),
                ("mustChangePassword", ["type": "boolean"]), ("hasTwoFactor", ["type": "boolean"]),
                ("passwordChangedAt", nullableString), ("previousLoginAt", nullableString),
                ("previousLoginAddress", nullableString), ("sessions", list("Session")),
            ])
        ),
        (
            "PasswordChange",
            object(
                [("currentPassword", string), ("newPassword", string), ("newPasswordConfirm", string)],
                required: ["currentPassword", "newPassword"])
        ),
        ("NewPassword", object([("newPassword", string), ("newPasswordConfirm", string)], required: ["newPassword"])),
        ("ForgotPassword", object([("identifier", string)], required: ["identifier"])),
        ("Message", object([("message", string)])),
        (
            "UserEdit",
            object([("contactName", string), ("phone", string), ("email", string), ("organizationId", string)])
        ),
        ("Disable", object([("reason", string)], required: ["reason"])),
        (
            "PasswordLink",
            object([("url", string), ("expiresAt", string), ("emailed", ["type": "boolean"])])
        ),
        (
            "AuditEvent",
            object([
                ("sequence", integer), ("at", string), ("atText", string), ("actorId", nullableString),
                ("actorName", string), ("actorRole", string), ("actorRoleLabel", string),
                ("action", ["type": "string", "enum": .array(AuditAction.allCases.map { .string($0.rawValue) })]),
                ("actionLabel", string), ("subjectId", nullableString), ("subjectName", string), ("detail", string),
                ("address", string),
            ])
        ),
        (
            "AuditEvents",
            object([("items", list("AuditEvent")), ("total", integer), ("page", integer), ("per", integer)])
        ),
        (
            "AuditVerification",
            object([
                ("securityEvents", integer), ("applications", integer), ("applicationEvents", integer),
                ("firstBreak", nullableString),
            ])
        ),
    ]
}
