import Fluent
import Foundation
import ShenbaoCore
import ShenbaoDocuments
import Vapor

/// Turns an application and its opinions into the documents of the guide: the form as Word and
/// PDF, and the e-mail package.
struct DocumentBuilder {
    let db: any Database
    let store: AttachmentStore?

    func document(for application: ApplicationModel) async throws -> ApplicationDocument {
        let call = try await application.callDefinition(on: db)
        let definition = call.categories.first { $0.code == application.category }
        let organization = try await application.organization(on: db)
        let review = try await reviewBoxes(for: application)
        return ApplicationDocument(
            category: application.category,
            organization: application.organizationSnapshot ?? organization?.form ?? OrganizationForm(),
            form: application.form,
            // A retired option is printed only where this application ticked it.
            cooperationOptions: (definition?.cooperationContent ?? []).offered(
                keeping: application.form.cooperationContent?.codes ?? []),
            fieldOptions: (definition?.fields ?? []).offered(keeping: application.form.fields?.codes ?? []),
            recommenderOpinions: review.opinions, provinceDecision: review.provinceDecision,
            edition: call.formEditionLabel,
            number: application.number,
            supplement: try await supplement(for: application, questions: call.questions ?? []))
    }

    /// The appendix 补充信息: each extra question the application's category asks, with its answer
    /// as the list writes it (a file question: the names of the files uploaded for it).
    func supplement(for application: ApplicationModel, questions: [Question]) async throws
        -> [ApplicationDocument.Supplement]
    {
        let asked = questions.filter { $0.asks(application.category) }
        guard !asked.isEmpty else { return [] }
        let files =
            asked.contains { $0.kind == .file }
            ? try await AttachmentModel.query(on: db).filter(\.$application.$id == application.requireID())
                .filter(\.$conditionCode != nil).all() : []
        return asked.map { question in
            let answer =
                question.kind == .file
                ? files.filter { $0.conditionCode == question.code }.map(\.name).joined(separator: "、")
                : application.form.answers?[question.code]?.display(for: question) ?? ""
            return ApplicationDocument.Supplement(question: question.label, answer: answer)
        }
    }

    /// What section 四 carries (ReviewOpinions): the recommenders' final opinions of the latest
    /// round, and the published decision; the same for the Word form and the print view.
    func reviewBoxes(for application: ApplicationModel) async throws
        -> (opinions: [ApplicationDocument.Opinion], provinceDecision: String?)
    {
        // A draft's boxes are blank by rule (ReviewOpinions.final; no decision is published for
        // one): the form being edited asks nothing of the database for them.
        guard application.status != .draft else { return ([], nil) }
        let applicationID = try application.requireID()
        let opinions = try await OpinionModel.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$stage == .recommender).with(\.$organization).sort(\.$createdAt).all()
        let final = ReviewOpinions.final(
            opinions, status: application.status, lastSubmittedAt: application.submittedAt
        ) { opinion in
            ReviewOpinions.RecommenderOpinion(
                recommender: opinion.$organization.id.uuidString, decision: opinion.decision.onChain,
                recordedAt: opinion.createdAt ?? .distantPast)
        }
        return (
            final.map {
                ApplicationDocument.Opinion(
                    organization: $0.organization.name, decision: $0.decision.label($0.stage), comment: $0.comment)
            },
            try await provinceDecision(of: application)
        )
    }

    /// 省科协审定意见: the meeting's decision once the call's list is published, else nothing.
    private func provinceDecision(of application: ApplicationModel) async throws -> String? {
        let notice = try await NoticeModel.query(on: db).filter(\.$call.$id == application.$call.id)
            .filter(\.$publishedAt != nil).first()
        guard notice != nil else { return nil }
        let decision = try await MeetingDecisionModel.query(on: db)
            .filter(\.$application.$id == application.requireID()).first()
        return ReviewOpinions.provinceDecision(
            published: true, status: application.status, decided: decision != nil, amountYuan: decision?.amountYuan)
    }

    /// `申报单位名称+项目名称`, the name the guide gives the package and its files, after the
    /// application's number once it has one (`2025-HY-0012 申报单位名称+项目名称`): first, so a
    /// long name shortened to fit keeps it, and a folder of packages sorts by it.
    func baseName(for application: ApplicationModel) async throws -> String {
        let organization = try await application.organization(on: db)
        let name = application.organizationSnapshot?.name ?? organization?.name ?? "申报单位"
        let prefix = application.number.map { $0 + " " } ?? ""
        return ApplicationPackage.safeName(prefix + name + "+" + (application.form.projectName ?? "未命名项目"))
    }

    func docx(for application: ApplicationModel) async throws -> Data {
        try ApplicationDocx.data(try await document(for: application))
    }

    /// The package: the form as .docx and .pdf and every attachment under its own name. Without
    /// LibreOffice the package still comes, without the PDF, rather than not at all. `background`:
    /// see `PDFConverter.convert`.
    func package(
        for application: ApplicationModel, converter: PDFConverter, background: Bool = false, now: Date
    ) async throws
        -> Data
    {
        let base = try await baseName(for: application)
        let docx = try await docx(for: application)
        // The generated files are dated when they are made, the attachments when they were uploaded.
        var files = [ApplicationPackage.File(name: base + ".docx", data: docx, date: now)]
        if PDFConverter.office != nil {
            let pdf = try await converter.convert(docx, background: background)
            files.append(ApplicationPackage.File(name: base + ".pdf", data: pdf, date: now))
        }
        let attachments = try await application.attachments(on: db)
        for attachment in attachments {
            guard let data = try await BlobModel.content(attachment.sha256, on: db, store: store) else { continue }
            files.append(
                ApplicationPackage.File(name: attachment.name, data: data, date: attachment.createdAt ?? now))
        }
        return try ApplicationPackage.zip(folder: base, files: files)
    }
}
