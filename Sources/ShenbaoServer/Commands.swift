import ConsoleKit
import Fluent
import ShenbaoCore
import Vapor

/// `shenbao migrate`: applies pending migrations and loads the default data, without asking.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "更新数据库结构并载入默认数据（2025年度申报指南、湖南省推荐单位）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await prepareDatabase(context.application, config: context.application.shenbaoConfig)
        context.console.info("数据库已是最新结构；新增申报指南 \(report.callsAdded) 个，新增单位 \(report.organizationsAdded) 个。")
    }
}

/// `shenbao user create --username U --password P --role R [--organization ID] [--contact-name …]`.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @ConsoleKit.Option(name: "username", help: "用户名")
        var username: String?
        @ConsoleKit.Option(name: "password", help: "密码（至少8位，含字母和数字）")
        var password: String?
        @ConsoleKit.Option(name: "role", help: "applicant | recommender | province | finance | expert")
        var role: String?
        @ConsoleKit.Option(name: "organization", help: "所属单位编号（申报单位、推荐单位用户必填）")
        var organization: String?
        @ConsoleKit.Option(name: "contact-name", help: "联系人姓名（缺省为用户名）")
        var contactName: String?
        @ConsoleKit.Option(name: "phone", help: "联系电话（缺省为省科协电话）")
        var phone: String?
        @ConsoleKit.Option(name: "email", help: "电子邮箱")
        var email: String?
    }

    var help: String { "创建用户：shenbao user create --username U --password P --role R [--organization ID]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else {
            context.console.error("未知操作 \(signature.action)；可用：create")
            throw ExitCode.failure
        }
        let app = context.application
        _ = try await prepareDatabase(app, config: app.shenbaoConfig)
        let input = UserService.Input(
            username: signature.username, password: signature.password, role: signature.role,
            organizationId: signature.organization, contactName: signature.contactName ?? signature.username,
            phone: signature.phone ?? "0731-84884381",
            email: signature.email ?? "\(signature.username ?? "user")@localhost.localdomain")
        do {
            // The operator's own tool (bootstrapping, automation): the password typed here is used
            // as is. Accounts made for other people are made in 用户管理, where they must choose their own.
            let created = try await UserService(database: app.db, hasher: app.password.async)
                .create(input, mustChangePassword: false)
            context.console.info("已创建用户 \(created.username)（\(created.role.label)），编号 \(created.id.uuidString)")
        } catch let error as AppError {
            context.console.error(error.message)
            for problem in error.problems { context.console.error("  - \(problem.field)：\(problem.message)") }
            throw ExitCode.failure
        }
    }
}

/// `shenbao audit verify`: proves nobody edited the history, or names the first broken link.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "核验审计日志：shenbao audit verify" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            context.console.error("未知操作 \(signature.action)；可用：verify")
            throw ExitCode.failure
        }
        let app = context.application
        _ = try await prepareDatabase(app, config: app.shenbaoConfig)
        let report = try await AuditVerifier.verify(on: app.db)
        if let broken = report.firstBreak {
            context.console.error("审计日志不完整：\(broken)")
            throw ExitCode.failure
        }
        context.console.info(
            "审计日志完整：安全审计日志 \(report.securityEvents) 条；\(report.applications) 份申报书，\(report.events) 条记录，链接全部相符。")
    }
}

/// `shenbao export --call 2025 --out DIR`: every package of the call into DIR, with progress.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @ConsoleKit.Option(name: "call", help: "年度（如 2025）或申报指南编号")
        var call: String?
        @ConsoleKit.Option(name: "out", help: "输出目录")
        var out: String?
    }

    var help: String { "导出某年度全部报送材料包：shenbao export --call 2025 --out 目录" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out, !out.isEmpty else {
            context.console.error("请用 --out 指定输出目录")
            throw ExitCode.failure
        }
        let app = context.application
        _ = try await prepareDatabase(app, config: app.shenbaoConfig)
        let call: CallModel
        do {
            call = try await CallQuery.find(signature.call ?? "2025", on: app.db)
        } catch {
            context.console.error("未找到申报指南 \(signature.call ?? "2025")")
            throw ExitCode.failure
        }
        let folder = URL(fileURLWithPath: out).appendingPathComponent("\(call.year)年度申报材料")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let applications = try await BulkExport.applications(of: try call.requireID(), on: app.db)
        let total = applications.count
        let console = context.console
        let packages = try await BulkExport.packages(
            applications, on: app.db, store: app.shenbaoConfig.attachmentStore, converter: app.pdfConverter,
            now: app.now()
        ) {
            done, name in
            console.output("[\(done)/\(total)] \(name)".consoleText())
        }
        for package in packages {
            try package.data.write(to: folder.appendingPathComponent(package.name))
        }
        context.console.info("已导出 \(packages.count) 份报送材料包到 \(folder.path)")
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = Config }

    /// The settings `configure` was called with, for commands that run outside a request.
    public var shenbaoConfig: Config {
        get { storage[ConfigKey.self] ?? Config() }
        set { storage[ConfigKey.self] = newValue }
    }
}

enum ExitCode: Error { case failure }
