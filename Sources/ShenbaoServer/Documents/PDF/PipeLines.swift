import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// The lines a child process writes to its standard output, each awaited within a time limit.
/// The blocking read runs on a Dispatch thread: Swift's tasks have only as many threads as the
/// machine has cores, and a conversion may take a minute.
final class PipeLines: Sendable {
    enum Line: Sendable, Equatable {
        case text(String)
        case ended
        case timedOut
    }

    private let handle: FileHandle
    /// Bytes read past the last line; touched by one read at a time.
    private let pending = NIOLockedValueBox(Data())

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    /// The next line, or `.timedOut` at `deadline` (the read goes on until the writer is killed,
    /// which the caller then does, or writes its line).
    func next(before deadline: ContinuousClock.Instant) async -> Line {
        let remaining = ContinuousClock.now.duration(to: deadline)
        return await withCheckedContinuation { continuation in
            let answer = NIOLockedValueBox<CheckedContinuation<Line, Never>?>(continuation)
            @Sendable func finish(_ line: Line) {
                answer.withLockedValue { waiting in
                    waiting?.resume(returning: line)
                    waiting = nil
                }
            }
            DispatchQueue.global().async { finish(self.readLine()) }
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, remaining.seconds)) { finish(.timedOut) }
        }
    }

    private func readLine() -> Line {
        while true {
            let line = pending.withLockedValue { buffer -> String? in
                guard let end = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                let line = String(decoding: buffer[buffer.startIndex..<end], as: UTF8.self)
                buffer = Data(buffer[(end + 1)...])
                return line
            }
            if let line { return .text(line) }
            // read(2) itself: FileHandle's read(upToCount:) waits for the whole count on a pipe.
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .ended }
            pending.withLockedValue { $0.append(contentsOf: chunk[..<count]) }
        }
    }
}
