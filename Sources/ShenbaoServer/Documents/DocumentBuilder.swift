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
        let applicationID = try application.requireID()
        let opinions = try await OpinionModel.query(on: db).filter(\.$application.$id == applicationID)
            .filter(\.$stage == .recommender).with(\.$organization).sort(\.$createdAt).all()
        let final = ReviewOpinions.final(opinions, lastSubmittedAt: application.submittedAt) { opinion in
            ReviewOpinions.RecommenderOpinion(
                recommender: opinion.$organization.id.uuidString, decision: opinion.decision.onChain,
                recordedAt: opinion.createdAt ?? .distantPast)
        }
        return ApplicationDocument(
            category: application.category,
            organization: application.organizationSnapshot ?? organization?.form ?? OrganizationForm(),
            form: application.form,
            cooperationOptions: definition?.cooperationContent ?? [],
            fieldOptions: definition?.fields ?? [],
            recommenderOpinions: final.map {
                ApplicationDocument.Opinion(
                    organization: $0.organization.name, decision: $0.decision.label($0.stage), comment: $0.comment)
            },
            provinceDecision: try await provinceDecision(of: application),
            edition: call.formEditionLabel,
            number: application.number)
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

    /// `申报单位名称+项目名称`, the name the guide gives the package and its files.
    func baseName(for application: ApplicationModel) async throws -> String {
        let organization = try await application.organization(on: db)
        let name = application.organizationSnapshot?.name ?? organization?.name ?? "申报单位"
        return ApplicationPackage.safeName(name + "+" + (application.form.projectName ?? "未命名项目"))
    }

    func docx(for application: ApplicationModel) async throws -> Data {
        try ApplicationDocx.data(try await document(for: application))
    }

    /// The package: the form as .docx and .pdf and every attachment under its own name. Without
    /// LibreOffice the package still comes, without the PDF, rather than not at all. `background`:
    /// see `PDFConverter.convert`.
    func package(for application: ApplicationModel, converter: PDFConverter, background: Bool = false) async throws
        -> Data
    {
        let base = try await baseName(for: application)
        let docx = try await docx(for: application)
        // The generated files are dated when they are made, the attachments when they were uploaded.
        var files = [ApplicationPackage.File(name: base + ".docx", data: docx, date: Date())]
        if PDFConverter.office != nil {
            let pdf = try await converter.convert(docx, background: background)
            files.append(ApplicationPackage.File(name: base + ".pdf", data: pdf, date: Date()))
        }
        let attachments = try await application.attachments(on: db)
        for attachment in attachments {
            guard let data = try await BlobModel.content(attachment.sha256, on: db, store: store) else { continue }
            files.append(
                ApplicationPackage.File(name: attachment.name, data: data, date: attachment.createdAt ?? Date()))
        }
        return try ApplicationPackage.zip(folder: base, files: files)
    }
}
