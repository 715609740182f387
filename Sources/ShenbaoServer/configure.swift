import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import NIOSSL
import SQLKit
import Vapor

/// The one place the application is put together: database, middleware, views, routes, commands.
public func configure(_ app: Application, config: Config) async throws {
    // Its own clock: a test that sets one application's time leaves the others running.
    let config = {
        var config = config
        config.clock = Clock()
        return config
    }()
    app.shenbaoConfig = config
    try BenchPiece.apply(config)
    let (database, writer) = try configureDatabase(app, config: config)
    let uploads = LargeBodyGate.makeGate()
    let requests = RequestsInFlight()
    app.serverLoad = ServerLoad(requests: requests, database: database, writer: writer, uploads: uploads)
    app.migrations.add(Migrations.all)

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.decoyPasswordHash = try Bcrypt.hash(Secrets.make(), cost: config.bcryptCost)

    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = SessionKeys.cookieName
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(
            string: id.string, expires: SecurityClock.now.addingTimeInterval(config.sessionLifetime), maxAge: nil,
            domain: nil, path: "/", isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    app.views.use(.leaf)
    app.routes.defaultMaxBodySize = "4mb"

    // Outermost first: errors catch everything below them; static files need no session.
    app.middleware = .init()
    app.middleware.use(RequestsInFlightMiddleware(requests: requests))
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(ShenbaoErrorMiddleware())
    // Inside the error middleware: the page it renders for a 503 may still read the database.
    app.middleware.use(RequestDatabaseWorkMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    app.bearerTokens = BearerTokenCache(lifetime: config.tokenCacheLifetime)
    app.drafts = DraftCache(capacity: config.draftCacheCapacity)
    // Made now, before two first requests could each make one (and each its own offices).
    _ = app.pdfConverter
    app.lifecycle.use(PDFConverterLifecycle())
    _ = app.publicDocuments
    app.middleware.use(UserAuthenticator(config: config))
    app.middleware.use(LargeBodyGate(gate: uploads, trim: MemoryTrim(after: uploads)))
    app.middleware.use(PasswordChangeRequired())
    app.middleware.use(TwoFactorEnrolment(config: config))
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(TextLimitMiddleware())
    app.middleware.use(ConfirmationMiddleware())

    try routes(app, config: config)

    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
}

func routes(_ app: Application, config: Config) throws {
    app.lifecycle.use(MailDeliveryLifecycle(config: config))
    ShenbaoMetrics.bootstrap()
    try app.register(collection: HealthController())
    try app.register(collection: MetricsController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: CallsController())
    try app.register(collection: DivisionsController())
    try app.register(collection: RecommendersController())
    try app.register(collection: RecommenderAdminAPIController())
    try app.register(collection: RecommenderListPages())
    try app.register(collection: RecommenderPages())
    try app.register(collection: RegistrationController())
    try app.register(collection: LoginController(config: config))
    try app.register(collection: SetupController())
    try app.register(collection: TwoFactorController(config: config))
    try app.register(collection: UsersController())
    try app.register(collection: AccountController())
    try app.register(collection: PasswordLinkController())
    try app.register(collection: AuditController())
    try app.register(collection: WorkspaceController())
    try app.register(collection: ApplicationsAPIController(config: config))
    try app.register(collection: ApplicationPagesController(config: config))
    try app.register(collection: RecommendationAPIController(config: config))
    try app.register(collection: RecommendationPagesController(config: config))
    try app.register(collection: RecommenderQuotaAPIController())
    try app.register(collection: RecommenderQuotaPagesController())
    try app.register(collection: NotificationsController())
    try app.register(collection: SanctionsController())
    try app.register(collection: DisbursementsAPIController())
    try app.register(collection: DisbursementPagesController(config: config))
    try app.register(collection: ChangeRequestsAPIController(config: config))
    try app.register(collection: ChangeRequestPagesController(config: config))
    try app.register(collection: SummaryTableController())
    try app.register(collection: DocumentsController())
    try app.register(collection: AgreementAPIController(config: config))
    try app.register(collection: ReportDocumentsController())
    try app.register(collection: ReportsAPIController(config: config))
    try app.register(collection: AgreementPagesController(config: config))
    try app.register(collection: ReportPagesController(config: config))
    try app.register(collection: ProjectTrackingXlsx())
    try app.register(collection: ApplicationListXlsx())
    try app.register(collection: ExportsController())
    try app.register(collection: ExpertsController())
    try app.register(collection: ReviewAPIController(config: config))
    try app.register(collection: ReviewPagesController(config: config))
    try app.register(collection: FinancePagesController(config: config))
    try app.register(collection: MeetingPagesController(config: config))
    try app.register(collection: ExpertReviewPagesController(config: config))
    try app.register(collection: CallAdminAPIController())
    try app.register(collection: CallAdminPagesController())
    try app.register(collection: CallEditorPagesController())
    try app.register(collection: NoticeAPIController(config: config))
    try app.register(collection: NoticePagesController(config: config))
    try app.register(collection: CalendarAPIController())
    try app.register(collection: CalendarPagesController())
    try app.register(collection: DashboardController())
    try app.register(collection: OrganizationsAdminController())
    try app.register(collection: ExpertAdminController())
    try app.register(collection: PersonalDataController())
}

/// The database, its connections counted and (SQLite) its writes through one writer; returns
/// both for `/metrics`.
private func configureDatabase(_ app: Application, config: Config) throws -> (DatabaseLoad, SQLiteWriter?) {
    let loops = System.coreCount
    if let url = config.databaseURL {
        var postgres = try SQLPostgresConfiguration(url: url)
        if let schema = config.databaseSchema { postgres.searchPath = [schema] }
        let perLoop = 4
        let load = DatabaseLoad(capacity: perLoop * loops)
        app.databases.use(
            .watchingConnections(
                .postgres(configuration: postgres, maxConnectionsPerEventLoop: perLoop), load: load,
                deadlines: app.databaseDeadlines),
            as: .psql)
        return (load, nil)
    }
    try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
    // Fluent's SQLite driver opens one connection per event loop.
    let load = DatabaseLoad(capacity: loops)
    let writer = SQLiteWriter(path: config.sqlitePath)
    app.lifecycle.use(SQLiteWriterLifecycle(writer: writer))
    app.databases.use(.writingThrough(writer, .sqlite(.file(config.sqlitePath)), load: load), as: .sqlite)
    return (load, writer)
}

/// Brings the database to the current schema and loads the default data. Run by `serve`,
/// `migrate` and `user create` before they do anything else.
public func prepareDatabase(_ app: Application, config: Config) async throws -> DefaultData.Report {
    if let sql = app.db as? any SQLDatabase {
        if config.usesPostgres, let schema = config.databaseSchema {
            try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        } else if !config.usesPostgres {
            // WAL lets readers go on while one writer commits; it persists in the file.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
    }
    try await app.autoMigrate()
    let report = try await DefaultData.load(on: app.db)
    // Attachments of an earlier version, or of a restored backup, go out to their files.
    try await config.attachmentStore?.externalize(on: app.db)
    return report
}
