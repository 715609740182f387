import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `POST /applications/{applicationId}/disbursements`: finance's form on the project's page.
/// Refused, the page comes back with every problem beside its field and the values typed.
struct DisbursementPagesController: RouteCollection {
    let config: Config

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireRoles(.finance)).post(
            "applications", ":applicationId", "disbursements", use: record)
    }

    struct Form: Content {
        var paidOn: String?
        var amountWan: String?
        var phaseIndex: String?
        var voucherNumber: String?
        var note: String?
    }

    func record(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let form = try req.content.decode(Form.self)
        let phaseText = (form.phaseIndex ?? "").trimmingCharacters(in: .whitespaces)
        var problems: [Problem] = []
        // A choice from the list: anything else is named, not dropped.
        let phaseIndex: Int? = phaseText.isEmpty ? nil : Int(phaseText).map { $0 } ?? -1
        do {
            _ = try await DisbursementService(req: req, user: user).record(
                application,
                Disbursement.Input(
                    paidOn: form.paidOn, amountWan: form.amountWan ?? "", phaseIndex: phaseIndex,
                    voucherNumber: form.voucherNumber, note: form.note))
            return req.redirect(
                to: "/applications/\(try application.requireID().uuidString)?done=disbursed#disbursements")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            problems = error.pageProblems
        }
        let typed = DisbursementPanel.Typed(
            paidOn: form.paidOn ?? "", amountWan: form.amountWan ?? "", phaseIndex: phaseText,
            voucherNumber: form.voucherNumber ?? "", note: form.note ?? "")
        var page = try await ApplicationPagesController(config: config).pageModel(req, application)
        page.disbursements = try await DisbursementPanel.load(
            application, user: user, now: req.now, typed: typed, problems: problems, on: req.db)
        return try await req.renderPage(
            .applicationsShow, title: page.projectName.isEmpty ? page.formTitle : page.projectName, page,
            status: .unprocessableEntity)
    }
}
