import Fluent
import Foundation
import ShenbaoCore

/// A year of the State Council's holiday arrangement the province entered (the bundled data in
/// Core holds 2025 and 2026). `form` is what was typed, so it can be corrected; `arrangement` what
/// the calendar counts with, made from it by `CalendarYearForm`.
final class CalendarYearModel: Model, @unchecked Sendable {
    static let schema = "calendar_years"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "form") var form: CalendarYearForm
    @Field(key: "arrangement") var arrangement: WorkingDayCalendar.Year
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "entered_at") var enteredAt: Date
    @OptionalField(key: "corrected_at") var correctedAt: Date?

    init() {}

    /// Every entered year's arrangement, for the calendar.
    static func arrangements(on db: any Database) async throws -> [Int: WorkingDayCalendar.Year] {
        let rows = try await query(on: db).all()
        return Dictionary(rows.map { ($0.year, $0.arrangement) }, uniquingKeysWith: { first, _ in first })
    }
}

extension CalendarYearModel {
    /// Listed by hand, as every model's (ModelPropertiesTests checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $year, $form, $arrangement, $enteredBy, $enteredAt, $correctedAt] }
}
