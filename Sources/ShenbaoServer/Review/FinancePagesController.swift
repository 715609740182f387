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
        var requestedYuan: Int
        var rank: Int?
        var score: Double?
        var decision: String?
        var amountYuan: Int?
        var comment: String?
        var open: Bool
    }

    struct Desk: Encodable {
        var callYear: Int
        var plan: ReviewPlanService.View
        var totalBudgetWan: String
        var canApprove: Bool
        var applications: [Line]
        var flash: String?
        var problems: [Problem]
    }

    func desk(req: Request) async throws -> Response {
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "approve": "已审核同意评审方案。"
            case "opinion": "预算意见已保存。"
            default: nil
            }
        return try await render(req, flash: flash, problems: [])
    }

    func render(_ req: Request, flash: String?, problems: [Problem], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        guard let call = try await CallModel.latest(on: req.db) else { throw AppError.notFound("年度申报指南") }
        let planModel = try await ReviewPlanModel.find(call: call.requireID(), on: req.db)
        let view = try ReviewPlanService.view(call: call, plan: planModel)
        let applications = try await ApplicationModel.query(on: req.db).filter(\.$call.$id == call.requireID())
            .filter(\.$status ~~ ReviewContext.reviewStatuses).sort(\.$submittedAt).all()
        let opinions = Dictionary(
            try await FinanceOpinionModel.query(on: req.db).filter(\.$application.$id ~~ applications.compactMap(\.id))
                .all().map { ($0.$application.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ranks: [UUID: RankingService.Row] = [:]
        if planModel?.frozenAt != nil {
            for row in try await RankingService(db: req.db).ranking(call: call).rows { ranks[row.applicationId] = row }
        }
        let lines = applications.map { application in
            let opinion = opinions[application.id!]
            return Line(
                id: application.id!.uuidString, number: application.number ?? "",
                projectName: application.form.projectName ?? "未命名项目",
                organizationName: application.organizationSnapshot?.name ?? "",
                categoryLabel: FormTexts.categoryLabel(application.category), statusLabel: application.status.label,
                requestedYuan: application.form.requestedYuan ?? 0, rank: ranks[application.id!]?.rank,
                score: ranks[application.id!]?.score, decision: opinion?.decision.rawValue,
                amountYuan: opinion?.amountYuan, comment: opinion?.comment,
                open: FinanceOpinionService.openStatuses.contains(application.status))
        }
        let page = Desk(
            callYear: call.year, plan: view, totalBudgetWan: ChineseFormat.wan(view.plan.totalBudgetYuan),
            canApprove: planModel?.state == .pendingApproval, applications: lines, flash: flash, problems: problems)
        return try await req.renderPage("review/finance", title: "财务审核", page, status: status)
    }

    func approve(req: Request) async throws -> Response {
        guard let call = try await CallModel.latest(on: req.db) else { throw AppError.notFound("年度申报指南") }
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
        var amountYuan: String?
        var comment: String?
    }

    func opinion(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(OpinionForm.self)
        let amount = form.amountYuan?.trimmingCharacters(in: .whitespaces) ?? ""
        if form.decision == "reduce", !amount.isEmpty, Int(amount) == nil {
            let problem = Problem(field: "amountYuan", code: "invalidValue", message: "核减后金额应为整数（元），现为“\(amount)”")
            return try await render(req, flash: nil, problems: [problem], status: .unprocessableEntity)
        }
        do {
            _ = try await FinanceOpinionService(db: req.db, user: user).put(
                application, .init(decision: form.decision, amountYuan: Int(amount), comment: form.comment))
        } catch let error as AppError {
            let project = application.form.projectName ?? "未命名项目"
            let problems = error.pageProblems.map {
                Problem(field: $0.field, code: $0.code, message: "“\(project)”：\($0.message)")
            }
            return try await render(req, flash: nil, problems: problems, status: error.status)
        }
        let back =
            req.headers.first(name: .referer).flatMap { URL(string: $0)?.path } == "/ranking"
            ? "/ranking" : "/finance?done=opinion"
        return req.redirect(to: back)
    }
}
