import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province keeps the register of applicant organisations: finds one, registers one by hand
/// (人工登记) and edits one's registered details. Applications already submitted keep the copy
/// made at submission, so nothing here changes them; a name change keeps the old name.
struct OrganizationAdminService {
    let request: Request
    var db: any Database { request.db }

    static let searchLimit = 50
    static let historyLimit = 100
    static let queryLimit = 100

    /// The body of hand registration and of an edit: the registered details (an edit replaces the
    /// fields sent and keeps the others) and, for a code failing its check character, the reason.
    struct Input: Content {
        var organization: OrganizationForm?
        var usccExceptionReason: String?
    }

    // MARK: - Search

    /// Applicant organisations whose name, former name or code contains `query`; the latest
    /// registered first when it is empty.
    func search(_ raw: String?) async throws -> [OrganizationSummary] {
        let query = try Self.query(raw)
        var builder = OrganizationModel.query(on: db).filter(\.$kind == .applicant)
        if !query.isEmpty {
            let formerly = try await OrganizationNameChangeModel.query(on: db).filter(\.$oldName ~~ query)
                .limit(Self.searchLimit).all().map(\.$organization.id)
            let code = USCC.normalized(query)
            builder = builder.group(.or) { or in
                or.filter(\.$name ~~ query).filter(\.$uscc ~~ code)
                if !formerly.isEmpty { or.filter(\.$id ~~ formerly) }
            }
        }
        let found = try await builder.sort(\.$createdAt, .descending).limit(Self.searchLimit).all()
        let ids = found.compactMap(\.id)
        let changes = try await OrganizationNameChangeModel.query(on: db).filter(\.$organization.$id ~~ ids)
            .sort(\.$changedAt).all()
        return try found.map { organization in
            let id = try organization.requireID()
            return OrganizationSummary(
                id: id, name: organization.name, uscc: organization.uscc,
                divisionName: organization.divisionCode.flatMap { DivisionCatalog.hunan.displayName(code: $0) } ?? "",
                formerNames: changes.filter { $0.$organization.id == id }.map(\.oldName),
                usccException: organization.usccExceptionReason != nil)
        }
    }

    /// The search text, trimmed; a pasted page is refused rather than sent to the database.
    static func query(_ raw: String?) throws -> String {
        let query = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard query.count <= queryLimit else {
            throw AppError.validation([
                Problem(field: "q", code: .tooLong, message: "搜索内容不能超过\(queryLimit)个字，当前为\(query.count)个字")
            ])
        }
        return query
    }

    /// An applicant organisation, or 404: recommenders and the province are kept elsewhere.
    func find(_ raw: String?) async throws -> OrganizationModel {
        guard let id = raw.flatMap(UUID.init(uuidString:)),
            let organization = try await OrganizationModel.find(id, on: db), organization.kind == .applicant
        else { throw AppError.notFound("该申报单位") }
        return organization
    }

    // MARK: - Hand registration

    /// Registers an organisation for the province: every rule of self-registration, except that a
    /// code failing only its check character passes with a reason, recorded with its approver.
    func register(_ input: Input, by user: AuthenticatedUser) async throws -> OrganizationModel {
        let form = (input.organization ?? OrganizationForm()).normalized()
        let call = try await RegistrationService.currentCall(on: db)
        let outcome = HandRegistration.evaluate(form, reason: input.usccExceptionReason, call: call, divisions: .hunan)
        let problems = outcome.problems + (try await duplicate(form.uscc, except: nil))
        guard problems.isEmpty else { throw AppError.validation(problems) }

        let model = OrganizationModel(applicant: form)
        let now = request.now
        if let reason = outcome.exceptionReason {
            model.usccExceptionReason = reason
            model.usccExceptionApprovedBy = user.id
            model.usccExceptionAt = now
        }
        let detail =
            "省科协人工登记，统一社会信用代码 \(form.uscc ?? "")"
            + (outcome.exceptionReason.map { "（校验位未通过，理由：\($0)）" } ?? "")
        try await saving(form.uscc) {
            try await db.transaction { db in
                try await model.create(on: db)
                try await AuditTrail.record(
                    .organizationCreated, by: user, subject: .init(id: model.id, name: model.name), detail: detail,
                    request: request, on: db)
            }
        }
        return model
    }

    // MARK: - Edit

