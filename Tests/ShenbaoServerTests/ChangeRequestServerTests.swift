import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// 项目变更 (issue 30 item 3): the unit of a funded project asks for a change while the project is
/// underway, one at a time; the province approves it (the plan changes, the before is kept) or
/// refuses it with a comment.
@Suite("Change requests of a funded project")
struct ChangeRequestServerTests {
    struct Part: Decodable {
        var kind: String
        var newEnd: String?
        var budgetsYuan: [Int]?
    }
    struct Item: Decodable {
        var id: UUID
        var kind: String
        var request: Part
        var before: Part?
        var state: String
        var decisionComment: String?
    }
    struct List: Decodable { var items: [Item] }
    struct Ask: Encodable {
        var kind: String
        var newEnd: String?
        var budgetsYuan: [Int]?
        var reason: String? = "合作方签证延误，活动推迟"
    }
    struct Decision: Encodable {
        var approve: Bool
        var comment: String?
    }

    /// Project A of MeetingDone, moved on to `status`, its plan 2026-01-01 … 2026-12-31 in two
    /// phases of 5 and 10 万元.
    static func project(_ app: Application, status: ApplicationStatus = .inProgress) async throws
        -> (people: MeetingDone, id: UUID)
    {
        let people = try await MeetingDone.make(app)
        let id = try #require(people.ids["A"])
        let application = try #require(try await ApplicationModel.find(id, on: app.db))
        application.status = status
        var form = application.form
        form.period = DayRange(start: Day("2026-01-01"), end: Day("2026-12-31"))
        form.phases = [Phase(budgetYuan: 50_000, goal: "筹备"), Phase(budgetYuan: 100_000, goal: "举办")]
        application.form = form
        try await application.save(on: app.db)
        app.now = { beijing("2026-03-10 10:00") }
        return (people, id)
    }

    static func ask(_ app: Application, _ id: UUID, token: String, _ body: Ask) async throws -> TestingHTTPResponse {
        try await app.api(.POST, "/api/v1/applications/\(id)/changes", token: token, json: body)
    }

