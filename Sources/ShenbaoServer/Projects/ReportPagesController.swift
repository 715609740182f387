import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The 项目报告与验收 forms on the project's page: the unit saves or submits a report (its 经费决算
/// typed in 万元), uploads and deletes evidence; the province accepts or returns a report, records
/// the acceptance and closes the project. Refused, the page comes back with every problem beside
/// its field and the values typed.
struct ReportPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        let project = routes.grouped("applications", ":applicationId")
        let unit = project.grouped(RequireRoles(.applicant))
        let province = project.grouped(RequireRoles(.province))
        unit.post("reports", ":code", use: save)
        unit.post("reports", ":code", "autosave", use: autosave)
        unit.on(
            .POST, "reports", ":code", "evidence",
            body: .collect(maxSize: ByteCount(value: config.maxAttachmentBytes + 1024 * 1024)), use: attach)
        unit.post("reports", ":code", "evidence", ":attachmentId", "delete", use: detach)
        province.post("reports", ":code", "decision", use: decide)
        province.post("acceptance", use: accept)
        province.post("close", use: close)
    }

    /// The report's form: `answers[code]`, `answerChoices[code][]`, and per phase `spent0`,
    /// `explanation0`, … (万元); `intent` is `save` or `submit`.
    struct Form: Content {
        var answers: [String: String]?
        var answerChoices: [String: [String]]?
        var version: String?
        var intent: String?
    }

    struct DecisionForm: Content {
        var accept: String?
        var comment: String?
    }

    /// The goals come as `goal0`, `goal1`, … (one per phase).
    struct AcceptanceForm: Content {
        var passed: String?
        var score: String?
        var comment: String?
        var rectifyBy: String?
    }

    struct CloseForm: Content {
        var comment: String?
    }

    /// What the report's form holds, read as the service takes it: the answers typed as their
    /// questions ask, the 经费决算 in 元 (万元 as typed kept for the page), and the problems of
    /// reading them.
    struct Posted {
        var form: Form
        var answers: [String: Answer]
        var accounts: [Report.AccountRow]
        var spentWan: [String]
        var explanations: [String]
        var problems: [Problem]
    }

    func posted(_ req: Request, _ application: ApplicationModel, _ definition: ReportDefinition) throws -> Posted {
        let form = try req.content.decode(Form.self)
        let phaseCount = min(application.form.phases?.count ?? 0, 50)
        func text(_ name: String) -> String { (try? req.content.get(String.self, at: name)) ?? "" }
        let spentWan = (0..<phaseCount).map { text("spent\($0)") }
        let explanations = (0..<phaseCount).map { text("explanation\($0)") }
        let questions = definition.questions.filter { $0.asks(application.category) }
        var (answers, problems) = QuestionRow.answers(
            texts: form.answers ?? [:], choices: form.answerChoices ?? [:],
            questions: questions, category: application.category)
        var accounts: [Report.AccountRow] = []
        for index in 0..<phaseCount {
            let typed = spentWan[index].trimmingCharacters(in: .whitespaces)
            var spent: Int?
            if !typed.isEmpty {
                switch WanAmount.parse(
                    typed, within: Report.spentBounds, field: "accounts[\(index)].spentYuan",
                    label: "第\(index + 1)阶段的\(Report.Label.spent)")
                {
                case .yuan(let yuan): spent = yuan
                case .problem(let problem): problems.append(problem)
                }
            }
            let explanation = explanations[index].trimmingCharacters(in: .whitespacesAndNewlines)
            accounts.append(Report.AccountRow(spentYuan: spent, explanation: explanation.isEmpty ? nil : explanation))
        }
        return Posted(
            form: form, answers: answers, accounts: accounts, spentWan: spentWan, explanations: explanations,
            problems: problems)
    }

    struct AutosaveResult: Content {
        var version: Int
        var savedAt: String
    }

    /// The page's script posts the report's form a moment after the unit stops typing: saved as
    /// the 保存 button saves it (a number that cannot be read is 422 naming its field; a page
    /// older than the last save 409, so nothing typed elsewhere is lost).
    func autosave(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let code = req.parameters.get("code") ?? ""
        let definition = try await ReportService.definition(code, of: application, on: req.db)
        let posted = try posted(req, application, definition)
        do {
            guard posted.problems.isEmpty else { throw AppError.validation(posted.problems) }
            let saved = try await ReportService(req: req, user: user).save(
                application, code: code, answers: posted.answers, accounts: posted.accounts,
                version: posted.form.version.flatMap { Int($0) })
            return try await AutosaveResult(version: saved.version, savedAt: ChineseFormat.time(req.now))
                .encodeResponse(for: req)
        } catch let error as AppError {
            // The script says why beside the buttons: the error as the API writes it, not a page.
            return ShenbaoErrorMiddleware.json(error, request: req)
        }
    }

    func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let code = req.parameters.get("code") ?? ""
        let definition = try await ReportService.definition(code, of: application, on: req.db)
        let posted = try posted(req, application, definition)
        let form = posted.form
        let submit = form.intent == "submit"
        let (answers, accounts, spentWan, explanations) = (
            posted.answers, posted.accounts, posted.spentWan, posted.explanations
        )
        var problems = posted.problems
        let version = form.version.flatMap { Int($0) }
        if problems.isEmpty {
            do {
                let service = ReportService(req: req, user: user)
                _ = try await service.save(
                    application, code: code, answers: answers, accounts: accounts, version: version)
                if submit { _ = try await service.submit(application, code: code) }
                return Self.back(
                    application, done: submit ? "reportSubmitted" : "reportSaved", anchor: "report-\(code)")
            } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
                problems = error.pageProblems
            }
        } else if submit {
            // The numbers' own problems, and what the submission would say of the rest, at once.
            let named = Set(problems.map(\.field))
            let evidence = ReportService.evidence(
                try await application.attachments(on: req.db), of: definition.code)
            problems += Report.submissionProblems(
                definition, answers: answers, accounts: accounts,
                budgetsYuan: (application.form.phases ?? []).map(\.budgetYuan), evidenceCount: evidence.count,
                category: application.category
            ).filter { !named.contains($0.field) }
        }
        let typed = ReportPanel.Typed(answers: answers, spentWan: spentWan, explanations: explanations)
        return try await refused(req, application, .report(code: code, typed: typed, problems: problems))
    }

    func attach(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let code = req.parameters.get("code") ?? ""
        let form = try MultipartForm.of(req)
        let file = form.upload("file")
        let type = form.text("type").flatMap { $0.isEmpty ? nil : $0 }
        var problems: [Problem] = []
        if file.name.isEmpty && file.data.isEmpty {
            problems.append(Problem(field: "file", code: .required, message: "请选择要上传的\(Report.Label.evidence)文件"))
            if type == nil {
                let known = Report.Evidence.allCases.map(\.label).joined(separator: "、")
                problems.append(
                    Problem(field: "type", code: .required, message: "请选择\(Report.Label.evidence)的类别：\(known)"))
            }
        } else {
            do {
                _ = try await ReportService(req: req, user: user).attach(
                    application, code: code, type: type, fileName: file.name, data: file.data)
                return Self.back(application, done: "evidenceUploaded", anchor: "report-\(code)")
            } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
                problems = error.pageProblems
            }
        }
        return try await refused(req, application, .upload(code: code, problems: problems))
    }

    func detach(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.findOwned(
            req.parameters.get("applicationId"), for: user, on: req.db)
        let code = req.parameters.get("code") ?? ""
        do {
            try await ReportService(req: req, user: user).detach(
                application, code: code, attachmentID: req.parameters.get("attachmentId"))
            return Self.back(application, done: "evidenceDeleted", anchor: "report-\(code)")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refused(req, application, .upload(code: code, problems: error.pageProblems))
        }
    }

    func decide(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let code = req.parameters.get("code") ?? ""
        let form = try req.content.decode(DecisionForm.self)
        let accept: Bool? =
            switch form.accept {
            case "true": true
            case "false": false
            default: nil
            }
        do {
            _ = try await ReportService(req: req, user: user).decide(
                application, code: code, accept: accept, comment: form.comment)
            return Self.back(
                application, done: accept == true ? "reportAccepted" : "reportReturned", anchor: "report-\(code)")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refused(
                req, application, .decision(code: code, comment: form.comment ?? "", problems: error.pageProblems))
        }
    }

    func accept(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(AcceptanceForm.self)
        let phaseCount = min(application.form.phases?.count ?? 0, 50)
        let goals = (0..<phaseCount).map { (try? req.content.get(String.self, at: "goal\($0)")) ?? "" }
        let passed: Bool? =
            switch form.passed {
            case "true": true
            case "false": false
            default: nil
            }
        let scoreText = (form.score ?? "").trimmingCharacters(in: .whitespaces)
        var problems: [Problem] = []
        var score: Int?
        if !scoreText.isEmpty {
            if let value = Int(scoreText), scoreText.count <= 6 {
                score = value
            } else {
                problems.append(
                    Problem(
                        field: "score", code: .notANumber,
                        message: "\(Acceptance.Label.score)应为0至100之间的整数，现为“\(scoreText.prefix(20))”"))
            }
        }
        let input = Acceptance.Input(
            passed: passed, score: score, goals: goals, comment: form.comment, rectifyBy: form.rectifyBy)
        if problems.isEmpty {
            do {
                _ = try await AcceptanceService(req: req, user: user).record(application, input)
                return Self.back(application, done: "acceptanceRecorded", anchor: "acceptance")
            } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
                problems = error.pageProblems
            }
        } else {
            // The score's own problem, and the others of the form at once.
            problems += Acceptance.check(input, phaseCount: phaseCount, today: ChineseFormat.today(req.now)).1.filter {
                $0.field != "score"
            }
        }
        let typed = ReportPanel.AcceptanceTyped(
            passed: form.passed ?? "", score: form.score ?? "", goals: goals, comment: form.comment ?? "",
            rectifyBy: form.rectifyBy ?? "")
        return try await refused(req, application, .acceptance(typed, problems: problems))
    }

    func close(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(CloseForm.self)
        do {
            try await AcceptanceService(req: req, user: user).close(application, comment: form.comment)
            return Self.back(application, done: "closed", anchor: "acceptance")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await refused(
                req, application, .close(comment: form.comment ?? "", problems: error.pageProblems))
        }
    }

    static func back(_ application: ApplicationModel, done: String, anchor: String) -> Response {
        Response(
            status: .seeOther,
            headers: ["Location": "/applications/\(application.id?.uuidString ?? "")?done=\(done)#\(anchor)"])
    }

    private func refused(_ req: Request, _ application: ApplicationModel, _ returned: ReportPanel.Returned)
        async throws -> Response
    {
        let user = try req.requireUser()
        // Read again: a save that went through before the submission was refused is shown as saved.
        let current = try await ApplicationModel.find(try application.requireID(), on: req.db) ?? application
        var page = try await ApplicationPagesController(config: config).pageModel(req, current)
        page.reports = try await ReportPanel.load(
            current, user: user, now: req.now, returned: returned, maxEvidenceBytes: config.maxAttachmentBytes,
            on: req.db)
        return try await req.renderPage(
            .applicationsShow, title: page.projectName.isEmpty ? page.formTitle : page.projectName, page,
            status: .unprocessableEntity)
    }
}
