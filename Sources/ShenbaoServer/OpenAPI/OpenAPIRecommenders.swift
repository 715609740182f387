import ShenbaoCore
import Vapor

/// The province's administration of recommenders, as the OpenAPI document describes it.
extension OpenAPIDocument {
    static let recommenderOperations: [Operation] =
        [
            .init(
                method: .POST, path: "/api/v1/recommenders", summary: "省科协新增推荐单位（市州、县市区科协须填行政区划代码）", tag: "单位",
                signedIn: true, body: "RecommenderInput", response: (201, "Recommender")),
            .init(
                method: .POST, path: "/api/v1/recommenders/import",
                summary: "从 .xlsx 或 .csv（UTF-8 或 GBK）导入推荐单位名单：表头 单位名称、类别、行政区划代码；全部无误才入库，逐行列出问题", tag: "单位",
                signedIn: true, body: "TableUpload", response: (200, "RecommenderImportResult"), multipart: true),
            .init(
                method: .GET, path: "/api/v1/recommenders/{organizationId}", summary: "一个推荐单位：信息、用户账号和在办申报书（省科协）",
                tag: "单位", signedIn: true, response: (200, "RecommenderDetail")),
            .init(
                method: .PATCH, path: "/api/v1/recommenders/{organizationId}", summary: "修改推荐单位（未提供的字段不变，空字符串清除行政区划）",
                tag: "单位", signedIn: true, body: "RecommenderInput", response: (200, "Recommender")),
            .init(
                method: .POST, path: "/api/v1/recommenders/{organizationId}/deactivate",
                summary: "停用推荐单位（须填原因）：不再接收申报和推荐，在办申报书保留", tag: "单位", signedIn: true, body: "Reason",
                response: (200, "Recommender")),
            .init(
                method: .POST, path: "/api/v1/recommenders/{organizationId}/activate", summary: "重新启用推荐单位", tag: "单位",
                signedIn: true, response: (200, "Recommender")),
            .init(
                method: .POST, path: "/api/v1/recommenders/{organizationId}/users",
                summary: "为推荐单位开通用户账号（初始密码由省科协设定，首次登录须修改）", tag: "单位", signedIn: true, body: "Account",
                response: (201, "RecommenderUser")),
            .init(
                method: .POST, path: "/api/v1/recommenders/{organizationId}/handover",
                summary: "将推荐单位在办的申报书移交同一推荐渠道的其他推荐单位（须填原因，每份申报书记入办理记录）", tag: "单位", signedIn: true,
                body: "HandoverInput", response: (200, "HandoverResult")),
        ] + recommenderQuotaOperations

    static let recommenderSchemas: [(String, JSONValue)] =
        recommenderQuotaSchemas + [
            (
                "RecommenderInput",
                object([
                    ("name", bounded(text: RecommenderRules.nameLength)),
                    (
                        "kind",
                        [
                            "type": "string",
                            "description": .string(
                                "类别代码或名称：" + RecommenderKind.allCases.map(\.rawValue).joined(separator: "、")),
                        ]
                    ),
                    ("divisionCode", ["type": "string", "pattern": "^[0-9]{6}$", "nullable": true]),
                ])
            ),
            ("Reason", object([("reason", bounded(text: RecommenderRules.reasonLength))], required: ["reason"])),
            (
                "TableUpload",
                object([("file", ["type": "string", "format": "binary"])], required: ["file"])
            ),
            (
                "RecommenderImportResult",
                object([
                    ("imported", integer),
                    (
                        "recommenders",
                        array(
                            object([("row", integer), ("id", string), ("name", string), ("kindLabel", string)]),
                            maxItems: RecommenderImport.maximumRows)
                    ),
                ])
            ),
            (
                "RecommenderUser",
                object([
                    ("id", string), ("username", string), ("contactName", string), ("phone", string), ("email", string),
                    ("mustChangePassword", ["type": "boolean"]), ("disabled", ["type": "boolean"]),
                    ("createdAt", nullableString),
                ])
            ),
            (
                "Holding",
                object([
                    ("id", string), ("projectName", string), ("organizationName", string), ("status", string),
                    ("statusLabel", string), ("awaitingOpinion", ["type": "boolean"]),
                ])
            ),
            (
                "RecommenderDetail",
                object([
                    ("recommender", ref("Recommender")), ("deactivatedAt", nullableString),
                    ("deactivationReason", nullableString),
                    ("users", array(ref("RecommenderUser"), maxItems: RecommenderUsers.limit)),
                    ("holdings", array(ref("Holding"), maxItems: RecommenderHandoverService.limit)),
                ])
            ),
            (
                "HandoverInput",
                object(
                    [("targetId", string), ("reason", bounded(text: RecommenderRules.reasonLength))],
                    required: ["targetId", "reason"])
            ),
            ("HandoverResult", object([("moved", integer), ("targetId", string), ("targetName", string)])),
        ]

    /// A text the server accepts only up to `limit` characters.
    static func bounded(text limit: Int) -> JSONValue {
        ["type": "string", "maxLength": .int(limit)]
    }
}
