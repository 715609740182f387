import ShenbaoCore
import Vapor

/// The notice's part of the OpenAPI document: the calendar, the call's administration, the
/// public notice and its objections, publication and the funded list.
extension OpenAPIDocument {
    static let noticeOperations: [Operation] = [
        .init(
            method: .GET, path: "/api/v1/calendar/working-days",
            summary: "第 N 个工作日（起始日为工作日时计为第 1 天；按国务院节假日安排及省科协停止办公日）", tag: "公示", signedIn: false,
            response: (200, "WorkingDays"), query: ["start", "count"]),
        .init(
            method: .GET, path: "/api/v1/calendar/closures", summary: "省科协另行停止办公的日期", tag: "公示", signedIn: false,
            response: (200, "ClosureList")),
        .init(
            method: .POST, path: "/api/v1/calendar/closures", summary: "添加停止办公日", tag: "公示", signedIn: true,
            body: "Closure", response: (201, "Closure")),
        .init(
            method: .DELETE, path: "/api/v1/calendar/closures/{day}", summary: "删除停止办公日", tag: "公示", signedIn: true,
            response: (204, nil)),
        .init(
            method: .GET, path: "/api/v1/calendar/years", summary: "工作日日历已有的年份（内置或省科协录入）及其节假日安排", tag: "公示",
            signedIn: true, response: (200, "CalendarYearList")),
        .init(
            method: .PUT, path: "/api/v1/calendar/years/{year}", summary: "录入或更正一年的法定节假日安排（已用于计算期限的不能更正）",
            tag: "公示", signedIn: true, body: "CalendarYearInput", response: (200, "CalendarYear")),
        .init(
            method: .PUT, path: "/api/v1/calls/{callId}/phase", summary: "推进申报指南阶段（不满足条件时 422 说明原因）", tag: "申报指南",
            signedIn: true, body: "PhaseInput", response: (200, "Call")),
        .init(
            method: .PUT, path: "/api/v1/calls/{callId}", summary: "修改申报指南的日期和内容", tag: "申报指南", signedIn: true,
            body: "CallEdit", response: (200, "Call")),
        .init(
            method: .PUT, path: "/api/v1/calls/{callId}/definition",
            summary: "申报指南编辑：类别、名额、金额、选项、条件、材料要求一并保存（已有申报书时，会使其失效的修改 409 列出）", tag: "申报指南",
            signedIn: true, body: "CallDefinition", response: (200, "Call")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/copy",
            summary: "以本指南为模板新建申报指南（筹备中）：默认下一年度；同一年度换标题即另一项目（年度与标题已有时 409）", tag: "申报指南",
            signedIn: true, body: "CallCopy", response: (201, "Call")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/notice", summary: "开始公示：拟资助项目进入公示", tag: "公示", signedIn: true,
            body: "NoticeStart", response: (201, "NoticePeriod")),
        .init(
            method: .GET, path: "/api/v1/public/calls/{callId}/notice", summary: "公示名单、公示期及异议方式", tag: "公示",
            signedIn: false, response: (200, "Notice")),
        .init(
            method: .GET, path: "/api/v1/public/calls/{callId}/notice.xlsx", summary: "公示名单（Excel）", tag: "公示",
            signedIn: false),
        .init(
            method: .GET, path: "/api/v1/public/calls/{callId}/notice.pdf", summary: "公示名单（PDF）", tag: "公示",
            signedIn: false),
        .init(
            method: .POST, path: "/api/v1/public/calls/{callId}/objections",
            summary: "实名提出异议（公示期内；同一地址每小时限 5 件），返回回执号", tag: "公示", signedIn: false, body: "ObjectionInput",
            response: (201, "ObjectionReceipt")),
        .init(
            method: .GET, path: "/api/v1/calls/{callId}/objections", summary: "全部异议（含异议人身份）", tag: "公示", signedIn: true,
            response: (200, "ObjectionList")),
        .init(
            method: .POST, path: "/api/v1/objections/{objectionId}/resolution",
            summary: "处理异议：成立则项目不予立项；查实弄虚作假的同时取消推荐单位三年推荐资格", tag: "公示", signedIn: true,
            body: "Resolution", response: (200, "Objection")),
        .init(
            method: .POST, path: "/api/v1/calls/{callId}/publish", summary: "公示期满、异议处理完毕后发布立项名单", tag: "公示",
            signedIn: true, response: (200, "Funded")),
        .init(
            method: .GET, path: "/api/v1/public/calls/{callId}/funded", summary: "立项名单", tag: "公示", signedIn: false,
            response: (200, "Funded")),
        .init(
            method: .GET, path: "/api/v1/public/calls/{callId}/funded.xlsx", summary: "立项名单（Excel）", tag: "公示",
            signedIn: false),
        .init(
            method: .GET, path: "/api/v1/public/calls/{callId}/funded.pdf", summary: "立项名单（PDF）", tag: "公示",
            signedIn: false),
    ]

