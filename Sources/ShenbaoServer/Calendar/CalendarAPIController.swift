import Foundation
import ShenbaoCore
import Vapor

/// `/api/v1/calendar/years`: the years the working-day calendar holds (bundled or entered) and
/// the province's entry of a new year's holiday arrangement.
struct CalendarAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let years = routes.grouped("api", "v1", "calendar", "years")
        years.grouped(RequireSignedIn()).get(use: list)
        years.grouped(RequireRoles(.province)).put(":year", use: save)
    }

    func list(req: Request) async throws -> [CalendarYearService.YearView] {
        try await CalendarYearService(db: req.db).years()
    }

    /// The year in the path; a body naming another year is refused rather than guessed.
    func save(req: Request) async throws -> CalendarYearService.YearView {
        let user = try req.requireUser()
        guard let year = req.parameters.get("year").flatMap(Int.init), CalendarYearForm.years.contains(year) else {
            throw AppError.notFound("该年度")
        }
        var form = try req.content.decode(CalendarYearForm.self)
        if let given = form.year, given != year {
            throw AppError.validation([
                Problem(field: "year", code: .mismatch, message: "请求体中的年份（\(given)）与地址中的年份（\(year)）不一致")
            ])
        }
        form.year = year
        return try await CalendarYearService(db: req.db).save(form, by: user, request: req)
    }
}
