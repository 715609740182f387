import Foundation
import ShenbaoCore

/// Every setting of the server, read once from the environment, with defaults that are safe for
/// a single clerk's machine: SQLite in `./data`, cost-12 bcrypt, sessions of 12 hours.
public struct Config: Sendable {
    /// `SHENBAO_DATA_DIR`: where the SQLite file lives.
    public var dataDirectory: String
    /// Not a setting: the application's clock (Support/Clock.swift), here so that every service
    /// holding the config reads the same time. `configure` gives each application its own.
    var clock = Clock()
    /// `DATABASE_URL`: `postgres://…` switches to PostgreSQL.
    public var databaseURL: String?
    /// `SHENBAO_DATABASE_SCHEMA`: the PostgreSQL schema to use (created when missing); lets several
    /// installations, or tests running side by side, share one database server.
    public var databaseSchema: String?
    /// `SHENBAO_DATABASE_STATEMENT_SECONDS`: while serving, the longest one PostgreSQL round trip
    /// may take before its connection is closed and the request answered 503.
    public var databaseStatementSeconds: Int
    /// `SHENBAO_DATABASE_TRANSACTION_SECONDS`: the same for a whole transaction.
    public var databaseTransactionSeconds: Int
    /// `SHENBAO_BCRYPT_COST`: bcrypt work factor.
    public var bcryptCost: Int
    /// `SHENBAO_SESSION_HOURS`: how long a browser session lasts after login.
    public var sessionLifetime: TimeInterval
    /// `SHENBAO_STAFF_IDLE_MINUTES`: a province or finance session ends after this long unused.
    public var staffIdleTimeout: TimeInterval
    /// `SHENBAO_IDLE_MINUTES`: every other session ends after this long unused.
    public var userIdleTimeout: TimeInterval

    /// `SHENBAO_REQUIRE_STAFF_TWO_FACTOR`: province and finance users must set up two-factor sign-in.
    public var requireStaffTwoFactor: Bool

    /// How long a session of `role` may stay unused: the staff's hold every application.
    public func idleTimeout(_ role: Role) -> TimeInterval {
        role == .province || role == .finance ? staffIdleTimeout : userIdleTimeout
    }
    /// `SHENBAO_TOKEN_DAYS`: how long an API token lasts.
    public var tokenLifetime: TimeInterval
    /// `SHENBAO_TOKEN_CACHE_SECONDS`: how long an instance trusts what the database said about a
    /// bearer token (0: ask on every request); a token signed out through another instance may
    /// work here that long (BearerTokenCache).
    public var tokenCacheLifetime: TimeInterval
    /// `SHENBAO_DRAFT_CACHE`: drafts an instance keeps as it last saved them, so the next save
    /// needs no read first (DraftCache; 0: none).
    public var draftCacheCapacity: Int
    /// `SHENBAO_LOGIN_MAX_FAILURES`: failed logins of one account within the window before it is locked.
    public var maxFailuresPerAccount: Int
    /// `SHENBAO_LOGIN_MAX_FAILURES_PER_ADDRESS`: failed logins from one address within the window.
    public var maxFailuresPerAddress: Int
    /// `SHENBAO_LOGIN_WINDOW_MINUTES`: the window of both limits, and how long a lock lasts.
    public var loginWindow: TimeInterval
    /// `SHENBAO_SECURE_COOKIES`: mark cookies Secure (set it behind HTTPS).
    public var secureCookies: Bool
    /// `SHENBAO_TRUST_PROXY`: take the client address from X-Forwarded-For (only behind our own proxy).
    public var trustProxy: Bool

    /// `SHENBAO_MAX_ATTACHMENT_MB`: the largest attachment accepted.
    public var maxAttachmentBytes: Int
    /// `SHENBAO_MAX_APPLICATION_MB`: all attachments of one application together.
    public var maxApplicationBytes: Int
    /// `SHENBAO_MAX_ORGANIZATION_MB`: all attachments of one organisation's applications together.
    public var maxOrganizationBytes: Int
    /// `SHENBAO_MAX_DRAFTS`: applications one organisation may have in draft (or returned) at once.
    public var maxDraftsPerOrganization: Int
    /// `SHENBAO_REGISTRATIONS_PER_ADDRESS`: registrations from one address within a day.
    public var registrationsPerAddress: Int

    /// `SHENBAO_SENDMAIL`: a sendmail-compatible command (e.g. `msmtp -t`, `/usr/sbin/sendmail -t`)
    /// that reads a whole message on standard input; e-mail is off when unset.
    public var sendmailCommand: String?
    /// `SHENBAO_MAIL_FROM`: the sender of notification e-mails.
    public var mailFrom: String
    /// `SHENBAO_PUBLIC_URL`: the address users reach the system at, for links in e-mails.
    public var publicURL: String