    private static let listItem = object([
        ("applicationId", string), ("applicationNumber", string), ("organization", string), ("project", string),
        ("category", string), ("categoryLabel", string), ("amountYuan", integer),
        // The funded list of a call that publishes it: the project's 验收结果 once decided.
        ("finalState", ["type": "string", "enum": ["acceptancePassed", "acceptanceFailed", "closed"]]),
        ("finalStateLabel", string),
    ])

    static let noticeSchemas: [(String, JSONValue)] = [
        (
            "WorkingDays",
            object([
                ("start", string), ("count", integer), ("end", string),
                (
                    "days",
                    [
                        "type": "array",
                        "items": object([
                            ("date", string), ("weekday", string), ("workingDay", ["type": "boolean"]),
                            ("label", string),
                        ]),
                    ]
                ),
            ])
        ),
        ("Closure", object([("day", string), ("reason", string)], required: ["day", "reason"])),
        ("ClosureList", list("Closure")),
        (
            "CalendarYearInput",
            object(
                [
                    ("year", bounded(CalendarYearForm.years)), ("sourceTitle", string),
                    ("sourceDate", ["type": "string", "format": "date"]), ("sourceURL", string),
                    ("holidays", array(ref("CalendarHoliday"), maxItems: CalendarYearForm.holidayLimit)),
                    ("workingDays", array(ref("CalendarWorkingDay"), maxItems: CalendarYearForm.workingDayLimit)),
                ],
                required: ["sourceTitle", "sourceDate", "holidays"])
        ),
        ("CalendarHoliday", object([("name", string), ("firstDay", string), ("lastDay", string)])),
        ("CalendarWorkingDay", object([("day", string), ("holiday", string)])),
        (
            "CalendarYear",
            object([
                ("year", integer), ("origin", ["type": "string", "enum": ["bundled", "entered"]]),
                ("source", ["type": "array", "items": string]), ("holidays", list("CalendarHoliday")),
                ("workingDays", list("CalendarWorkingDay")), ("offDayCount", integer), ("enteredBy", nullableString),
                ("enteredAt", nullableString), ("inUse", ["type": "boolean"]),
            ])
        ),
        ("CalendarYearList", list("CalendarYear")),
        (
            "PhaseInput",
            object(
                [
                    (
                        "phase",
                        [
                            "type": "string",
                            "enum": ["draft", "open", "intake", "review", "meeting", "notice", "published", "closed"],
                        ]
                    )
                ], required: ["phase"])
        ),
        (
            "CallEdit",
            object([
                ("title", string), ("deadline", string), ("recommendationDeadline", string),
                ("correctionWorkingDays", bounded(CorrectionPeriod.workingDays)),
                ("publishesFinalState", ["type": "boolean"]),
                ("noticeWorkingDays", bounded(NoticeTerm.workingDays)),
                ("guideText", string),
                ("contactDepartment", string), ("contactPerson", string), ("contactPhone", string),
                ("contactEmail", string),
            ])
        ),
        ("CallCopy", object([("year", bounded(2000...2100)), ("title", string)])),
        ("NoticeStart", object([("startDate", string)], required: ["startDate"])),
        ("NoticePeriod", object([("startDate", string), ("endDate", string), ("workingDays", integer)])),
        (
            "Notice",
            object([
                ("callId", string), ("callTitle", string), ("programme", string), ("startDate", string),
                ("endDate", string),
                ("workingDays", integer), ("objectionsUntil", string), ("acceptingObjections", ["type": "boolean"]),
                ("published", ["type": "boolean"]), ("howToObject", string),
                ("items", ["type": "array", "items": listItem]), ("totalYuan", integer),
            ])
        ),
        (
            "ObjectionInput",
            object(
                [("applicationId", string), ("name", string), ("contact", string), ("text", string)],
                required: ["applicationId", "name", "contact", "text"])
        ),
        ("ObjectionReceipt", object([("receipt", string), ("receivedAt", string), ("message", string)])),
        (
            "Objection",
            object([
                ("id", string), ("receipt", string), ("applicationId", string), ("project", string),
                ("organization", string), ("name", string), ("contact", string), ("text", string),
                ("receivedAt", string), ("resolved", ["type": "boolean"]),
                ("upheld", ["type": "boolean", "nullable": true]),
                ("fraud", ["type": "boolean"]), ("outcomeLabel", string), ("comment", nullableString),
                ("resolvedBy", nullableString), ("resolvedAt", nullableString),
            ])
        ),
        ("ObjectionList", list("Objection")),
        (
            "Resolution",
            object(
                [("upheld", ["type": "boolean"]), ("comment", string), ("fraud", ["type": "boolean"])],
                required: ["upheld", "comment"])
        ),
        (
            "Funded",
            object([
                ("callId", string), ("callTitle", string), ("programme", string), ("publishedAt", string),
                ("items", ["type": "array", "items": listItem]), ("totalYuan", integer),
                ("publishesFinalState", ["type": "boolean"]),
            ])
        ),
    ]
}
