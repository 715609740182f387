import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// `GET/POST /api/v1/applications/{applicationId}/disbursements`: the payments of a funded
/// project. Finance records them; the province, finance, the unit and the recommenders of its
/// chain read them (ApplicationAccess: anyone else is told the application does not exist).
struct DisbursementsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let path: [PathComponent] = ["api", "v1", "applications", ":applicationId", "disbursements"]
        routes.grouped(RequireRoles(.applicant, .recommender, .province, .finance)).get(path, use: list)
        routes.grouped(RequireRoles(.finance)).post(path, use: create)
    }

    struct Input: Content {
        var paidOn: String?
        var amountYuan: Int?
        var phaseIndex: Int?
        var voucherNumber: String?
        var note: String?
    }

    func list(req: Request) async throws -> DisbursementService.ListDTO {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        return try await DisbursementService.list(try application.requireID(), on: req.db)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let application = try await ApplicationAccess.find(req.parameters.get("applicationId"), for: user, on: req.db)
        let input = try req.content.decode(Input.self)
        let model = try await DisbursementService(req: req, user: user).record(
            application,
            Disbursement.Input(
                paidOn: input.paidOn, amountYuan: input.amountYuan, phaseIndex: input.phaseIndex,
                voucherNumber: input.voucherNumber, note: input.note))
        return try await DisbursementService.dto(model).encodeResponse(status: .created, for: req)
    }
}
