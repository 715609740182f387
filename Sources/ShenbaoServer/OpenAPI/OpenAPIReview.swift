import ShenbaoCore
import Vapor

/// The expert review's part of the OpenAPI document: pool, plan, assignments, reviews, ranking,
/// finance opinions and the meeting.
extension OpenAPIDocument {
    static let reviewOperations: [Operation] = [
        .init(
            method: .POST, path: "/api/v1/experts", summary: "专家入库（可同时开通专家账号）", tag: "专家评审", signedIn: true,
            body: "ExpertInput", response: (201, "ExpertCreated")),
        .init(
            method: .GET, path: "/api/v1/experts", summary: "专家库", tag: "专家评审", signedIn: true,
            response: (200, "ExpertList")),
        .init(
            method: .POST, path: "/api/v1/experts/import",
            summary: "从 Excel（.xlsx）或 CSV 导入专家（multipart：file，或整个请求体加 ?name=），全部无误才入库，返回初始密码", tag: "专家评审",
            signedIn: true, body: "Upload", response: (200, "ExpertImport"), query: ["name"], multipart: true),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/review-plan", summary: "评审方案及其审核状态", tag: "专家评审",
            signedIn: true,
            response: (200, "ReviewPlanView")),
        .init(
            method: .PUT, path: "/api/v1/calls/{callId}/review-plan", summary: "制定或修改评审方案（修改后须财务重新审核；评审开始后冻结）",
            tag: "专家评审", signedIn: true, body: "ReviewPlan", response: (200, "ReviewPlanView")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/review-plan/approve", summary: "财务审核同意评审方案", tag: "专家评审",
            signedIn: true, response: (200, "ReviewPlanView")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/assignments/auto", summary: "自动分配评审专家（回避、领域匹配、均衡）",
            tag: "专家评审", signedIn: true, response: (200, "PairList")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/assignments", summary: "全部评审分配", tag: "专家评审", signedIn: true,
            response: (200, "AssignmentList")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/assignments", summary: "手工指派一位专家（检查回避）", tag: "专家评审",
            signedIn: true, body: "Pair", response: (201, "Assignment")),
        .init(
            method: .PUT, path: "/api/v1/assignments/{assignmentId}", summary: "手工改派专家（检查回避）", tag: "专家评审",
            signedIn: true, body: "MoveInput", response: (200, "Assignment")),
        .init(
            method: .DELETE, path: "/api/v1/assignments/{assignmentId}", summary: "撤销一项未提交的分配", tag: "专家评审",
            signedIn: true, response: (204, nil)),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/review/start", summary: "开始专家评审（方案冻结，通知专家）", tag: "专家评审",
            signedIn: true, response: (200, "Count")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/review/complete", summary: "结束专家评审（全部专家已提交）", tag: "专家评审",
            signedIn: true, response: (200, "Count")),
        .init(
            method: .GET, path: "/api/v1/reviews", summary: "专家本人的评审任务", tag: "专家评审", signedIn: true,
            response: (200, "ReviewList")),
        .init(
            method: .GET, path: "/api/v1/reviews/{reviewId}", summary: "一项评审任务（只含本人评分）", tag: "专家评审", signedIn: true,
            response: (200, "Review")),
        .init(
            method: .PUT, path: "/api/v1/reviews/{reviewId}", summary: "保存草稿、提交（仅一次）或申明回避", tag: "专家评审",
            signedIn: true, body: "ReviewInput", response: (200, "Review")),
        .init(
            method: .GET, path: "/api/v1/reviews/{reviewId}/history",
            summary: "评审意见的修改记录（每次有改动的保存、每次提交、每次重新开放，含修改前后；仅省科协）", tag: "专家评审", signedIn: true,
            response: (200, "ReviewChangeList")),
        .init(
            method: .POST, path: "/api/v1/reviews/{reviewId}/reopen",
            summary: "重新开放已提交的评审意见（须填写理由；提交的版本保留在修改记录中，通知专家；仅省科协）", tag: "专家评审", signedIn: true,
            body: "ReviewReopen", response: (200, "Assignment")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/review-extensions", summary: "为个别专家延长的评审截止时间", tag: "专家评审",
            signedIn: true, response: (200, "ReviewExtensionList")),
        .init(
            method: .PUT, path: "/api/v1/calls/{callId}/review-extensions/{expertId}",
            summary: "为一位专家延长评审截止时间（须晚于评审方案的截止日期，填写理由；再次设置即替换；通知专家）", tag: "专家评审",
            signedIn: true, body: "ReviewExtensionInput", response: (200, "ReviewExtension")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/ranking", summary: "分类别评审排名", tag: "专家评审", signedIn: true,
            response: (200, "Ranking")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/ranking.xlsx", summary: "评审排名（Excel）", tag: "专家评审",
            signedIn: true),
        .init(
            method: .PUT, path: "/api/v1/applications/{applicationId}/finance-opinion", summary: "财务预算意见（同意或核减）",
            tag: "专家评审", signedIn: true, body: "FinanceOpinionInput", response: (200, "FinanceOpinion")),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/finance-opinion", summary: "财务预算意见", tag: "专家评审",
            signedIn: true, response: (200, "FinanceOpinion")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/selection-suggestion", summary: "建议资助名单及理由", tag: "会议审议",
            signedIn: true, response: (200, "Suggestion")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/decisions", summary: "会议决定及提示", tag: "会议审议", signedIn: true,
            response: (200, "Decisions")),
        .init(
            method: .PUT, path: "/api/v1/calls/{callId}/decisions", summary: "记录会议决定（违反上限的整组拒绝，逐条说明）", tag: "会议审议",
            signedIn: true, body: "DecisionList", response: (200, "Decisions")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/decisions/confirm", summary: "确认会议纪要：项目转为拟资助或不予资助",
            tag: "会议审议", signedIn: true, response: (200, "Decisions")),
    ]

    static let reviewSchemas: [(String, JSONValue)] = [
        (
            "ExpertInput",
            object(
                [
                    ("name", string), ("organizationName", string), ("organizationId", nullableString),
                    ("title", string),
                    ("fields", ["type": "array", "items": string]), ("phone", string), ("email", string),
                    ("conflictOrganizationIds", ["type": "array", "items": string]), ("username", nullableString),
                    ("password", nullableString),
                ], required: ["name", "organizationName", "title", "fields", "phone", "email"])
        ),
        ("ExpertCreated", object([("id", string), ("userId", nullableString), ("username", nullableString)])),
        (
            "Expert",
            object([
                ("id", string), ("name", string), ("organizationName", string), ("organizationId", nullableString),
                ("title", string), ("fields", ["type": "array", "items": string]), ("phone", string), ("email", string),
                ("conflictOrganizationIds", ["type": "array", "items": string]), ("userId", nullableString),
                ("username", nullableString), ("fieldLabels", string), ("conflictOrganizationNames", string),
                ("active", ["type": "boolean"]), ("deactivatedAt", nullableString),
                ("maxReviews", bounded(ReviewPlan.maxReviewsRange)),
            ])
        ),
        ("ExpertList", list("Expert")),
        (
            "ExpertImport",
            object([
                ("imported", integer),
                (
                    "accounts",
                    [
                        "type": "array",
                        "items": object([
                            ("row", integer), ("name", string), ("username", string), ("initialPassword", string),
                        ]),
                    ]
                ),
            ])
        ),
        (
            "Criterion",
            object([("code", string), ("name", string), ("maxPoints", bounded(InputBounds.criterionPoints))])
        ),
        (
            "ReviewPlan",
            object([
                ("criteria", array(ref("Criterion"), maxItems: ReviewPlan.criteriaLimit)),
                ("expertsPerApplication", bounded(ReviewPlan.expertsRange)),
                ("priorityRule", ["type": "string", "enum": ["tieBreak", "bonus"]]),
                ("priorityBonusMax", bounded(ReviewPlan.bonusRange)),
                ("panels", ["type": "object", "additionalProperties": ["type": "array", "items": string]]),
                ("reviewDeadline", nullableString), ("totalBudgetYuan", bounded(InputBounds.totalBudgetYuan)),
                ("maxReviewsPerExpert", bounded(ReviewPlan.maxReviewsRange)),
            ])
        ),
        (
            "ReviewPlanView",
            object([
                ("callId", string), ("state", ["type": "string", "enum": ["none", "pendingApproval", "approved"]]),
                ("stateLabel", string), ("frozen", ["type": "boolean"]), ("plan", ref("ReviewPlan")),
                ("setBy", nullableString), ("setAt", nullableString), ("approvedBy", nullableString),
                ("approvedAt", nullableString), ("minutesConfirmedAt", nullableString), ("version", integer),
            ])
        ),
        (
            "Pair",
            object(
                [("applicationId", string), ("expertId", string), ("confirm", ["type": "boolean"])],
                required: ["applicationId", "expertId"])
        ),
        ("PairList", list("Pair")),
        ("MoveInput", object([("expertId", string), ("confirm", ["type": "boolean"])], required: ["expertId"])),
        (
            "Assignment",
            object([
                ("id", string), ("applicationId", string), ("expertId", string), ("expertName", string),
                ("status", ["type": "string", "enum": ["assigned", "draft", "submitted", "declined"]]),
                ("statusLabel", string), ("assignedBy", string),
            ])
        ),
        ("AssignmentList", list("Assignment")),
        ("Count", object([("applications", integer)])),
        (
            "Review",
            object([
                ("id", string), ("applicationId", string), ("status", string), ("projectName", string),
                ("criteria", list("Criterion")), ("scores", ["type": "object", "additionalProperties": integer]),
                ("total", integer), ("comment", nullableString), ("recommendation", nullableString),
                ("suggestedAmountYuan", integer), ("reviewDeadline", nullableString), ("statusLabel", string),
                ("organizationName", string), ("category", string), ("categoryLabel", string),
                ("requestedYuan", integer), ("submittedAt", nullableString),
                ("extendedDeadline", nullableString), ("extensionReason", nullableString),
            ])
        ),
        ("ReviewList", list("Review")),
        (
            "ReviewSnapshot",
            object([
                ("scores", ["type": "object", "additionalProperties": integer]), ("total", integer),
                ("comment", nullableString), ("recommendation", ["type": "string", "enum": ["fund", "doNotFund"]]),
                ("suggestedAmountYuan", integer),
            ])
        ),
        (
            "ReviewChange",
            object(
                [
                    ("id", string), ("kind", ["type": "string", "enum": ["saved", "submitted", "reopened"]]),
                    ("kindLabel", string), ("actorName", string), ("at", string), ("before", ref("ReviewSnapshot")),
                    ("after", ref("ReviewSnapshot")), ("reason", nullableString),
                ], required: ["id", "kind", "kindLabel", "actorName", "at", "after"])
        ),
        ("ReviewChangeList", list("ReviewChange")),
        (
            "ReviewReopen",
            object(
                [("reason", ["type": "string", "maxLength": .int(ReviewDeadline.reasonLimit)])],
                required: ["reason"])
        ),
        (
            "ReviewExtensionInput",
            object(
                [
                    ("deadline", ["type": "string", "format": "date"]),
                    ("reason", ["type": "string", "maxLength": .int(ReviewDeadline.reasonLimit)]),
                ], required: ["deadline", "reason"])
        ),
        (
            "ReviewExtension",
            object([
                ("expertId", string), ("expertName", string), ("deadline", string), ("deadlineText", string),
                ("reason", string), ("setBy", string), ("setAt", string),
            ])
        ),
        ("ReviewExtensionList", list("ReviewExtension")),
        (
            "ReviewInput",
            object([
                ("scores", ["type": "object", "additionalProperties": bounded(InputBounds.score)]), ("comment", string),
                ("recommendation", ["type": "string", "enum": ["fund", "doNotFund"]]),
                ("suggestedAmountYuan", bounded(InputBounds.amountYuan)), ("submit", ["type": "boolean"]),
                ("conflictDeclared", ["type": "boolean"]),
            ])
        ),
        (
            "RankingRow",
            object([
                ("applicationId", string), ("rank", integer), ("score", ["type": "number"]), ("reviewCount", integer),
                ("reviews", integer), ("spread", integer), ("totals", ["type": "array", "items": integer]),
                ("applicationNumber", string), ("projectName", string), ("requestedYuan", integer),
                ("reviewScore", ["type": "number"]), ("bonus", ["type": "number"]), ("trimmed", ["type": "boolean"]),
                ("priorityConditions", integer), ("organizationName", string), ("category", string),
                ("status", string), ("statusLabel", string), ("expertsSuggestingFunding", integer),
                ("financeDecision", nullableString), ("financeAmountYuan", integer), ("financeComment", nullableString),
                ("funded", ["type": "boolean", "nullable": true]), ("amountYuan", integer),
            ])
        ),
        ("Ranking", object([("conference", list("RankingRow")), ("cooperation", list("RankingRow"))])),
        (
            "FinanceOpinionInput",
            object(
                [
                    ("decision", ["type": "string", "enum": ["agree", "reduce"]]),
                    ("amountYuan", bounded(InputBounds.amountYuan)),
                    ("comment", string),
                    ("confirmBelowMinimum", ["type": "boolean"]),
                ], required: ["decision"])
        ),
        (
            "FinanceOpinion",
            object([
                ("applicationId", string), ("decision", string), ("decisionLabel", string), ("amountYuan", integer),
                ("comment", string), ("signer", string), ("updatedAt", nullableString),
            ])
        ),
        (
            "Decision",
            object(
                [
                    ("applicationId", string), ("funded", ["type": "boolean"]),
                    ("amountYuan", bounded(InputBounds.amountYuan)),
                ],
                required: ["applicationId", "funded"])
        ),
        ("DecisionList", list("Decision")),
        (
            "Suggestion",
            object([
                (
                    "suggestions",
                    [
                        "type": "array",
                        "items": object([
                            ("applicationId", string), ("funded", ["type": "boolean"]), ("amountYuan", integer),
                            ("reason", string), ("category", string), ("rank", integer),
                        ]),
                    ]
                ),
                ("fundedCount", integer), ("totalYuan", integer), ("totalBudgetYuan", integer),
                ("warnings", list("Problem")),
            ])
        ),
        (
            "Decisions",
            object([
                ("decisions", list("Decision")), ("warnings", list("Problem")), ("fundedCount", integer),
                ("totalYuan", integer), ("confirmed", ["type": "boolean"]), ("confirmedAt", nullableString),
            ])
        ),
    ]
}
