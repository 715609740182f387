import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// The 公示 is neither backdated nor shortened (NoticeTerm), and the list is published only once
/// the notice has really run.
@Suite struct NoticeGuardsTests {
    @Test("a notice starts today at the earliest, runs at least 5 working days, and is published after them")
    func noticeGuards() async throws {
        try await withShenbao { app in
            let people = try await MeetingDone.make(app)
            app.now = { beijing("2025-09-26 09:00") }

            // Yesterday is refused, with the field and the day named.
            let backdated = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-25"])
            #expect(backdated.status == .unprocessableEntity)
            #expect(backdated.fields == ["startDate"])
            #expect(backdated.problems?.errors.first?.message == "公示起始日期不能早于今天（2025年9月26日），现为2025年9月25日")

            // The call's length is data: the province cannot set it below the guide's 5 days…
            let short = try await app.api(
                .PUT, "/api/v1/calls/2025", token: people.province, json: ["noticeWorkingDays": 4])
            #expect(short.status == .unprocessableEntity)
            #expect(short.fields == ["noticeWorkingDays"])
            #expect(short.problems?.errors.first?.message == "公示期（工作日）应在5个工作日至30个工作日之间，现为4个工作日")
            // …and data that says less still runs 5.
            let call = try #require(try await CallModel.latest(on: app.db))
            call.definition.noticeWorkingDays = 3
            try await call.save(on: app.db)
            let started = try await app.api(
                .POST, "/api/v1/calls/2025/notice", token: people.province, json: ["startDate": "2025-09-26"])
            #expect(started.status == .created, "\(started.body.string)")
            struct Period: Decodable { var endDate: String; var workingDays: Int }
            let period = try started.content.decode(Period.self)
            #expect(period.endDate == "2025-10-09")
            #expect(period.workingDays == 5)

            // A record shortened behind the system's back does not let the list out early.
            let notice = try #require(try await NoticeModel.query(on: app.db).first())
            notice.endDate = "2025-09-26"
            try await notice.save(on: app.db)
            app.now = { beijing("2025-09-29 10:00") }
            let early = try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province)
            #expect(early.status == .conflict)
            #expect(early.problems?.error.code == "noticeNotEnded")
            #expect(early.problems?.error.message == "公示期至2025年10月9日结束，公示期满后才能发布立项名单")
            // Its last day counts to its end; the next morning the list is published.
            app.now = { beijing("2025-10-09 23:50") }
            #expect(
                try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province).problems?.error.code
                    == "noticeNotEnded")
            app.now = { beijing("2025-10-10 00:10") }
            let published = try await app.api(.POST, "/api/v1/calls/2025/publish", token: people.province)
            #expect(published.status == .ok, "\(published.body.string)")
        }
    }
}
