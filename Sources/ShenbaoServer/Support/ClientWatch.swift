import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a request's client is still connected. Vapor 4 runs a handler to its end after its
/// client has gone and does not show the handler its connection; the kernel's tables of TCP
/// sockets (`/proc/net/tcp`, `/proc/net/tcp6`) do. A client counts as gone once no ESTABLISHED
/// socket joins the server's port to the client's port. Addresses are not compared: another
/// client with the same port only keeps alive a request that could have been cancelled.
enum ClientWatch {
    /// True also where the tables cannot be read (not Linux): never cancel on a guess.
    static func isConnected(localPort: Int, remotePort: Int) -> Bool {
        let local = String(format: ":%04X", localPort)
        let remote = String(format: ":%04X", remotePort)
        var readAny = false
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = contents(of: table) else { continue }
            readAny = true
            for line in text.split(separator: "\n").dropFirst() {
                // "sl local_address rem_address st …", right-aligned with leading spaces; state 01 is
                // ESTABLISHED.
                let fields = line.split(separator: " ")
                if fields.count > 3, fields[1].hasSuffix(local), fields[2].hasSuffix(remote), fields[3] == "01" {
                    return true
                }
            }
        }
        return !readAny
    }

    /// The whole file, read to its end with read(2): a /proc file says its size is 0, and
    /// Foundation's readers stopped after the first page of a table with many sockets.
    private static func contents(of path: String) -> String? {
        let file = open(path, O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Request {
    /// Runs `work`, cancelling it once the client has disconnected (looked at once a second): a
    /// PDF still waiting for LibreOffice then leaves the queue instead of being made for nobody.
    /// Work already converting runs to its end.
    func cancellingWhenClientLeaves<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let remotePort = remoteAddress?.port, let localPort = application.http.server.shared.localAddress?.port
        else { return try await work() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                repeat {
                    try await Task.sleep(for: .seconds(1))
                } while ClientWatch.isConnected(localPort: localPort, remotePort: remotePort)
                return nil
            }
            // The first to end is the work (its result) or the watch (nil: cancel the work and
            // hand on how it ended).
            while let ended = try await group.next() {
                group.cancelAll()
                if let result = ended { return result }
            }
            throw CancellationError()
        }
    }
}
