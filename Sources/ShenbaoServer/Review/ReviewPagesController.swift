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
        routes.grouped(RequireRoles(.province, .finance)).get("ranking", use: rankingPage)
    }

    struct CriterionLine: Encodable {
        var code: String
        var name: String
        var maxPoints: Int
    }

    struct ExpertLine: Encodable {
        var id: String
        var name: String
        var organizationName: String
        var fieldLabels: String
        var load: Int
        var onConference: Bool
        var onCooperation: Bool
    }

    struct AssignmentLine: Encodable {
        var id: String
        var expertName: String
        var statusLabel: String
        var status: String
        var removable: Bool
    }

    struct ApplicationLine: Encodable {
        var id: String
        /// 申报编号.
        var number: String
        var projectName: String
        var organizationName: String
        var categoryLabel: String
        var statusLabel: String
        var status: String
        var assignments: [AssignmentLine]
        var activeCount: Int
        var submittedCount: Int
        var short: Bool
    }

    struct Desk: Encodable {
        var callYear: Int
        var plan: ReviewPlanService.View
        var criteria: [CriterionLine]
        var totalBudgetWan: String
        var experts: [ExpertLine]
        var applications: [ApplicationLine]
        var canAssign: Bool
        var canStart: Bool
        var canComplete: Bool
        /// Why the review can't start or end in the call's phase now, and what to do next.
        var phaseHint: String?
        var flash: String?
        var problems: [Problem]
        var errors: [String: String]
    }

    private func call(_ req: Request) async throws -> CallModel {
        guard let call = try await CallModel.latest(on: req.db) else { throw AppError.notFound("年度申报指南") }
        return call
    }

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
        default: nil
        }
    }

    func render(
        _ req: Request, flash: String?, problems: [Problem], form: ReviewPlanDocument? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let call = try await call(req)
        let planModel = try await ReviewPlanModel.find(call: call.requireID(), on: req.db)
        var view = try ReviewPlanService.view(call: call, plan: planModel)
        // A refused plan comes back as typed, for the clerk to correct.
        let document = form ?? view.plan
        view.plan = document
        let context = try await ReviewContext.load(
            call: call, plan: document, statuses: ApplicationStatus.beforeDecision, on: req.db)
        let loads = context.loads
        let pool = context.experts.compactMap(\.id)
        let expertsByID = Dictionary(uniqueKeysWithValues: try context.experts.map { (try $0.requireID(), $0) })
        let labels = Dictionary(
            ExpertForm.fieldOptions(of: call.current).map { ($0.code, $0.label) }, uniquingKeysWith: { a, _ in a })
        let applications = try context.applications.map { application in
            let rows = context.reviews.filter { $0.$application.id == application.id }
            let active = rows.filter(\.isActive)
            return ApplicationLine(
                id: try application.requireID().uuidString, number: application.number ?? "",
                projectName: application.form.projectName ?? "未命名项目",
                organizationName: application.organizationSnapshot?.name ?? "",
                categoryLabel: FormTexts.categoryLabel(application.category), statusLabel: application.status.label,
                status: application.status.rawValue,
                assignments: try rows.map { review in
                    AssignmentLine(
                        id: try review.requireID().uuidString,
                        expertName: expertsByID[review.$expert.id]?.name ?? "（已停用）",
                        statusLabel: review.status.label, status: review.status.rawValue,
                        removable: review.status == .assigned || review.status == .draft)
                },
                activeCount: active.count, submittedCount: active.filter { $0.status == .submitted }.count,
                short: active.count < document.expertsPerApplication)
        }
        let approved = planModel?.state == .approved
        let startable = approved && context.applications.contains { $0.status == .accepted }
        let completable = context.applications.contains { $0.status == .inReview }
        let page = Desk(
            callYear: call.year, plan: view,
            criteria: document.criteria.map { CriterionLine(code: $0.code, name: $0.name, maxPoints: $0.maxPoints) },
            totalBudgetWan: ChineseFormat.wan(document.totalBudgetYuan),
            experts: try context.experts.map { expert in
                let expertID = try expert.requireID()
                return ExpertLine(
                    id: expertID.uuidString, name: expert.name, organizationName: expert.organizationName,
                    fieldLabels: expert.fields.map { labels[$0] ?? $0 }.joined(separator: "、"),
                    load: loads[expertID, default: 0],
                    onConference: document.panel(.conference, pool: pool).contains(expertID),
                    onCooperation: document.panel(.cooperation, pool: pool).contains(expertID))
            },
            applications: applications,
            canAssign: approved && context.applications.contains { $0.status == .accepted },
            canStart: startable && PhaseGate.allows(.startReview, in: call.phase),
            canComplete: completable && PhaseGate.allows(.completeReview, in: call.phase),
            phaseHint: startable
                ? PhaseGate.refusal(.startReview, in: call.phase)?.message
                : completable ? PhaseGate.refusal(.completeReview, in: call.phase)?.message : nil,
            flash: flash,
            problems: problems, errors: FieldErrors.make(problems))
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
        let input = ReviewPlanDocument.Input(
            criteria: criteria, expertsPerApplication: form.expertsPerApplication.flatMap { Int($0) } ?? 0,
            priorityRule: form.priorityRule,
            priorityBonusMax: form.priorityRule == "bonus" ? form.priorityBonusMax.flatMap { Int($0) } : nil,
            panels: panels.isEmpty ? nil : panels,
            reviewDeadline: form.reviewDeadline?.trimmingCharacters(in: .whitespaces),
            totalBudgetYuan: budgetYuan)
        do {
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

    /// Runs one step of the desk; a refusal comes back on the desk with every reason.
    private func step(_ req: Request, done: String, _ action: () async throws -> Void) async throws -> Response {
        do {
            try await action()
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
    }

    private func uuid(_ raw: String?, field: String) throws -> UUID {
        guard let id = raw.flatMap(UUID.init(uuidString:)) else {
            throw AppError.validation([Problem(field: field, code: .required, message: "请选择专家")])
        }
        return id
    }

    func addAssignment(req: Request) async throws -> Response {
        let form = try req.content.decode(PairForm.self)
        return try await step(req, done: "add") {
            let pair = AssignmentService.Pair(
                applicationId: try uuid(form.applicationId, field: "applicationId"),
                expertId: try uuid(form.expertId, field: "expertId"))
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
        return try await step(req, done: "move") {
            _ = try await service(req).move(review, to: try uuid(form.expertId, field: "expertId"))
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

    struct RankingCategory: Encodable {
        var label: String
        var rows: [RankingLine]
        var fundedRange: String
    }

    /// A ranking row with its amounts and opinions in words, as a person reads them.
    struct RankingLine: Encodable {
        var row: RankingService.Row
        var requestedWan: String
        var financeText: String
        var decisionText: String

        init(_ row: RankingService.Row) {
            self.row = row
            requestedWan = ChineseFormat.wan(row.requestedYuan)
            financeText = row.financeText
            decisionText = row.decisionText
        }
    }

    struct RankingPage: Encodable {
        var callYear: Int
        var categories: [RankingCategory]
        var message: String?
        var isFinance: Bool
        var plan: ReviewPlanService.View?
    }

    func rankingPage(req: Request) async throws -> Response {
        let call = try await call(req)
        let user = try req.requireUser()
        do {
            let ranking = try await RankingService(db: req.db).ranking(call: call)
            let categories = ShenbaoCore.Category.allCases.map { category in
                let funded = call.current.category(category)?.funded
                return RankingCategory(
                    label: FormTexts.categoryLabel(category),
                    rows: (ranking.byCategory[category] ?? []).map(RankingLine.init),
                    fundedRange: funded.map { "\($0.min)–\($0.max)项" } ?? "")
            }
            let page = RankingPage(
                callYear: call.year, categories: categories, message: nil, isFinance: user.role == .finance,
                plan: try ReviewPlanService.view(call: call, plan: ranking.planModel))
            return try await req.renderPage(.reviewRanking, title: "评审排名", page)
        } catch let error as AppError where error.status == .conflict {
            let page = RankingPage(
                callYear: call.year, categories: [], message: error.message, isFinance: user.role == .finance, plan: nil
            )
            return try await req.renderPage(.reviewRanking, title: "评审排名", page)
        }
    }
}
