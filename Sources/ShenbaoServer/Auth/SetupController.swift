import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// The first system administrator is created in the browser through a one-time link that
/// `shenbao serve` prints while none exists: no default password ever ships. The administrator
/// then opens the accounts of the province's staff and of the audit administrator.
struct SetupController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("setup", ":token", use: form)
        routes.post("setup", ":token", use: submit)
    }

    /// Makes a new link when the system has no system administrator yet; returns its secret.
    static func issueTokenIfNeeded(on db: any Database) async throws -> String? {
        guard try await UserModel.query(on: db).filter(\.$role == .sysadmin).count() == 0 else { return nil }
        let token = Secrets.make()
        try await db.transaction { db in
            // Only the newest link works: an old one seen in a log is worth nothing.
            try await SetupTokenModel.query(on: db).filter(\.$usedAt == nil).delete()
            try await SetupTokenModel(tokenHash: Secrets.hash(token)).create(on: db)
        }
        return token
    }

    private func validToken(_ req: Request) async throws -> (SetupTokenModel, String) {
        let token = req.parameters.get("token") ?? ""
        if try await UserModel.query(on: req.db).filter(\.$role == .sysadmin).count() > 0 {
            throw AppError(status: .gone, code: .alreadySetUp, message: "系统已经设置了系统管理员，此链接已失效。请直接登录")
        }
        guard
            let record = try await SetupTokenModel.query(on: req.db)
                .filter(\.$tokenHash == Secrets.hash(token)).filter(\.$usedAt == nil).first()
        else {
            throw AppError(status: .notFound, code: .invalidSetupLink, message: "初始化链接无效或已使用。请重新启动服务，使用新打印的链接")
        }
        return (record, token)
    }

    func form(req: Request) async throws -> Response {
        let (_, token) = try await validToken(req)
        return try await req.renderPage(
            .authSetup, title: "初始化：创建系统管理员",
            SetupPage(token: token, form: .init(), errors: [:], problems: []), withForm: true)
    }

    func submit(req: Request) async throws -> Response {
        let (record, token) = try await validToken(req)
        var input = try req.content.decode(UserService.Input.self)
        input.role = Role.sysadmin.rawValue
        input.organizationId = nil
        do {
            let submitted = input
            let recordID = try record.requireID()
            let created = try await req.db.transaction { db in
                // The link is claimed first, in one conditional statement: of parallel uses only
                // the first finds it unused (six once made six province users); the others wait
                // for its commit on PostgreSQL, or their turn on SQLite's one writer, and fail.
                let claimed = try await StaticSelect.sql(db).update(SetupTokenModel.schema)
                    .set("used_at", to: SecurityClock.now).where("id", .equal, recordID).where(
                        "used_at", .is, SQLLiteral.null
                    )
                    .returning("id").first()
                guard claimed != nil else {
                    throw AppError(
                        status: .gone, code: .alreadySetUp, message: "此初始化链接已被使用，系统管理员已经创建。请直接登录")
                }
                return try await UserService(database: db, hasher: req.password.async).create(
                    submitted, mustChangePassword: false)
            }
            try await req.startSession(for: created.id)
            return req.redirect(to: "/workspace")
        } catch let error as AppError where !error.problems.isEmpty {
            input.password = nil
            return try await req.renderPage(
                .authSetup, title: "初始化：创建系统管理员",
                SetupPage(
                    token: token, form: input, errors: FieldErrors.make(error.problems), problems: error.problems),
                status: .unprocessableEntity, withForm: true)
        }
    }
}
