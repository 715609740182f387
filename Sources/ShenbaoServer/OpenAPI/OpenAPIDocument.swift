import ShenbaoCore
import Vapor

/// The OpenAPI 3 description of the API, served at `/openapi.json`. A test compares it with the
/// router, so a route added without its description fails the suite.
enum OpenAPIDocument {
    struct Operation {
        var method: HTTPMethod
        /// OpenAPI form: `/api/v1/calls/{callId}`.
        var path: String
        var summary: String
        var tag: String
        var signedIn: Bool
        var body: String? = nil
        var response: (code: Int, schema: String?) = (200, nil)
        var query: [String] = []
        var multipart = false
    }

    static let operations: [Operation] =
        baseOperations + accountOperations + recommenderOperations + reviewOperations + noticeOperations
        + dashboardOperations + registryOperations + disbursementOperations + projectOperations
        + changeOperations + reportDocumentOperations + reportOperations

    private static let baseOperations: [Operation] = [
        .init(
            method: .GET, path: "/healthz", summary: "数据库可用时返回 ok", tag: "运维", signedIn: false,
            response: (200, "Health")),
        .init(
            method: .GET, path: "/livez", summary: "进程存活即返回 ok（不查询数据库）", tag: "运维", signedIn: false,
            response: (200, "Health")),
        .init(method: .GET, path: "/openapi.json", summary: "本文档", tag: "运维", signedIn: false),
        .init(
            method: .POST, path: "/api/v1/auth/login", summary: "登录，获得 API 令牌", tag: "账号", signedIn: false,
            body: "Credentials", response: (200, "LoginResult")),
        .init(
            method: .POST, path: "/api/v1/auth/logout", summary: "注销当前令牌", tag: "账号", signedIn: true,
            response: (204, nil)),
        .init(
            method: .GET, path: "/api/v1/account/two-factor", summary: "本人两步验证的状态；未启用时附一个可用的新密钥（省科协、财务、系统管理员、审计管理员）",
            tag: "账号", signedIn: true, response: (200, "TwoFactorStatus")),
        .init(
            method: .POST, path: "/api/v1/account/two-factor", summary: "用密钥和验证器当前的验证码启用两步验证，返回一次性恢复码",
            tag: "账号", signedIn: true, body: "TwoFactorSetup", response: (200, "TwoFactorEnabled")),
        .init(
            method: .POST, path: "/api/v1/users/{userId}/two-factor/reset", summary: "管理员重置用户的两步验证（手机丢失）",
            tag: "账号", signedIn: true, response: (204, nil)),
        .init(
            method: .GET, path: "/api/v1/calls", summary: "全部年度申报指南", tag: "申报指南", signedIn: false,
            response: (200, "CallList")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}", summary: "一个年度申报指南（编号或年份）", tag: "申报指南", signedIn: false,
            response: (200, "Call")),
        .init(
            method: .GET, path: "/api/v1/divisions", summary: "湖南省行政区划（parent 的下级；缺省为14个市州）", tag: "单位",
            signedIn: false, response: (200, "DivisionList"), query: ["parent"]),
        .init(
            method: .GET, path: "/api/v1/recommenders", summary: "推荐单位（省科协可按状态筛选；其他用户只看到未停用的）", tag: "单位",
            signedIn: true, response: (200, "RecommenderList"), query: ["kind", "divisionCode", "state"]),
        .init(
            method: .POST, path: "/api/v1/registrations", summary: "注册申报单位及其第一个用户", tag: "单位", signedIn: false,
            body: "Registration", response: (201, "RegistrationResult")),
        .init(
            method: .POST, path: "/api/v1/users", summary: "管理员开通账号（系统管理员：任意角色；省科协：推荐、专家、财务、申报账号）；新账号首次登录须设置本人密码",
            tag: "账号", signedIn: true, body: "UserInput",
            response: (201, "CreatedUser")),
        .init(
            method: .GET, path: "/api/v1/users", summary: "查找用户：q 按姓名、用户名、单位名称；role、state（active、disabled）筛选",
            tag: "账号", signedIn: true, response: (200, "UserList"), query: ["q", "role", "state"]),
        .init(
            method: .POST, path: "/api/v1/applications", summary: "新建申报书草稿（申报单位）", tag: "申报书", signedIn: true,
            body: "ApplicationCreate", response: (201, "Application")),
        .init(
            method: .GET, path: "/api/v1/applications", summary: "当前用户可见的申报书", tag: "申报书", signedIn: true,
            response: (200, "ApplicationList"),
            query: ["call", "status", "category", "city", "recommenderId", "field", "page", "per"]),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}", summary: "一份申报书的全部内容、状态和尚待完善的问题", tag: "申报书",
            signedIn: true, response: (200, "Application")),
        .init(
            method: .PATCH, path: "/api/v1/applications/{applicationId}", summary: "修改草稿的任意字段（可带 If-Match: 版本号）",
            tag: "申报书", signedIn: true, body: "ApplicationForm", response: (200, "Application")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/attachments",
            summary: "上传附件（multipart：file、kind；佐证材料可带 condition：所证明的优先考虑条件）", tag: "申报书", signedIn: true,
            body: "Upload",
            response: (201, "Attachment"), multipart: true),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/attachments", summary: "附件列表", tag: "申报书",
            signedIn: true, response: (200, "AttachmentList")),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/attachments/{attachmentId}", summary: "下载附件",
            tag: "申报书", signedIn: true),
        .init(
            method: .DELETE, path: "/api/v1/applications/{applicationId}/attachments/{attachmentId}",
            summary: "删除草稿的附件", tag: "申报书", signedIn: true, response: (204, nil)),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/recommenders", summary: "本申报单位可以选择的推荐单位",
            tag: "申报书", signedIn: true, response: (200, "RecommenderList")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/submit", summary: "提交给推荐单位", tag: "申报书",
            signedIn: true, body: "Submit", response: (200, "Application")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/withdraw", summary: "撤回申报书（省科协受理前）", tag: "申报书",
            signedIn: true, body: "Withdraw", response: (200, "Application")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/opinions", summary: "推荐单位意见：推荐、退回修改或不予推荐",
            tag: "推荐与受理", signedIn: true, body: "OpinionInput", response: (200, "Application")),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/opinions", summary: "申报书的全部审核意见", tag: "推荐与受理",
            signedIn: true, response: (200, "OpinionList")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/intake", summary: "省科协形式审查：受理、退回或不予受理",
            tag: "推荐与受理", signedIn: true, body: "IntakeInput", response: (200, "Application")),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/history", summary: "办理记录（时间线）", tag: "推荐与受理",
            signedIn: true, response: (200, "History")),
        .init(
            method: .GET, path: "/api/v1/notifications", summary: "当前用户的消息", tag: "消息", signedIn: true,
            response: (200, "NotificationList")),
        .init(
            method: .POST, path: "/api/v1/notifications/{notificationId}/read", summary: "标为已读", tag: "消息",
            signedIn: true, response: (204, nil)),
        .init(
            method: .GET, path: "/api/v1/sanctions", summary: "取消推荐资格的处理记录", tag: "推荐与受理", signedIn: true,
            response: (200, "SanctionList")),
        .init(
            method: .POST, path: "/api/v1/sanctions", summary: "记录推荐单位弄虚作假的处理决定（取消推荐资格3年）", tag: "推荐与受理",
            signedIn: true, body: "SanctionInput", response: (201, "Sanction")),
        .init(
            method: .GET, path: "/api/v1/recommenders/{organizationId}/summary.xlsx",
            summary: "推荐单位的申报信息汇总表（附件3，Excel；一个年度，?call=年度或编号，缺省为最新年度）", tag: "推荐与受理",
            signedIn: true, query: ["call"]),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/summary.xlsx", summary: "全省申报信息汇总表（Excel）", tag: "推荐与受理",
            signedIn: true),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/documents/form.docx",
            summary: "申报书 Word 版（按官方表式）", tag: "文件", signedIn: true),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/documents/form.pdf",
            summary: "申报书 PDF 版（LibreOffice 转换）", tag: "文件", signedIn: true),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/documents/package.zip",
            summary: "报送材料包：申报单位名称+项目名称.zip", tag: "文件", signedIn: true),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/applications.xlsx", summary: "全部申报书一览（Excel，省科协、财务）", tag: "文件",
            signedIn: true),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/exports", summary: "开始导出全部报送材料包（后台进行）", tag: "文件",
            signedIn: true, response: (202, "Export")),
        .init(
            method: .GET, path: "/api/v1/exports/{exportId}", summary: "导出进度", tag: "文件", signedIn: true,
            response: (200, "Export")),
        .init(
            method: .GET, path: "/api/v1/exports/{exportId}/download", summary: "下载导出的压缩包", tag: "文件", signedIn: true),
    ]

    static func document() -> JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for operation in operations {
            let entry = (operation.method.rawValue.lowercased(), describe(operation))
            if let index = paths.firstIndex(where: { $0.0 == operation.path }) {
                paths[index].1.append(entry)
            } else {
                paths.append((operation.path, [entry]))
            }
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Shenbao 申报系统 API", "version": "1.0.0",
                "description": "湖南省科协国际与区域科技交流项目申报系统。错误统一为 {error: {code, message}, errors: [{field, code, message}]}。",
            ],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
            "components": [
                "schemas": .object(
                    schemas + accountSchemas + recommenderSchemas + reviewSchemas + noticeSchemas + dashboardSchemas
                        + disbursementSchemas + projectSchemas + changeSchemas + reportSchemas
                        + registrySchemas),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
        ]
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    private static func describe(_ operation: Operation) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("summary", .string(operation.summary)), ("tags", [.string(operation.tag)]),
        ]
        var parameters: [JSONValue] = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment in
            [
                "name": .string(String(segment.dropFirst().dropLast())), "in": "path", "required": true,
                "schema": ["type": "string"],
            ]
        }
        parameters += operation.query.map {
            ["name": .string($0), "in": "query", "required": false, "schema": numericQuery[$0].map(bounded) ?? string]
        }
        if !parameters.isEmpty { fields.append(("parameters", .array(parameters))) }
        if operation.signedIn { fields.append(("security", [["bearer": []]])) }
        if let body = operation.body {
            let type = operation.multipart ? "multipart/form-data" : "application/json"
            fields.append(
                ("requestBody", ["required": true, "content": .object([(type, .object([("schema", ref(body))]))])]))
        }
        var success: [(String, JSONValue)] = [("description", "成功")]
        if let schema = operation.response.schema {
            success.append(("content", ["application/json": ["schema": ref(schema)]]))
        }
        var responses: [(String, JSONValue)] = [(String(operation.response.code), .object(success))]
        let errors: [(String, String)] =
            (operation.signedIn ? [("401", "未登录"), ("403", "无权限")] : [])
            + (operation.body != nil ? [("400", "请求不是有效的 JSON"), ("422", "校验未通过，列出全部问题")] : [])
            + (operation.path.contains("{") ? [("404", "未找到")] : [])
            + (operation.path == "/api/v1/auth/login"
                ? [("401", "用户名或密码不正确"), ("403", "账号已停用（accountDisabled）"), ("429", "登录失败次数过多，暂时锁定")] : [])
        for (code, description) in errors where !responses.contains(where: { $0.0 == code }) {
            responses.append(
                (
                    code,
                    ["description": .string(description), "content": ["application/json": ["schema": ref("Error")]]]
                ))
        }
        fields.append(("responses", .object(responses)))
        return .object(fields)
    }

    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var fields: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { fields.append(("required", .array(required.map { .string($0) }))) }
        return .object(fields)
    }

    static let string: JSONValue = ["type": "string"]
    static let nullableString: JSONValue = ["type": "string", "nullable": true]
    static let integer: JSONValue = ["type": "integer"]
    /// An integer the server accepts only within `range` (InputBounds): checked before any arithmetic.
    static func bounded(_ range: ClosedRange<Int>) -> JSONValue {
        ["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)]
    }
    /// A list the server accepts only up to `limit` items long.
    static func array(_ items: JSONValue, maxItems limit: Int) -> JSONValue {
        ["type": "array", "items": items, "maxItems": .int(limit)]
    }
    /// The query parameters that are numbers, and their bounds; every other one is text.
    static let numericQuery: [String: ClosedRange<Int>] = [
        "page": InputBounds.page, "per": InputBounds.perPage, "count": 1...60,
    ]
    static func list(_ name: String) -> JSONValue { ["type": "array", "items": ref(name)] }

    /// A call's numbers, lists and texts: what the editor sends and the call answers.
    private static let callDefinition: [(String, JSONValue)] = [
        ("title", string),
        (
            "contact",
            object([
                ("department", string), ("person", string), ("address", string), ("phone", string),
                ("email", string),
            ])
        ),
        ("totalFunded", ref("Bounds")), ("categories", list("Category")), ("applicantKinds", list("Option")),
        (
            "recommenderKinds",
            [
                "type": "array",
                "items": object([
                    ("code", string), ("label", string),
                    ("organizationKinds", ["type": "array", "items": string]),
                ]),
            ]
        ),
        ("eligibilityConditions", list("Option")), ("priorityConditions", list("Option")),
        ("noticeWorkingDays", integer),
        (
            "submission",
            object([
                ("paperCopies", integer), ("nonConfidentialityCopies", integer), ("email", string),
                ("packageNaming", string), ("paperFormat", string), ("electronicContents", string),
            ])
        ),
        ("guideText", string), ("formEdition", nullableString), ("questions", list("Question")),
        ("reports", list("ReportDefinition")),
    ]

    private static let schemas: [(String, JSONValue)] = [
        ("Problem", object([("field", string), ("code", string), ("message", string)])),
        ("Error", object([("error", object([("code", string), ("message", string)])), ("errors", list("Problem"))])),
        ("Health", object([("status", string)])),
        (
            "Option",
            object(
                [("code", string), ("label", string), ("retired", ["type": "boolean"])], required: ["code", "label"])
        ),
        ("Bounds", object([("min", integer), ("max", integer)])),
        (
            "Question",
            object(
                [
                    ("code", string), ("label", string),
                    ("kind", ["type": "string", "enum": .array(Question.Kind.allCases.map { .string($0.rawValue) })]),
                    ("required", ["type": "boolean"]),
                    (
                        "categories",
                        ["type": "array", "items": ["type": "string", "enum": ["conference", "cooperation"]]]
                    ),
                    ("help", string), ("maxLength", integer), ("minimum", integer), ("maximum", integer),
                    ("options", list("Option")),
                ], required: ["code", "label", "kind", "required"])
        ),
        (
            "Category",
            object([
                ("code", ["type": "string", "enum": ["conference", "cooperation"]]), ("label", string),
                ("funded", ref("Bounds")),
                ("amountYuan", ref("Bounds")), ("cooperationContent", list("Option")), ("fields", list("Option")),
            ])
        ),
        (
            "Call",
            object(
                [
                    ("id", string), ("year", integer), ("phase", string), ("phaseLabel", string),
                    ("deadline", nullableString), ("recommendationDeadline", nullableString),
                    ("recommendationDeadlineText", nullableString),
                    ("correctionWorkingDays", ["type": "integer", "nullable": true]),
                    ("publishesFinalState", ["type": "boolean"]),
                ] + callDefinition)
        ),
        // The call editor's body: what a call answers, year, phase and deadline aside.
        ("CallDefinition", object(callDefinition)),
        ("CallList", list("Call")),
        (
            "Division",
            object([
                ("code", string), ("name", string),
                ("level", ["type": "string", "enum": ["province", "prefecture", "county"]]),
                ("parentCode", nullableString),
            ])
        ),
        ("DivisionList", list("Division")),
        (
            "Recommender",
            object([
                ("id", string), ("name", string), ("kind", string), ("kindLabel", string),
                ("divisionCode", nullableString), ("sanctionedUntil", nullableString), ("active", ["type": "boolean"]),
            ])
        ),
        ("RecommenderList", list("Recommender")),
        (
            "Organization",
            object([
                ("name", string), ("uscc", string), ("legalRepresentative", string), ("address", string),
                ("postalCode", string),
                ("phone", string),
                ("nature", ["type": "string", "enum": ["enterprise", "institution", "society", "other"]]),
                ("applicantKind", string), ("divisionCode", string),
                ("bankAccount", object([("accountName", string), ("bankName", string), ("accountNumber", string)])),
            ])
        ),
        (
            "Account",
            object([
                ("username", string), ("password", string), ("contactName", string), ("phone", string),
                ("email", string),
            ])
        ),
        (
            "Registration",
            object(
                [("organization", ref("Organization")), ("user", ref("Account"))], required: ["organization", "user"])
        ),
        (
            "RegistrationResult",
            object([("organizationId", string), ("userId", string), ("warnings", list("Problem"))])
        ),
        (
            "TwoFactorStatus",
            object([
                ("enabled", ["type": "boolean"]), ("required", ["type": "boolean"]), ("key", nullableString),
                ("uri", nullableString),
            ])
        ),
        ("TwoFactorSetup", object([("key", string), ("code", string)], required: ["key", "code"])),
        ("TwoFactorEnabled", object([("recoveryCodes", ["type": "array", "items": string])])),
        (
            "Credentials",
            object(
                [("username", string), ("password", string), ("totp", string)], required: ["username", "password"])
        ),
        (
            "LoginResult",
            object([
                ("token", string), ("expiresAt", string),
                (
                    "user",
                    object([
                        ("id", string), ("role", string), ("organizationId", nullableString), ("username", string),
                        ("contactName", string),
                    ])
                ),
                ("mustChangePassword", ["type": "boolean"]), ("previousLoginAt", nullableString),
                ("previousLoginAddress", nullableString),
            ])
        ),
        (
            "UserInput",
            object([
                ("username", string), ("password", string),
                ("role", ["type": "string", "enum": .array(Role.allCases.map { .string($0.rawValue) })]),
                ("organizationId", nullableString), ("contactName", string), ("phone", string), ("email", string),
            ])
        ),
        (
            "CreatedUser",
            object([("id", string), ("username", string), ("role", string), ("organizationId", nullableString)])
        ),
        (
            "User",
            object([
                ("id", string), ("username", string), ("role", string), ("roleLabel", string),
                ("organizationId", nullableString),
                ("organizationName", nullableString), ("contactName", string), ("phone", string), ("email", string),
                ("createdAt", nullableString), ("hasTwoFactor", ["type": "boolean"]), ("disabled", ["type": "boolean"]),
                ("disabledAt", nullableString), ("disabledReason", nullableString),
                ("mustChangePassword", ["type": "boolean"]), ("lastLoginAt", nullableString),
                ("lastLoginAddress", nullableString), ("lastLoginText", string),
            ])
        ),
        ("UserList", list("User")),
        (
            "ApplicationCreate",
            object(
                [
                    ("callId", nullableString),
                    ("category", ["type": "string", "enum": ["conference", "cooperation"]]),
                ],
                required: ["category"])
        ),
        (
            "DayRange",
            object([("start", ["type": "string", "format": "date"]), ("end", ["type": "string", "format": "date"])])
        ),
        ("Choices", object([("codes", ["type": "array", "items": string]), ("other", nullableString)])),
        (
            "ApplicationForm",
            object([
                ("projectName", string), ("period", ref("DayRange")), ("contactName", string), ("contactPhone", string),
                ("leader", string), ("leaderTitle", string), ("leaderPhone", string), ("cooperationBasis", string),
                ("partners", array(object([("name", string), ("countryOrRegion", string)]), maxItems: 50)),
                ("cooperationContent", ref("Choices")), ("fields", ref("Choices")), ("mainContent", string),
                ("expectedGoals", string), ("highlights", string),
                (
                    "phases",
                    array(
                        object([
                            ("period", ref("DayRange")), ("budgetYuan", bounded(InputBounds.amountYuan)),
                            ("goal", string),
                        ]), maxItems: 20)
                ),
                (
                    "invitedExperts",
                    array(
                        object([
                            ("name", string), ("countryOrRegion", string), ("affiliation", string), ("title", string),
                        ]), maxItems: 200)
                ),
                (
                    "delegationMembers",
                    array(
                        object([("name", string), ("field", string), ("affiliation", string), ("title", string)]),
                        maxItems: 100)
                ),
                ("summaryContent", string), ("summaryBasis", string),
                (
                    "eligibilityDeclarations",
                    object([
                        ("independentLegalPerson", ["type": "boolean"]), ("noSubcontracting", ["type": "boolean"]),
                        ("teamAndControls", ["type": "boolean"]), ("lawCompliance", ["type": "boolean"]),
                    ])
                ),
                ("priorityClaims", array(object([("code", string), ("evidence", string)]), maxItems: 20)),
                ("commitment", object([("accepted", ["type": "boolean"])])),
                (
                    "avoidances",
                    array(
                        object([
                            ("kind", ["type": "string", "enum": ["expert", "organization"]]),
                            ("name", ["type": "string", "maxLength": 200]),
                            ("reason", ["type": "string", "maxLength": .int(ApplicationRules.avoidanceReasonLimit)]),
                        ]), maxItems: ApplicationRules.avoidanceLimit)
                ),
                // The call's extra questions answered, by question code: text (a date as
                // YYYY-MM-DD, a single choice's code), a whole number, true/false, or a list of codes.
                (
                    "answers",
                    [
                        "type": "object", "maxProperties": .int(Question.limit),
                        "additionalProperties": [
                            "oneOf": [
                                ["type": "string"], ["type": "integer"], ["type": "boolean"],
                                ["type": "array", "items": string],
                            ]
                        ],
                    ]
                ),
            ])
        ),
        (
            "Attachment",
            object([
                ("id", string), ("name", string),
                ("kind", ["type": "string", "enum": ["signedScan", "nonConfidentiality", "evidence"]]),
                ("kindLabel", string), ("condition", nullableString), ("contentType", string), ("size", integer),
                ("sha256", string), ("uploadedAt", nullableString),
            ])
        ),
        ("AttachmentList", list("Attachment")),
        (
            "Application",
            [
                "allOf": [
                    ref("ApplicationForm"),
                    object([
                        ("id", string), ("number", nullableString), ("callId", string), ("category", string),
                        ("status", string), ("statusLabel", string),
                        (
                            "currentHolder",
                            object([("kind", string), ("organizationId", nullableString), ("name", string)])
                        ),
                        ("recommenderId", nullableString), ("organization", ref("Organization")),
                        ("requestedYuan", ["type": "integer", "nullable": true]), ("attachments", list("Attachment")),
                        ("problems", list("Problem")), ("version", integer), ("submittedAt", nullableString),
                        ("correctionEndsOn", nullableString), ("createdAt", nullableString),
                        ("updatedAt", nullableString),
                        ("paperReceipt", ["allOf": [ref("PaperReceipt")], "nullable": true]),
                    ]),
                ]
            ]
        ),
        (
            "PaperReceipt",
            object([
                ("copies", ["type": "integer", "nullable": true]),
                ("certificates", ["type": "integer", "nullable": true]),
                ("receivedOn", nullableString), ("warnings", ["type": "array", "items": string]),
            ])
        ),
        (
            "ApplicationSummary",
            object([
                ("id", string), ("number", nullableString), ("category", string), ("projectName", string),
                ("categoryLabel", string), ("organizationName", string), ("status", string), ("statusLabel", string),
                ("holderName", string), ("requestedYuan", ["type": "integer", "nullable": true]),
                ("requestedWan", string), ("updatedAt", nullableString), ("updatedAtText", string),
            ])
        ),
        ("ApplicationList", list("ApplicationSummary")),
        (
            "Upload",
            object(
                [
                    ("kind", ["type": "string", "enum": ["signedScan", "nonConfidentiality", "evidence"]]),
                    ("file", ["type": "string", "format": "binary"]),
                    ("condition", string),
                ], required: ["kind", "file"])
        ),
        ("Submit", object([("recommenderId", string)], required: ["recommenderId"])),
        ("Withdraw", object([("comment", nullableString)])),
        (
            "OpinionInput",
            object(
                [
                    ("decision", ["type": "string", "enum": ["recommend", "return", "reject"]]), ("comment", string),
                    ("attested", ["type": "boolean"]), ("forwardToId", nullableString),
                    (
                        "correctionDays",
                        ["type": "integer", "minimum": 1, "maximum": 30, "description": "退回修改时的补正期限（工作日，默认5）"]
                    ),
                ], required: ["decision", "comment"])
        ),
        (
            "IntakeInput",
            object(
                [
                    ("decision", ["type": "string", "enum": ["accept", "return", "reject"]]), ("comment", string),
                    ("paperCopiesReceivedOn", ["type": "string", "format": "date"]),
                    ("paperCopiesReceived", bounded(InputBounds.paperCount)),
                    ("certificatesReceived", bounded(InputBounds.paperCount)),
                    ("checklist", ["type": "object", "additionalProperties": ["type": "boolean"]]),
                    (
                        "correctionDays",
                        ["type": "integer", "minimum": 1, "maximum": 30, "description": "退回修改时的补正期限（工作日，默认5）"]
                    ),
                ], required: ["decision"])
        ),
        (
            "Opinion",
            object([
                ("id", string), ("organizationId", string), ("organizationName", string), ("signer", string),
                ("stage", string), ("decision", string), ("decisionLabel", string), ("comment", string),
                ("attested", ["type": "boolean"]), ("paperCopiesReceivedOn", nullableString),
                ("paperCopiesReceived", ["type": "integer", "nullable": true]),
                ("certificatesReceived", ["type": "integer", "nullable": true]), ("at", string),
            ])
        ),
        ("OpinionList", list("Opinion")),
        (
            "Event",
            object([
                ("at", string), ("actor", string), ("role", string), ("organization", nullableString),
                ("roleLabel", string), ("action", string), ("actionLabel", string),
                ("fromStatus", nullableString), ("toStatus", nullableString), ("toStatusLabel", nullableString),
                ("comment", nullableString),
            ])
        ),
        ("History", list("Event")),
        (
            "Notification",
            object([
                ("id", string), ("title", string), ("body", string), ("link", nullableString),
                ("read", ["type": "boolean"]), ("createdAt", nullableString), ("createdAtText", string),
            ])
        ),
        ("NotificationList", list("Notification")),
        (
            "SanctionInput",
            object(
                [
                    ("recommenderId", ["type": "string", "description": "被处理的推荐单位"]),
                    (
                        "organizationId",
                        ["type": "string", "description": "recommenderId 的旧名，仍然接受", "deprecated": true]
                    ),
                    ("reason", string), ("decidedOn", ["type": "string", "format": "date"]),
                ],
                required: ["reason", "decidedOn"])
        ),
        (
            "Sanction",
            object([
                ("id", string), ("recommenderId", string), ("organizationId", string), ("organizationName", string),
                ("reason", string), ("decidedOn", string),
                ("lastDay", ["type": "string", "description": "限制的最后一日（含当日）：决定日次日起算，三年后的对应日（民法典第201–202条）"]),
                ("active", ["type": "boolean"]),
            ])
        ),
        ("SanctionList", list("Sanction")),
        (
            "Export",
            object([
                ("id", string), ("status", ["type": "string", "enum": ["running", "finished", "failed"]]),
                ("done", integer), ("total", integer), ("percent", integer), ("message", nullableString),
                ("download", nullableString),
            ])
        ),
    ]
}

struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: serve)
    }

    func serve(req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(OpenAPIDocument.document())))
        response.headers.contentType = .json
        return response
    }
}
