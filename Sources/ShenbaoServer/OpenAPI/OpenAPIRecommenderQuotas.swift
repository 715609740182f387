import ShenbaoCore
import Vapor

/// 推荐名额 (docs/rules.md §5), as the OpenAPI document describes it; listed with the recommenders'.
extension OpenAPIDocument {
    static let recommenderQuotaOperations: [Operation] = [
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/recommender-quotas", summary: "本年度各推荐单位的推荐名额（省科协）",
            tag: "推荐与受理", signedIn: true, response: (200, "RecommenderQuotas")),
        .init(
            method: .PUT, path: "/api/v1/calls/{callId}/recommender-quotas",
            summary: "设置推荐名额（省科协）：按推荐单位类型和项目类别，可为单个推荐单位单独设置（优先）；未列出的不限；空列表取消全部名额；逐项列出问题",
            tag: "推荐与受理", signedIn: true, body: "RecommenderQuotasInput", response: (200, "RecommenderQuotas")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/recommender-quotas/mine",
            summary: "本单位（推荐单位）各类项目的推荐名额、已推荐数和剩余名额；本年度未对本单位设名额时为空列表", tag: "推荐与受理",
            signedIn: true, response: (200, "RecommenderQuotaUsageList")),
    ]

    private static let quotaLimit: JSONValue = bounded(0...RecommenderQuotas.maximumLimit)
    private static let quotaCategory: JSONValue = [
        "type": "string", "enum": .array(ShenbaoCore.Category.allCases.map { .string($0.rawValue) }),
    ]

    private static func arrayOf(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static let recommenderQuotaSchemas: [(String, JSONValue)] = [
        (
            "RecommenderQuotasInput",
            object([
                (
                    "kinds",
                    array(
                        object(
                            [
                                (
                                    "kind",
                                    [
                                        "type": "string",
                                        "enum": .array(RecommenderKind.allCases.map { .string($0.rawValue) }),
                                        "description": "本年度指南所列推荐单位类型之一",
                                    ]
                                ),
                                ("category", quotaCategory), ("limit", quotaLimit),
                            ], required: ["kind", "category", "limit"]),
                        maxItems: RecommenderQuotas.maximumEntries)
                ),
                (
                    "organizations",
                    array(
                        object(
                            [
                                ("organizationId", ["type": "string", "format": "uuid"]), ("category", quotaCategory),
                                ("limit", quotaLimit),
                            ], required: ["organizationId", "category", "limit"]),
                        maxItems: RecommenderQuotas.maximumEntries)
                ),
            ])
        ),
        (
            "RecommenderQuotas",
            object(
                [
                    ("callId", string), ("year", integer),
                    (
                        "kinds",
                        arrayOf(
                            object([
                                ("kind", string), ("kindLabel", string), ("category", string),
                                ("categoryLabel", string), ("limit", integer),
                            ]))
                    ),
                    (
                        "organizations",
                        arrayOf(
                            object([
                                ("organizationId", string), ("organizationName", string), ("category", string),
                                ("categoryLabel", string), ("limit", integer),
                            ]))
                    ),
                ], required: ["callId", "year", "kinds", "organizations"])
        ),
        (
            "RecommenderQuotaUsage",
            object(
                [
                    ("category", string), ("categoryLabel", string),
                    ("limit", ["type": "integer", "nullable": true, "description": "null：不限"]),
                    ("used", integer), ("remaining", ["type": "integer", "nullable": true]),
                    ("limitText", string), ("remainingText", string),
                ], required: ["category", "categoryLabel", "used", "limitText", "remainingText"])
        ),
        ("RecommenderQuotaUsageList", ["type": "array", "items": ref("RecommenderQuotaUsage")]),
    ]
}
