import Fluent

/// The years of the State Council's holiday arrangement the province enters itself, beyond the
/// bundled 2025 and 2026 (CalendarYearModel); one row per year.
struct M032_AddCalendarYears: AsyncMigration {
    var name: String { "M032_AddCalendarYears" }

    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_years")
            .id()
            .field("year", .int, .required)
            .field("form", .json, .required)
            .field("arrangement", .json, .required)
            .field("entered_by", .string, .required)
            .field("entered_at", .datetime, .required)
            .field("corrected_at", .datetime)
            .unique(on: "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_years").delete()
    }
}
