import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Records and lists the payments of a funded project (经费拨付, issue 30). The rule of one
/// payment and the cap are Core's `Disbursement`; here they meet the database: the status, the
/// approved amount, the payments so far, under one lock per application.
struct DisbursementService {
    let req: Request
    let user: AuthenticatedUser

    var db: any Database { req.db }

    /// One payment as the API and the page show it.
    struct DTO: Content, Equatable {
        var id: UUID
        var applicationId: UUID
        var paidOn: String
        var amountYuan: Int
        var phaseIndex: Int?
        var voucherNumber: String
        var note: String?
        var recordedBy: UUID
        var createdAt: Date?
    }

    /// The payments of one project with 批准 / 已拨付 / 剩余.
    struct ListDTO: Content {
        var items: [DTO]
        var approvedYuan: Int
        var paidYuan: Int
        var remainingYuan: Int
    }

    static func dto(_ model: DisbursementModel) throws -> DTO {
        DTO(
            id: try model.requireID(), applicationId: model.$application.id, paidOn: model.paidOn,
            amountYuan: model.amountYuan, phaseIndex: model.phaseIndex, voucherNumber: model.voucherNumber,
            note: model.note, recordedBy: model.recordedBy, createdAt: model.createdAt)
    }

    /// The amount the meeting approved for the application (资助金额), 0 when it was not funded.
    static func approvedYuan(of applicationID: UUID, on db: any Database) async throws -> Int {
        let decision = try await MeetingDecisionModel.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$funded == true).first()
        return decision?.amountYuan ?? 0
    }

    /// The day the project was approved (立项): the publication's step on the timeline (not a
    /// returned agreement's, which also leads back to `approved`).
    static func approvedOn(_ applicationID: UUID, on db: any Database) async throws -> Day? {
        let event = try await ApplicationEventModel.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$action == EventAction.workflow(.approve).rawValue).sort(\.$sequence, .descending).first()
        return event.map { ChineseFormat.today($0.at) }
    }

    /// Every payment of an application, oldest first, with the summary (the list is bounded by
    /// `Disbursement.maximumCount`, which `record` enforces).
    static func list(_ applicationID: UUID, on db: any Database) async throws -> ListDTO {
        let models = try await DisbursementModel.query(on: db).filter(\.$application.$id == applicationID)
            .sort(\.$paidOn).sort(\.$createdAt).limit(Disbursement.maximumCount).all()
        let summary = Disbursement.Summary(
            approvedYuan: try await approvedYuan(of: applicationID, on: db), payments: models.map(\.amountYuan))
        return ListDTO(
            items: try models.map(Self.dto), approvedYuan: summary.approvedYuan, paidYuan: summary.paidYuan,
            remainingYuan: summary.remainingYuan)
    }

    /// What finance does here, in the refusal outside a running project (协议确认之后 only).
    static let doing = "记录经费拨付"

    /// Records one payment: the fields first (every problem at once, 422), then, inside one
    /// transaction under the application's lock, the status, the 凭证号 and the cap (409), the
    /// record, the timeline event, the audit line and the unit's notification.
    func record(_ application: ApplicationModel, _ input: Disbursement.Input) async throws -> DisbursementModel {
        guard user.role == .finance else { throw AppError.forbidden }
        let applicationID = try application.requireID()
        if let refusal = ProjectStep.refusal(application.status, doing: Self.doing) { throw refusal }
        let approvedOn = try await Self.approvedOn(applicationID, on: db)
        let (checked, problems) = Disbursement.check(
            input, phaseCount: application.form.phases?.count ?? 0, today: ChineseFormat.today(req.now),
            approvedOn: approvedOn)
        let amountField = input.amountWan != nil && input.amountYuan == nil ? "amountWan" : "amountYuan"
        guard problems.isEmpty, let payment = checked else {
            // The cap as it stands now, beside the other problems (checked again under the lock).
            var all = problems
            if let amount = Disbursement.amount(of: input) {
                let paid = try await DisbursementModel.query(on: db).filter(\.$application.$id == applicationID)
                    .limit(Disbursement.maximumCount).all().map(\.amountYuan)
                let approved = try await Self.approvedYuan(of: applicationID, on: db)
                if let over = Disbursement.cap(
                    paidYuan: Disbursement.Summary(approvedYuan: approved, payments: paid).paidYuan,
                    amountYuan: amount, approvedYuan: approved, field: amountField)
                {
                    all.append(over)
                }
            }
            throw AppError.validation(all)
        }
        let now = req.now
        let user = user
        let config = req.application.shenbaoConfig
        let req = req
        return try await db.transaction { db in
            // Read again under the lock: the status and the payments as they are now.
            let current = try await ProjectStep.current(
                applicationID, lock: "disbursements:\(applicationID)", doing: Self.doing, on: db)
            let earlier = try await DisbursementModel.query(on: db).filter(\.$application.$id == applicationID)
                .field(\.$id).field(\.$amountYuan).field(\.$voucherNumber).all()
            if earlier.contains(where: { $0.voucherNumber == payment.voucherNumber }) {
                throw AppError(
                    status: .conflict, code: .duplicate,
                    message: "凭证号“\(payment.voucherNumber)”已登记过一笔拨付，同一凭证号不能重复登记",
                    problems: [
                        Problem(
                            field: "voucherNumber", code: .duplicate,
                            message: "凭证号“\(payment.voucherNumber)”已登记过一笔拨付，同一凭证号不能重复登记")
                    ])
            }
            guard earlier.count < Disbursement.maximumCount else {
                throw AppError.conflict("每个项目最多登记\(Disbursement.maximumCount)笔拨付", code: .outOfBounds)
            }
            let approved = try await Self.approvedYuan(of: applicationID, on: db)
            let paid = Disbursement.Summary(approvedYuan: approved, payments: earlier.map(\.amountYuan)).paidYuan
            if let over = Disbursement.cap(
                paidYuan: paid, amountYuan: payment.amountYuan, approvedYuan: approved, field: amountField)
            {
                throw AppError(
                    status: .conflict, code: .disbursementAboveApproved, message: over.message, problems: [over])
            }
            let model = DisbursementModel()
            model.$application.id = applicationID
            model.callID = current.$call.id
            model.paidOn = payment.paidOn.description
            model.amountYuan = payment.amountYuan
            model.phaseIndex = payment.phaseIndex
            model.voucherNumber = payment.voucherNumber
            model.note = payment.note
            model.recordedBy = user.id
            try await model.create(on: db)

            let total = paid + payment.amountYuan
            let phase = payment.phaseIndex.map { "（第\($0 + 1)阶段）" } ?? ""
            let line =
                "\(payment.paidOn.chinese)拨付\(WanAmount.withUnit(payment.amountYuan))\(phase)，凭证号\(payment.voucherNumber)；累计\(WanAmount.withUnit(total))，剩余\(WanAmount.withUnit(max(0, approved - total)))"
            try await ApplicationEventModel.append(
                to: applicationID, actor: user, action: .disburse, from: nil, to: nil, comment: line, at: now, on: db)
            try await AuditTrail.record(
                .disbursementRecorded, by: user,
                subject: .application(current),
                detail: line, request: req, on: db)
            try await Notifier(db: db, config: config).notify(
                organization: current.$organization.id, title: "经费已拨付",
                body: "项目“\(current.projectName ?? "")”\(line)。", application: current)
            return model
        }
    }
}
