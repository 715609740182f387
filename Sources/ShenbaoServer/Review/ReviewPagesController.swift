import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's review desk (`/review`): the plan, the assignment with hand changes, the start
/// and end of the review; and the ranking page (`/ranking`) that the province and finance share.
struct ReviewPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped(RequireRoles(.province))
        province.get("review", use: desk)
        province.post("review", "plan", use: setPlan)
        province.post("review", "assign", use: autoAssign)
        province.post("review", "assignments", use: addAssignment)
        province.post("review", "assignments", ":assignmentId", "move", use: moveAssignment)
        province.post("review", "assignments", ":assignmentId", "remove", use: removeAssignment)
        province.post("review", "start", use: start)
        province.post("review", "complete", use: complete)
        province.get("review", "reviews", ":reviewId", use: record)
        province.post("review", "reviews", ":reviewId", "reopen", use: reopen)
        province.post("review", "extensions", use: extend)
        routes.grouped(RequireRoles(.province, .finance)).get("ranking", use: rankingPage)
    }

    /// The call chosen above the page (CallChoice), the newest unless another was chosen.
    private func call(_ req: Request) async throws -> CallModel { try await CallChoice.chosen(req) }

    func desk(req: Request) async throws -> Response {
        try await render(req, flash: Self.flash(req.query[String.self, at: "done"]), problems: [])
    }

    static func flash(_ done: String?) -> String? {
        switch done {
        case "plan": "评审方案已保存，等待财务审核。"
        case "assign": "已自动分配评审专家。"
        case "add": "已指派专家。"
        case "move": "已改派专家。"
        case "remove": "已撤销该分配。"
        case "start": "专家评审已开始，已通知专家。"
        case "complete": "专家评审已结束，可以查看排名并召开会议审议。"
        case "extend": "已为该专家延长评审截止时间，并通知专家。"
        default: nil
        }
    }

    func render(
        _ req: Request, flash: String?, problems: [Problem], form: ReviewPlanDocument? = nil,
        confirmation: ReviewDeskPage.Confirmation? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await ReviewDeskPage.load(
            call: try await call(req), flash: flash, problems: problems, form: form, confirmation: confirmation,
            on: req.db)
        return try await req.renderPage(.reviewDesk, title: "专家评审", page, status: status)
    }

    struct PlanForm: Content {
        var criterionCode: [String]?
        var criterionName: [String]?
        var criterionPoints: [String]?
        var expertsPerApplication: String?
        var priorityRule: String?
        var priorityBonusMax: String?
        var reviewDeadline: String?
        var totalBudgetWan: String?
        var maxReviewsPerExpert: String?
        var panelConference: [String]?
        var panelCooperation: [String]?
    }

    func setPlan(req: Request) async throws -> Response {
        let form = try req.content.decode(PlanForm.self)
        let codes = form.criterionCode ?? []
        let names = form.criterionName ?? []
        let points = form.criterionPoints ?? []
        func item(_ list: [String], _ index: Int) -> String {
            index < list.count ? list[index].trimmingCharacters(in: .whitespaces) : ""
        }
        // The page shows criteria by name only; a row added on it gets a code no other row has.
        var taken = Set(codes.map { $0.trimmingCharacters(in: .whitespaces) })
        var criteria: [Criterion] = []
        for index in 0..<max(codes.count, names.count) {
            var code = item(codes, index)
            let name = item(names, index)
            if code.isEmpty && name.isEmpty { continue }
            if code.isEmpty {
                code = (1...).lazy.map { "criterion\($0)" }.first { !taken.contains($0) } ?? UUID().uuidString
                taken.insert(code)
            }
            criteria.append(Criterion(code: code, name: name, maxPoints: Int(item(points, index)) ?? 0))
        }
        // A panel of the whole pool is stored as "everyone", so experts added later sit on it too.
        let pool = try await ExpertModel.query(on: req.db).filter(\.$active == true).all().compactMap(\.id)
        var panels: [String: [UUID]] = [:]
        for (category, ticked) in [
            (ShenbaoCore.Category.conference, form.panelConference), (.cooperation, form.panelCooperation),
        ] where !pool.isEmpty {
            let ids = (ticked ?? []).compactMap(UUID.init(uuidString:))
            if Set(ids) != Set(pool) { panels[category.rawValue] = ids }
        }
        // Read as 万元 text without floating point: "1e300" once trapped converting to Int.
        var budgetProblem: Problem?
        var budgetYuan = 0
        if let raw = form.totalBudgetWan?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            switch WanAmount.parse(
                raw, within: InputBounds.totalBudgetYuan, field: "totalBudgetYuan", label: "资助总预算")
            {
            case .yuan(let yuan): budgetYuan = yuan
            case .problem(let problem): budgetProblem = problem
            }
        }
        // 评审数量上限: empty for none; anything but a whole number is the field's own problem.
        let capText = form.maxReviewsPerExpert?.trimmingCharacters(in: .whitespaces) ?? ""
        let cap: Int? = capText.count <= 6 ? Int(capText) : nil
        let capProblem: Problem? =
            !capText.isEmpty && cap == nil
            ? Problem(
                field: "maxReviewsPerExpert", code: .invalidValue,
                message:
                    "每位专家的评审数量上限应为\(ReviewPlan.maxReviewsRange.lowerBound)至\(ReviewPlan.maxReviewsRange.upperBound)的整数，不填则不设上限"
            )
            : nil
        let input = ReviewPlanDocument.Input(
            criteria: criteria, expertsPerApplication: form.expertsPerApplication.flatMap { Int($0) } ?? 0,
            priorityRule: form.priorityRule,
            priorityBonusMax: form.priorityRule == "bonus" ? form.priorityBonusMax.flatMap { Int($0) } : nil,
            panels: panels.isEmpty ? nil : panels,
            reviewDeadline: form.reviewDeadline?.trimmingCharacters(in: .whitespaces),
            totalBudgetYuan: budgetYuan, maxReviewsPerExpert: cap)
        do {
            // A cap that is not a number is shown with every other problem of the plan at once.
            if let capProblem {
                let others = input.document.problems(call: try await call(req).current, pool: Set(pool))
                throw AppError.validation([capProblem] + others)
            }
            _ = try await ReviewPlanService(db: req.db, user: try req.requireUser(), config: config).put(
                call: try await call(req), input: input)
        } catch let error as AppError {
            // The typed budget's own problem replaces the plan's "must be above 0" for the 0 sent.
            let problems = error.pageProblems.filter { budgetProblem == nil || $0.field != "totalBudgetYuan" }
            return try await render(
                req, flash: nil, problems: (budgetProblem.map { [$0] } ?? []) + problems,
                form: input.document, status: error.status)
        }
        return req.redirect(to: "/review?done=plan")
    }

    /// Runs one step of the desk; a refusal comes back on the desk with every reason, and a hand
    /// assignment's warnings (`confirmation`) with a form to confirm through them.
    private func step(
        _ req: Request, done: String, confirmation: ReviewDeskPage.Confirmation? = nil,
        _ action: () async throws -> Void
    ) async throws -> Response {
        do {
            try await action()
        } catch let error as AppError where error.code == ErrorCode.notConfirmed.rawValue && confirmation != nil {
            var confirmation = confirmation
            confirmation?.warnings = error.problems.map(\.message)
            return try await render(req, flash: nil, problems: [], confirmation: confirmation, status: error.status)
        } catch let error as AppError {
            return try await render(
                req, flash: nil, problems: error.pageProblems,
                status: error.status)
        }
        return req.redirect(to: "/review?done=\(done)")
    }

    private func service(_ req: Request) throws -> AssignmentService {
        AssignmentService(db: req.db, user: try req.requireUser(), config: config)
    }

    func autoAssign(req: Request) async throws -> Response {
        try await step(req, done: "assign") { _ = try await service(req).auto(call: try await call(req)) }
    }

    struct PairForm: Content {
        var applicationId: String?
        var expertId: String?
        /// "1" from the confirmation form, after the warnings were shown.
        var confirm: String?
    }

    private func uuid(_ raw: String?, field: String) throws -> UUID {
        guard let id = raw.flatMap(UUID.init(uuidString:)) else {
            throw AppError.validation([Problem(field: field, code: .required, message: "请选择专家")])
        }
        return id
    }

    func addAssignment(req: Request) async throws -> Response {
        let form = try req.content.decode(PairForm.self)
        let confirmation = ReviewDeskPage.Confirmation(
            action: "/review/assignments", applicationId: form.applicationId ?? "", expertId: form.expertId ?? "",
            warnings: [])
        return try await step(req, done: "add", confirmation: confirmation) {
            let pair = AssignmentService.Pair(
                applicationId: try uuid(form.applicationId, field: "applicationId"),
                expertId: try uuid(form.expertId, field: "expertId"), confirm: form.confirm == "1")
            _ = try await service(req).add(call: try await call(req), pair)
        }
    }

    private func assignment(_ req: Request) async throws -> ReviewModel {
        guard let id = req.parameters.get("assignmentId").flatMap(UUID.init(uuidString:)),
            let review = try await ReviewModel.find(id, on: req.db)
        else { throw AppError.notFound("该评审分配") }
        return review
    }

    func moveAssignment(req: Request) async throws -> Response {
        let form = try req.content.decode(PairForm.self)
        let review = try await assignment(req)
        let confirmation = ReviewDeskPage.Confirmation(
            action: "/review/assignments/\(try review.requireID().uuidString)/move",
            applicationId: review.$application.id.uuidString, expertId: form.expertId ?? "", warnings: [])
        return try await step(req, done: "move", confirmation: confirmation) {
            _ = try await service(req).move(
                review, to: try uuid(form.expertId, field: "expertId"), confirmed: form.confirm == "1")
        }
    }

    func removeAssignment(req: Request) async throws -> Response {
        let review = try await assignment(req)
        return try await step(req, done: "remove") { try await service(req).remove(review) }
    }

    func start(req: Request) async throws -> Response {
        try await step(req, done: "start") { _ = try await service(req).start(call: try await call(req)) }
    }

    func complete(req: Request) async throws -> Response {
        try await step(req, done: "complete") { _ = try await service(req).complete(call: try await call(req)) }
    }

    func record(req: Request) async throws -> Response {
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "reopen": "评审意见已重新开放，已通知专家修改后重新提交。"
            case "extend": "已为该专家延长评审截止时间，并通知专家。"
            default: nil
            }
        return try await renderRecord(req, form: .init(), problems: [], flash: flash)
    }

    private func renderRecord(
        _ req: Request, form: ReviewRecordPage.Form, problems: [Problem], flash: String?,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await ReviewRecordPage.load(
            req.parameters.get("reviewId"), form: form, problems: problems, flash: flash, on: req.db)
        return try await req.renderPage(
            .reviewRecord, title: "评审记录：\(page.expertName)·\(page.projectName)", page, status: status)
    }

    struct ReopenForm: Content {
        var reason: String?
    }

    func reopen(req: Request) async throws -> Response {
        let form = try req.content.decode(ReopenForm.self)
        let review = try await ReviewOversightService.find(req.parameters.get("reviewId"), on: req.db)
        do {
            try await ReviewOversightService(db: req.db, user: try req.requireUser(), config: config).reopen(
                review, reason: form.reason, request: req)
        } catch let error as AppError {
            return try await renderRecord(
                req, form: .init(reason: form.reason ?? ""), problems: error.pageProblems, flash: nil,
                status: error.status)
        }
        return req.redirect(to: "/review/reviews/\(try review.requireID().uuidString)?done=reopen")
    }

    struct ExtensionForm: Content {
        var expertId: String?
        var deadline: String?
        var reason: String?
        /// The review page the form was sent from, when it was; else the desk.
        var reviewId: String?
    }

    func extend(req: Request) async throws -> Response {
        let form = try req.content.decode(ExtensionForm.self)
        let back = form.reviewId.flatMap(UUID.init(uuidString:))
        do {
            let expertID = try uuid(form.expertId, field: "expertId")
            _ = try await ReviewOversightService(db: req.db, user: try req.requireUser(), config: config).extend(
                call: try await call(req), expertID: expertID,
                .init(deadline: form.deadline, reason: form.reason), request: req)
        } catch let error as AppError {
            guard let back else {
                return try await render(req, flash: nil, problems: error.pageProblems, status: error.status)
            }
            req.parameters.set("reviewId", to: back.uuidString)
            let problems = error.pageProblems.map { problem in
                problem.field == "reason"
                    ? Problem(field: "extensionReason", code: problem.code, message: problem.message) : problem
            }
            return try await renderRecord(
                req, form: .init(deadline: form.deadline ?? "", extensionReason: form.reason ?? ""),
                problems: problems, flash: nil, status: error.status)
        }
        return req.redirect(to: back.map { "/review/reviews/\($0.uuidString)?done=extend" } ?? "/review?done=extend")
    }

    func rankingPage(req: Request) async throws -> Response {
        let page = try await RankingPage.load(call: try await call(req), for: try req.requireUser(), on: req.db)
        return try await req.renderPage(.reviewRanking, title: "评审排名", page)
    }
}
