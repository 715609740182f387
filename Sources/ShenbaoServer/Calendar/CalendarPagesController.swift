import Foundation
import ShenbaoCore
import Vapor

/// `/calendar`: the province enters a new year's holiday arrangement, or corrects one until it is
/// used. The same rules as `PUT /api/v1/calendar/years/{year}`.
struct CalendarPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.get("calendar", use: page)
        province.post("calendar", use: submit)
    }

    /// `?year=2027` opens an entered year for correction; `?saved=2027` after a save.
    func page(req: Request) async throws -> Response {
        let service = CalendarYearService(db: req.db)
        var form: CalendarForm?
        if let year = req.query[Int.self, at: "year"], let stored = try await service.form(of: year) {
            form = CalendarForm(stored)
        }
        let page = try await CalendarPage.load(
            form: form, editing: form != nil, saved: req.query[Int.self, at: "saved"], on: req.db)
        return try await req.renderPage(.calendarYears, title: "法定节假日安排", page)
    }

    func submit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let posted = try req.content.decode(CalendarForm.self)
        let (form, holidayRows, workingDayRows, yearProblem) = posted.coreForm()
        do {
            if let yearProblem { throw AppError.validation([yearProblem]) }
            let saved = try await CalendarYearService(db: req.db).save(form, by: user, request: req)
            return req.redirect(to: "/calendar?saved=\(saved.year)")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            let problems = CalendarForm.onPage(
                error.pageProblems, holidayRows: holidayRows, workingDayRows: workingDayRows)
            let stored = try await form.year.asyncFlatMap { try await CalendarYearService(db: req.db).form(of: $0) }
            let page = try await CalendarPage.load(
                form: posted, editing: stored != nil, problems: problems, on: req.db)
            return try await req.renderPage(
                .calendarYears, title: "法定节假日安排", page,
                status: error.status == .conflict ? .conflict : .unprocessableEntity)
        }
    }
}
