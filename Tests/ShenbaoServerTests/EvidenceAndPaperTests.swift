import Fluent
import Foundation
import ShenbaoCore
import ShenbaoTestSupport
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The guide's 申报材料: evidence before submission, a PDF scan, the paper counted at intake, and
/// what the applicant is told to send.
@Suite struct EvidenceAndPaperTests {
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01])
    static let condition = "recentInternationalEvents"

    @Test("no submission without evidence, and one file named for each priority condition claimed")
    func evidenceIsRequired() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            var form = CompleteApplication.conference()
            form.priorityClaims = [PriorityClaim(code: Self.condition, evidence: "2024年与IEEE联合举办国际会议")]
            _ = try await ApplicationFixtures.fill(app, id, token: token, form: form)
            _ = try await ApplicationFixtures.upload(app, id, token: token, kind: "signedScan")
            _ = try await ApplicationFixtures.upload(app, id, token: token, kind: "nonConfidentiality")
            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            func submit() async throws -> TestingHTTPResponse {
                try await app.api(
                    .POST, "/api/v1/applications/\(id)/submit", token: token, json: ["recommenderId": yuelu.uuidString])
            }

            let none = try await submit()
            #expect(none.status == .unprocessableEntity)
            #expect(none.fields == ["attachments.evidence", "attachments.evidence.\(Self.condition)"])

            // General evidence is not evidence of the condition claimed; the answer names it.
            _ = try await ApplicationFixtures.upload(app, id, token: token, kind: "evidence", name: "合作协议.pdf")
            let general = try await submit()
            #expect(general.fields == ["attachments.evidence.\(Self.condition)"])
            #expect(
                general.problems?.errors.first?.message
                    == "请上传优先考虑条件“近三年与国际科技组织举办过具有国际影响力的国际学术会议、专题沙龙、合作培训等活动的单位”的佐证材料（上传佐证材料时选择该条件）"
            )

            let named = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", name: "会议通知.jpg", data: Self.jpeg, condition: Self.condition)
            #expect(named.status == .created)
            #expect(try named.content.decode(ApplicationBody.Attachment.self).condition == Self.condition)
            let submitted = try await submit()
            #expect(submitted.status == .ok, "\(submitted.body.string)")
        }
    }

    @Test("the signed scan is a PDF; a condition is one of the call's, and only for evidence")
    func uploadSlots() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.createDraft(app, token: token)
            let photo = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "signedScan", name: "盖章页.jpg", data: Self.jpeg)
            #expect(photo.status == .unprocessableEntity)
            #expect(photo.fields == ["file"])
            #expect(
                photo.problems?.errors.first?.message
                    == "申报书签字盖章扫描件只接受 PDF 文件，“盖章页.jpg”是JPEG 图片。请将签字盖章后的申报书扫描或导出为 PDF 后上传")
            // The same photo is welcome as a certificate or as evidence.
            #expect(
                try await ApplicationFixtures.upload(
                    app, id, token: token, kind: "nonConfidentiality", name: "证明.jpg", data: Self.jpeg
                ).status == .created)
            let unknown = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "evidence", condition: "bestInTheWorld")
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.fields == ["condition"])
            let misplaced = try await ApplicationFixtures.upload(
                app, id, token: token, kind: "signedScan", name: "盖章页.jpg", data: Self.jpeg, condition: Self.condition)
            #expect(misplaced.fields == ["file", "condition"])
            #expect(try await AttachmentModel.query(on: app.db).count() == 1)
            #expect(try await AttachmentModel.query(on: app.db).first()?.conditionCode == nil)
        }
    }

    @Test("intake counts the paper: fewer than asked is accepted with a warning the clerk sees")
    func paperCounts() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.county)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.city)
            struct Intake: Encodable {
                var decision = "accept"
                var checklist = ApplicationFixtures.fullChecklist
                var paperCopiesReceivedOn = "2025-05-20"
                var paperCopiesReceived: Int
                var certificatesReceived: Int
            }
            let absurd = try await app.api(
                .POST, "/api/v1/applications/\(id)/intake", token: people.province,
                json: Intake(paperCopiesReceived: Int.max, certificatesReceived: -1))
            #expect(absurd.status == .unprocessableEntity)
            #expect(absurd.fields == ["paperCopiesReceived", "certificatesReceived"])

            let clerk = Browser(app)
            try await clerk.logIn("hnkx", TestUsers.password)
            let page = try await clerk.get("/applications/\(id)")
            #expect(page.body.string.contains("申报指南要求：申报书6份、非涉密证明2份"))
            #expect(page.body.string.contains("佐证材料1份"))
            let typo = try await clerk.post(
                "/applications/\(id)/intake",
                form: ApplicationFixtures.fullChecklist.keys.sorted().map { ("checklist[\($0)]", "1") } + [
                    ("decision", "accept"), ("paperCopiesReceivedOn", "2025-05-20"), ("paperCopiesReceived", "六"),
                    ("certificatesReceived", "2"),
                ])
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.body.string.contains("收到的纸质申报书份数应为整数，现为“六”"))

            let short = try await clerk.post(
                "/applications/\(id)/intake",
                form: ApplicationFixtures.fullChecklist.keys.sorted().map { ("checklist[\($0)]", "1") } + [
                    ("decision", "accept"), ("paperCopiesReceivedOn", "2025-05-20"), ("paperCopiesReceived", "4"),
                    ("certificatesReceived", "1"),
                ])
            #expect(short.status == .seeOther)
            let location = try #require(short.headers.first(name: .location))
            #expect(location.hasSuffix("done=paperShort"))
            let shown = try await clerk.get(location).body.string
            #expect(shown.contains("纸质申报书4份，非涉密证明1份，2025年5月20日收到"))
            #expect(shown.contains("纸质申报书收到4份，少于申报指南要求的6份（缺2份）"))
            #expect(shown.contains("非涉密证明收到1份，少于申报指南要求的2份（缺1份）"))

            let body = try await app.api(.GET, "/api/v1/applications/\(id)", token: people.province)
                .content.decode(ApplicationBody.self)
            #expect(body.status == "accepted")
            #expect(body.paperReceipt?.copies == 4)
            #expect(body.paperReceipt?.certificates == 1)
            #expect(body.paperReceipt?.receivedOn == "2025-05-20")
            #expect(body.paperReceipt?.warnings.count == 2)
        }
    }

    @Test("the applicant is told what to send, before and after submitting, from the call's data")
    func materialsAreSpelledOut() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let browser = Browser(app)
            try await browser.logIn("hongsi", "Xiangjiang2025")
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let expected = [
                "A4规格纸双面打印、装订成册、签字并加盖公章（一式六份）", "非涉密证明2份", "扫描电子版及word版本打包在一个文件夹内",
                "以“申报单位名称+项目名称”命名（本申报书为“湖南鸿斯科技有限公司2025中德智能制造国际研讨会”）",
                "hnkxgjb@126.com", "李嘉玮", "0731-84884381", "长沙市开福区东风路17号省科协420室",
            ]
            let form = try await browser.get("/applications/\(id)").body.string
            for text in expected { #expect(form.contains(text), "\(text)") }
            // Form 3's guidance beside the texts typed for it, and the experts' rule beside its field.
            #expect(form.contains("申报单位名称应为机构登记全称"))
            #expect(
                form.contains(
                    "如：工作机构和专（兼）职工作人员情况，专门办公场所和专项工作经费情况，合作交流工作模式和工作机制情况，相关的规章制度、资金支持情况、合作交流经验等。"))
            #expect(form.contains("严格控制400字以内"))
            #expect(form.contains("参会专家应来自三个及以上的国家或地区，港、澳、台地区的专家计入中国，不单独计算。"))
            #expect(!form.contains("境外专家"))

            let yuelu = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            _ = try await browser.post("/applications/\(id)/submit", form: [("recommenderId", yuelu.uuidString)])
            let after = try await browser.get("/applications/\(id)").body.string
            #expect(after.contains("需要报送的材料"))
            for text in expected { #expect(after.contains(text), "\(text)") }
        }
    }

    @Test("a recommender's form 3 lists one call, with a chooser once there are several")
    func summaryTableIsOneCall() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.county)
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let clerk = Browser(app)
            try await clerk.logIn("yuelu", TestUsers.password)
            let single = try await clerk.get("/recommenders/\(county)/summary").body.string
            #expect(single.contains("2025中德智能制造国际研讨会") || single.contains("举办中德智能制造国际研讨会。"))
            #expect(!single.contains("选择年度"))

            let current = try #require(try await CallModel.latest(on: app.db))
            let next = CallModel()
            next.year = 2026
            next.title = "2026年度国际与区域科技交流类项目申报指南"
            next.phase = .open
            next.definition = current.definition
            try await next.create(on: app.db)

            // The latest call is listed by default: this recommender has nothing in 2026 yet.
            let latest = try await clerk.get("/recommenders/\(county)/summary").body.string
            #expect(latest.contains("选择年度"))
            #expect(latest.contains("2026年度国际与区域科技交流类项目申报指南"))
            #expect(!latest.contains("举办中德智能制造国际研讨会。"))
            let chosen = try await clerk.get("/recommenders/\(county)/summary?call=2025").body.string
            #expect(chosen.contains("举办中德智能制造国际研讨会。"))
            #expect(chosen.contains("/summary.xlsx?call=2025"))
            let xlsx = try await app.api(
                .GET, "/api/v1/recommenders/\(county)/summary.xlsx?call=2026", token: people.county)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.first(name: .contentDisposition)?.contains("2026") == true)
        }
    }
}
