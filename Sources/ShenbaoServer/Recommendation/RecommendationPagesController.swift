import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The recommenders' and the province's pages: the inbox of what waits for them and what they
/// handled, and the opinion and intake forms on an application's page.
struct RecommendationPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireRoles(.recommender, .province)).get("inbox", use: inbox)
        routes.grouped(RequireRoles(.recommender)).post("applications", ":applicationId", "opinion", use: opinion)
        routes.grouped(RequireRoles(.province)).post("applications", ":applicationId", "intake", use: intake)
    }

    func inbox(req: Request) async throws -> Response {
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "recommend": "已推荐。"
            case "return": "已退回申报单位修改。"
            case "reject": "已作出不予推荐（不予受理）决定。"
            case "accept": "已受理。"
            default: nil
            }
        let page = try await InboxPage.load(
            for: try req.requireUser(), call: CallChoice.chosenIfAny(req), flash: flash, on: req.db)
        return try await req.renderPage(.recommendationInbox, title: "待办", page)
    }

    struct OpinionForm: Content {
        var decision: String?
        var comment: String?
        var attested: String?
        var correctionDays: String?
    }

    func opinion(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(OpinionForm.self)
        let input = RecommendationService.Input(
            decision: form.decision, comment: form.comment, attested: form.attested != nil, forwardToId: nil,
            correctionDays: form.correctionDays.map(NumberText.init))
        do {
            try await RecommendationService(db: req.db, user: user, config: config, now: req.now).decide(
                application, input)
        } catch let error as AppError where !error.problems.isEmpty {
            return try await ApplicationPagesController(config: config).render(
                req, application, extraProblems: error.problems,
                typed: .init(
                    decision: form.decision ?? "", comment: form.comment ?? "", attested: form.attested != nil,
                    correctionDays: form.correctionDays ?? ""),
                status: .unprocessableEntity)
        }
        return req.redirect(to: "/inbox?done=\(form.decision ?? "")")
    }

    struct IntakeForm: Content {
        var decision: String?
        var comment: String?
        var paperCopiesReceivedOn: String?
        var paperCopiesReceived: String?
        var certificatesReceived: String?
        var checklist: [String: String]?
        var correctionDays: String?
    }

    /// A count as typed: empty is none; anything but a whole number is a problem named by its field.
    static func count(_ raw: String?, field: String, label: String, problems: inout [Problem]) -> Int? {
        let text = raw?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            problems.append(Problem(field: field, code: .invalidValue, message: "\(label)应为整数，现为“\(text.prefix(20))”"))
            return nil
        }
        return value
    }

    func intake(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(IntakeForm.self)
        var unreadable: [Problem] = []
        let input = IntakeService.Input(
            decision: form.decision, comment: form.comment, paperCopiesReceivedOn: form.paperCopiesReceivedOn,
            paperCopiesReceived: Self.count(
                form.paperCopiesReceived, field: "paperCopiesReceived", label: "收到的纸质申报书份数", problems: &unreadable),
            certificatesReceived: Self.count(
                form.certificatesReceived, field: "certificatesReceived", label: "收到的非涉密证明份数", problems: &unreadable),
            checklist: (form.checklist ?? [:]).mapValues { _ in true },
            correctionDays: form.correctionDays.map(NumberText.init))
        do {
            try await IntakeService(db: req.db, user: user, config: config, now: req.now).decide(
                application, input, formProblems: unreadable)
        } catch let error as AppError where !error.problems.isEmpty {
            return try await ApplicationPagesController(config: config).render(
                req, application, extraProblems: error.problems,
                typed: .init(
                    decision: form.decision ?? "", comment: form.comment ?? "",
                    correctionDays: form.correctionDays ?? "",
                    paperCopiesReceived: form.paperCopiesReceived ?? "",
                    certificatesReceived: form.certificatesReceived ?? "",
                    paperCopiesReceivedOn: form.paperCopiesReceivedOn ?? ""),
                ticked: Set((form.checklist ?? [:]).keys), status: .unprocessableEntity)
        }
        // Fewer copies than the call asks for is accepted, and the clerk is told on the application.
        let call = try await application.callDefinition(on: req.db)
        let receipt = PaperReceipt(copies: input.paperCopiesReceived, certificates: input.certificatesReceived)
        if !receipt.warnings(call.submission).isEmpty {
            return req.redirect(to: "/applications/\(try application.requireID().uuidString)?done=paperShort")
        }
        return req.redirect(to: "/inbox?done=\(form.decision ?? "")")
    }
}
