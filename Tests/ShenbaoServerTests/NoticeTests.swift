import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// A call whose meeting has confirmed its minutes: A, B and C funded, D not, each recommended by
/// 岳麓区科协; the call in its meeting phase. Placed straight in the database (the review that
/// leads there is tested on its own).
struct MeetingDone {
    var province: String
    var applicantA: String
    var ids: [String: UUID]
    var county: UUID

    static let amounts = ["A": 150_000, "B": 120_000, "C": 80_000]

    static func make(_ app: Application) async throws -> MeetingDone {
        let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
        let province = try await ReviewFixtures.token(app, "sheng", .province)
        let call = try #require(try await CallModel.latest(on: app.db))
        var ids: [String: UUID] = [:]
        var organizations: [String: UUID] = [:]
        for name in ["A", "B", "C", "D"] {
            let organization = try await ReviewFixtures.organization(app, "公示单位\(name)")
            organizations[name] = organization
            let id = try await ReviewFixtures.accepted(
                app, category: name == "B" ? .cooperation : .conference, name: "项目\(name)", organization: organization,
                recommender: county)
            ids[name] = id
            let application = try #require(try await ApplicationModel.find(id, on: app.db))
            application.status = amounts[name] == nil ? .notFunded : .funded
            try await application.save(on: app.db)
            let decision = MeetingDecisionModel()
            decision.$call.id = try call.requireID()
            decision.$application.id = id
            decision.funded = amounts[name] != nil
            decision.amountYuan = amounts[name]
            decision.recordedBy = "省科协"
            try await decision.create(on: app.db)
            let opinion = OpinionModel()
            opinion.$application.id = id
            opinion.$organization.id = county
            opinion.userID = try #require(try await UserModel.query(on: app.db).first()).requireID()
            opinion.signer = "岳麓区科协经办人"
            opinion.stage = .recommender
            opinion.decision = .recommend
            opinion.comment = "同意推荐"
            opinion.attested = true
            try await opinion.create(on: app.db)
        }
        let plan = ReviewPlanModel()
        plan.$call.id = try call.requireID()
        plan.plan = .defaults
        plan.state = .approved
        plan.version = 1
        plan.setBy = "省科协"
        plan.setAt = Date()
        plan.minutesConfirmedAt = Date()
        plan.minutesConfirmedBy = "省科协"
        try await plan.create(on: app.db)
        call.phase = .meeting
        try await call.save(on: app.db)
        let applicantA = try await ReviewFixtures.token(app, "danweiA", .applicant, organization: organizations["A"])
        return MeetingDone(province: province, applicantA: applicantA, ids: ids, county: county)
    }
}

/// Beijing time, as the notice is judged.
func beijing(_ text: String) -> Date {
    CallAdminService.parseDeadline(text)!
}

struct NoticeItem: Decodable {
    var applicationId: UUID
    var organization: String
    var project: String
    var amountYuan: Int
}

struct FundedBody: Decodable {
    var items: [NoticeItem]
    var totalYuan: Int
}

struct NoticeBody: Decodable {
    var startDate: String
    var endDate: String
    var acceptingObjections: Bool
    var items: [NoticeItem]
    var totalYuan: Int
}

struct ObjectionInput: Encodable {
    var applicationId: String
    var name = "王建国"
    var contact = "13912345678"
    var text = "该项目申报材料中所列外方合作单位并未签署合作协议，合作意向书系伪造，请核查。"
}

@Suite("Public notice, objections and the funded list")
struct NoticeTests {
    @Test(
        "a notice starting 2025-09-26 ends 2025-10-09; objections are real-name and on time; publishing approves the rest"
    )
    func wholeNotice() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            let ids = people.ids
            app.now = { beijing("2025-09-26 09:00") }

            // The start date is checked, and all problems named.
            let bad = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-13-01"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.problems?.errors.first?.field == "startDate")
            let noCalendar = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2027-01-04"])
            #expect(noCalendar.problems?.errors.first?.message.contains("2027年") == true)

            let started = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
            #expect(started.status == .created, "\(started.body.string)")
            struct Period: Decodable { var startDate: String; var endDate: String; var workingDays: Int }
            let period = try started.content.decode(Period.self)
            #expect(period.endDate == "2025-10-09")
            #expect(period.workingDays == 5)
            let again = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
            #expect(again.status == .conflict)
            #expect(try await ApplicationModel.find(ids["A"]!, on: app.db)?.status == .inNotice)
            #expect(try await ApplicationModel.find(ids["D"]!, on: app.db)?.status == .notFunded)
            #expect(try await CallModel.latest(on: app.db)?.phase == .notice)
            let told = try await app.api(.GET, "/api/v1/notifications", token: people.applicantA)
            #expect(told.body.string.contains("项目进入公示"))

