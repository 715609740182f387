import Foundation
import Logging
import Vapor

/// Word (or Excel) to PDF through LibreOffice. At most `limit` conversions run at once, each on
/// an office kept running between conversions (`OfficeWorker`), each within `timeout`: an office
/// that overruns it is killed and the next conversion starts a new one, as does one that died.
/// At most `queueLimit` conversions wait; more are refused at once with `Retry-After`, and a
/// waiting conversion whose task is cancelled leaves the queue without running.
actor PDFConverter {
    /// What `/metrics` shows.
    struct Load: Sendable {
        var running: Int
        var waiting: Int
        /// Offices running now, idle or busy.
        var offices: Int
        /// Offices started since the server started: past `limit` it grows only when one died,
        /// overran, or had converted `documentsPerOffice` documents.
        var officeStarts: Int
        /// Conversions started since the server started.
        var conversions: Int
    }

    let limit: Int
    let queueLimit: Int
    let timeout: Duration
    private let python: String
    private let helper: String
    private let logger = Logger(label: "shenbao.pdf")

    /// The turns: `limit` at once, `queueLimit` waiting.
    private let turns: Gate
    private var idle: [OfficeWorker] = []
    private var busy: [ObjectIdentifier: OfficeWorker] = [:]
    private var officeStarts = 0
    private var conversions = 0
    /// False once it is known that no office can be kept running here (no Python UNO).
    private var warm: Bool
    private var stopped = false

    init(limit: Int, queueLimit: Int, timeout: Duration, python: String, helper: String) {
        self.limit = max(1, limit)
        self.queueLimit = max(0, queueLimit)
        turns = Gate(slots: self.limit, patience: nil, queueLimit: self.queueLimit)
        self.timeout = timeout
        self.python = python
        self.helper = helper
        warm = FileManager.default.fileExists(atPath: helper)
    }

    /// The office program, or nil when LibreOffice is not installed.
    static let office: String? = {
        if let configured = ProcessInfo.processInfo.environment["SHENBAO_SOFFICE"], !configured.isEmpty {
            return configured
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/opt/libreoffice/program"] {
            for name in ["soffice", "libreoffice"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    var load: Load {
        get async {
            let turns = await turns.load
            return Load(
                running: turns.inUse, waiting: turns.waiting, offices: idle.count + busy.count,
                officeStarts: officeStarts, conversions: conversions)
        }
    }

    /// The offices' `soffice.bin` processes, for the tests.
    var officePIDs: [Int32] { (idle + busy.values).map(\.officePID) }

    /// `format` is the input's extension: `docx`, or `xlsx` for the public lists. A `background`
    /// conversion (the bulk export, which nobody waits for at a browser) queues however long the
    /// queue is.
    func convert(_ document: Data, format: String = "docx", background: Bool = false) async throws -> Data {
        guard let office = Self.office else { throw PDFError.unavailable }
        return try await inTurn(background: background) {
            try await self.convertNow(document, format: format, office: office)
        }
    }

    /// Runs `work` in a turn of its own, after waiting behind at most `queueLimit` others (the
    /// tests hold a turn this way to fill the queue).
    func inTurn<T: Sendable>(background: Bool = false, _ work: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await turns.run(queueing: background) {
                try Task.checkCancellation()
                return try await work()
            }
        } catch let full as GateFull {
            // Roughly when the queue will have room again: a warm conversion takes about a second.
            throw PDFError.queueFull(retryAfterSeconds: max(1, (full.waiting + full.slots) / full.slots))
        }
    }

    private func convertNow(_ document: Data, format: String, office: String) async throws -> Data {
        conversions += 1
        let deadline = ContinuousClock.now + timeout
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shenbao-pdf-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document.\(format)")
        let output = folder.appendingPathComponent("document.pdf")
        try document.write(to: input)
        if warm, let pdf = try await convertWarm(office: office, input: input, output: output, before: deadline) {
            return pdf
        }
        return try await OneShotConversion.run(office: office, input: input, output: output, before: deadline)
    }

    /// The PDF on a running office; nil when none can run here, so the caller converts the old way.
    private func convertWarm(office: String, input: URL, output: URL, before deadline: ContinuousClock.Instant)
        async throws -> Data?
    {
        // Twice at most: an office found dead (killed, crashed while idle) is replaced once.
        for attempt in 1...2 {
            guard let worker = try await checkOut(office: office, before: deadline) else { return nil }
            switch await worker.convert(input: input, output: output, before: deadline) {
            case .converted:
                checkIn(worker)
                return try Self.pdf(at: output)
            case .documentFailed(let reason):
                checkIn(worker)
                logger.warning("LibreOffice could not convert a document", metadata: ["reason": .string(reason)])
                throw PDFError.failed
            case .officeGone(let reason):
                retire(worker)
                logger.warning("LibreOffice died; starting another", metadata: ["reason": .string(reason)])
                if attempt == 2 { throw PDFError.failed }
            case .timedOut:
                retire(worker)
                logger.warning("a conversion overran its time limit; its LibreOffice was killed")
                throw PDFError.timedOut
            }
        }
        throw PDFError.failed
    }

    private func checkOut(office: String, before deadline: ContinuousClock.Instant) async throws -> OfficeWorker? {
        let worker: OfficeWorker
        if let kept = idle.popLast() {
            worker = kept
        } else {
            // The server is stopping: a conversion whose office it killed starts no other.
            guard !stopped else { throw PDFError.failed }
            officeStarts += 1
            do throws(OfficeWorker.StartFailure) {
                worker = try await OfficeWorker.start(python: python, script: helper, office: office, before: deadline)
            } catch .noUNO {
                logger.warning(
                    "no Python UNO (python3-uno) for \(python): LibreOffice is started anew for every PDF")
                warm = false
                return nil
            } catch .timedOut {
                throw PDFError.timedOut
            } catch .failed(let reason) {
                logger.error("LibreOffice did not start", metadata: ["reason": .string(reason)])
                throw PDFError.failed
            }
            // The server stopped while this office started: it must not outlive the server.
            if stopped {
                worker.stop()
                throw PDFError.failed
            }
        }
        busy[ObjectIdentifier(worker)] = worker
        return worker
    }

    /// An office is replaced after this many documents: LibreOffice keeps some memory of each
    /// document it opened, and a server runs for months.
    static let documentsPerOffice = 1000

    private func checkIn(_ worker: OfficeWorker) {
        busy[ObjectIdentifier(worker)] = nil
        if worker.documents.add(1) >= Self.documentsPerOffice {
            worker.stop()
        } else {
            idle.append(worker)
        }
    }

    private func retire(_ worker: OfficeWorker) {
        busy[ObjectIdentifier(worker)] = nil
        worker.stop()
    }

    /// Ends every office with the server.
    func shutdown() {
        stopped = true
        for worker in idle + busy.values { worker.stop() }
        idle = []
        busy = [:]
    }

    static func pdf(at output: URL) throws -> Data {
        guard let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
            throw PDFError.failed
        }
        return pdf
    }
}

extension Application {
    private struct PDFConverterKey: StorageKey { typealias Value = PDFConverter }

    /// One converter per server, so its limits hold across all requests.
    var pdfConverter: PDFConverter {
        if let converter = storage[PDFConverterKey.self] { return converter }
        let config = shenbaoConfig
        let converter = PDFConverter(
            limit: config.pdfConcurrency, queueLimit: config.pdfQueue, timeout: .seconds(config.pdfTimeoutSeconds),
            python: config.pdfPython, helper: directory.resourcesDirectory + "Office/convert.py")
        storage[PDFConverterKey.self] = converter
        return converter
    }
}

/// The offices end with the application (and with `shenbao export`, which has no server).
struct PDFConverterLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.pdfConverter.shutdown()
    }
}
