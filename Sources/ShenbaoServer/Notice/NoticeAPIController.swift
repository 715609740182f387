import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The notice's API (docs/api.md): the working-day calendar, starting the notice, the public list and
/// its objections, their resolution, and publishing the funded list.
struct NoticeAPIController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("calendar", "working-days", use: workingDays)
        api.get("calendar", "closures", use: closures)
        let closures = api.grouped("calendar", "closures").grouped(RequireRoles(.province))
        closures.post(use: addClosure)
        closures.delete(":day", use: removeClosure)
        let province = api.grouped("calls", ":callId").grouped(RequireRoles(.province))
        province.post("notice", use: startNotice)
        province.get("objections", use: objections)
        province.post("publish", use: publish)
        api.grouped("objections", ":objectionId").grouped(RequireRoles(.province)).post("resolution", use: resolve)
        let open = api.grouped("public", "calls", ":callId")
        open.get("notice", use: notice)
        open.get("notice.xlsx", use: noticeXlsx)
        open.get("notice.pdf", use: noticePDF)
        open.post("objections", use: fileObjection)
        open.get("funded", use: funded)
        open.get("funded.xlsx", use: fundedXlsx)
        open.get("funded.pdf", use: fundedPDF)
    }

    func service(_ req: Request) -> NoticeService { NoticeService(db: req.db, config: config, now: req.now) }
    func objectionService(_ req: Request) -> ObjectionService {
        ObjectionService(db: req.db, config: config, now: req.now)
    }

    struct WorkingDays: Content {
        var start: String
        var count: Int
        var end: String
        /// Each day of the period and why it counts or not (周末, 国庆节假期, 调休上班…).
        var days: [DayLine]
    }

    struct DayLine: Content {
        var date: String
        var weekday: String
        var workingDay: Bool
        var label: String
    }

    func workingDays(req: Request) async throws -> WorkingDays {
        let rawStart = req.query[String.self, at: "start"] ?? ""
        let rawCount = req.query[String.self, at: "count"] ?? ""
        var problems: [Problem] = []
        let start = Day(rawStart)
        if start == nil {
            problems.append(Problem(field: "start", code: .invalidValue, message: "起始日期应为 YYYY-MM-DD 格式的有效日期"))
        }
        let count = Int(rawCount)
        if count.map({ !(1...60).contains($0) }) ?? true {
            problems.append(Problem(field: "count", code: .invalidValue, message: "工作日天数应为 1 至 60 之间的整数"))
        }
        guard problems.isEmpty, let start, let count else { throw AppError.validation(problems) }
        let calendar = try await OfficialCalendar.load(on: req.db)
        let end = try NoticePeriod.end(from: start, workingDays: count, field: "start", in: calendar)
        let days = try calendar.days(from: start, through: end).map {
            DayLine(
                date: $0.day.description, weekday: $0.day.chineseWeekday, workingDay: $0.kind.isWorkingDay,
                label: $0.kind.label)
        }
        return WorkingDays(start: start.description, count: count, end: end.description, days: days)
    }

    struct Closure: Content {
        var day: String?
        var reason: String?
    }

    func closures(req: Request) async throws -> [Closure] {
        try await CalendarClosureModel.query(on: req.db).sort(\.$day).all().map {
            Closure(day: $0.day, reason: $0.reason)
        }
    }

    func addClosure(req: Request) async throws -> Response {
        let input = try req.content.decode(Closure.self)
        let closure = try await ClosureService(db: req.db).add(input, by: try req.requireUser())
        return try await Closure(day: closure.day, reason: closure.reason).encodeResponse(status: .created, for: req)
    }

    func removeClosure(req: Request) async throws -> HTTPStatus {
        try await ClosureService(db: req.db).remove(req.parameters.get("day"))
        return .noContent
    }

    struct StartInput: Content {
        var startDate: String?
    }

    struct Period: Content {
        var startDate: String
        var endDate: String
        var workingDays: Int
    }

    func startNotice(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let input = try req.content.decode(StartInput.self)
        let notice = try await service(req).start(call: call, startDate: input.startDate, by: try req.requireUser())
        return try await Period(startDate: notice.startDate, endDate: notice.endDate, workingDays: notice.workingDays)
            .encodeResponse(status: .created, for: req)
    }

    func notice(req: Request) async throws -> NoticeService.NoticeView {
        try await service(req).notice(call: try await CallQuery.find(req.parameters.get("callId"), on: req.db))
    }

    func noticeXlsx(req: Request) async throws -> Response { try await noticeDocument(req, pdf: false) }
    func noticePDF(req: Request) async throws -> Response { try await noticeDocument(req, pdf: true) }

    private func noticeDocument(_ req: Request, pdf: Bool) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let notice = try await service(req).notice(call: call)
        let document = PublicListDocument.Notice(
            title: "\(call.programme)拟资助名单公示", body: PublicListDocument.noticeBody(notice), items: notice.items,
            date: Day(notice.startDate) ?? ChineseFormat.today(req.now))
        return try await PublicListDocument.response(req, document, pdf: pdf)
    }

    func fileObjection(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let form = try req.content.decode(ObjectionForm.self)
        let receipt = try await objectionService(req).file(
            call: call, form, address: req.clientAddress(trustProxy: config.trustProxy))
        return try await receipt.encodeResponse(status: .created, for: req)
    }

    func objections(req: Request) async throws -> [ObjectionService.ObjectionDTO] {
        try await objectionService(req).list(
            call: try await CallQuery.find(req.parameters.get("callId"), on: req.db))
    }

    func resolve(req: Request) async throws -> ObjectionService.ObjectionDTO {
        try await objectionService(req).resolve(
            req.parameters.get("objectionId"), try req.content.decode(ObjectionService.Resolution.self),
            by: try req.requireUser())
    }

    func publish(req: Request) async throws -> NoticeService.FundedView {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        return try await service(req).publish(call: call, by: try req.requireUser())
    }

    func funded(req: Request) async throws -> NoticeService.FundedView {
        try await service(req).funded(call: try await CallQuery.find(req.parameters.get("callId"), on: req.db))
    }

    func fundedXlsx(req: Request) async throws -> Response { try await fundedDocument(req, pdf: false) }
    func fundedPDF(req: Request) async throws -> Response { try await fundedDocument(req, pdf: true) }

    private func fundedDocument(_ req: Request, pdf: Bool) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let funded = try await service(req).funded(call: call)
        let document = PublicListDocument.Notice(
            title: "\(call.programme)立项名单",
            body: PublicListDocument.fundedBody(callTitle: call.title, contact: call.current.contact),
            items: funded.items,
            date: ChineseFormat.today(funded.publishedAt), showsFinalState: funded.publishesFinalState == true)
        return try await PublicListDocument.response(req, document, pdf: pdf)
    }
}
