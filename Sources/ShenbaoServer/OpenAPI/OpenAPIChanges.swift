import ShenbaoCore
import Vapor

/// 项目变更 of a funded project (issue 30): the unit asks for one change at a time while the
/// project is underway, the province approves (the plan changes) or refuses it with a comment.
extension OpenAPIDocument {
    static let changeOperations: [Operation] = [
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/changes",
            summary: "项目的变更申请及审核结果（新的在前）", tag: "项目执行", signedIn: true,
            response: (200, "ChangeRequestList")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/changes",
            summary:
                "申请项目变更（申报单位；项目执行中至验收结束前；已有待审核的变更时 409 duplicate，状态不允许时 409 notAllowedInStatus）",
            tag: "项目执行", signedIn: true, body: "ChangeRequestInput", response: (201, "ChangeRequest")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/changes/{changeId}/decision",
            summary: "审核项目变更（省科协；同意后申报书的相应内容随之变更；不同意时须填写意见；已审核过时 409 alreadyDecided）",
            tag: "项目执行", signedIn: true, body: "ChangeDecisionInput", response: (200, "ChangeRequest")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/changes/{changeId}/evidence",
            summary:
                "上传变更申请的证明材料（申报单位；multipart：file，PDF、JPG 或 PNG；仅待审核时；再次上传取代前一份；已审核时 409 alreadyDecided；问题的 field 为 evidence）",
            tag: "项目执行", signedIn: true, body: "Upload", response: (200, "ChangeRequest"), multipart: true),
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/changes/{changeId}/evidence",
            summary: "下载变更申请的证明材料（申报单位、其推荐单位、省科协、财务；没有时 404）", tag: "文件", signedIn: true),
    ]

    private static let changeKind: JSONValue = [
        "type": "string", "enum": .array(ChangeRequest.Kind.allCases.map { .string($0.rawValue) }),
        "description": "extension 延期、content 内容调整、partners 合作方变更、budget 经费调整、leader 负责人变更",
    ]

    static let changeSchemas: [(String, JSONValue)] = [
        (
            "ChangeRequestInput",
            object(
                [
                    ("kind", changeKind),
                    (
                        "newEnd",
                        [
                            "type": "string", "format": "date",
                            "description": "延期：新的项目结束日期，晚于现在的结束日期，最多延后12个月",
                        ]
                    ),
                    ("mainContent", ["type": "string", "maxLength": .int(ChangeRequest.contentLimit)]),
                    (
                        "partners",
                        [
                            "type": "array",
                            "items": ["type": "string", "maxLength": .int(ChangeRequest.partnerNameLimit)],
                            "minItems": 1, "maxItems": .int(ChangeRequest.partnerCount.upperBound),
                        ]
                    ),
                    (
                        "budgetsYuan",
                        [
                            "type": "array", "items": bounded(ChangeRequest.budgetBounds),
                            "description": "经费调整：每个阶段一个（元），合计须等于调整前的合计",
                        ]
                    ),
                    ("leader", ["type": "string", "maxLength": .int(ChangeRequest.leaderLimit)]),
                    ("reason", ["type": "string", "maxLength": .int(ChangeRequest.reasonLimit)]),
                ],
                required: ["kind", "reason"])
        ),
        (
            "ChangeDecisionInput",
            object(
                [
                    ("approve", ["type": "boolean"]),
                    (
                        "comment",
                        [
                            "type": "string", "nullable": true, "maxLength": .int(ChangeRequest.commentLimit),
                            "description": "不同意时必填",
                        ]
                    ),
                ],
                required: ["approve"])
        ),
        (
            "ChangePart",
            object(
                [
                    ("kind", changeKind), ("newEnd", ["type": "string", "format": "date"]), ("mainContent", string),
                    ("partners", ["type": "array", "items": string]),
                    ("budgetsYuan", ["type": "array", "items": integer]), ("leader", string),
                ],
                required: ["kind"])
        ),
        (
            "ChangeRequest",
            object([
                ("id", string), ("applicationId", string), ("kind", changeKind), ("kindLabel", string),
                ("request", ref("ChangePart")), ("before", ref("ChangePart")), ("reason", string),
                ("state", ["type": "string", "enum": ["pending", "approved", "refused"]]), ("stateLabel", string),
                ("decisionComment", nullableString), ("requestedBy", string), ("decidedBy", nullableString),
                ("createdAt", nullableString), ("decidedAt", nullableString),
                ("evidence", ref("ChangeEvidence")),
            ])
        ),
        (
            "ChangeEvidence",
            object([
                ("attachmentId", string), ("name", string), ("contentType", string), ("size", integer),
                ("url", ["type": "string", "description": "下载地址：…/changes/{changeId}/evidence"]),
            ])
        ),
        (
            "ChangeRequestList",
            object([("items", array(ref("ChangeRequest"), maxItems: ChangeRequestService.maximumCount))])
        ),
    ]
}
