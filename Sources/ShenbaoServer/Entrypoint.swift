import Foundation
import Logging
import NIOCore
import NIOPosix
import Vapor

/// The program: `shenbao serve | migrate | user create | routes`.
public enum Shenbao {
    public static func main() async throws {
        // Swift concurrency runs on the server's own event loops instead of a second pool of
        // threads, as Vapor's template does: an `await` on the database no longer hops between
        // two sets of threads (on this machine's virtual CPUs a wake-up costs more than a query).
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var env = try Environment.detect()
        if ProcessInfo.processInfo.environment["SHENBAO_LOG_FORMAT"] == "json" {
            let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
            LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        } else {
            try LoggingSystem.bootstrap(from: &env)
        }
        let app = try await Application.make(env)
        do {
            let config = Config()
            try await configure(app, config: config)
            var arguments = Array(env.arguments.dropFirst())
            // `--demo` is ours, not Vapor's: take it out before `serve` reads its flags.
            let demo = arguments.contains("--demo")
            arguments.removeAll { $0 == "--demo" }
            app.environment.arguments = [env.arguments.first ?? "shenbao"] + arguments
            if arguments.first.map({ $0 == "serve" || $0.hasPrefix("-") }) ?? true {
                _ = try await prepareDatabase(app, config: config)
                app.lifecycle.use(WALCheckpoints())
                app.lifecycle.use(ReportReminderLifecycle())
                if demo {
                    let accounts = try await DemoData.loadIfEmpty(
                        on: app.db, hasher: app.password.async, now: app.now())
                    try await config.attachmentStore?.externalize(on: app.db)
                    print(accounts.isEmpty ? "\n系统中已有用户，未载入演示数据。\n" : DemoData.printout(accounts))
                }
                if let token = try await SetupController.issueTokenIfNeeded(on: app.db) {
                    print(setupNotice(token: token, arguments: arguments))
                    fflush(nil)  // to a file or a pipe too, at once: the operator waits for it
                }
                // Migrating may take long; answering a request may not.
                app.databaseDeadlines.current = DatabaseDeadlines(serving: config)
            }
            try await app.execute()
            // SIGTERM: stop accepting, let the requests in flight finish, and only then close
            // the databases. Vapor's own shutdown closes the databases first, so an upload still
            // arriving at that moment crashed the server, and so did a request whose client had
            // hung up, which Vapor's quiescing does not wait for (Tests/system/shutdown.py).
            await app.server.shutdown()
            if !(await app.serverLoad.requests.drained(within: .seconds(15))) {
                app.logger.warning(
                    "requests still running 15 s after the connections closed; closing the databases anyway",
                    metadata: ["requests": "\(app.serverLoad.requests.current)"])
            }
        } catch {
            if !(error is ExitCode) { app.logger.report(error: error) }
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The link as the operator will type it: the host and port `serve` was given.
    static func setupNotice(token: String, arguments: [String]) -> String {
        func value(_ names: [String]) -> String? {
            guard let index = arguments.firstIndex(where: names.contains), index + 1 < arguments.count else {
                return nil
            }
            return arguments[index + 1]
        }
        var host = value(["--hostname", "-H"]) ?? "127.0.0.1"
        if host == "0.0.0.0" || host == "::" { host = "127.0.0.1" }
        let port = value(["--port", "-p"]) ?? "8080"
        return """

            尚未设置系统管理员。请在浏览器中打开以下一次性链接创建第一个系统管理员账号：
                http://\(host):\(port)/setup/\(token)
            （链接只能使用一次；每次启动服务都会生成新链接，旧链接随即失效。）

            """
    }
}
