import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Issue 30 item 8: the project's reports and its acceptance opinion as Word and PDF, saying what
/// the unit entered and the province decided, with the unit's signature and stamp lines empty.
@Suite("The funded project's report and acceptance opinion as documents")
struct ReportDocumentsTests {
    /// Project A 执行中: its agreement uploaded and confirmed through the API.
    static func underway(_ app: Application) async throws -> MeetingDone {
        let people = try await AgreementTests.published(app)
        let a = try #require(people.ids["A"])
        let uploaded = try await ApplicationFixtures.upload(
            app, a, token: people.applicantA, kind: "agreement", name: "任务书盖章.pdf", to: "agreement")
        #expect(uploaded.status == .ok, "\(uploaded.body.string)")
        let confirmed = try await app.api(.POST, "/api/v1/applications/\(a)/agreement/confirm", token: people.province)
        #expect(confirmed.status == .ok, "\(confirmed.body.string)")
        return people
    }

    struct Save: Encodable {
        struct Row: Encodable {
            var spentYuan: Int?
            var explanation: String?
        }
        var answers: [String: Answer]
        var accounts: [Row]
    }

    static let answers: [String: Answer] = [
        "completion": .text("如期召开中德智能制造研讨会，完成申报书所列目标"),
        "outcomes": .text("签署合作备忘录1份，形成论文集1部"),
        "participants": .number(126),
        "countries": .text("德国、奥地利"),
        "agreementSigned": .flag(true),
    ]

    /// Where `SHENBAO_KEEP_DOCUMENTS` names a folder, the documents are written there to be looked at.
    static func keep(_ response: TestingHTTPResponse, as name: String) throws {
        guard let folder = Environment.get("SHENBAO_KEEP_DOCUMENTS") else { return }
        try Data(buffer: response.body).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }

    @Test("the final report as Word says the project, the answers and the 经费决算 in 万元; its PDF converts")
    func report() async throws {
        try await withShenbao { app in
            let people = try await Self.underway(app)
            let a = try #require(people.ids["A"])
            let path = "/api/v1/applications/\(a)/reports"
            app.now = { beijing("2026-01-10 10:00") }
            let saved = try await app.api(
                .PUT, path + "/final", token: people.applicantA,
                json: Save(answers: Self.answers, accounts: [.init(spentYuan: 145_500, explanation: "外方专家少到2人，差旅费结余")]))
            #expect(saved.status == .ok, "\(saved.body.string)")
            let evidence = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "agenda", name: "会议议程.pdf", to: "reports/final/evidence")
            #expect(evidence.status == .created, "\(evidence.body.string)")

            // Whoever reads the application reads the report: the unit and the province.
            for token in [people.applicantA, people.province] {
                let docx = try await app.api(.GET, path + "/final/document.docx", token: token)
                #expect(docx.status == .ok, "\(docx.body.string)")
                #expect(
                    docx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
                let texts = AgreementTests.texts(try AgreementTests.documentXML(docx))
                #expect(texts.contains("总结报告") && texts.contains("项目A"))
                #expect(texts.contains("填写中") && texts.contains("未提交"))
                // The questions and the answers as the unit gave them.
                for (label, answer) in [
                    ("项目完成情况", "如期召开中德智能制造研讨会，完成申报书所列目标"), ("参与交流人数", "126"),
                    ("外方参与的国家和地区", "德国、奥地利"), ("是否签署合作协议", "是"),
                ] {
                    #expect(texts.contains(label) && texts.contains(answer), "\(label)")
                }
                // 经费决算: the phase's budget and what was spent, in 万元, and the total.
                let table = try #require(texts.firstIndex(of: "差异说明"))
                #expect(
                    Array(texts[(table + 1)...].prefix(8))
                        == ["第1阶段", "15", "14.55", "外方专家少到2人，差旅费结余", "合计", "15", "14.55", "四、佐证材料"])
                #expect(texts.contains("会议议程或活动日程") && texts.contains("会议议程.pdf"))
                // The signature and stamp lines: their labels only.
                let signing = try #require(texts.firstIndex(of: "项目负责人（签字）："))
                #expect(Array(texts[signing...]) == ["项目负责人（签字）：", "承担单位（盖章）", "年　　月　　日"])
                try Self.keep(docx, as: "final-report.docx")
            }

            // LibreOffice makes the PDF.
            let pdf = try await app.api(.GET, path + "/final/document.pdf", token: people.applicantA)
            #expect(pdf.status == .ok)
            #expect(pdf.headers.contentType == .init(type: "application", subType: "pdf"))
            #expect(Data(buffer: pdf.body).starts(with: Array("%PDF".utf8)))
            try Self.keep(pdf, as: "final-report.pdf")