    @Test("an extension asked, a second refused while it waits, approved: the period ends later, the before is kept")
    func extensionApproved() async throws {
        try await withShenbao { app in
            let (people, id) = try await Self.project(app)
            let version = try #require(try await ApplicationModel.find(id, on: app.db)).version
            let asked = try await Self.ask(
                app, id, token: people.applicantA, Ask(kind: "extension", newEnd: "2027-06-30"))
            #expect(asked.status == .created)
            let change = try asked.content.decode(Item.self)

            let second = try await Self.ask(
                app, id, token: people.applicantA, Ask(kind: "extension", newEnd: "2027-03-31"))
            #expect(second.status == .conflict)
            #expect(second.problems?.error.code == "duplicate")
            #expect(second.problems?.error.message == ChangeRequestService.pendingMessage)

            // The unit cannot decide its own request.
            let own = try await app.api(
                .POST, "/api/v1/applications/\(id)/changes/\(change.id)/decision", token: people.applicantA,
                json: Decision(approve: true))
            #expect(own.status == .forbidden)

            let approved = try await app.api(
                .POST, "/api/v1/applications/\(id)/changes/\(change.id)/decision", token: people.province,
                json: Decision(approve: true, comment: "同意延期"))
            #expect(approved.status == .ok)

            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(application.form.period?.end == Day("2027-06-30"))
            #expect(application.form.period?.start == Day("2026-01-01"))
            #expect(application.status == .inProgress)
            #expect(application.version == version + 1)

            let list = try await app.api(.GET, "/api/v1/applications/\(id)/changes", token: people.applicantA)
            let items = try list.content.decode(List.self).items
            #expect(items.count == 1)
            #expect(items.first?.state == "approved")
            #expect(items.first?.before?.newEnd == "2026-12-31")
            #expect(items.first?.request.newEnd == "2027-06-30")
            #expect(items.first?.decisionComment == "同意延期")

            let events = try await ApplicationEventModel.query(on: app.db).filter(\.$application.$id == id)
                .filter(\.$action ~~ ["requestChange", "decideChange"]).all()
            #expect(events.count == 2)
            #expect(
                events.contains {
                    $0.comment == "同意延期：2026年12月31日 → 2027年6月30日；意见：同意延期"
                })
            #expect(try await SecurityEventModel.query(on: app.db).filter(\.$action == .changeDecided).count() == 1)

            // Decided once: a second decision is refused; a new request may follow.
            let again = try await app.api(
                .POST, "/api/v1/applications/\(id)/changes/\(change.id)/decision", token: people.province,
                json: Decision(approve: false, comment: "再看"))
            #expect(again.status == .conflict)
            #expect(again.problems?.error.code == "alreadyDecided")
            let next = try await Self.ask(
                app, id, token: people.applicantA, Ask(kind: "extension", newEnd: "2027-09-30"))
            #expect(next.status == .created)
        }
    }

    @Test("a budget change whose total differs is refused with the numbers; a refusal needs its comment")
    func budgetAndRefusal() async throws {
        try await withShenbao { app in
            let (people, id) = try await Self.project(app)
            let wrong = try await Self.ask(
                app, id, token: people.applicantA, Ask(kind: "budget", budgetsYuan: [80_000, 80_000], reason: nil))
            #expect(wrong.status == .unprocessableEntity)
            #expect(
                wrong.problems?.errors.map(\.message) == [
                    "调整后的各阶段经费预算合计应等于调整前的合计15万元，现为16万元", "请填写变更理由",
                ])
            #expect(try await ChangeRequestModel.query(on: app.db).count() == 0)

            let asked = try await Self.ask(
                app, id, token: people.applicantA, Ask(kind: "budget", budgetsYuan: [70_000, 80_000]))
            #expect(asked.status == .created)
            let change = try asked.content.decode(Item.self)
            let bare = try await app.api(
                .POST, "/api/v1/applications/\(id)/changes/\(change.id)/decision", token: people.province,
                json: Decision(approve: false, comment: " "))
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.problems?.errors.first?.field == "comment")

            let refused = try await app.api(
                .POST, "/api/v1/applications/\(id)/changes/\(change.id)/decision", token: people.province,
                json: Decision(approve: false, comment: "调整理由不充分"))
            #expect(refused.status == .ok)
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(application.form.phases?.map(\.budgetYuan) == [50_000, 100_000])
            let stored = try #require(try await ChangeRequestModel.find(change.id, on: app.db))
            #expect(stored.state == "refused")
            #expect(stored.decisionComment == "调整理由不充分")
        }
    }

    @Test("before the agreement (已立项) no change may be asked; another unit is told nothing exists")
    func statusAndOwnership() async throws {
        try await withShenbao { app in
            let (people, id) = try await Self.project(app, status: .approved)
            let early = try await Self.ask(
                app, id, token: people.applicantA, Ask(kind: "extension", newEnd: "2027-06-30"))
            #expect(early.status == .conflict)
            #expect(early.problems?.error.code == "notAllowedInStatus")

            let other = try await ReviewFixtures.token(
                app, "danweiB", .applicant,
                organization: try #require(try await ApplicationModel.find(#require(people.ids["B"]), on: app.db))
                    .$organization.id)
            let hidden = try await Self.ask(app, id, token: other, Ask(kind: "extension", newEnd: "2027-06-30"))
            #expect(hidden.status == .notFound)
            let list = try await app.api(.GET, "/api/v1/applications/\(id)/changes", token: other)
            #expect(list.status == .notFound)
            #expect(try await ChangeRequestModel.query(on: app.db).count() == 0)
        }
    }

    @Test("page: the unit's form keeps what was typed beside each problem; the province approves on the page")
    func pages() async throws {
        try await withShenbao { app in
            let (_, id) = try await Self.project(app)
            let unit = Browser(app)
            try await unit.logIn("danweiA", TestUsers.password)
            let html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("<h2>项目变更</h2>"))
            #expect(html.contains("action=\"/applications/\(id)/changes\""))
            #expect(html.contains("<option value=\"\" selected>请选择</option>"))
            #expect(html.contains("第2阶段（现为10万元）"))

            let refused = try await unit.post(
                "/applications/\(id)/changes",
                form: [
                    ("kind", "budget"), ("budget0", "6"), ("budget1", "10"), ("reason", "会议规模扩大"),
                    ("_confirmed", "1"),
                ])
            #expect(refused.status == .unprocessableEntity)
            let again = refused.body.string
            #expect(again.contains("调整后的各阶段经费预算合计应等于调整前的合计15万元，现为16万元"))
            #expect(again.contains("value=\"6\""))
            #expect(again.contains("会议规模扩大</textarea>"))
            #expect(again.contains("<option value=\"budget\" selected>经费调整</option>"))

            let accepted = try await unit.post(
                "/applications/\(id)/changes",
                form: [
                    ("kind", "budget"), ("budget0", "6"), ("budget1", "9"), ("reason", "会议规模扩大"),
                    ("_confirmed", "1"),
                ])
            #expect(accepted.status == .seeOther)
            let waiting = try await unit.get("/applications/\(id)").body.string
            #expect(waiting.contains("第1阶段5万元；第2阶段10万元 → 第1阶段6万元；第2阶段9万元"))
            #expect(waiting.contains("已有一项变更申请等待省科协审核"))
            #expect(!waiting.contains("action=\"/applications/\(id)/changes\""))

            let change = try #require(try await ChangeRequestModel.query(on: app.db).first())
            let province = Browser(app)
            try await province.logIn("sheng", TestUsers.password)
            let review = try await province.get("/applications/\(id)").body.string
            #expect(review.contains("action=\"/applications/\(id)/changes/\(try change.requireID())/decision\""))
            // Its form to print, sign and stamp, linked from the list.
            #expect(
                review.contains("href=\"/api/v1/applications/\(id)/changes/\(try change.requireID())/document.pdf\""))
            let bare = try await province.post(
                "/applications/\(id)/changes/\(try change.requireID())/decision",
                form: [("approve", "false"), ("comment", ""), ("_confirmed", "1")])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.string.contains("不同意变更时请填写省科协意见"))
            let approved = try await province.post(
                "/applications/\(id)/changes/\(try change.requireID())/decision",
                form: [("approve", "true"), ("comment", "同意"), ("_confirmed", "1")])
            #expect(approved.status == .seeOther)
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            #expect(application.form.phases?.map(\.budgetYuan) == [60_000, 90_000])
        }
    }

    struct Evidence: Decodable {
        var attachmentId: UUID
        var name: String
        var url: String
    }
    struct WithEvidence: Decodable {
        var id: UUID
        var evidence: Evidence?
    }

    /// Bytes no one mistakes for a PDF, a JPEG or a PNG.
    static let gif = Data("GIF89a\u{01}\u{00}\u{01}\u{00}\u{00}\u{00}\u{00};".utf8)

    /// A page's form sent as multipart/form-data, as a browser sends a form with a file.
    static func postMultipart(
        _ browser: Browser, _ path: String, fields: [(String, String)], file: (field: String, name: String, data: Data)
    ) async throws -> TestingHTTPResponse {
        let boundary = "----shenbao\(UUID().uuidString.prefix(8))"
        var body = Data()
        for (name, value) in fields + [("_csrf", browser.csrf ?? "")] {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if let cookie = browser.cookie { headers.replaceOrAdd(name: .cookie, value: "shenbao_session=" + cookie) }
        var result: TestingHTTPResponse?
        try await browser.app.testing().test(.POST, path, headers: headers, body: ByteBuffer(data: body)) {
            result = $0
        }
        return try #require(result)
    }

    @Test(
        "API: the unit gives its 证明材料 to a waiting request; the province downloads it, another unit cannot; a GIF is refused naming 证明材料"
    )
    func evidenceThroughTheAPI() async throws {
        try await withShenbao { app in
            let (people, id) = try await Self.project(app)
            let asked = try await Self.ask(
                app, id, token: people.applicantA, Ask(kind: "extension", newEnd: "2027-06-30"))
            let change = try asked.content.decode(Item.self)
            let target = "changes/\(change.id)/evidence"

            let gif = try await ApplicationFixtures.upload(
                app, id, token: people.applicantA, kind: "", name: "来函.gif", data: Self.gif, to: target)
            #expect(gif.status == .unprocessableEntity)
            #expect(gif.problems?.errors.first?.field == "evidence")
            #expect(gif.problems?.errors.first?.message.hasPrefix("证明材料只接受 PDF、JPG 或 PNG 文件") == true)
            #expect(try await AttachmentModel.query(on: app.db).filter(\.$kind == .changeEvidence).count() == 0)

            let uploaded = try await ApplicationFixtures.upload(
                app, id, token: people.applicantA, kind: "", name: "合作方来函.pdf", to: target)
            #expect(uploaded.status == .ok, "\(uploaded.body.string)")
            let withEvidence = try uploaded.content.decode(WithEvidence.self)
            let evidence = try #require(withEvidence.evidence)
            #expect(evidence.name == "合作方来函.pdf")
            #expect(evidence.url == "/api/v1/applications/\(id)/changes/\(change.id)/evidence")

            // The province reads it in the list and downloads it before deciding.
            let list = try await app.api(.GET, "/api/v1/applications/\(id)/changes", token: people.province)
            #expect(list.body.string.contains("合作方来函.pdf"))
            let download = try await app.api(.GET, evidence.url, token: people.province)
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == ApplicationFixtures.pdf)
            #expect(download.headers.contentType?.description.hasPrefix("application/pdf") == true)

            // Another unit is told nothing exists, and may not give evidence either.
            let other = try await ReviewFixtures.token(
                app, "danweiB", .applicant,
                organization: try #require(try await ApplicationModel.find(#require(people.ids["B"]), on: app.db))
                    .$organization.id)
            #expect(try await app.api(.GET, evidence.url, token: other).status == .notFound)
            let foreign = try await ApplicationFixtures.upload(
                app, id, token: other, kind: "", name: "x.pdf", to: target)
            #expect(foreign.status == .notFound)

            // Decided, the request takes no more evidence.
            let approved = try await app.api(
                .POST, "/api/v1/applications/\(id)/changes/\(change.id)/decision", token: people.province,
                json: Decision(approve: true))
            #expect(approved.status == .ok)
            let late = try await ApplicationFixtures.upload(
                app, id, token: people.applicantA, kind: "", name: "补充.pdf", to: target)
            #expect(late.status == .conflict)
        }
    }

    @Test("page: the request goes with its 证明材料 in one form; a bad file stores nothing and says so beside the field")
    func evidenceOnThePage() async throws {
        try await withShenbao { app in
            let (_, id) = try await Self.project(app)
            let unit = Browser(app)
            try await unit.logIn("danweiA", TestUsers.password)
            let html = try await unit.get("/applications/\(id)").body.string
            #expect(html.contains("enctype=\"multipart/form-data\""))
            #expect(html.contains("<label for=\"change-evidence\">证明材料（可选）</label>"))
            let fields = [
                ("kind", "extension"), ("newEnd", "2027-06-30"), ("reason", "合作方签证延误"), ("_confirmed", "1"),
            ]

            let refused = try await Self.postMultipart(
                unit, "/applications/\(id)/changes", fields: fields,
                file: ("evidence", "来函.gif", Self.gif))
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            let field = try #require(page.range(of: "id=\"change-evidence\""))
            #expect(page[field.lowerBound...].prefix(600).contains("证明材料只接受 PDF、JPG 或 PNG 文件，“来函.gif”"))
            #expect(page.contains("合作方签证延误</textarea>"), "what was typed stays")
            #expect(try await ChangeRequestModel.query(on: app.db).count() == 0)

            let sent = try await Self.postMultipart(
                unit, "/applications/\(id)/changes", fields: fields,
                file: ("evidence", "延期说明.pdf", ApplicationFixtures.pdf))
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let change = try #require(try await ChangeRequestModel.query(on: app.db).first())
            let attachmentID = try #require(change.evidenceAttachmentID)
            #expect(try await AttachmentModel.find(attachmentID, on: app.db)?.kind == .changeEvidence)

            let province = Browser(app)
            try await province.logIn("sheng", TestUsers.password)
            let review = try await province.get("/applications/\(id)").body.string
            let link = "/api/v1/applications/\(id)/changes/\(try change.requireID())/evidence"
            #expect(review.contains("<a href=\"\(link)\" download>延期说明.pdf</a>"))
            let file = try await province.get(link)
            #expect(file.status == .ok)
            #expect(Data(buffer: file.body) == ApplicationFixtures.pdf)
        }
    }
}
