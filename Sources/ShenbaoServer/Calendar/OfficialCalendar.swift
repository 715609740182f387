import Fluent
import ShenbaoCore

/// The working-day calendar every count of the system uses: China's bundled years, the years the
/// province entered (CalendarYearModel) and the province's closures (CalendarClosureModel).
enum OfficialCalendar {
    static func load(on db: any Database) async throws -> WorkingDayCalendar {
        let closures = try await CalendarClosureModel.query(on: db).all()
        return WorkingDayCalendar.china.adding(years: try await CalendarYearModel.arrangements(on: db)).adding(
            closures: Dictionary(
                closures.compactMap { closure in Day(closure.day).map { ($0, closure.reason) } },
                uniquingKeysWith: { first, _ in first }))
    }
}
