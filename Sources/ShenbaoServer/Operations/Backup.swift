import ConsoleKit
import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups of the whole system in one file — every table, attachments included. SQLite: `VACUUM
/// INTO`, a consistent copy taken while the server runs, with the attachment files' bytes put
/// into its `blobs` rows (restoring moves them out again). PostgreSQL: `pg_dump` in its custom
/// format, restored by `pg_restore`.
enum Backup {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func backup(_ app: Application, config: Config, to path: String) async throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        if FileManager.default.fileExists(atPath: target.path) {
            throw Failure(description: "\(target.path) 已存在；请换一个文件名，备份不会覆盖已有文件")
        }
        if let url = config.databaseURL {
            var arguments = ["--format=custom", "--no-owner", "--file=\(target.path)"]
            if let schema = config.databaseSchema { arguments.append("--schema=\(schema)") }
            try run(tool: "pg_dump", arguments + ["--dbname=\(url)"])
            return
        }
        guard let sql = app.db as? any SQLDatabase else { throw Failure(description: "数据库不支持备份") }
        // A literal, not a bind: VACUUM INTO takes its file name as an expression, and quotes are doubled.
        let quoted = target.path.replacingOccurrences(of: "'", with: "''")
        try await sql.raw("VACUUM INTO '\(unsafeRaw: quoted)'").run()
        do {
            // An attachment deleted between the copy and this step took its file: the backup
            // fails and is to be run again, rather than hold a row without its bytes.
            try await config.attachmentStore?.inline(into: target.path)
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw Failure(description: "备份未完成：\(error)")
        }
    }

    /// Replaces the database with the backup. The server must be stopped: SQLite's file is
    /// swapped atomically; PostgreSQL's objects are dropped and restored in one transaction.
    static func restore(config: Config, from path: String) throws {
        let source = URL(fileURLWithPath: path).standardizedFileURL
        guard let handle = FileHandle(forReadingAtPath: source.path) else {
            throw Failure(description: "无法读取备份文件 \(source.path)")
        }
        let header = handle.readData(ofLength: 16)
        try? handle.close()
        if let url = config.databaseURL {
            guard header.starts(with: Array("PGDMP".utf8)) else {
                throw Failure(description: "\(source.path) 不是 pg_dump 自定义格式的备份文件")
            }
            try run(
                tool: "pg_restore",
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", source.path])
            return
        }
        guard header == Data("SQLite format 3\0".utf8) else {
            throw Failure(description: "\(source.path) 不是 SQLite 数据库备份文件")
        }
        let database = URL(fileURLWithPath: config.sqlitePath)
        try FileManager.default.createDirectory(
            at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staging = database.appendingPathExtension("restoring")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.copyItem(at: source, to: staging)
        // The old write-ahead log belongs to the old file: it must not be replayed into the new one.
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: database.path + suffix)
        }
        if rename(staging.path, database.path) != 0 {
            throw Failure(description: "无法替换数据库文件 \(database.path)")
        }
    }

    /// Runs a PostgreSQL client tool, found on PATH or in PostgreSQL 15's folder.
    private static func run(tool: String, _ arguments: [String]) throws {
        let candidates =
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map {
                "\($0)/\(tool)"
            } + ["/usr/lib/postgresql/15/bin/\(tool)"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "找不到 \(tool)；请安装 postgresql-client")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) 失败：" + String(decoding: message, as: UTF8.self))
        }
    }
}

/// `shenbao backup --out FILE`.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @ConsoleKit.Option(name: "out", help: "备份文件（不能已存在）")
        var out: String?
    }

    var help: String { "备份全部数据（含附件）：shenbao backup --out FILE；服务运行时也可备份" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out, !out.isEmpty else {
            context.console.error("请用 --out 指定备份文件")
            throw ExitCode.failure
        }
        do {
            try await Backup.backup(context.application, config: context.application.shenbaoConfig, to: out)
        } catch let failure as Backup.Failure {
            context.console.error(failure.description)
            throw ExitCode.failure
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        context.console.info("已备份到 \(out)（\(size / 1024) KB）")
    }
}

/// `shenbao restore FILE`: with the server stopped.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "shenbao backup 生成的备份文件")
        var file: String
    }

    var help: String { "从备份恢复全部数据（请先停止服务）：shenbao restore FILE" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            try Backup.restore(config: app.shenbaoConfig, from: signature.file)
        } catch let failure as Backup.Failure {
            context.console.error(failure.description)
            throw ExitCode.failure
        }
        // A backup from an older version is brought to the current schema at once.
        _ = try await prepareDatabase(app, config: app.shenbaoConfig)
        context.console.info("已从 \(signature.file) 恢复数据")
    }
}
