import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// A recommender's opinion on the application it holds: recommend (a county to its city, the
/// others to the province), return to the applicant, or refuse. One transaction holds the
/// status change, the opinion, the history event and the notifications.
struct RecommendationService {
    let db: any Database
    let user: AuthenticatedUser
    let config: Config
    /// The time the 补正 period is counted from (the tests set the application's clock).
    var now: Date

    struct Input: Content {
        var decision: String?
        var comment: String?
        var attested: Bool?
        var forwardToId: String?
        /// The 补正 period of a return, in working days (CorrectionPeriod; default the call's, else 5).
        var correctionDays: NumberText?
    }

    func decide(_ application: ApplicationModel, _ input: Input) async throws {
        // The second of two clicks, or of two clerks, finds the application already moved on.
        if let mine = user.organizationID, application.$holder.id != mine,
            try await OpinionModel.query(on: db).filter(\.$application.$id == application.requireID())
                .filter(\.$organization.$id == mine).count() > 0
        {
            throw AppError(
                status: .conflict, code: .alreadyDecided,
                message: "本单位已对该申报书提出意见（当前状态：\(application.status.label)），不能重复办理")
        }
        guard user.role == .recommender, let mine = user.organizationID, application.$holder.id == mine,
            let organization = try await OrganizationModel.find(mine, on: db), let kind = organization.recommenderKind
        else {
            throw AppError(
                status: .forbidden, code: .notHolder, message: "该申报书当前不在本单位办理，不能提出推荐意见")
        }
        try await CorrectionReturn.refuseLateRecommendation(application, now: now, on: db)
        let decision = input.decision.flatMap(OpinionModel.Decision.init(rawValue:))
        // 推荐名额 (docs/rules.md §5): a recommender past its quota is told so before anything else.
        if decision == .recommend {
            try await RecommenderQuotaService(db: db).check(application, by: organization, kind: kind)
        }
        var problems: [Problem] = []
        if decision == nil || decision == .accept {
            problems.append(
                Problem(
                    field: "decision", code: input.decision == nil ? .required : .invalidValue,
                    message: input.decision == nil
                        ? "请选择审核意见：推荐、退回修改或不予推荐"
                        : "审核意见应为推荐（recommend）、退回修改（return）或不予推荐（reject）"))
        }
        let (comment, commentProblems) = Opinion.recommendation.check(input.comment)
        problems += commentProblems
        let facts =
            organization.recommenderFacts
            ?? RecommenderFacts(kind: kind, divisionCode: organization.divisionCode)
        var target: OrganizationModel?
        if decision == .recommend {
            if input.attested != true {
                problems.append(
                    Problem(
                        field: "attested", code: .required,
                        message: "推荐前请确认已对申报材料的真实性、合法性、合规性进行审核"))
            }
            problems += RecommenderStanding.recommendingProblems(facts, today: ChineseFormat.today(now))
            target = try await nextHolder(after: facts, forwardTo: input.forwardToId, problems: &problems)
        }
        var correction = CorrectionReturn.Outcome.none
        if decision == .return {
            correction = try await CorrectionReturn.period(
                for: application, workingDays: input.correctionDays?.text, today: ChineseFormat.today(now), on: db)
            problems += correction.problems
        }
        guard problems.isEmpty, let decision else { throw AppError.validation(problems) }

        let action: WorkflowAction
        switch decision {
        case .recommend: action = target?.kind == .province ? .recommendToProvince : .recommendToCity
        case .return: action = .returnForRevision
        case .reject, .accept: action = .reject
        }
        let change = try StatusChange(application, action, by: user.role)
        application.$holder.id = change.to == .draft || change.to == .rejected ? nil : try target?.requireID()
        if let end = correction.end { application.correctionEndsOn = end.description }
        let instruction = correction.instruction
        let opinion = OpinionModel()
        opinion.$application.id = try application.requireID()
        opinion.$organization.id = mine
        opinion.userID = user.id
        opinion.signer = user.contactName
        opinion.stage = .recommender
        opinion.decision = decision
        opinion.comment = comment
        opinion.attested = input.attested == true
        opinion.forwardedTo = target?.id
        let config = config
        let targetID = target?.id
        let projectName = application.form.projectName ?? "申报书"
        try await db.transaction { db in
            if decision == .recommend {
                // Counted again alone for this recommender: two recommendations at once cannot
                // both take its last slot.
                try await TransactionLock.hold("recommender-quota:\(mine)", on: db)
                try await RecommenderQuotaService(db: db).check(application, by: organization, kind: kind)
            }
            try await change.commit(by: user, comment: comment, organizationName: organization.name, at: now, on: db)
            try await opinion.create(on: db)
            let notifier = Notifier(db: db, config: config)
            switch decision {
            case .recommend:
                try await notifier.notify(
                    organization: targetID, title: "待审核：\(projectName)",
                    body: "\(organization.name)推荐了“\(projectName)”，请审核。", application: application)
            case .return:
                try await notifier.notify(
                    organization: application.$organization.id, title: "申报书被退回修改：\(projectName)",
                    body: "\(organization.name)退回了“\(projectName)”，意见：\(comment)。\(instruction ?? "请修改后重新提交")。",
                    application: application)
            case .reject, .accept:
                try await notifier.notify(
                    organization: application.$organization.id, title: "申报书未获推荐：\(projectName)",
                    body: "\(organization.name)对“\(projectName)”的意见为不予推荐：\(comment)", application: application)
            }
        }
    }

    /// Where a recommendation goes: a county's own city association, everyone else's the province.
    private func nextHolder(after facts: RecommenderFacts, forwardTo raw: String?, problems: inout [Problem])
        async throws -> OrganizationModel?
    {
        let target: OrganizationModel?
        switch RecommendationRoute.next(after: facts, divisions: .hunan) {
        case .city(let code):
            // The active one first: the province may have replaced a city association and
            // deactivated the old one.
            let cities = try await OrganizationModel.query(on: db).filter(\.$kind == .recommender)
                .filter(\.$recommenderKind == .city).filter(\.$divisionCode == code).limit(10).all()
            target = cities.first(where: \.isActive) ?? cities.first
            if target == nil {
                problems.append(Problem(field: "forwardToId", code: .notFound, message: "未找到本县（市、区）所属市州的科协"))
            }
            if let target, let facts = target.recommenderFacts {
                problems += RecommenderStanding.receivingProblems(
                    facts, name: target.name, today: ChineseFormat.today(now))
            }
        case .province:
            target = try await OrganizationModel.query(on: db).filter(\.$kind == .province).first()
        }
        // A client may name where it sends; it must be where the route leads (属地管理).
        if let raw, !raw.isEmpty, let target, raw.lowercased() != target.id?.uuidString.lowercased() {
            problems.append(
                Problem(
                    field: "forwardToId", code: .wrongRoute,
                    message: "按照推荐渠道，本单位推荐的申报书只能报送\(target.name)"))
        }
        return target
    }
}
