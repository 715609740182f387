import ShenbaoCore
import Vapor

/// The funded project after 立项 (issue 30): its award letter and agreement, the agreement's
/// upload and the province's confirmation.
extension OpenAPIDocument {
    static let projectOperations: [Operation] =
        [
            .init(
                method: .POST, path: "/api/v1/applications/{applicationId}/agreement",
                summary: "上传签字盖章的项目任务书（申报单位；multipart：file，PDF；仅“已立项”时，上传即提交，状态变为“任务书待确认”）", tag: "项目执行",
                signedIn: true, body: "Upload", response: (200, "Application"), multipart: true),
            .init(
                method: .POST, path: "/api/v1/applications/{applicationId}/agreement/confirm",
                summary: "确认项目任务书（省科协；项目进入“执行中”）", tag: "项目执行", signedIn: true, response: (200, "Application")),
            .init(
                method: .POST, path: "/api/v1/applications/{applicationId}/agreement/return",
                summary: "退回项目任务书（省科协；须写明理由，状态回到“已立项”，申报单位重新上传）", tag: "项目执行", signedIn: true,
                body: "AgreementReturn", response: (200, "Application")),
            .init(
                method: .GET, path: "/api/v1/calls/{callId}/projects.xlsx",
                summary: "立项项目跟踪表（Excel；省科协、财务）：批准金额、已拨付、剩余、拨付笔数、项目状态、任务书确认时间", tag: "项目执行",
                signedIn: true),
        ]
        + ["award-letter", "agreement"].flatMap { name in
            let title = name == "award-letter" ? "立项通知书" : "项目任务书（按申报书预填，签字盖章处留空）"
            return [
                Operation(
                    method: .GET, path: "/api/v1/applications/{applicationId}/documents/\(name).docx",
                    summary: "\(title) Word 版（立项后）", tag: "文件", signedIn: true),
                Operation(
                    method: .GET, path: "/api/v1/applications/{applicationId}/documents/\(name).pdf",
                    summary: "\(title) PDF 版（LibreOffice 转换）", tag: "文件", signedIn: true),
            ]
        }

    static let projectSchemas: [(String, JSONValue)] = [
        ("AgreementReturn", object([("comment", string)], required: ["comment"]))
    ]
}
