import ShenbaoCore
import Vapor

/// The dashboards' part of the OpenAPI document.
extension OpenAPIDocument {
    static let dashboardOperations: [Operation] = [
        .init(
            method: .GET, path: "/api/v1/dashboard",
            summary: "统计：按类别、领域、市州、申报单位类别、推荐单位、状态的项数和金额，及办理进度（省科协、财务看全省，推荐单位看本单位推荐链；callId 可为编号或年份，缺省为最新年度）。"
                + "按补充信息筛选：查询参数 q.<问题代码>=<选项代码>，仅限单选、多选（包含该选项）和是/否题（yes、no），"
                + "可有多个（全部符合才计入，最多 \(DashboardFilter.limit) 个），值为空即不筛选；"
                + "问题或选项代码无法识别时答 422，逐项指明参数（q.<问题代码>）。可筛选的问题及其选项见 filters",
            tag: "统计", signedIn: true, response: (200, "Dashboard"), query: ["callId"])
    ]

    static let dashboardSchemas: [(String, JSONValue)] = [
        (
            "DashboardRow",
            object([("key", string), ("label", string), ("count", integer), ("amountYuan", integer)])
        ),
        (
            "DashboardGroup",
            object([
                (
                    "dimension",
                    ["type": "string", "enum": .array(DashboardDimension.allCases.map { .string($0.rawValue) })]
                ),
                ("title", string), ("note", nullableString), ("rows", list("DashboardRow")),
            ])
        ),
        (
            "DashboardStage",
            object([
                ("stage", ["type": "string", "enum": .array(DashboardStage.allCases.map { .string($0.rawValue) })]),
                ("label", string), ("count", integer), ("amountYuan", integer),
            ])
        ),
        (
            "DashboardFilter",
            object([
                ("code", string), ("label", string),
                ("kind", ["type": "string", "enum": ["singleChoice", "multipleChoice", "yesNo"]]),
                ("options", list("Option")), ("selected", nullableString),
            ])
        ),
        (
            "Dashboard",
            object([
                ("callId", string), ("callYear", integer),
                ("scope", ["type": "string", "enum": ["province", "recommender"]]), ("scopeLabel", string),
                ("applications", integer), ("requestedYuan", integer), ("fundedYuan", integer),
                ("groups", list("DashboardGroup")), ("funnel", list("DashboardStage")),
                ("filters", list("DashboardFilter")),
            ])
        ),
    ]
}
