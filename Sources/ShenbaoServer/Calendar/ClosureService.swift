import Fluent
import Foundation
import ShenbaoCore

/// The province's extra closures (e.g. an office closed by a local emergency). A closure only
/// moves notices started after it; a running notice keeps the end it was announced with.
struct ClosureService {
    let db: any Database

    func add(_ input: NoticeAPIController.Closure, by user: AuthenticatedUser) async throws -> CalendarClosureModel {
        var problems: [Problem] = []
        let day = input.day.flatMap { Day($0.trimmingCharacters(in: .whitespaces)) }
        if day == nil {
            problems.append(Problem(field: "day", code: .invalidValue, message: "停止办公日期应为 YYYY-MM-DD 格式的有效日期"))
        } else if let day, try await OfficialCalendar.load(on: db).years[day.year] == nil {
            problems.append(
                Problem(
                    field: "day", code: .noCalendar,
                    message: WorkingDayCalendar.Failure.noData(year: day.year).description))
        }
        problems += TextRules.requiredText(input.reason, maximumLength: 100, field: "reason", label: "停止办公事由")
        guard problems.isEmpty, let day else { throw AppError.validation(problems) }
        if try await CalendarClosureModel.query(on: db).filter(\.$day == day.description).first() != nil {
            throw AppError.conflict("\(day.chinese)已设为停止办公日", code: .duplicate)
        }
        let closure = CalendarClosureModel()
        closure.day = day.description
        closure.reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        closure.createdBy = user.contactName
        try await closure.create(on: db)
        return closure
    }

    func remove(_ raw: String?) async throws {
        guard let day = raw.flatMap(Day.init),
            let closure = try await CalendarClosureModel.query(on: db).filter(\.$day == day.description).first()
        else { throw AppError.notFound("该停止办公日") }
        try await closure.delete(on: db)
    }
}
