import Foundation
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

#if canImport(Glibc)
    import Glibc
#endif

/// The PDF converter on the real LibreOffice: offices kept running between conversions and
/// replaced when they die, a bounded queue, and waiting conversions that leave when cancelled.
@Suite(.enabled(if: DocumentsServerTests.libreOffice, "set SHENBAO_TEST_LIBREOFFICE=1 with LibreOffice installed"))
struct WarmOfficeTests {
    static func isPDF(_ data: Data) -> Bool { data.starts(with: Array("%PDF".utf8)) }

    /// Holds one of the converter's turns until `release()`, so the tests fill the queue without
    /// depending on how long a conversion takes.
    final class HeldTurn: Sendable {
        private let ending: AsyncStream<Void>.Continuation
        let task: Task<Void, any Error>

        init(on converter: PDFConverter) {
            let (released, ending) = AsyncStream<Void>.makeStream()
            self.ending = ending
            task = Task { try await converter.inTurn { for await _ in released {} } }
        }

        func release() { ending.finish() }
    }

    /// Looks until the converter's queue holds `count` conversions; what is checked is the
    /// count, never how long it took.
    static func waitUntilWaiting(_ count: Int, on converter: PDFConverter) async throws {
        while await converter.load.waiting != count { try await Task.sleep(for: .milliseconds(10)) }
    }

    static func waitUntilRunning(_ count: Int, on converter: PDFConverter) async throws {
        while await converter.load.running != count { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func twoPDFsInARowComeFromOneRunningOffice() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let converter = app.pdfConverter
            let first = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            #expect(first.status == .ok)
            #expect(Self.isPDF(Data(buffer: first.body)))
            let office = await converter.officePIDs
            let second = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            #expect(second.status == .ok)
            #expect(Self.isPDF(Data(buffer: second.body)))
            #expect(await converter.officePIDs == office)
            #expect(office.count == 1 && kill(office[0], 0) == 0, "the office still runs between conversions")
            let metrics = try await app.api(.GET, "/metrics").body.string
            #expect(metricValue("shenbao_pdf_office_starts_total", in: metrics) == 1)
            #expect(metricValue("shenbao_pdf_conversions_total", in: metrics) == 2)
            #expect(metricValue("shenbao_pdf_offices", in: metrics) == 1)
        }
    }

    /// Alive: in the process table and not a zombie (a killed office whose launcher died too
    /// waits there for whoever reaps orphans).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let state = stat.split(separator: ")").last?.split(separator: " ").first
        else { return false }
        return state != "Z" && state != "X"
    }

    @Test func theOfficesEndWithTheServer() async throws {
        var office: Int32 = 0
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            _ = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            office = try #require(await app.pdfConverter.officePIDs.first)
            #expect(Self.isAlive(office))
        }
        // Only the ending is waited for, and boundedly: the PDF before it may take long on a
        // loaded machine (a time limit on the whole test once failed there), an office left
        // running would wait here forever.
        let shutDown = ContinuousClock.now
        while Self.isAlive(office), ContinuousClock.now - shutDown < .seconds(60) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!Self.isAlive(office), "the office outlived the server by a minute")
    }

    @Test func aKilledOfficeIsReplacedAndTheNextPDFComes() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let converter = app.pdfConverter
            _ = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            let killed = try #require(await converter.officePIDs.first)
            #expect(kill(killed, SIGKILL) == 0)
            let next = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            #expect(next.status == .ok)
            #expect(Self.isPDF(Data(buffer: next.body)))
            #expect(await converter.load.officeStarts == 2)
            let replacement = try #require(await converter.officePIDs.first)
            #expect(replacement != killed)
            #expect(await converter.load.offices == 1)
        }
    }

    @Test func anOfficeThatOverrunsTheTimeLimitIsKilledAndAnswered503() async throws {
        // A millisecond: no LibreOffice starts that fast, so the limit is always overrun.
        let converter = PDFConverter(
            limit: 1, queueLimit: 0, timeout: .milliseconds(1), python: Config(environment: [:]).pdfPython,
            helper: "Resources/Office/convert.py")
        await #expect {
            try await converter.convert(Data("any".utf8))
        } throws: {
            ($0 as? AppError)?.code == "pdfTimeout" && ($0 as? AppError)?.status == .serviceUnavailable
        }
        let load = await converter.load
        #expect(load.officeStarts == 1 && load.offices == 0 && load.running == 0)
        await converter.shutdown()
    }

    @Test func aFullQueueIsRefusedAtOnceWithRetryAfter() async throws {
        let environment = ["SHENBAO_PDF_CONCURRENCY": "1", "SHENBAO_PDF_QUEUE": "1"]
        try await withShenbao(environment: environment) { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let converter = app.pdfConverter
            let held = HeldTurn(on: converter)
            try await Self.waitUntilRunning(1, on: converter)
            let queued = Task {
                try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            }
            try await Self.waitUntilWaiting(1, on: converter)
            let refused = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            #expect(refused.status == .serviceUnavailable)
            #expect(Int(refused.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1)
            #expect(refused.problems?.error.code == "pdfBusy")
            #expect(refused.problems?.error.message.contains("请约") == true)
            held.release()
            let answered = try await queued.value
            #expect(answered.status == .ok)
            #expect(Self.isPDF(Data(buffer: answered.body)))
            #expect(await converter.load.conversions == 1)
        }
    }

    @Test func aCancelledWaitingConversionLeavesTheQueueAndNeverRuns() async throws {
        try await withShenbao(environment: ["SHENBAO_PDF_CONCURRENCY": "1"]) { app in
            let converter = app.pdfConverter
            let held = HeldTurn(on: converter)
            try await Self.waitUntilRunning(1, on: converter)
            let waiting = Task { try await converter.convert(Data("never converted".utf8)) }
            try await Self.waitUntilWaiting(1, on: converter)
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
            #expect(await converter.load.waiting == 0)
            held.release()
            try await held.task.value
            let load = await converter.load
            #expect(load.conversions == 0 && load.officeStarts == 0 && load.running == 0)
        }
    }

    @Test func aClientThatHangsUpLeavesTheQueueAndItsPDFIsNeverMade() async throws {
        try await withShenbao(environment: ["SHENBAO_PDF_CONCURRENCY": "1"]) { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let converter = app.pdfConverter
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let held = HeldTurn(on: converter)
            try await Self.waitUntilRunning(1, on: converter)

            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            #expect(connected == 0)
            var own = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &own) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(client, $0, &length) }
            }
            let clientPort = Int(UInt16(bigEndian: own.sin_port))
            #expect(ClientWatch.isConnected(localPort: port, remotePort: clientPort), "a client still there is seen")
            let request = Array(
                "GET /api/v1/applications/\(id)/documents/form.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
                    .utf8)
            #expect(send(client, request, request.count, 0) == request.count)
            try await Self.waitUntilWaiting(1, on: converter)
            close(client)  // the client hangs up while its PDF waits
            try await Self.waitUntilWaiting(0, on: converter)
            #expect(!ClientWatch.isConnected(localPort: port, remotePort: clientPort))

            held.release()
            try await held.task.value
            #expect(await converter.load.conversions == 0)
            await app.server.shutdown()
        }
    }
}
