import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// The funded project's letter (立项通知书) and agreement (项目任务书), as Word and as PDF, from
/// the application as submitted and the meeting's decision (`ProjectFacts`).
struct ProjectDocuments {
    let db: any Database

    /// The facts of `application`, a funded project; 409 before 立项. `now` dates a letter whose
    /// approval has no event (data older than the timeline).
    func facts(of application: ApplicationModel, now: Date) async throws -> ProjectFacts {
        guard ApplicationStatus.fundedProject.contains(application.status) else {
            throw AppError(
                status: .conflict, code: .notAllowedInStatus,
                message: "该申报书当前状态为“\(application.status.label)”，立项后才有立项通知书和项目任务书")
        }
        let id = try application.requireID()
        let call = try await application.$call.get(on: db)
        let organization = try await application.organization(on: db)
        return ProjectFacts(
            programme: call.programme, projectName: application.form.projectName ?? "未命名项目",
            applicationNumber: application.number ?? "",
            organization: application.organizationSnapshot?.name
                ?? organization?.name ?? "", categoryLabel: FormTexts.categoryLabel(application.category),
            leader: application.form.leader ?? "",
            amountYuan: try await DisbursementService.approvedYuan(of: id, on: db),
            period: application.form.period, goals: application.form.expectedGoals ?? "",
            phases: application.form.phases ?? [], issuer: "湖南省科学技术协会",
            publishedOn: try await DisbursementService.approvedOn(id, on: db) ?? ChineseFormat.today(now))
    }

    enum Kind: String {
        case awardLetter = "award-letter"
        case agreement

        var title: String { self == .awardLetter ? "立项通知书" : "项目任务书" }
    }

    func docx(_ kind: Kind, for application: ApplicationModel, now: Date) async throws -> Data {
        let facts = try await facts(of: application, now: now)
        switch kind {
        case .awardLetter: return try ProjectDocx.awardLetter(AwardLetter.content(facts))
        case .agreement: return try ProjectDocx.agreement(AgreementText.content(facts))
        }
    }

    /// `申报编号 项目名称+立项通知书`, safe as a file name.
    func name(_ kind: Kind, for application: ApplicationModel) -> String {
        let prefix = application.number.map { $0 + " " } ?? ""
        return ApplicationPackage.safeName(prefix + (application.form.projectName ?? "未命名项目") + "+" + kind.title)
    }
}
