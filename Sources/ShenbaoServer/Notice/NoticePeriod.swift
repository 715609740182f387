import Fluent
import ShenbaoCore

/// Working days counted on China's calendar with the province's closures, a missing year
/// reported as a problem of the field that asked.
enum NoticePeriod {
    static func end(from start: Day, workingDays: Int, field: String = "startDate", on db: any Database) async throws
        -> Day
    {
        try end(
            from: start, workingDays: workingDays, field: field, in: try await OfficialCalendar.load(on: db))
    }

    static func end(from start: Day, workingDays: Int, field: String, in calendar: WorkingDayCalendar) throws -> Day {
        do throws(WorkingDayCalendar.Failure) {
            return try calendar.addWorkingDays(start, workingDays)
        } catch {
            throw AppError.validation([Problem(field: field, code: .noCalendar, message: error.description)])
        }
    }
}
