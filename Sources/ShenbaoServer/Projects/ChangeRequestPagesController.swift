import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The 项目变更 forms on the project's page: the unit's request and the province's decision.
/// Refused, the page comes back with every problem beside its field and the values typed.
struct ChangeRequestPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        // The form is multipart (its 证明材料); a form without a file may come url-encoded.
        routes.grouped(RequireRoles(.applicant)).on(
            .POST, "applications", ":applicationId", "changes",
            body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)), use: request)
        routes.grouped(RequireRoles(.province)).post(
            "applications", ":applicationId", "changes", ":changeId", "decision", use: decide)
    }

    /// The phases' budgets come as `budget0`, `budget1`, … (万元), at most as many as the phases.
    struct Form: Content {
        var kind: String?
        var newEnd: String?
        var mainContent: String?
        var partners: String?
        var leader: String?
        var reason: String?
    }

    struct DecisionForm: Content {
        var approve: String?
        var comment: String?
    }

    func request(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let multipart = try req.headers.contentType?.type == "multipart" ? MultipartForm.of(req) : nil
        let form =
            try multipart.map {
                Form(
                    kind: $0.text("kind"), newEnd: $0.text("newEnd"), mainContent: $0.text("mainContent"),
                    partners: $0.text("partners"), leader: $0.text("leader"), reason: $0.text("reason"))
            } ?? req.content.decode(Form.self)
        let phaseCount = min(application.form.phases?.count ?? 0, 50)
        let budgetsWan = (0..<phaseCount).map { index in
            multipart?.text("budget\(index)") ?? (try? req.content.get(String.self, at: "budget\(index)")) ?? ""
        }
        // No file chosen: the browser sends the part with an empty name and no bytes.
        let evidence = multipart.map { $0.upload("evidence") }.flatMap {
            $0.name.isEmpty && $0.data.isEmpty ? nil : ChangeRequestService.EvidenceFile(name: $0.name, data: $0.data)
        }
        var problems: [Problem] = []
        var budgetsYuan: [Int] = []
        if form.kind == ChangeRequest.Kind.budget.rawValue {
            for (index, text) in budgetsWan.enumerated() {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty {
                    problems.append(
                        Problem(field: "budgetsYuan[\(index)]", code: .required, message: "请填写第\(index + 1)阶段经费预算"))
                } else if case .success(let yuan) = WanAmount.yuan(trimmed, within: ChangeRequest.budgetBounds) {
                    budgetsYuan.append(yuan)
                } else {
                    problems.append(
                        Problem(
                            field: "budgetsYuan[\(index)]", code: .invalidValue,
                            message:
                                "第\(index + 1)阶段经费预算应为0至\(WanAmount.withUnit(ChangeRequest.budgetBounds.upperBound))之间以万元为单位的数字，最多四位小数"
                        ))
                }
            }
        }
        let partners = (form.partners ?? "").split(whereSeparator: \.isNewline).prefix(100).map(String.init)
        let input = ChangeRequest.Input(
            kind: form.kind, newEnd: form.newEnd, mainContent: form.mainContent, partners: partners,
            budgetsYuan: problems.isEmpty ? budgetsYuan : nil, leader: form.leader, reason: form.reason)
        if problems.isEmpty {
            do {
                _ = try await ChangeRequestService(req: req, user: user).request(
                    application, input, evidence: evidence)
                return req.redirect(
                    to: "/applications/\(try application.requireID().uuidString)?done=changeRequested#changes")
            } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
                problems = error.pageProblems
            }
        } else {
            // The budgets' own problems, and the others of the form at once.
            let others = ChangeRequest.check(input, form: application.form).problems.filter {
                !$0.field.hasPrefix("budgetsYuan")
            }
            problems += others
            if let evidence {
                problems += ChangeRequestService.evidenceProblems(
                    evidence, maxBytes: req.application.shenbaoConfig.maxAttachmentBytes)
            }
        }
        let typed = ChangeRequestPanel.Typed(
            kind: form.kind ?? "", newEnd: form.newEnd ?? "", mainContent: form.mainContent ?? "",
            partners: form.partners ?? "", budgetsWan: budgetsWan, leader: form.leader ?? "", reason: form.reason ?? "")
        var page = try await ApplicationPagesController(config: config).pageModel(req, application)
        page.changes = try await ChangeRequestPanel.load(
            application, user: user, typed: typed, problems: problems, maxEvidenceBytes: config.maxAttachmentBytes,
            on: req.db)
        return try await req.renderPage(
            .applicationsShow, title: page.projectName.isEmpty ? page.formTitle : page.projectName, page,
            status: .unprocessableEntity)
    }

    func decide(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(DecisionForm.self)
        let approve: Bool? =
            switch form.approve {
            case "true": true
            case "false": false
            default: nil
            }
        let changeID = req.parameters.get("changeId") ?? ""
        var problems: [Problem] = []
        do {
            _ = try await ChangeRequestService(req: req, user: user).decide(
                application, changeID: changeID, approve: approve, comment: form.comment)
            return req.redirect(
                to: "/applications/\(try application.requireID().uuidString)?done=changeDecided#changes")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            problems = error.pageProblems
        }
        var page = try await ApplicationPagesController(config: config).pageModel(req, application)
        page.changes = try await ChangeRequestPanel.load(
            application, user: user, decision: (changeID, form.comment ?? "", problems),
            maxEvidenceBytes: config.maxAttachmentBytes, on: req.db)
        return try await req.renderPage(
            .applicationsShow, title: page.projectName.isEmpty ? page.formTitle : page.projectName, page,
            status: .unprocessableEntity)
    }
}