            // A report never saved prints as an empty draft; a report the call does not ask is not found.
            let interim = try await app.api(.GET, path + "/interim/document.docx", token: people.applicantA)
            #expect(interim.status == .ok)
            let interimTexts = AgreementTests.texts(try AgreementTests.documentXML(interim))
            #expect(interimTexts.contains("中期报告") && interimTexts.contains("项目进展情况"))
            #expect(interimTexts.contains("（未填写）"))
            let unknown = try await app.api(.GET, path + "/annual/document.docx", token: people.applicantA)
            #expect(unknown.status == .notFound)

            // Another unit's project: not found. An unfunded project: no report.
            let b = try #require(people.ids["B"])
            let other = try await app.api(
                .GET, "/api/v1/applications/\(b)/reports/final/document.docx", token: people.applicantA)
            #expect(other.status == .notFound)
            let d = try #require(people.ids["D"])
            let unfunded = try await app.api(
                .GET, "/api/v1/applications/\(d)/reports/final/document.docx", token: people.province)
            #expect(unfunded.status == .conflict)
            let nobody = try await app.api(.GET, path + "/final/document.docx", token: nil)
            #expect(nobody.status == .unauthorized)
        }
    }

    @Test("the acceptance opinion: 404 in Chinese before the decision, then the latest decision as Word and PDF")
    func acceptance() async throws {
        try await withShenbao { app in
            let people = try await Self.underway(app)
            let a = try #require(people.ids["A"])
            let base = "/api/v1/applications/\(a)"
            let none = try await app.api(.GET, base + "/acceptance/document.docx", token: people.province)
            #expect(none.status == .notFound)
            #expect(none.problems?.error.message == "该项目尚未记录验收结论，没有验收意见书", "\(none.body.string)")

            app.now = { beijing("2026-01-10 10:00") }
            let saved = try await app.api(
                .PUT, base + "/reports/final", token: people.applicantA,
                json: Save(answers: Self.answers, accounts: [.init(spentYuan: 150_000)]))
            #expect(saved.status == .ok, "\(saved.body.string)")
            let evidence = try await ApplicationFixtures.upload(
                app, a, token: people.applicantA, kind: "photos", name: "合影.pdf", to: "reports/final/evidence")
            #expect(evidence.status == .created, "\(evidence.body.string)")
            let submitted = try await app.api(.POST, base + "/reports/final/submit", token: people.applicantA)
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            let accepted = try await app.api(
                .POST, base + "/reports/final/decision", token: people.province, json: ["accept": true])
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            struct Decision: Encodable {
                var passed: Bool
                var score: Int
                var goals: [String]
                var comment: String
                var rectifyBy: String?
            }
            app.now = { beijing("2026-01-20 10:00") }
            let failed = try await app.api(
                .POST, base + "/acceptance", token: people.province,
                json: Decision(
                    passed: false, score: 55, goals: ["partly"], comment: "成果材料不完整，论文集未正式印制", rectifyBy: "2026-04-30"))
            #expect(failed.status == .ok || failed.status == .created, "\(failed.body.string)")

            let docx = try await app.api(.GET, base + "/acceptance/document.docx", token: people.applicantA)
            #expect(docx.status == .ok, "\(docx.body.string)")
            let texts = AgreementTests.texts(try AgreementTests.documentXML(docx))
            #expect(texts.contains("项目验收意见书") && texts.contains("项目A"))
            for (label, value) in [("验收结论", "验收不通过"), ("绩效评价得分", "55分（不合格）"), ("整改期限", "2026年4月30日")] {
                let at = try #require(texts.firstIndex(of: label), "\(label)")
                #expect(texts[at + 1] == value)
            }
            // The phase's goal and how far it was met; the opinion; the province and the day.
            let goal = try #require(texts.firstIndex(of: "第1阶段"))
            #expect(Array(texts[goal...].prefix(5)) == ["第1阶段", "2025年6月1日至", "2025年12月31日", "实施", "部分完成"])
            #expect(texts.contains("成果材料不完整，论文集未正式印制"))
            #expect(texts.suffix(2) == ["湖南省科学技术协会", "2026年1月20日"])
            try Self.keep(docx, as: "acceptance.docx")

            let pdf = try await app.api(.GET, base + "/acceptance/document.pdf", token: people.province)
            #expect(pdf.status == .ok)
            #expect(Data(buffer: pdf.body).starts(with: Array("%PDF".utf8)))
            try Self.keep(pdf, as: "acceptance.pdf")
        }
    }
}