            // Anyone reads the list: organisation, project, category, amount, dates.
            let notice = try await app.api(.GET, "/api/v1/public/calls/2025/notice").content.decode(NoticeBody.self)
            #expect(notice.items.map(\.project).sorted() == ["项目A", "项目B", "项目C"])
            #expect(notice.totalYuan == 350_000)
            #expect(notice.acceptingObjections)
            #expect(notice.items.first { $0.project == "项目A" }?.organization == "项目A单位")

            // An anonymous, unreachable, vague objection is refused with every reason; nothing stored.
            let vague = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections",
                json: ObjectionInput(applicationId: ids["A"]!.uuidString, name: "匿名", contact: "12345", text: "造假"))
            #expect(vague.status == .unprocessableEntity)
            #expect(Set(vague.problems?.errors.map(\.field) ?? []) == ["name", "contact", "text"])
            let notListed = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections", json: ObjectionInput(applicationId: ids["D"]!.uuidString)
            )
            #expect(notListed.problems?.errors.map(\.code) == ["notOnNotice"])
            #expect(try await ObjectionModel.query(on: app.db).count() == 0)

            // A real one gets a receipt; the timeline says an objection came, never from whom.
            let filed = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections", json: ObjectionInput(applicationId: ids["A"]!.uuidString)
            )
            #expect(filed.status == .created, "\(filed.body.string)")
            struct Receipt: Decodable { var receipt: String }
            #expect(try filed.content.decode(Receipt.self).receipt.hasPrefix("YY2025-"))
            let history = try await app.api(.GET, "/api/v1/applications/\(ids["A"]!)/history", token: people.applicantA)
            #expect(history.body.string.contains("提出公示异议"))
            #expect(!history.body.string.contains("王建国"))
            #expect(!(try await app.api(.GET, "/api/v1/public/calls/2025/notice").body.string.contains("王建国")))

            // A flood from one address stops at 5 an hour.
            for _ in 0..<4 {
                let more = try await app.api(
                    .POST, "/api/v1/public/calls/2025/objections",
                    json: ObjectionInput(applicationId: ids["B"]!.uuidString))
                #expect(more.status == .created)
            }
            let flood = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections", json: ObjectionInput(applicationId: ids["B"]!.uuidString)
            )
            #expect(flood.status == .tooManyRequests)
            #expect(flood.problems?.error.message.contains("一小时内最多提交5件") == true)

            // Publishing waits for the end of the notice.
            let early = try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province)
            #expect(early.status == .conflict)
            #expect(early.problems?.error.message.contains("2025年10月9日") == true)

            // The province sees who objected, and resolves each.
            struct Objection: Decodable { var id: UUID; var name: String; var applicationId: UUID; var resolved: Bool }
            let objections = try await app.api(.GET, "/api/v1/calls/2025/objections", token: people.province)
                .content.decode([Objection].self)
            #expect(objections.count == 5)
            #expect(objections.allSatisfy { $0.name == "王建国" })
            let onA = try #require(objections.first { $0.applicationId == ids["A"]! })
            struct Resolution: Encodable { var upheld: Bool?; var comment: String?; var fraud: Bool? }
            let unexplained = try await app.api(
                .POST, "/api/v1/objections/\(onA.id)/resolution", token: people.province,
                json: Resolution(upheld: false, comment: " ", fraud: true))
            #expect(Set(unexplained.problems?.errors.map(\.field) ?? []) == ["comment", "fraud"])
            let upheld = try await app.api(
                .POST, "/api/v1/objections/\(onA.id)/resolution", token: people.province,
                json: Resolution(upheld: true, comment: "经核查，合作意向书系伪造。", fraud: true))
            #expect(upheld.status == .ok, "\(upheld.body.string)")
            #expect(try await ApplicationModel.find(ids["A"]!, on: app.db)?.status == .notFunded)
            let county = try #require(try await OrganizationModel.find(people.county, on: app.db))
            // 民法典 art. 201–202: decided 2025-09-26, the bar ends on the corresponding day.
            #expect(county.sanctionedUntil == "2028-09-26")
            #expect(try await SanctionModel.query(on: app.db).count() == 1)
            let twice = try await app.api(
                .POST, "/api/v1/objections/\(onA.id)/resolution", token: people.province,
                json: Resolution(upheld: false, comment: "重复", fraud: false))
            #expect(twice.status == .conflict)
            for objection in objections where objection.id != onA.id {
                let resolved = try await app.api(
                    .POST, "/api/v1/objections/\(objection.id)/resolution", token: people.province,
                    json: Resolution(upheld: false, comment: "经核查，合作协议真实有效。", fraud: false))
                #expect(resolved.status == .ok)
            }
            #expect(try await ApplicationModel.find(ids["B"]!, on: app.db)?.status == .inNotice)

            // The last working day counts to its end, Beijing time; a minute later is too late.
            app.now = { beijing("2025-10-09 23:58") }
            let lastDay = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections", json: ObjectionInput(applicationId: ids["C"]!.uuidString)
            )
            #expect(lastDay.status == .created)
            app.now = { beijing("2025-10-10 00:01") }
            let late = try await app.api(
                .POST, "/api/v1/public/calls/2025/objections", json: ObjectionInput(applicationId: ids["C"]!.uuidString)
            )
            #expect(late.status == .unprocessableEntity)
            #expect(late.problems?.error.message == "公示期已于2025年10月9日结束，不再受理异议")

            // One objection open: no publication yet.
            let open = try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province)
            #expect(open.problems?.error.code == "objectionsOpen")
            let last = try #require(try await ObjectionModel.query(on: app.db).filter(\.$outcome == nil).first())
            #expect(
                try await app.api(
                    .POST, "/api/v1/objections/\(last.requireID())/resolution", token: people.province,
                    json: Resolution(upheld: false, comment: "异议事项不属实。", fraud: false)
                ).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/public/calls/2025/funded").status == .notFound)

            let published = try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province)
            #expect(published.status == .ok, "\(published.body.string)")
            #expect(try await ApplicationModel.find(ids["B"]!, on: app.db)?.status == .approved)
            #expect(try await ApplicationModel.find(ids["C"]!, on: app.db)?.status == .approved)
            #expect(try await ApplicationModel.find(ids["A"]!, on: app.db)?.status == .notFunded)
            #expect(try await CallModel.latest(on: app.db)?.phase == .published)
            let funded = try await app.api(.GET, "/api/v1/public/calls/2025/funded").content.decode(FundedBody.self)
            #expect(funded.items.map(\.project).sorted() == ["项目B", "项目C"])
            #expect(funded.totalYuan == 200_000)
            #expect(try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province).status == .conflict)

            // The funded list as Excel, read back.
            let xlsx = try await app.api(.GET, "/api/v1/public/calls/2025/funded.xlsx")
            let rows = try TableReader.rows(data: Data(buffer: xlsx.body), fileName: "funded.xlsx")
            let text = rows.map { $0.joined(separator: "|") }.joined(separator: "\n")
            #expect(text.contains("2025年度国际与区域科技交流类项目立项名单"))
            #expect(!text.contains("申报指南立项名单"))
            #expect(text.contains("项目B") && text.contains("项目C") && !text.contains("项目A"))
            #expect(text.contains("12"))
        }
    }

    @Test(.enabled(if: DocumentsServerTests.libreOffice, "set SHENBAO_TEST_LIBREOFFICE=1 with LibreOffice installed"))
    func theNoticeListIsAPDFFromLibreOffice() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            app.now = { beijing("2025-09-26 09:00") }
            _ = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
            let pdf = try await app.api(.GET, "/api/v1/public/calls/2025/notice.pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers.contentType?.description == "application/pdf")
            #expect(Data(buffer: pdf.body).starts(with: Array("%PDF".utf8)))
        }
    }

    @Test("the working-day API counts across holidays and the province's closures, and refuses a year without data")
    func calendarAPI() async throws {
        try await withShenbao { app in
            struct Answer: Decodable {
                var end: String
                var days: [Line]
                struct Line: Decodable { var date: String; var workingDay: Bool; var label: String }
            }
            let answer = try await app.api(.GET, "/api/v1/calendar/working-days?start=2025-09-26&count=5")
                .content.decode(Answer.self)
            #expect(answer.end == "2025-10-09")
            #expect(answer.days.first { $0.date == "2025-09-28" }?.label == "国庆节、中秋节调休上班")
            #expect(answer.days.filter(\.workingDay).count == 5)
            let missing = try await app.api(.GET, "/api/v1/calendar/working-days?start=2026-12-28&count=5")
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.problems?.errors.first?.message.contains("2027年") == true)
            let wrong = try await app.api(.GET, "/api/v1/calendar/working-days?start=2025-9-26&count=0")
            #expect(Set(wrong.problems?.errors.map(\.field) ?? []) == ["start", "count"])

            let province = try await ReviewFixtures.token(app, "sheng", .province)
            let closed = try await app.api(
                .POST, "/api/v1/calendar/closures", token: province, json: ["day": "2025-09-29", "reason": "办公楼停电"])
            #expect(closed.status == .created)
            let duplicate = try await app.api(
                .POST, "/api/v1/calendar/closures", token: province, json: ["day": "2025-09-29", "reason": "再次"])
            #expect(duplicate.status == .conflict)
            let moved = try await app.api(.GET, "/api/v1/calendar/working-days?start=2025-09-26&count=5")
                .content.decode(Answer.self)
            #expect(moved.end == "2025-10-10")
            #expect(
                try await app.api(.DELETE, "/api/v1/calendar/closures/2025-09-29", token: province).status == .noContent
            )
        }
    }
}
