import Fluent
import Foundation
import ShenbaoCore
import SnapshotTesting
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Whole pages as the server renders them, compared with the reference copies in
/// __Snapshots__/PageSnapshotTests: an unintended change of a page shows in review as a diff of
/// its HTML. What differs from run to run (ids, the CSRF token, the minute a row was written) is
/// replaced by a placeholder first (`PageSnapshot.normalized`), and `app.now` is pinned for the
/// dates the pages reckon with (deadlines, the notice period). After an intended change, re-record with
/// `SNAPSHOT_TESTING_RECORD=all swift test --filter PageSnapshotTests` and commit the new copies.
@Suite("pages as HTML: the reviewed references")
struct PageSnapshotTests {
    @Test("the login page")
    func login() async throws {
        try await withShenbao { app in
            let page = try await Browser(app).get("/login")
            #expect(page.status == .ok)
            assertSnapshot(of: PageSnapshot.normalized(page.body.string), as: .lines, named: "login")
        }
    }

    @Test("an applicant's workspace and its submitted application's page")
    func applicant() async throws {
        try await withShenbao { app in
            app.now = { beijing("2025-03-10 09:30") }
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            let applicant = Browser(app)
            try await applicant.logIn("hongsi", "Xiangjiang2025")
            let workspace = try await applicant.get("/workspace")
            #expect(workspace.status == .ok)
            assertSnapshot(of: PageSnapshot.normalized(workspace.body.string), as: .lines, named: "workspace")
            let application = try await applicant.get("/applications/\(id)")
            #expect(application.status == .ok)
            assertSnapshot(of: PageSnapshot.normalized(application.body.string), as: .lines, named: "application")
        }
    }

    @Test("the province's list of applications")
    func provinceList() async throws {
        try await withShenbao { app in
            app.now = { beijing("2025-03-10 09:30") }
            let people = try await ChainPeople.make(app)
            _ = try await ApplicationFixtures.submitted(app, people)
            let province = Browser(app)
            try await province.logIn("hnkx", TestUsers.password)
            let list = try await province.get("/applications")
            #expect(list.status == .ok)
            assertSnapshot(of: PageSnapshot.normalized(list.body.string), as: .lines, named: "list")
        }
    }

    @Test("the public notice page while the notice runs")
    func notice() async throws {
        try await withShenbao { app in
            _ = try await MeetingDone.make(app)
            app.now = { beijing("2025-09-26 09:00") }
            let clerk = Browser(app)
            try await clerk.logIn("sheng", TestUsers.password)
            try await clerk.get("/notice")
            let started = try await clerk.post("/notice/start", form: [("startDate", "2025-09-26")])
            #expect(started.status == .seeOther)
            let callID = try #require(try await CallModel.latest(on: app.db)?.requireID()).uuidString
            let page = try await Browser(app).get("/calls/\(callID)/notice")
            #expect(page.status == .ok)
            assertSnapshot(of: PageSnapshot.normalized(page.body.string), as: .lines, named: "notice")
        }
    }
}

/// A page's HTML with what varies between runs replaced by placeholders.
enum PageSnapshot {
    static func normalized(_ html: String) -> String {
        var text = html
        // Ids of rows and the session's CSRF token.
        text.replace(/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/, with: "<id>")
        text.replace(/name="_csrf" value="[^"]*"/, with: #"name="_csrf" value="<csrf>""#)
        text.replace(/name="csrf-token" content="[^"]*"/, with: #"name="csrf-token" content="<csrf>""#)
        // The minute a row was written or a user last logged in: Fluent's timestamps and several
        // services read the wall clock, not `app.now` (issue 28, item 5). Days without a time
        // (deadlines, periods, the notice's date) are kept.
        text.replace(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/, with: "<time>")
        return text
    }
}
