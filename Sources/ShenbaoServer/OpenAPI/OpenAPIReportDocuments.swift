import Vapor

/// The funded project's reports and acceptance opinion as documents (issue 30 item 8).
extension OpenAPIDocument {
    static let reportDocumentOperations: [Operation] = ["docx", "pdf"].flatMap { format in
        let kind = format == "docx" ? "Word 版" : "PDF 版（LibreOffice 转换）"
        return [
            Operation(
                method: .GET, path: "/api/v1/applications/{applicationId}/reports/{code}/document.\(format)",
                summary:
                    "报告（中期报告、总结报告等，code 为报告代码）\(kind)：项目基本信息、报告状态与提交日期、各填报事项、经费决算（万元）、佐证材料；项目负责人签字、单位盖章处留空（立项后；未保存的报告按空白草稿输出）",
                tag: "文件", signedIn: true),
            Operation(
                method: .GET, path: "/api/v1/applications/{applicationId}/changes/{changeId}/document.\(format)",
                summary: "项目变更申请表\(kind)：项目基本信息、变更类型、变更前后、理由、申请日期，审核后含省科协意见；项目负责人签字、单位盖章处留空",
                tag: "文件", signedIn: true),
            Operation(
                method: .GET, path: "/api/v1/applications/{applicationId}/acceptance/document.\(format)",
                summary: "项目验收意见书\(kind)：最近一次验收结论、绩效评价得分与等级、各阶段目标完成情况、验收意见、整改期限（尚未验收时 404）",
                tag: "文件", signedIn: true),
        ]
    }
}
