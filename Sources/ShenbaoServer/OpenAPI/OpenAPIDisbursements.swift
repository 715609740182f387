import ShenbaoCore
import Vapor

/// 经费拨付 of a funded project (issue 30): finance records payments, never beyond the approved
/// amount; the unit, its recommenders, the province and finance read them.
extension OpenAPIDocument {
    static let disbursementOperations: [Operation] = [
        .init(
            method: .GET, path: "/api/v1/applications/{applicationId}/disbursements",
            summary: "项目的经费拨付记录及批准、已拨付、剩余金额（元）", tag: "项目执行", signedIn: true,
            response: (200, "DisbursementList")),
        .init(
            method: .POST, path: "/api/v1/applications/{applicationId}/disbursements",
            summary: "登记一笔拨付（财务；项目执行中至验收结束前；累计超过批准资助金额时 409 disbursementAboveApproved，同一凭证号重复时 409 duplicate）",
            tag: "项目执行", signedIn: true, body: "DisbursementInput", response: (201, "Disbursement")),
    ]

    static let disbursementSchemas: [(String, JSONValue)] = [
        (
            "DisbursementInput",
            object(
                [
                    ("paidOn", ["type": "string", "format": "date", "description": "拨付日期，不晚于今天、不早于立项日期"]),
                    ("amountYuan", bounded(Disbursement.amountBounds)),
                    ("phaseIndex", ["type": "integer", "nullable": true, "description": "对应申报书的第几个阶段（从 0 起），可不填"]),
                    ("voucherNumber", ["type": "string", "maxLength": .int(Disbursement.voucherLimit)]),
                    ("note", ["type": "string", "nullable": true, "maxLength": .int(Disbursement.noteLimit)]),
                ],
                required: ["paidOn", "amountYuan", "voucherNumber"])
        ),
        (
            "Disbursement",
            object([
                ("id", string), ("applicationId", string), ("paidOn", ["type": "string", "format": "date"]),
                ("amountYuan", integer), ("phaseIndex", ["type": "integer", "nullable": true]),
                ("voucherNumber", string), ("note", nullableString), ("recordedBy", string),
                ("createdAt", nullableString),
            ])
        ),
        (
            "DisbursementList",
            object([
                ("items", array(ref("Disbursement"), maxItems: Disbursement.maximumCount)),
                ("approvedYuan", integer), ("paidYuan", integer), ("remainingYuan", integer),
            ])
        ),
    ]
}