    /// Changes the registered details sent. A new name is written to the history; a code changed
    /// to one failing its check needs a reason again, from this clerk. No change, no write.
    func edit(_ organization: OrganizationModel, _ input: Input, by user: AuthenticatedUser) async throws {
        let before = organization.form.normalized()
        let after = Self.merged(before, with: input.organization ?? OrganizationForm()).normalized()
        let codeChanged = after.uscc != before.uscc
        // The approval given stands while the code stays; a new reason is a new approval.
        let sentReason = input.usccExceptionReason.flatMap { TextRules.isMissing($0) ? nil : $0 }
        let reason = sentReason ?? (codeChanged ? nil : organization.usccExceptionReason)
        let call = try await RegistrationService.currentCall(on: db)
        let outcome = HandRegistration.evaluate(after, reason: reason, call: call, divisions: .hunan)
        let problems = outcome.problems + (try await duplicate(after.uscc, except: organization.id))
        guard problems.isEmpty else { throw AppError.validation(problems) }

        let changed = Self.changedLabels(before, after)
        let reasonChanged = outcome.exceptionReason != organization.usccExceptionReason
        guard !changed.isEmpty || reasonChanged else { return }

        let id = try organization.requireID()
        let oldName = organization.name
        let now = request.now
        Self.apply(after, to: organization)
        if let accepted = outcome.exceptionReason {
            if reasonChanged || codeChanged {
                organization.usccExceptionReason = accepted
                organization.usccExceptionApprovedBy = user.id
                organization.usccExceptionAt = now
            }
        } else {
            organization.usccExceptionReason = nil
            organization.usccExceptionApprovedBy = nil
            organization.usccExceptionAt = nil
        }
        let detail: String =
            "修改：" + (changed.isEmpty ? "校验位例外理由" : changed.joined(separator: "、"))
            + (oldName != organization.name ? "；原名称“\(oldName)”" : "")
            + (reasonChanged ? outcome.exceptionReason.map { "；校验位未通过，理由：\($0)" } ?? "" : "")
        try await saving(after.uscc) {
            try await db.transaction { db in
                if oldName != organization.name {
                    try await OrganizationNameChangeModel(
                        organizationID: id, oldName: oldName, newName: organization.name, at: now, by: user
                    ).create(on: db)
                }
                try await organization.save(on: db)
                try await AuditTrail.record(
                    .organizationEdited, by: user, subject: .init(id: id, name: organization.name), detail: detail,
                    request: request, on: db)
            }
        }
    }

    /// The fields sent replace the stored ones; a field not sent keeps its value. An empty string
    /// is sent and clears (and is then refused as missing), so "keep" and "clear" never mix up.
    static func merged(_ stored: OrganizationForm, with sent: OrganizationForm) -> OrganizationForm {
        var form = stored
        func take(_ keyPath: WritableKeyPath<OrganizationForm, String?>) {
            if let value = sent[keyPath: keyPath] { form[keyPath: keyPath] = value }
        }
        for keyPath in [
            \OrganizationForm.name, \.uscc, \.legalRepresentative, \.address, \.postalCode, \.phone, \.nature,
            \.applicantKind, \.divisionCode,
        ] {
            take(keyPath)
        }
        if let bank = sent.bankAccount {
            var account = form.bankAccount ?? BankAccountForm()
            if let value = bank.accountName { account.accountName = value }
            if let value = bank.bankName { account.bankName = value }
            if let value = bank.accountNumber { account.accountNumber = value }
            form.bankAccount = account
        }
        return form
    }

    /// The labels of the fields that differ, in the form's order.
    static func changedLabels(_ before: OrganizationForm, _ after: OrganizationForm) -> [String] {
        let fields: [(String, (OrganizationForm) -> String?)] = [
            ("单位名称", \.name), ("统一社会信用代码", \.uscc), ("法人代表", \.legalRepresentative), ("地址", \.address),
            ("邮政编码", \.postalCode), ("联系电话", \.phone), ("单位性质", \.nature), ("申报单位类别", \.applicantKind),
            ("所在行政区划", \.divisionCode), ("开户名", { $0.bankAccount?.accountName }),
            ("开户银行", { $0.bankAccount?.bankName }), ("账号", { $0.bankAccount?.accountNumber }),
        ]
        return fields.filter { $0.1(before) != $0.1(after) }.map(\.0)
    }

    private static func apply(_ form: OrganizationForm, to model: OrganizationModel) {
        let fresh = OrganizationModel(applicant: form)
        model.name = fresh.name
        model.uscc = fresh.uscc
        model.legalRepresentative = fresh.legalRepresentative
        model.address = fresh.address
        model.postalCode = fresh.postalCode
        model.phone = fresh.phone
        model.nature = fresh.nature
        model.applicantKind = fresh.applicantKind
        model.divisionCode = fresh.divisionCode
        model.bankAccountName = fresh.bankAccountName
        model.bankName = fresh.bankName
        model.bankAccountNumber = fresh.bankAccountNumber
    }

    // MARK: - One code, one organisation

    /// The code belongs to another organisation: refused, naming it. Two organisations are never
    /// merged, silently or otherwise; the clerk decides which one is meant.
    private func duplicate(_ uscc: String?, except id: UUID?) async throws -> [Problem] {
        guard let uscc, !uscc.isEmpty else { return [] }
        var query = OrganizationModel.query(on: db).filter(\.$uscc == uscc)
        if let id { query = query.filter(\.$id != id) }
        guard let other = try await query.first() else { return [] }
        return [Self.taken(by: other.name)]
    }

    static func taken(by name: String?) -> Problem {
        Problem(
            field: "organization.uscc", code: .duplicate,
            message: "该统一社会信用代码已登记为“\(name ?? "另一单位")”。同一代码只能登记一个单位，系统不会合并两个单位；如该单位已更名，请打开原单位修改名称")
    }

    /// Runs a write; another registration of the same code that won the race is refused like
    /// the check before it would have.
    private func saving(_ uscc: String?, _ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            let other = try await uscc.asyncFlatMap {
                try await OrganizationModel.query(on: db).filter(\.$uscc == $0).first()
            }
            throw AppError.validation([Self.taken(by: other?.name)])
        }
    }
}
