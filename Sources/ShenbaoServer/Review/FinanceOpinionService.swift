import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Finance's budget opinion per application (财务预算意见): agree with the request, or reduce it
/// to an amount, with a reason. It may be revised until the meeting's decisions are confirmed.
struct FinanceOpinionService {
    let db: any Database
    let user: AuthenticatedUser

    struct Input: Content {
        var decision: String?
        var amountYuan: Int?
        var comment: String?
        /// The clerk has seen that the reduced amount is below the call's minimum per project.
        var confirmBelowMinimum: Bool?
    }

    struct View: Content {
        var applicationId: UUID
        var decision: String
        var decisionLabel: String
        var amountYuan: Int?
        var comment: String
        var signer: String
        var updatedAt: Date?
    }

    func put(_ application: ApplicationModel, _ input: Input) async throws -> View {
        guard user.role == .finance else { throw AppError.forbidden }
        guard ApplicationStatus.beforeDecision.contains(application.status) else {
            throw AppError.conflict(
                "该申报书当前状态为“\(application.status.label)”，不在可提出预算意见的阶段（受理后至会议审议前）", code: .notOpenForFinance)
        }
        var problems: [Problem] = []
        let decision = input.decision.flatMap(FinanceOpinionModel.Decision.init(rawValue:))
        if decision == nil {
            problems.append(
                Problem(
                    field: "decision", code: input.decision == nil ? .required : .invalidValue,
                    message: input.decision == nil
                        ? "请选择预算意见：同意或核减"
                        : "预算意见应为同意（agree）或核减（reduce）"))
        }
        let requested = application.form.requestedYuan ?? 0
        if decision == .reduce {
            if let amount = input.amountYuan {
                if amount <= 0 {
                    problems.append(Problem(field: "amountYuan", code: .notPositive, message: "核减后金额必须大于0万元"))
                } else if amount >= requested {
                    problems.append(
                        Problem(
                            field: "amountYuan", code: .notReduced,
                            message:
                                "核减后金额\(WanAmount.withUnit(amount))应低于申请经费\(WanAmount.withUnit(requested))；如不核减请选择“同意”"
                        ))
                } else if input.confirmBelowMinimum != true,
                    let minimum = try await minimumAmount(application), amount < minimum
                {
                    problems.append(
                        Problem(
                            field: "amountYuan", code: .belowMinimumUnconfirmed,
                            message:
                                "核减后金额\(WanAmount.withUnit(amount))低于指南规定的每项最低资助金额\(WanAmount.withUnit(minimum))，该项目将不能获得资助；确认核减至此金额请勾选“确认低于最低资助金额”后再保存"
                        ))
                }
            } else {
                problems.append(Problem(field: "amountYuan", code: .required, message: "核减时请填写核减后金额"))
            }
        }
        let (comment, commentProblems) = Opinion.finance.check(input.comment, required: decision == .reduce)
        problems += commentProblems
        guard problems.isEmpty, let decision else { throw AppError.validation(problems) }
        let applicationID = try application.requireID()
        let opinion =
            try await FinanceOpinionModel.query(on: db).filter(\.$application.$id == applicationID).first()
            ?? FinanceOpinionModel()
        opinion.$application.id = applicationID
        opinion.decision = decision
        opinion.amountYuan = decision == .reduce ? input.amountYuan : nil
        opinion.comment = comment.isEmpty ? "同意申请金额" : comment
        opinion.signer = user.contactName
        try await opinion.save(on: db)
        return Self.view(opinion)
    }

    /// The call's minimum amount per project of the application's category (5 万元 in 2025).
    private func minimumAmount(_ application: ApplicationModel) async throws -> Int? {
        guard let call = try await CallModel.find(application.$call.id, on: db) else { return nil }
        return call.current.category(application.category)?.amountYuan.min
    }

    /// An opinion in words, as the desk, the ranking, the meeting and the Excel show it.
    static func words(decision: String?, amountYuan: Int?, comment: String?) -> String {
        switch decision.flatMap(FinanceOpinionModel.Decision.init(rawValue:)) {
        case .agree?: "同意"
        case .reduce?: "核减至\(WanAmount.withUnit(amountYuan ?? 0))：\(comment ?? "")"
        case nil: "—"
        }
    }

    static func view(_ opinion: FinanceOpinionModel) -> View {
        View(
            applicationId: opinion.$application.id, decision: opinion.decision.rawValue,
            decisionLabel: opinion.decision.label, amountYuan: opinion.amountYuan, comment: opinion.comment,
            signer: opinion.signer, updatedAt: opinion.updatedAt)
    }
}
