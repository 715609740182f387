import ShenbaoCore
import Vapor

/// The registry's part of the OpenAPI document: applicant organisations (search, hand
/// registration, edits), one expert of the pool (edit, deactivate, activate), and the export and
/// erasure of a person's data.
extension OpenAPIDocument {
    static let registryOperations: [Operation] =
        [
            .init(
                method: .GET, path: "/api/v1/organizations", summary: "按名称、曾用名或统一社会信用代码查找申报单位（最多50个；q 缺省为最近登记的）",
                tag: "单位", signedIn: true, response: (200, "OrganizationSummaryList"), query: ["q"]),
            .init(
                method: .POST, path: "/api/v1/organizations",
                summary: "省科协人工登记申报单位：规则同自行注册；统一社会信用代码仅校验位不通过时，须填写理由（记录批准人和时间）；代码不能重复",
                tag: "单位", signedIn: true, body: "OrganizationAdminInput", response: (201, "OrganizationDetail")),
            .init(
                method: .GET, path: "/api/v1/organizations/{organizationId}", summary: "一个申报单位的登记信息、更名记录和校验位例外",
                tag: "单位", signedIn: true, response: (200, "OrganizationDetail")),
            .init(
                method: .PATCH, path: "/api/v1/organizations/{organizationId}",
                summary: "修改申报单位登记信息（只改所送字段；改名记入更名记录；已提交的申报书不受影响；不合并单位）", tag: "单位",
                signedIn: true, body: "OrganizationAdminInput", response: (200, "OrganizationDetail")),
            .init(
                method: .GET, path: "/api/v1/experts/{expertId}", summary: "一位专家", tag: "专家评审", signedIn: true,
                response: (200, "Expert")),
            .init(
                method: .PATCH, path: "/api/v1/experts/{expertId}", summary: "修改专家信息（只改所送字段；姓名、电话、邮箱同步到专家账号）",
                tag: "专家评审", signedIn: true, body: "ExpertEdit", response: (200, "Expert")),
            .init(
                method: .POST, path: "/api/v1/experts/{expertId}/deactivate",
                summary: "停用专家：不再被自动或手工分配，已提交的评审意见保留；返回尚未提交的评审任务数", tag: "专家评审", signedIn: true,
                response: (200, "ExpertStatus")),
            .init(
                method: .POST, path: "/api/v1/experts/{expertId}/activate", summary: "重新启用专家", tag: "专家评审",
                signedIn: true, response: (200, "ExpertStatus")),
            .init(
                method: .GET, path: "/api/v1/personal-data", summary: "按姓名、用户名、电话或异议回执号查找个人信息记录及其保存期限",
                tag: "个人信息", signedIn: true, response: (200, "PersonalDataEntryList"), query: ["q"]),
        ]
        + [("users", "userId", "用户账号"), ("experts", "expertId", "评审专家"), ("objections", "objectionId", "公示异议人")]
        .flatMap { segment, parameter, label in
            [
                Operation(
                    method: .GET, path: "/api/v1/\(segment)/{\(parameter)}/personal-data",
                    summary: "导出\(label)记录的全部个人信息（JSON 文件；专家的账号并入专家记录）", tag: "个人信息", signedIn: true,
                    response: (200, "PersonalDataExport")),
                Operation(
                    method: .POST, path: "/api/v1/\(segment)/{\(parameter)}/personal-data/erase",
                    summary: "保存期限届满后删除\(label)记录的个人信息（替换为“已删除”，记录保留）；未届满时 409 并说明可删除日期",
                    tag: "个人信息", signedIn: true, response: (200, "PersonalDataErasure")),
            ]
        }

    static let registrySchemas: [(String, JSONValue)] = [
        (
            "OrganizationAdminInput",
            object([
                ("organization", ref("Organization")),
                ("usccExceptionReason", ["type": "string", "nullable": true, "maxLength": 500]),
            ])
        ),
        (
            "OrganizationSummary",
            object([
                ("id", string), ("name", string), ("uscc", nullableString), ("divisionName", string),
                ("formerNames", array(string, maxItems: OrganizationAdminService.historyLimit)),
                ("usccException", ["type": "boolean"]),
            ])
        ),
        ("OrganizationSummaryList", array(ref("OrganizationSummary"), maxItems: OrganizationAdminService.searchLimit)),
        (
            "OrganizationDetail",
            object([
                ("id", string), ("name", string), ("organization", ref("Organization")), ("natureLabel", string),
                ("applicantKindLabel", string), ("divisionName", string),
                (
                    "usccException",
                    object([
                        ("reason", string), ("approvedById", nullableString), ("approvedByName", string),
                        ("approvedAt", nullableString), ("approvedAtText", string),
                    ])
                ),
                (
                    "nameHistory",
                    array(
                        object([
                            ("oldName", string), ("newName", string), ("changedAt", string), ("changedAtText", string),
                            ("changedByName", string),
                        ]), maxItems: OrganizationAdminService.historyLimit)
                ),
                ("createdAt", nullableString), ("updatedAt", nullableString),
            ])
        ),
        (
            "ExpertEdit",
            object([
                ("name", string), ("organizationName", string), ("organizationId", nullableString), ("title", string),
                ("fields", array(string, maxItems: ExpertAdminService.maximumListLength)), ("phone", string),
                ("email", string),
                ("conflictOrganizationIds", array(string, maxItems: ExpertAdminService.maximumListLength)),
                // A number, or "" (or null) to use the review plan's maximum again.
                (
                    "maxReviews",
                    ["type": ["integer", "string", "null"], "maximum": .int(ReviewPlan.maxReviewsRange.upperBound)]
                ),
            ])
        ),
        (
            "ExpertStatus",
            object([
                ("id", string), ("active", ["type": "boolean"]), ("deactivatedAt", nullableString),
                ("pendingReviews", integer), ("message", string),
            ])
        ),
        (
            "PersonalDataEntry",
            object([
                ("kind", ["type": "string", "enum": .array(PersonalRecordKind.allCases.map { .string($0.rawValue) })]),
                ("kindLabel", string), ("id", string), ("name", string), ("detail", string),
                ("lastActiveYear", integer), ("keptThrough", string), ("erasableFrom", string),
                ("erasable", ["type": "boolean"]), ("erased", ["type": "boolean"]), ("erasedAt", nullableString),
                ("refusal", nullableString),
            ])
        ),
        ("PersonalDataEntryList", array(ref("PersonalDataEntry"), maxItems: 3 * PersonalDataService.searchLimit)),
        (
            "PersonalDataExport",
            object([
                ("kind", string), ("kindLabel", string), ("recordId", string), ("exportedAt", string),
                ("retention", ref("PersonalDataEntry")),
                ("account", ["type": "object", "nullable": true]),
                ("sessions", array(["type": "object"], maxItems: PersonalDataService.listLimit)),
                ("activity", array(["type": "object"], maxItems: PersonalDataService.listLimit)),
                ("messages", array(["type": "object"], maxItems: PersonalDataService.listLimit)),
                ("expert", ["type": "object", "nullable": true]),
                ("reviews", array(["type": "object"], maxItems: PersonalDataService.listLimit)),
                ("objection", ["type": "object", "nullable": true]),
                ("truncated", ["type": "boolean"]),
            ])
        ),
        (
            "PersonalDataErasure",
            object([("kind", string), ("recordId", string), ("erasedAt", string), ("message", string)])
        ),
    ]
}
