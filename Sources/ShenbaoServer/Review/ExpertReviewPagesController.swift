import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The expert's pages: `/reviews` lists their assignments with the deadline, `/reviews/{id}`
/// shows the application and the score form (save a draft, submit once, or declare a conflict).
struct ExpertReviewPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let expert = routes.grouped(RequireRoles(.expert))
        expert.get("reviews", use: list)
        expert.get("reviews", ":reviewId", use: show)
        expert.post("reviews", ":reviewId", use: save)
    }

    func list(req: Request) async throws -> Response {
        let page = try await ExpertReviewsPage.load(
            for: try req.requireUser(), config: config, now: req.now, on: req.db)
        return try await req.renderPage(.reviewReviews, title: "我的评审", page)
    }

    func show(req: Request) async throws -> Response {
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "save": "草稿已保存。"
            case "submit": "评审意见已提交，谢谢！"
            case "decline": "已申明回避，该项目将改派其他专家。"
            default: nil
            }
        return try await render(req, form: nil, problems: [], flash: flash)
    }

    struct ScoreForm: Content {
        var scores: [String: String]?
        var comment: String?
        var recommendation: String?
        var suggestedAmountWan: String?
        var action: String?
    }

    private func render(
        _ req: Request, form: ScoreForm?, problems: [Problem], flash: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let page = try await ExpertReviewPage.load(
            req.parameters.get("reviewId"), for: try req.requireUser(), form: form, problems: problems, flash: flash,
            config: config, now: req.now, on: req.db)
        return try await req.renderPage(.reviewReview, title: "评审：\(page.review.projectName)", page, status: status)
    }

    func save(req: Request) async throws -> Response {
        let service = ReviewService(db: req.db, user: try req.requireUser(), config: config)
        let review = try await service.find(req.parameters.get("reviewId"))
        let form = try req.content.decode(ScoreForm.self)
        var problems: [Problem] = []
        var scores: [String: Int] = [:]
        for (code, raw) in form.scores ?? [:] {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if let points = Int(trimmed) {
                scores[code] = points
            } else {
                problems.append(
                    Problem(field: "scores.\(code)", code: .invalidValue, message: "得分应为整数，现为“\(trimmed)”"))
            }
        }
        let amountText = form.suggestedAmountWan?.trimmingCharacters(in: .whitespaces) ?? ""
        var amount: Int?
        if !amountText.isEmpty {
            switch WanAmount.parse(
                amountText, within: InputBounds.amountYuan, field: "suggestedAmountYuan", label: "建议资助金额")
            {
            case .yuan(let yuan): amount = yuan
            case .problem(let problem): problems.append(problem)
            }
        }
        guard problems.isEmpty else {
            return try await render(req, form: form, problems: problems, flash: nil, status: .unprocessableEntity)
        }
        let action = form.action ?? "save"
        let input = ReviewService.Input(
            scores: scores, comment: form.comment,
            recommendation: (form.recommendation ?? "").isEmpty ? nil : form.recommendation,
            suggestedAmountYuan: amount, submit: action == "submit", conflictDeclared: action == "decline")
        do {
            try await service.update(review, input)
        } catch let error as AppError {
            return try await render(
                req, form: form,
                problems: error.pageProblems,
                flash: nil, status: error.status)
        }
        return req.redirect(
            to: action == "decline"
                ? "/reviews?declined=1" : "/reviews/\(try review.requireID().uuidString)?done=\(action)")
    }
}
