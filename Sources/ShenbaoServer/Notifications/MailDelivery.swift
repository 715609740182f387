import Fluent
import Foundation
import SQLKit
import Vapor

/// Hands queued e-mails to the host's mail transfer agent after they were committed. A failure
/// leaves the message queued with a later retry (1, 2, 4 … minutes, at most a day); nothing is
/// dropped. Several instances may run this at once: each message is claimed before it is sent.
enum MailDelivery {
    static let batchSize = 20
    static let maxAttempts = 30

    /// Delivers what is due; returns how many were sent.
    @discardableResult
    static func deliverDue(db: any Database, config: Config, logger: Logger, now: Date? = nil) async throws -> Int {
        guard let command = config.sendmailCommand else { return 0 }
        let now = now ?? config.now
        let due = try await MailOutboxModel.query(on: db).filter(\.$status == .pending)
            .filter(\.$nextAttemptAt <= now).sort(\.$createdAt).limit(batchSize).all()
        var sent = 0
        for mail in due {
            guard try await claim(mail, on: db) else { continue }
            do {
                try await send(message(mail, from: config.mailFrom, now: now), using: command)
                mail.status = .sent
                mail.sentAt = now
                mail.lastError = nil
                sent += 1
            } catch {
                mail.lastError = String(describing: error).prefix(500).description
                let delay = min(pow(2, Double(mail.attempts - 1)) * 60, 86_400)
                mail.nextAttemptAt = now.addingTimeInterval(delay)
                if mail.attempts >= maxAttempts { mail.status = .failed }
                logger.warning("邮件发送失败（第 \(mail.attempts) 次）：\(mail.recipient)：\(error)")
            }
            try await mail.save(on: db)
        }
        return sent
    }

    /// Moves `attempts` on by one if nobody else did: the winner sends.
    private static func claim(_ mail: MailOutboxModel, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return true }
        let rows = try await sql.update(MailOutboxModel.schema)
            .set("attempts", to: mail.attempts + 1)
            .where("id", .equal, try mail.requireID())
            .where("attempts", .equal, mail.attempts)
            .returning("id")
            .all()
        guard rows.count == 1 else { return false }
        mail.attempts += 1
        return true
    }

    struct SendmailFailed: Error, CustomStringConvertible {
        var status: Int32
        var output: String
        var description: String { "sendmail 退出码 \(status)：\(output)" }
    }

    /// A write to an agent that has closed its input must fail with EPIPE, not kill the process
    /// with SIGPIPE. SwiftNIO ignores the signal too, but only once it has opened a socket.
    private static let brokenPipesAreErrors: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Runs the command with the message on standard input, as sendmail-compatible agents expect.
    static func send(_ message: String, using command: String) async throws {
        _ = brokenPipesAreErrors
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/sh")
                    process.arguments = ["-c", command]
                    let input = Pipe()
                    let output = Pipe()
                    process.standardInput = input
                    process.standardOutput = output
                    process.standardError = output
                    try process.run()
                    // An agent that refuses before reading closes its input: the write then fails
                    // (EPIPE), and its exit status and output say why. Foundation's non-throwing
                    // `write(_:)` crashed the whole server on that.
                    var writeError: (any Error)?
                    do {
                        try input.fileHandleForWriting.write(contentsOf: Data(message.utf8))
                    } catch {
                        writeError = error
                    }
                    try? input.fileHandleForWriting.close()
                    let printed = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    if process.terminationStatus == 0, let writeError {
                        continuation.resume(throwing: writeError)
                    } else if process.terminationStatus == 0 {
                        continuation.resume()
                    } else {
                        continuation.resume(
                            throwing: SendmailFailed(
                                status: process.terminationStatus,
                                output: String(decoding: printed.prefix(300), as: UTF8.self)))
                    }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// A plain-text UTF-8 message with encoded headers, as every agent and mail client reads it.
    static func message(_ mail: MailOutboxModel, from: String, now: Date) -> String {
        func encoded(_ text: String) -> String { "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?=" }
        let body = Data(mail.body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return [
            "From: \(encoded("湖南省科协项目申报系统")) <\(from)>",
            "To: <\(mail.recipient)>",
            "Subject: \(encoded(mail.subject))",
            "Date: \(date.string(from: mail.createdAt ?? now))",
            "Message-ID: <\(mail.id?.uuidString.lowercased() ?? UUID().uuidString)@shenbao>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
            "",
        ].joined(separator: "\r\n")
    }
}

/// Runs delivery in the background while the server runs.
struct MailDeliveryLifecycle: LifecycleHandler {
    let config: Config

    func didBootAsync(_ application: Application) async throws {
        guard config.sendmailCommand != nil else { return }
        let db = application.db
        let logger = application.logger
        let config = config
        application.mailTask.task = Task.detached {
            while !Task.isCancelled {
                do {
                    try await MailDelivery.deliverDue(db: db, config: config, logger: logger)
                } catch {
                    logger.warning("邮件队列处理失败：\(error)")
                }
                try? await Task.sleep(for: .seconds(15))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        application.mailTask.task?.cancel()
    }
}

extension Application {
    final class MailTaskBox: @unchecked Sendable {
        var task: Task<Void, Never>?
    }
    private struct MailTaskKey: StorageKey { typealias Value = MailTaskBox }

    var mailTask: MailTaskBox {
        if let box = storage[MailTaskKey.self] { return box }
        let box = MailTaskBox()
        storage[MailTaskKey.self] = box
        return box
    }
}
