import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The review's API (docs/api.md): plan, assignments, the experts' reviews, ranking, finance's
/// opinions, the selection suggestion and the meeting's decisions.
struct ReviewAPIController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let call = api.grouped("calls", ":callId")
        let province = call.grouped(RequireRoles(.province))
        call.grouped(RequireRoles(.province, .finance)).get("review-plan", use: plan)
        province.put("review-plan", use: putPlan)
        call.grouped(RequireRoles(.finance)).post("review-plan", "approve", use: approvePlan)
        province.post("assignments", "auto", use: autoAssign)
        province.get("assignments", use: assignments)
        province.post("assignments", use: addAssignment)
        province.post("review", "start", use: startReview)
        province.post("review", "complete", use: completeReview)
        call.grouped(RequireRoles(.province, .finance)).get("ranking", use: ranking)
        call.grouped(RequireRoles(.province, .finance)).get("ranking.xlsx", use: rankingXlsx)
        province.get("selection-suggestion", use: suggestion)
        call.grouped(RequireRoles(.province, .finance)).get("decisions", use: decisions)
        province.put("decisions", use: putDecisions)
        province.post("decisions", "confirm", use: confirm)
        let assignment = api.grouped("assignments", ":assignmentId").grouped(RequireRoles(.province))
        assignment.put(use: moveAssignment)
        assignment.delete(use: removeAssignment)
        let reviews = api.grouped("reviews").grouped(RequireRoles(.expert))
        reviews.get(use: listReviews)
        reviews.get(":reviewId", use: review)
        reviews.put(":reviewId", use: putReview)
        let oversight = api.grouped("reviews", ":reviewId").grouped(RequireRoles(.province))
        oversight.get("history", use: reviewHistory)
        oversight.post("reopen", use: reopenReview)
        province.get("review-extensions", use: extensions)
        province.put("review-extensions", ":expertId", use: putExtension)
        api.grouped(RequireRoles(.finance)).put(
            "applications", ":applicationId", "finance-opinion", use: putFinanceOpinion)
        api.grouped(RequireRoles(.province, .finance)).get(
            "applications", ":applicationId", "finance-opinion", use: financeOpinion)
    }

    private func call(_ req: Request) async throws -> CallModel {
        try await CallQuery.find(req.parameters.get("callId"), on: req.db)
    }

    func plan(req: Request) async throws -> ReviewPlanService.View {
        let call = try await call(req)
        return try ReviewPlanService.view(
            call: call, plan: try await ReviewPlanModel.find(call: call.requireID(), on: req.db))
    }

    func putPlan(req: Request) async throws -> ReviewPlanService.View {
        let call = try await call(req)
        let input = try req.content.decode(ReviewPlanDocument.Input.self)
        let plan = try await ReviewPlanService(db: req.db, user: try req.requireUser(), config: config).put(
            call: call, input: input)
        return try ReviewPlanService.view(call: call, plan: plan)
    }

    func approvePlan(req: Request) async throws -> ReviewPlanService.View {
        let call = try await call(req)
        let plan = try await ReviewPlanService(db: req.db, user: try req.requireUser(), config: config).approve(
            call: call)
        return try ReviewPlanService.view(call: call, plan: plan)
    }

    private func assignmentService(_ req: Request) throws -> AssignmentService {
        AssignmentService(db: req.db, user: try req.requireUser(), config: config)
    }

    func autoAssign(req: Request) async throws -> [AssignmentService.Pair] {
        try await assignmentService(req).auto(call: try await call(req))
    }

    struct AssignmentView: Content {
        var id: UUID
        var applicationId: UUID
        var expertId: UUID
        var expertName: String
        var status: String
        var statusLabel: String
        var assignedBy: String
    }

    func assignments(req: Request) async throws -> [AssignmentView] {
        let call = try await call(req)
        let reviews = try await ReviewModel.query(on: req.db).filter(\.$call.$id == call.requireID()).with(\.$expert)
            .sort(\.$createdAt).all()
        return try reviews.map(Self.assignmentView)
    }

    static func assignmentView(_ review: ReviewModel) throws -> AssignmentView {
        AssignmentView(
            id: try review.requireID(), applicationId: review.$application.id, expertId: review.$expert.id,
            expertName: review.$expert.value?.name ?? "", status: review.status.rawValue,
            statusLabel: review.status.label, assignedBy: review.assignedBy)
    }

    func addAssignment(req: Request) async throws -> Response {
        let pair = try req.content.decode(AssignmentService.Pair.self)
        let review = try await assignmentService(req).add(call: try await call(req), pair)
        let response = try await Self.assignmentView(review).encodeResponse(for: req)
        response.status = .created
        return response
    }

    private func assignment(_ req: Request) async throws -> ReviewModel {
        guard let id = req.parameters.get("assignmentId").flatMap(UUID.init(uuidString:)),
            let review = try await ReviewModel.find(id, on: req.db)
        else { throw AppError.notFound("该评审分配") }
        return review
    }

    struct MoveInput: Content {
        var expertId: UUID
        /// `true` to go on despite the warnings (past the cap or the balance rule) of a first try.
        var confirm: Bool?
    }

    func moveAssignment(req: Request) async throws -> AssignmentView {
        let input = try req.content.decode(MoveInput.self)
        return try Self.assignmentView(
            try await assignmentService(req).move(
                try await assignment(req), to: input.expertId, confirmed: input.confirm == true))
    }

    func removeAssignment(req: Request) async throws -> HTTPStatus {
        try await assignmentService(req).remove(try await assignment(req))
        return .noContent
    }

    struct Started: Content {
        var applications: Int
    }

    func startReview(req: Request) async throws -> Started {
        Started(applications: try await assignmentService(req).start(call: try await call(req)))
    }

    func completeReview(req: Request) async throws -> Started {
        Started(applications: try await assignmentService(req).complete(call: try await call(req)))
    }

    func ranking(req: Request) async throws -> [String: [RankingService.Row]] {
        try await RankingService(db: req.db).ranking(call: try await call(req)).json
    }

    func rankingXlsx(req: Request) async throws -> Response {
        let call = try await call(req)
        let ranking = try await RankingService(db: req.db).ranking(call: call)
        return Response.download(
            try RankingXlsx.data(call: call, ranking: ranking),
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "\(call.year)年度评审排名.xlsx")
    }

    func suggestion(req: Request) async throws -> SelectionService.SuggestionView {
        try await SelectionService(db: req.db, user: try req.requireUser(), config: config).suggestion(
            call: try await call(req))
    }

    func decisions(req: Request) async throws -> SelectionService.DecisionsView {
        try await SelectionService(db: req.db, user: try req.requireUser(), config: config).decisionsView(
            call: try await call(req))
    }

    func putDecisions(req: Request) async throws -> SelectionService.DecisionsView {
        let decisions = try req.content.decode([SelectionService.Decision].self)
        return try await SelectionService(db: req.db, user: try req.requireUser(), config: config).record(
            call: try await call(req), decisions)
    }

    func confirm(req: Request) async throws -> SelectionService.DecisionsView {
        try await SelectionService(db: req.db, user: try req.requireUser(), config: config).confirm(
            call: try await call(req))
    }

    func listReviews(req: Request) async throws -> [ReviewService.View] {
        try await ReviewService(db: req.db, user: try req.requireUser(), config: config).list()
    }

    func review(req: Request) async throws -> ReviewService.View {
        let service = ReviewService(db: req.db, user: try req.requireUser(), config: config)
        return try await service.view(try await service.find(req.parameters.get("reviewId")))
    }

    func putReview(req: Request) async throws -> ReviewService.View {
        let service = ReviewService(db: req.db, user: try req.requireUser(), config: config)
        let review = try await service.find(req.parameters.get("reviewId"))
        try await service.update(review, try req.content.decode(ReviewService.Input.self))
        return try await service.view(review)
    }

    private func oversight(_ req: Request) throws -> ReviewOversightService {
        ReviewOversightService(db: req.db, user: try req.requireUser(), config: config)
    }

    func reviewHistory(req: Request) async throws -> [ReviewOversightService.ChangeView] {
        try await oversight(req).history(
            try await ReviewOversightService.find(req.parameters.get("reviewId"), on: req.db))
    }

    func reopenReview(req: Request) async throws -> AssignmentView {
        let review = try await ReviewOversightService.find(req.parameters.get("reviewId"), on: req.db)
        let input = try req.content.decode(ReviewOversightService.ReopenInput.self)
        try await oversight(req).reopen(review, reason: input.reason, request: req)
        return try Self.assignmentView(review)
    }

    func extensions(req: Request) async throws -> [ReviewOversightService.ExtensionView] {
        try await oversight(req).extensions(call: try await call(req))
    }

    func putExtension(req: Request) async throws -> ReviewOversightService.ExtensionView {
        guard let expertID = req.parameters.get("expertId").flatMap(UUID.init(uuidString:)) else {
            throw AppError.notFound("该专家")
        }
        return try await oversight(req).extend(
            call: try await call(req), expertID: expertID,
            try req.content.decode(ReviewOversightService.ExtensionInput.self), request: req)
    }

    func putFinanceOpinion(req: Request) async throws -> FinanceOpinionService.View {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await FinanceOpinionService(db: req.db, user: user).put(
            application, try req.content.decode(FinanceOpinionService.Input.self))
    }

    func financeOpinion(req: Request) async throws -> FinanceOpinionService.View {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        guard
            let opinion = try await FinanceOpinionModel.query(on: req.db)
                .filter(\.$application.$id == application.requireID()).first()
        else { throw AppError.notFound("财务对该申报书的预算意见") }
        return FinanceOpinionService.view(opinion)
    }
}
