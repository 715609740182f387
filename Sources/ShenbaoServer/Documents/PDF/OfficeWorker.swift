import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// One LibreOffice kept running between conversions, driven by `Resources/Office/convert.py`
/// (Python UNO) with one line of JSON each way. Starting LibreOffice costs 1.5–4 s; a document
/// converted by a running one, a few tenths of a second. The helper leads its own process group,
/// so one signal ends it and its office together.
///
/// Unchecked: its properties never change after `start`, and the converter lends a worker to
/// one conversion at a time.
final class OfficeWorker: @unchecked Sendable {
    enum Outcome: Sendable, Equatable {
        case converted
        /// LibreOffice refused this document but still runs.
        case documentFailed(String)
        /// LibreOffice or its helper died: this worker is useless.
        case officeGone(String)
        case timedOut
    }

    enum StartFailure: Error {
        /// No Python UNO (`python3-uno`) or no Python: conversions must start LibreOffice each time.
        case noUNO
        case failed(String)
        case timedOut
    }

    /// `soffice.bin`, the process that does the work: what `/metrics` and the tests watch.
    let officePID: Int32
    /// Documents converted so far (counted by the converter when it takes the worker back).
    let documents = Counter()
    private let process: Process
    private let requests: FileHandle
    private let answers: PipeLines
    /// The profile folder and the office's socket files in /tmp, which a killed office leaves.
    private let leftovers: [String]

    private init(officePID: Int32, process: Process, requests: FileHandle, answers: PipeLines, leftovers: [String]) {
        self.officePID = officePID
        self.process = process
        self.requests = requests
        self.answers = answers
        self.leftovers = leftovers
    }

    private struct Ready: Decodable {
        var ready: Bool
        var officePID: Int32?
        var sockets: [String]?
        var noUNO: Bool?
        var error: String?
    }

    private struct Answer: Decodable {
        var ok: Bool
        var officeGone: Bool?
        var error: String?
    }

    /// Starts the helper and its office and waits until LibreOffice answers.
    static func start(python: String, script: String, office: String, before deadline: ContinuousClock.Instant)
        async throws(StartFailure) -> OfficeWorker
    {
        // A write to a helper that has died must fail with EPIPE, not end the server with SIGPIPE.
        _ = signal(SIGPIPE, SIG_IGN)
        // Its own profile: two offices must not share LibreOffice's lock files, and a fresh one
        // cannot carry a broken state over from an office that was killed.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "shenbao-office-" + UUID().uuidString)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, office, profile.path, "shenbao-" + UUID().uuidString]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw .noUNO
        }
        let answers = PipeLines(output.fileHandleForReading)
        let requests = input.fileHandleForWriting
        let line = await answers.next(before: deadline)
        let ready = line.text.flatMap { try? JSONDecoder().decode(Ready.self, from: Data($0.utf8)) }
        guard let ready, ready.ready, let pid = ready.officePID else {
            end(process, requests, [profile.path])
            if ready?.noUNO == true { throw .noUNO }
            if line == .timedOut { throw .timedOut }
            throw .failed(ready?.error ?? line.text ?? "the helper exited before LibreOffice was ready")
        }
        return OfficeWorker(
            officePID: pid, process: process, requests: requests, answers: answers,
            leftovers: [profile.path] + (ready.sockets ?? []))
    }

    /// Converts `input` to PDF at `output`; on `.timedOut` and `.officeGone` call `stop()`.
    func convert(input: URL, output: URL, before deadline: ContinuousClock.Instant) async -> Outcome {
        guard let request = try? JSONEncoder().encode(["input": input.path, "output": output.path]) else {
            return .documentFailed("unencodable path")
        }
        do {
            try requests.write(contentsOf: request + Data("\n".utf8))
        } catch {
            return .officeGone("the helper no longer reads: \(error)")
        }
        switch await answers.next(before: deadline) {
        case .timedOut:
            return .timedOut
        case .ended:
            return .officeGone("the helper exited")
        case .text(let line):
            guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(line.utf8)) else {
                return .officeGone("the helper answered \(line)")
            }
            if answer.ok { return .converted }
            let reason = answer.error ?? "unknown"
            return answer.officeGone == true ? .officeGone(reason) : .documentFailed(reason)
        }
    }

    /// Ends the helper and its office at once (they hold nothing worth a clean exit).
    func stop() { Self.end(process, requests, leftovers) }

    private static func end(_ process: Process, _ requests: FileHandle, _ leftovers: [String]) {
        let pid = process.processIdentifier
        // The group is the helper's once it has called setsid; before that, the helper alone.
        if kill(-pid, SIGKILL) != 0 { kill(pid, SIGKILL) }
        try? requests.close()
        for path in leftovers { try? FileManager.default.removeItem(atPath: path) }
    }
}

extension PipeLines.Line {
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

extension OfficeWorker {
    final class Counter: Sendable {
        private let value = NIOLockedValueBox(0)

        /// The count after adding `amount`.
        func add(_ amount: Int) -> Int {
            value.withLockedValue {
                $0 += amount
                return $0
            }
        }
    }
}