    /// `SHENBAO_PDF_CONCURRENCY`: LibreOffice conversions running at once.
    public var pdfConcurrency: Int
    /// `SHENBAO_PDF_TIMEOUT_SECONDS`: the longest one conversion may take.
    public var pdfTimeoutSeconds: Int
    /// `SHENBAO_PDF_QUEUE`: conversions that may wait for a turn; more are refused at once (503
    /// with `Retry-After`) rather than queued behind work that would outlast the client's patience.
    public var pdfQueue: Int
    /// `SHENBAO_PDF_PYTHON`: the Python with LibreOffice's UNO bridge (Debian's `python3-uno`),
    /// which keeps LibreOffice running between conversions.
    public var pdfPython: String
    /// `SHENBAO_METRICS_TOKEN`: when set, `/metrics` answers only a request bearing it.
    public var metricsToken: String?
    /// `SHENBAO_PERSONAL_DATA_RETENTION_YEARS`: how long a person's data is kept after the last
    /// year they took part (PersonalDataRetention); the province may erase it after that.
    public var personalDataRetention: PersonalDataRetention
    /// `SHENBAO_BENCH_PIECES_OFF`: for the bench only, performance pieces switched off, by name,
    /// comma-separated (BenchPiece: `groupCommit,draftCache,…`); all on when unset. A name that
    /// is no piece is refused at start (`unknownBenchPieces`, configure).
    public var benchPiecesOff: Set<BenchPiece>
    /// Names in `SHENBAO_BENCH_PIECES_OFF` that are no piece.
    var unknownBenchPieces: [String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ key: String) -> String? {
            guard let raw = environment[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func number(_ key: String, _ fallback: Int, in range: ClosedRange<Int>) -> Int {
            guard let parsed = value(key).flatMap(Int.init), range.contains(parsed) else { return fallback }
            return parsed
        }
        func flag(_ key: String) -> Bool {
            ["1", "true", "yes", "on"].contains(value(key)?.lowercased() ?? "")
        }
        dataDirectory = value("SHENBAO_DATA_DIR") ?? "./data"
        databaseURL = value("DATABASE_URL")
        databaseSchema = value("SHENBAO_DATABASE_SCHEMA")
        databaseStatementSeconds = number("SHENBAO_DATABASE_STATEMENT_SECONDS", 5, in: 1...600)
        databaseTransactionSeconds = number("SHENBAO_DATABASE_TRANSACTION_SECONDS", 15, in: 1...3600)
        bcryptCost = number("SHENBAO_BCRYPT_COST", 12, in: 4...16)
        sessionLifetime = TimeInterval(number("SHENBAO_SESSION_HOURS", 12, in: 1...720)) * 3600
        staffIdleTimeout = TimeInterval(number("SHENBAO_STAFF_IDLE_MINUTES", 120, in: 5...1440)) * 60
        userIdleTimeout = TimeInterval(number("SHENBAO_IDLE_MINUTES", 480, in: 5...43_200)) * 60
        tokenLifetime = TimeInterval(number("SHENBAO_TOKEN_DAYS", 30, in: 1...365)) * 86400
        tokenCacheLifetime = TimeInterval(number("SHENBAO_TOKEN_CACHE_SECONDS", 5, in: 0...300))
        draftCacheCapacity = number("SHENBAO_DRAFT_CACHE", 2000, in: 0...1_000_000)
        maxFailuresPerAccount = number("SHENBAO_LOGIN_MAX_FAILURES", 5, in: 1...100)
        maxFailuresPerAddress = number("SHENBAO_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, in: 1...10000)
        loginWindow = TimeInterval(number("SHENBAO_LOGIN_WINDOW_MINUTES", 15, in: 1...1440)) * 60
        maxAttachmentBytes = number("SHENBAO_MAX_ATTACHMENT_MB", 20, in: 1...500) * 1024 * 1024
        maxApplicationBytes = number("SHENBAO_MAX_APPLICATION_MB", 100, in: 1...5000) * 1024 * 1024
        maxOrganizationBytes = number("SHENBAO_MAX_ORGANIZATION_MB", 500, in: 1...100_000) * 1024 * 1024
        maxDraftsPerOrganization = number("SHENBAO_MAX_DRAFTS", 20, in: 1...1_000_000)
        registrationsPerAddress = number("SHENBAO_REGISTRATIONS_PER_ADDRESS", 20, in: 1...100_000)
        sendmailCommand = value("SHENBAO_SENDMAIL")
        mailFrom = value("SHENBAO_MAIL_FROM") ?? "shenbao@localhost"
        publicURL = (value("SHENBAO_PUBLIC_URL") ?? "http://127.0.0.1:8080").trimmingCharacters(
            in: CharacterSet(charactersIn: "/"))
        pdfConcurrency = number("SHENBAO_PDF_CONCURRENCY", 2, in: 1...32)
        pdfTimeoutSeconds = number("SHENBAO_PDF_TIMEOUT_SECONDS", 60, in: 5...600)
        pdfQueue = number("SHENBAO_PDF_QUEUE", 4 * pdfConcurrency, in: 0...10_000)
        pdfPython = value("SHENBAO_PDF_PYTHON") ?? "/usr/bin/python3"
        secureCookies = flag("SHENBAO_SECURE_COOKIES")
        metricsToken = value("SHENBAO_METRICS_TOKEN")
        trustProxy = flag("SHENBAO_TRUST_PROXY")
        requireStaffTwoFactor = flag("SHENBAO_REQUIRE_STAFF_TWO_FACTOR")
        personalDataRetention = PersonalDataRetention(
            years: number(
                "SHENBAO_PERSONAL_DATA_RETENTION_YEARS", PersonalDataRetention.defaultYears,
                in: PersonalDataRetention.allowedYears))
        (benchPiecesOff, unknownBenchPieces) = BenchPiece.parse(value("SHENBAO_BENCH_PIECES_OFF"))
        // The two caches switch off through their own settings' 0.
        if benchPiecesOff.contains(.draftCache) { draftCacheCapacity = 0 }
        if benchPiecesOff.contains(.bearerTokenCache) { tokenCacheLifetime = 0 }
    }

    public var usesPostgres: Bool { databaseURL != nil }

    public var sqlitePath: String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("shenbao.sqlite").path
    }
}
