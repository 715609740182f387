import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Finance's desk (`/finance`): the plan to co-sign, and a budget opinion on each accepted
/// application — beside its ranking once the experts have scored.
struct FinancePagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let finance = routes.grouped(RequireRoles(.finance))
        finance.get("finance", use: desk)
        finance.post("finance", "approve", use: approve)
        finance.post("finance", "opinions", ":applicationId", use: opinion)
    }

    struct Line: Encodable {
        var id: String
        /// 申报编号.
        var number: String
        var projectName: String
        var organizationName: String
        var categoryLabel: String
        var statusLabel: String
        var requestedWan: String
        var rank: Int?
        var score: Double?
        /// What the form shows: the saved opinion, or what the clerk typed when it came back.
        var decision: String?
        var amountWan: String
        var comment: String
        /// The saved opinion in words (核减至8万元：理由 / 同意), shown beside the form.
        var saved: String?
        /// The amount is below the call's minimum: the clerk confirms it with a tick.
        var askBelowMinimum: Bool
        var open: Bool
    }

    struct Desk: Encodable {
        var callYear: Int
        var plan: ReviewPlanService.View
        var totalBudgetWan: String
        /// 2025年8月31日, as every date on the pages reads.
        var reviewDeadline: String?
        var canApprove: Bool
        var applications: [Line]
        var flash: String?
        var problems: [Problem]
    }

    func desk(req: Request) async throws -> Response {
        var flash: String? = req.query[String.self, at: "done"] == "approve" ? "已审核同意评审方案。" : nil
        if req.query[String.self, at: "done"] == "opinion", let id = req.query[UUID.self, at: "id"],
            let application = try await ApplicationModel.find(id, on: req.db),
            let opinion = try await FinanceOpinionModel.query(on: req.db).filter(\.$application.$id == id).first()
        {
            flash = "已保存“\(application.form.projectName ?? "未命名项目")”的预算意见：\(Self.text(opinion))"
        }
        return try await render(req, flash: flash, problems: [])
    }

    static func text(_ opinion: FinanceOpinionModel) -> String {
        FinanceOpinionService.words(
            decision: opinion.decision.rawValue, amountYuan: opinion.amountYuan, comment: opinion.comment)
    }

    /// What the clerk typed for one application, shown again with its problems.
    struct Entered {
        var applicationID: UUID
        var form: OpinionForm
        var askBelowMinimum: Bool
    }

    func render(
        _ req: Request, flash: String?, problems: [Problem], entered: Entered? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let call = try await CallChoice.chosen(req)
        let planModel = try await ReviewPlanModel.find(call: call.requireID(), on: req.db)
        let view = try ReviewPlanService.view(call: call, plan: planModel)
        let applications = try await ApplicationModel.query(on: req.db).filter(\.$call.$id == call.requireID())
            .filter(\.$status ~~ ApplicationStatus.reachedReview).sort(\.$submittedAt).all()
        let opinions = Dictionary(
            try await FinanceOpinionModel.query(on: req.db).filter(\.$application.$id ~~ applications.compactMap(\.id))
                .all().map { ($0.$application.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ranks: [UUID: RankingService.Row] = [:]
        if planModel?.frozenAt != nil {
            for row in try await RankingService(db: req.db).ranking(call: call).rows { ranks[row.applicationId] = row }
        }
        let lines = try applications.map { application in
            let id = try application.requireID()
            let opinion = opinions[id]
            let typed = entered?.applicationID == id ? entered?.form : nil
            return Line(
                id: id.uuidString, number: application.number ?? "",
                projectName: application.form.projectName ?? "未命名项目",
                organizationName: application.organizationSnapshot?.name ?? "",
                categoryLabel: FormTexts.categoryLabel(application.category), statusLabel: application.status.label,
                requestedWan: ChineseFormat.wan(application.form.requestedYuan ?? 0), rank: ranks[id]?.rank,
                score: ranks[id]?.score, decision: typed?.decision ?? opinion?.decision.rawValue,
                amountWan: typed?.amountWan ?? opinion?.amountYuan.map(ChineseFormat.wan) ?? "",
                comment: typed?.comment ?? (opinion?.decision == .reduce ? opinion?.comment ?? "" : ""),
                saved: opinion.map(Self.text),
                askBelowMinimum: entered?.applicationID == id && entered?.askBelowMinimum == true,
                open: ApplicationStatus.beforeDecision.contains(application.status))
        }
        let page = Desk(
            callYear: call.year, plan: view, totalBudgetWan: ChineseFormat.wan(view.plan.totalBudgetYuan),
            reviewDeadline: view.plan.reviewDeadline.flatMap(Day.init)?.chinese,
            canApprove: planModel?.state == .pendingApproval, applications: lines, flash: flash, problems: problems)
        return try await req.renderPage(.reviewFinance, title: "财务审核", page, status: status)
    }

    func approve(req: Request) async throws -> Response {
        let call = try await CallChoice.chosen(req)
        do {
            _ = try await ReviewPlanService(db: req.db, user: try req.requireUser(), config: config).approve(call: call)
        } catch let error as AppError {
            return try await render(
                req, flash: nil, problems: error.pageProblems, status: error.status)
        }
        return req.redirect(to: "/finance?done=approve")
    }

    struct OpinionForm: Content {
        var decision: String?
        /// 核减至 in 万元, as on every page; the API takes 元.
        var amountWan: String?
        var comment: String?
        var confirmBelowMinimum: String?
    }

    func opinion(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let id = try application.requireID()
        let form = try req.content.decode(OpinionForm.self)
        let project = application.form.projectName ?? "未命名项目"
        let amountText = form.amountWan?.trimmingCharacters(in: .whitespaces) ?? ""
        var amount: Int?
        if form.decision == "reduce", !amountText.isEmpty {
            // Bounded before any arithmetic: never below 0, never above the request.
            let requested = application.form.requestedYuan ?? 0
            switch WanAmount.parse(amountText, within: 0...requested, field: "amountYuan", label: "核减后金额") {
            case .yuan(let yuan): amount = yuan
            case .problem(let problem):
                let problems = [
                    Problem(field: problem.field, code: problem.code, message: "“\(project)”：\(problem.message)")
                ]
                return try await render(
                    req, flash: nil, problems: problems,
                    entered: Entered(applicationID: id, form: form, askBelowMinimum: false),
                    status: .unprocessableEntity)
            }
        }
        do {
            _ = try await FinanceOpinionService(db: req.db, user: user).put(
                application,
                .init(
                    decision: form.decision, amountYuan: amount, comment: form.comment,
                    confirmBelowMinimum: form.confirmBelowMinimum == "1"))
        } catch let error as AppError {
            let problems = error.pageProblems.map {
                Problem(field: $0.field, code: $0.code, message: "“\(project)”：\($0.message)")
            }
            let ask = problems.contains { $0.code == "belowMinimumUnconfirmed" }
            return try await render(
                req, flash: nil, problems: problems,
                entered: Entered(applicationID: id, form: form, askBelowMinimum: ask),
                status: error.status)
        }
        return req.redirect(to: "/finance?done=opinion&id=\(id.uuidString)#line-\(id.uuidString)")
    }
}
