import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The notice's pages: the public list with its objection form and the published funded list
/// (no login), and the province's desk (`/notice`) to start the notice, resolve objections,
/// close office days and publish.
struct NoticePagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        routes.get("calls", ":callId", "notice", use: publicNotice)
        routes.post("calls", ":callId", "notice", use: object)
        routes.get("calls", ":callId", "funded", use: publicFunded)
        let province = routes.grouped(RequireRoles(.province))
        province.get("notice", use: desk)
        province.post("notice", "start", use: start)
        province.post("notice", "objections", ":objectionId", use: resolve)
        province.post("notice", "publish", use: publish)
        province.post("notice", "closures", use: addClosure)
    }

    private func call(_ req: Request) async throws -> CallModel {
        guard let call = try await CallModel.latest(on: req.db) else { throw AppError.notFound("年度申报指南") }
        return call
    }

    // MARK: public

    struct PublicPage: Encodable {
        var notice: NoticeService.NoticeView
        /// 2025年9月26日 至 2025年10月9日, as every date on the pages reads.
        var period: String
        var totalWan: String
        var lines: [PublicLine]
        var form: ObjectionForm
        var problems: [Problem]
        var errors: [String: String]
        var receipt: String?
        var privacy: PrivacyNotice
        /// The 落款's date: the day the notice starts.
        var issuedOn: String
    }

    static func period(_ notice: NoticeService.NoticeView) -> String {
        "\(Day(notice.startDate)?.chinese ?? notice.startDate) 至 \(Day(notice.endDate)?.chinese ?? notice.endDate)"
    }

    struct PublicLine: Encodable {
        var number: Int
        var item: NoticeService.Item
        var amountWan: String
    }

    static func lines(_ items: [NoticeService.Item]) -> [PublicLine] {
        items.enumerated().map {
            PublicLine(number: $0.offset + 1, item: $0.element, amountWan: ChineseFormat.wan($0.element.amountYuan))
        }
    }

    func publicNotice(req: Request) async throws -> Response {
        try await renderNotice(req, form: ObjectionForm(), problems: [], receipt: req.query[String.self, at: "receipt"])
    }

    private func renderNotice(
        _ req: Request, form: ObjectionForm, problems: [Problem], receipt: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        guard
            let notice = try await Self.unlessNotYet({
                try await NoticeService(db: req.db, config: config, now: req.now).notice(call: call)
            })
        else {
            return try await Self.notYet(
                req, call: call, heading: "\(call.programme)拟资助名单公示", message: "尚未开始公示。公示开始后，拟资助名单和提出异议的方式将在本页公布。")
        }
        let page = PublicPage(
            notice: notice, period: Self.period(notice), totalWan: ChineseFormat.wan(notice.totalYuan),
            lines: Self.lines(notice.items), form: form,
            problems: problems,
            errors: Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first }),
            receipt: receipt, privacy: .objection(retention: config.personalDataRetention),
            issuedOn: Day(notice.startDate)?.chinese ?? notice.startDate)
        return try await req.renderPage(
            .noticePublic, title: "\(call.programme)拟资助名单公示", page, status: status, withForm: true)
    }

    func object(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let form = try req.content.decode(ObjectionForm.self)
        do {
            let receipt = try await ObjectionService(db: req.db, config: config, now: req.now).file(
                call: call, form, address: req.clientAddress(trustProxy: config.trustProxy))
            return req.redirect(to: "/calls/\(try call.requireID().uuidString)/notice?receipt=\(receipt.receipt)")
        } catch let error as AppError {
            let problems = error.pageProblems
            return try await renderNotice(req, form: form, problems: problems, receipt: nil, status: error.status)
        }
    }

    struct FundedPage: Encodable {
        var funded: NoticeService.FundedView
        var publishedOn: String
        var totalWan: String
        var lines: [PublicLine]
        /// Whom to ask, from the call's data.
        var contact: String
    }

    func publicFunded(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        guard
            let funded = try await Self.unlessNotYet({
                try await NoticeService(db: req.db, config: config, now: req.now).funded(call: call)
            })
        else {
            return try await Self.notYet(
                req, call: call, heading: "\(call.programme)立项名单", message: "尚未发布。公示期满、异议处理完毕后，省科协将在本页发布立项名单。")
        }
        let page = FundedPage(
            funded: funded, publishedOn: ChineseFormat.today(funded.publishedAt).chinese,
            totalWan: ChineseFormat.wan(funded.totalYuan), lines: Self.lines(funded.items),
            contact: PublicListDocument.fundedBody(callTitle: call.title, contact: call.current.contact).last ?? "")
        return try await req.renderPage(.noticeFunded, title: "\(call.programme)立项名单", page)
    }

    /// A public list asked for before it exists: a page that says so (a link shared early must not
    /// end on an error page).
    struct NotYetPage: Encodable {
        var heading: String
        var message: String
    }

    private static func unlessNotYet<Value>(_ load: () async throws -> Value) async throws -> Value? {
        do {
            return try await load()
        } catch let error as AppError where error.status == .notFound {
            return nil
        }
    }

    private static func notYet(_ req: Request, call: CallModel, heading: String, message: String) async throws
        -> Response
    {
        try await req.renderPage(.noticeNotYet, title: heading, NotYetPage(heading: heading, message: message))
    }

    // MARK: province

    struct Desk: Encodable {
        var callId: String
        var callYear: Int
        var phaseLabel: String
        var fundedCount: Int
        var workingDays: Int
        var today: String
        var notice: NoticeService.NoticeView?
        var period: String?
        var days: [NoticeAPIController.DayLine]
        var objections: [ObjectionService.ObjectionDTO]
        var openObjections: Int
        var closures: [NoticeAPIController.Closure]
        var flash: String?
        var problems: [Problem]
    }

    func desk(req: Request) async throws -> Response {
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "start": "公示已开始，公示名单已在公开页面发布。"
            case "resolve": "异议处理结果已保存。"
            case "publish": "立项名单已发布。"
            case "closure": "停止办公日已添加。"
            default: nil
            }
        return try await render(req, flash: flash, problems: [])
    }

    private func render(_ req: Request, flash: String?, problems: [Problem], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let call = try await call(req)
        let service = NoticeService(db: req.db, config: config, now: req.now)
        let notice = try await NoticeModel.of(call, on: req.db).asyncFlatMap {
            try await service.view(of: $0, call: call)
        }
        var days: [NoticeAPIController.DayLine] = []
        if let notice, let start = Day(notice.startDate), let end = Day(notice.endDate) {
            days = try await CalendarClosureModel.calendar(on: req.db).days(from: start, through: end).map {
                .init(
                    date: $0.day.chinese, weekday: $0.day.chineseWeekday, workingDay: $0.kind.isWorkingDay,
                    label: $0.kind.label)
            }
        }
        let objections = try await ObjectionService(db: req.db, config: config, now: req.now).list(call: call)
        let funded = try await ApplicationModel.query(on: req.db).filter(\.$call.$id == call.requireID())
            .filter(\.$status == .funded).count()
        let page = Desk(
            callId: try call.requireID().uuidString, callYear: call.year, phaseLabel: call.phase.label,
            fundedCount: funded, workingDays: NoticeTerm.workingDays(configured: call.current.noticeWorkingDays),
            today: service.today.description,
            notice: notice, period: notice.map(Self.period), days: days, objections: objections,
            openObjections: objections.filter { !$0.resolved }.count,
            closures: try await NoticeAPIController(config: config).closures(req: req), flash: flash, problems: problems
        )
        return try await req.renderPage(.noticeDesk, title: "公示与立项", page, status: status)
    }

    private func step(_ req: Request, done: String, _ action: () async throws -> Void) async throws -> Response {
        do {
            try await action()
        } catch let error as AppError {
            return try await render(
                req, flash: nil,
                problems: error.pageProblems,
                status: error.status)
        }
        return req.redirect(to: "/notice?done=\(done)")
    }

    func start(req: Request) async throws -> Response {
        let input = try req.content.decode(NoticeAPIController.StartInput.self)
        return try await step(req, done: "start") {
            _ = try await NoticeService(db: req.db, config: config, now: req.now).start(
                call: try await call(req), startDate: input.startDate, by: try req.requireUser())
        }
    }

    struct ResolutionForm: Content {
        var outcome: String?
        var fraud: String?
        var comment: String?
    }

    func resolve(req: Request) async throws -> Response {
        let form = try req.content.decode(ResolutionForm.self)
        let upheld: Bool? = form.outcome == "upheld" ? true : form.outcome == "notUpheld" ? false : nil
        return try await step(req, done: "resolve") {
            _ = try await ObjectionService(db: req.db, config: config, now: req.now).resolve(
                req.parameters.get("objectionId"),
                .init(upheld: upheld, comment: form.comment, fraud: form.fraud == "on"),
                by: try req.requireUser())
        }
    }

    func publish(req: Request) async throws -> Response {
        try await step(req, done: "publish") {
            _ = try await NoticeService(db: req.db, config: config, now: req.now).publish(
                call: try await call(req), by: try req.requireUser())
        }
    }

    func addClosure(req: Request) async throws -> Response {
        let input = try req.content.decode(NoticeAPIController.Closure.self)
        return try await step(req, done: "closure") {
            _ = try await ClosureService(db: req.db).add(input, by: try req.requireUser())
        }
    }
}
