import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// What python-docx reads from a downloaded form: section 四's three boxes, the cover's lines
/// (the paragraphs before the first table) and each section's header.
private struct DownloadedForm: Decodable {
    var cover: [String]
    var review: [String]
    var headers: [String]
    var text: String
}

private let reader = #"""
    import json, sys, docx
    document = docx.Document(sys.argv[1])
    body = document.element.body
    cover = []
    for child in body.iterchildren():
        if child.tag.endswith("}tbl"):
            break
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text:
                cover.append(text)
    review = []
    for table in document.tables:
        if table.rows[0].cells[0].text == "四、审查意见":
            review = ["\n".join(p.text for p in row.cells[0].paragraphs) for row in table.rows[1:]]
    text = "\n".join(p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs)
    headers = ["\n".join(p.text for p in s.header.paragraphs) for s in document.sections]
    print(json.dumps({"cover": cover, "review": review, "headers": headers, "text": text}))
    """#

private let pythonDocxAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import docx"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// Downloads the form as its reader would and reads it back with python-docx.
private func download(_ app: Application, _ id: UUID, token: String) async throws -> DownloadedForm {
    let response = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.docx", token: token)
    try #require(response.status == .ok)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).docx")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(buffer: response.body).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", reader, file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return try JSONDecoder().decode(DownloadedForm.self, from: data)
}

/// The blank lines of a box: seal and signature for 申报单位 and 推荐单位, 签字 for the province.
private let sealAndSignature = "（单位盖章）\n负责人签字：\t年  月  日"

@Suite(
    "The downloaded form is the guide's: cover, section 四, nothing typed for a signer",
    .enabled(if: pythonDocxAvailable || ProcessInfo.processInfo.environment["CI"] != nil))
struct OfficialFormTests {
    @Test("四 carries the latest round's recommendations only, above blank seal and signature lines")
    func latestRoundOnly() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.county, comment: "第一轮：同意推荐")
            let returned = try await app.api(
                .POST, "/api/v1/applications/\(id)/opinions", token: people.city,
                json: ["decision": "return", "comment": "请补充境外专家的邀请函"])
            #expect(returned.status == .ok)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let again = try await app.api(
                .POST, "/api/v1/applications/\(id)/submit", token: people.applicant,
                json: ["recommenderId": county.uuidString])
            #expect(again.status == .ok)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.county, comment: "已补充，同意推荐")
            _ = try await ApplicationFixtures.recommend(app, id, token: people.city, comment: "经初审，同意推荐")

            let form = try await download(app, id, token: people.province)
            #expect(
                form.cover == [
                    "湖南省科协国际科技交流会议项目申报书", "申报单位：湖南鸿斯科技有限公司", "项目期限：2025年6月1日至2025年12月31日",
                    "联系人：王五", "联系电话：13812345678", "湖南省科学技术协会制", "2025年2月",
                ])
            #expect(form.headers.first == "申报编号：2025-HY-0001")
            #expect(form.review.count == 3)
            #expect(form.review[0] == "申报单位意见：\n\n\n\n" + sealAndSignature)
            #expect(
                form.review[1] == "推荐单位意见：\n岳麓区科学技术协会\n推荐\n已补充，同意推荐\n\n长沙市科学技术协会\n推荐\n经初审，同意推荐\n\n"
                    + sealAndSignature)
            #expect(form.review[2] == "省科协审定意见：\n\n\n\n签字：\n\t年  月  日")
            // Nothing invented: no earlier round, no return, no online commitment turned into an opinion.
            for invented in ["第一轮", "请补充境外专家的邀请函", "承诺属实", "同意申报", "受理"] {
                #expect(!form.text.contains(invented), "\(invented)")
            }
        }
    }

    @Test("the province's box stays blank under notice and shows the decision once published")
    func provinceBoxAfterPublication() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            let funded = try #require(people.ids["A"])
            let notFunded = try #require(people.ids["D"])
            app.now = { beijing("2025-09-26 09:00") }
            let started = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
            #expect(started.status == .created, "\(started.body.string)")
            #expect(
                try await download(app, funded, token: people.province).review[2] == "省科协审定意见：\n\n\n\n签字：\n\t年  月  日")

            app.now = { beijing("2025-10-10 09:00") }
            let published = try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province)
            #expect(published.status == .ok, "\(published.body.string)")
            // The funded list names each project by its number too.
            let list = try await app.api(.GET, "/calls/2025/funded")
            let number = try #require(try await ApplicationModel.find(funded, on: app.db)?.number)
            #expect(list.body.string.contains(number))
            #expect(
                try await download(app, funded, token: people.province).review[2]
                    == "省科协审定意见：\n立项，资助金额15万元。\n\n签字：\n\t年  月  日")
            #expect(
                try await download(app, notFunded, token: people.province).review[2]
                    == "省科协审定意见：\n不予立项。\n\n签字：\n\t年  月  日")
        }
    }
}
