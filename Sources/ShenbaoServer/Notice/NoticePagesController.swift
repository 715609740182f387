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

    /// The call chosen above the page (CallChoice), the newest unless another was chosen.
    private func call(_ req: Request) async throws -> CallModel { try await CallChoice.chosen(req) }

    // MARK: public

    func publicNotice(req: Request) async throws -> Response {
        try await renderNotice(req, form: ObjectionForm(), problems: [], receipt: req.query[String.self, at: "receipt"])
    }

    private func renderNotice(
        _ req: Request, form: ObjectionForm, problems: [Problem], receipt: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        guard
            let page = try await Self.unlessNotYet({
                try await NoticePublicPage.load(
                    call: call, form: form, problems: problems, receipt: receipt, config: config, now: req.now,
                    on: req.db)
            })
        else {
            return try await Self.notYet(
                req, call: call, heading: "\(call.programme)拟资助名单公示", message: "尚未开始公示。公示开始后，拟资助名单和提出异议的方式将在本页公布。")
        }
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

    func publicFunded(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        guard
            let page = try await Self.unlessNotYet({
                try await NoticeFundedPage.load(call: call, config: config, now: req.now, on: req.db)
            })
        else {
            return try await Self.notYet(
                req, call: call, heading: "\(call.programme)立项名单", message: "尚未发布。公示期满、异议处理完毕后，省科协将在本页发布立项名单。")
        }
        return try await req.renderPage(.noticeFunded, title: "\(call.programme)立项名单", page)
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
        try await req.renderPage(.noticeNotYet, title: heading, NoticeNotYetPage(heading: heading, message: message))
    }

    // MARK: province

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
        let page = try await NoticeDeskPage.load(
            call: try await call(req), flash: flash, problems: problems, config: config, now: req.now, on: req.db)
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
