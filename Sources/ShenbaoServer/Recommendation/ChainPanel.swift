import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The part of an application page about its way up the chain: the opinions, the timeline, the
/// opinion a returned draft came back with, and the decision forms for the one who holds it.
enum ChainPanel {
    static func fill(
        _ page: inout ApplicationPage, application: ApplicationModel, user: AuthenticatedUser, call: CallDefinition,
        organization: OrganizationModel, now: Date, on db: any Database
    ) async throws {
        let opinions = try await ChainRecord.opinions(of: application, on: db)
        page.opinions = opinions.map {
            ApplicationPage.OpinionLine(
                organization: $0.organizationName, signer: $0.signer, decision: $0.decisionLabel, comment: $0.comment,
                at: $0.at.map(ChineseFormat.dateTime) ?? "",
                paperCopies: $0.paperCopiesReceivedOn.flatMap(Day.init)?.chinese ?? "")
        }
        if application.status == .draft, let last = opinions.last, last.decision == "return" {
            page.returnedWith = page.opinions.last
        }
        let callFacts = try await CorrectionReturn.call(of: application, on: db)
        page.canReturn = callFacts.map { CorrectionPeriod.acceptsReturns(in: $0.phase) } ?? true
        page.defaultCorrectionDays = CorrectionPeriod.defaultDays(of: callFacts?.correctionWorkingDays)
        // The call's own default is written into the box, so the returner sees what applies;
        // without one the box stays empty and says 5.
        if let days = callFacts?.correctionWorkingDays, CorrectionPeriod.workingDays.contains(days) {
            page.typed.correctionDays = String(days)
        }
        if application.status == .draft, let end = application.correctionEndsOn.flatMap(Day.init) {
            let deadlinePassed = callFacts?.deadline.map { now >= $0 } ?? false
            let submission = CorrectionPeriod.submission(
                phase: callFacts?.phase ?? .open, deadlinePassed: deadlinePassed, correctionEndsOn: end,
                today: ChineseFormat.today(now))
            switch submission {
            case .allowed: page.correction = CorrectionReturn.instruction(end: end, deadline: callFacts?.deadline)
            case .periodEnded:
                page.correction = submission.refusal(deadline: nil, programme: "", phase: .open)?.message
            case .deadlinePassed, .callClosed: break
            }
        }
        page.timeline = try await ChainRecord.history(of: application, on: db).map {
            ApplicationPage.EventLine(
                at: ChineseFormat.dateTime($0.at), actor: "\($0.actor)（\($0.roleLabel)）",
                organization: $0.organization ?? "",
                action: $0.actionLabel, status: $0.toStatusLabel ?? "", comment: $0.comment ?? "")
        }
        page.today = ChineseFormat.today(now).description
        if user.role == .recommender, application.status == .atRecommender, let mine = user.organizationID,
            application.$holder.id == mine, let holder = try await OrganizationModel.find(mine, on: db),
            let kind = holder.recommenderKind
        {
            page.canRecommend = true
            let facts = RecommenderFacts(kind: kind, divisionCode: holder.divisionCode, sanctionedUntil: nil)
            switch RecommendationRoute.next(after: facts, divisions: .hunan) {
            case .city(let code):
                page.recommendTarget = DivisionCatalog.hunan.division(code: code).map { $0.name + "科学技术协会" } ?? "所属市州科协"
            case .province:
                page.recommendTarget = "湖南省科学技术协会"
            }
            if let quota = try await RecommenderQuotaService(db: db).usage(of: holder, in: application)
                .first(where: { $0.category == application.category.rawValue && $0.limit != nil })
            {
                page.recommendQuota =
                    "本单位\(quota.categoryLabel)推荐名额\(quota.limitText)，已推荐\(quota.used)项，剩余\(quota.remainingText)"
            }
        }
        if user.role == .province, application.status == .atProvince {
            page.canIntake = true
            let attachments = try await application.attachments(on: db)
            page.checklist = IntakeService.checklist(
                for: application, organization: organization, call: call, attachments: attachments
            ).map { ApplicationPage.ChecklistLine(code: $0.code, label: $0.label, found: $0.found) }
        }
    }
}
