import ShenbaoCore
import Vapor

/// The funded project's reports, acceptance and closing (issue 30): the unit fills and submits
/// the reports its call asks, the province returns or accepts them, records the acceptance and
/// its score, and closes the project.
extension OpenAPIDocument {
    static let reportOperations: [Operation] = [
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/reports",
            summary: "项目的各份报告（申报指南规定的中期报告、总结报告等）：截止日期、状态、填写内容、经费决算、佐证材料", tag: "项目执行",
            signedIn: true, response: (200, "ReportList")),
        .init(
            method: .PUT, path: "/api/v1/applications/{applicationId}/reports/{code}",
            summary:
                "保存报告（申报单位；自动保存；填写中或已退回时；version 与最近一次读取的不同时 409 versionConflict；提交时才检查必填项）",
            tag: "项目执行", signedIn: true, body: "ReportInput", response: (200, "Report")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/reports/{code}/submit",
            summary: "提交报告（申报单位；一次列出全部问题；总结报告提交后项目进入验收中；已提交时 409 notEditable）", tag: "项目执行",
            signedIn: true, response: (200, "Report")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/reports/{code}/evidence",
            summary:
                "上传报告的佐证材料（申报单位；multipart：kind 为 agenda、attendees、photos、proceedings、agreements 或 other，file；每份报告最多\(Report.evidenceLimit)个）",
            tag: "项目执行", signedIn: true, body: "Upload", response: (201, "Report"), multipart: true),
        .init(
            method: .DELETE, path: "/api/v1/applications/{applicationId}/reports/{code}/evidence/{attachmentId}",
            summary: "删除报告的佐证材料（申报单位；报告可修改时）", tag: "项目执行", signedIn: true, response: (204, nil)),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/reports/{code}/decision",
            summary: "审核报告（省科协；通过，或退回修改并填写意见；总结报告退回时项目回到执行中）", tag: "项目执行", signedIn: true,
            body: "ReportDecisionInput", response: (200, "Report")),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/acceptance",
            summary: "项目的验收结论及绩效评价（新的在前）", tag: "项目执行", signedIn: true, response: (200, "AcceptanceList")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/acceptance",
            summary:
                "记录验收结论（省科协；总结报告审核通过后；得分0至100，通过时不低于\(Acceptance.passingScore)分；不通过时须给出整改期限，总结报告重新开放修改）",
            tag: "项目执行", signedIn: true, body: "AcceptanceInput", response: (201, "Acceptance")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/close",
            summary: "项目结题（省科协；验收结论记录后）", tag: "项目执行", signedIn: true, body: "CloseInput",
            response: (200, "Application")),
    ]

    private static let answersSchema: JSONValue = [
        "type": "object", "maxProperties": .int(Question.limit),
        "additionalProperties": [
            "oneOf": [
                ["type": "string"], ["type": "integer"], ["type": "boolean"], ["type": "array", "items": string],
            ]
        ],
    ]

    static let reportSchemas: [(String, JSONValue)] = [
        (
            "ReportDefinition",
            object(
                [
                    ("code", string), ("title", string), ("kind", ["type": "string", "enum": ["interim", "final"]]),
                    (
                        "dueOn",
                        [
                            "type": "string", "format": "date", "nullable": true,
                            "description": "固定的截止日期；与 daysAfterEnd 都省略时为执行期过半时",
                        ]
                    ),
                    (
                        "daysAfterEnd",
                        [
                            "type": "integer", "minimum": 0, "maximum": 366, "nullable": true,
                            "description": "项目执行期结束后若干日内",
                        ]
                    ),
                    ("questions", array(ref("Question"), maxItems: Question.limit)),
                    (
                        "prefill",
                        [
                            "type": "object", "nullable": true,
                            "description": "问题代码 → 从申报书预填的内容（partnerCountries、expectedGoals、mainContent），仅文字类问题",
                            "additionalProperties": [
                                "type": "string",
                                "enum": .array(ReportDefinition.Prefill.allCases.map { .string($0.rawValue) }),
                            ],
                        ]
                    ),
                ],
                required: ["code", "title", "kind", "questions"])
        ),
        (
            "AccountRow",
            object([
                ("spentYuan", bounded(Report.spentBounds)),
                ("explanation", ["type": "string", "maxLength": .int(Report.explanationLimit)]),
            ])
        ),
        (
            "ReportInput",
            object([
                ("answers", answersSchema), ("accounts", array(ref("AccountRow"), maxItems: 100)),
                ("version", ["type": "integer", "description": "最近一次读取的 version；省略时不检查"]),
            ])
        ),
        (
            "ReportDecisionInput",
            object(
                [
                    ("accept", ["type": "boolean"]),
                    ("comment", ["type": "string", "maxLength": .int(Opinion.maximumLength), "description": "退回时必填"]),
                ],
                required: ["accept"])
        ),
        (
            "ReportAccount",
            object([
                ("phase", integer), ("period", string), ("budgetYuan", integer), ("spentYuan", integer),
                ("explanation", nullableString),
            ])
        ),
        (
            "ReportEvidence",
            object([
                ("id", string), ("type", string), ("typeLabel", string), ("name", string), ("size", integer),
                ("url", string),
            ])
        ),
        (
            "Report",
            object([
                ("code", string), ("title", string), ("kind", ["type": "string", "enum": ["interim", "final"]]),
                ("dueRule", string), ("dueOn", ["type": "string", "format": "date", "nullable": true]),
                ("overdue", ["type": "boolean"]),
                (
                    "status",
                    ["type": "string", "enum": .array(Report.Status.allCases.map { .string($0.rawValue) })]
                ),
                ("statusLabel", string), ("editable", ["type": "boolean"]), ("questions", list("Question")),
                ("answers", answersSchema), ("accounts", list("ReportAccount")), ("budgetedYuan", integer),
                ("spentYuan", integer), ("evidence", list("ReportEvidence")), ("returnComment", nullableString),
                ("version", integer), ("submittedAt", nullableString), ("decidedAt", nullableString),
            ])
        ),
        ("ReportList", object([("items", list("Report"))])),
        (
            "AcceptanceInput",
            object(
                [
                    ("passed", ["type": "boolean"]), ("score", bounded(Acceptance.scoreBounds)),
                    (
                        "goals",
                        [
                            "type": "array", "description": "每个阶段一项：met 已完成、partly 部分完成、notMet 未完成",
                            "items": [
                                "type": "string",
                                "enum": .array(Acceptance.GoalMet.allCases.map { .string($0.rawValue) }),
                            ],
                        ]
                    ),
                    ("comment", ["type": "string", "maxLength": .int(Opinion.maximumLength)]),
                    ("rectifyBy", ["type": "string", "format": "date", "description": "不通过时必填：整改期限"]),
                ],
                required: ["passed", "score", "goals", "comment"])
        ),
        (
            "Acceptance",
            object([
                ("id", string), ("passed", ["type": "boolean"]), ("outcomeLabel", string), ("score", integer),
                ("grade", string), ("goals", ["type": "array", "items": string]),
                ("goalLabels", ["type": "array", "items": string]), ("comment", string),
                ("rectifyBy", ["type": "string", "format": "date", "nullable": true]), ("decidedAt", string),
            ])
        ),
        ("AcceptanceList", object([("items", list("Acceptance"))])),
        ("CloseInput", object([("comment", ["type": "string", "maxLength": .int(Opinion.maximumLength)])])),
    ]
}
