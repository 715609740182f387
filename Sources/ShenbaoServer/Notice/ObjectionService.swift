import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Objections (异议) to the projects under notice: taken from the public during the notice,
/// resolved by the province (docs/rules.md §8).
struct ObjectionService {
    let db: any Database
    let config: Config
    let now: Date

    /// At most this many objections from one address per hour: enough for a real objector with
    /// several projects in mind, too few for a flood.
    static let perAddressPerHour = 5
    static let limit = RateLimit(
        bucket: "objection", limit: perAddressPerHour, window: 3600, code: .tooManyObjections,
        message: "同一网络地址一小时内最多提交\(perAddressPerHour)件异议，请稍后再试，或直接致电省科协")

    struct Receipt: Content {
        var receipt: String
        var receivedAt: Date
        var message: String
    }

    /// What the province sees: the objector's identity, the project and the outcome.
    struct ObjectionDTO: Content {
        var id: UUID
        var receipt: String
        var applicationId: UUID
        var project: String
        var organization: String
        var name: String
        var contact: String
        var text: String
        var receivedAt: Date
        var resolved: Bool
        var upheld: Bool?
        var fraud: Bool
        var outcomeLabel: String
        var comment: String?
        var resolvedBy: String?
        var resolvedAt: Date?
    }

    struct Resolution: Content {
        var upheld: Bool?
        var comment: String?
        var fraud: Bool?
    }

    /// Takes an objection during the notice; refused, each reason named, when it is anonymous,
    /// unreachable, vague, about a project not on the list, late, or one too many from an address.
    func file(call: CallModel, _ form: ObjectionForm, address: String) async throws -> Receipt {
        guard let notice = try await NoticeModel.of(call, on: db) else {
            throw AppError.conflict("\(call.programme)尚未开始公示，暂不受理异议", code: .noNotice)
        }
        let period = NoticeService(db: db, config: config, now: now)
        guard period.acceptsObjections(notice) else {
            let end = Day(notice.endDate)?.chinese ?? notice.endDate
            let start = Day(notice.startDate).map { $0 > period.today } ?? false
            throw AppError(
                status: .unprocessableEntity, code: start ? .noticeNotStarted : .noticeEnded,
                message: start
                    ? "公示将于\(Day(notice.startDate)?.chinese ?? notice.startDate)开始，届时方可提出异议"
                    : "公示期已于\(end)结束，不再受理异议",
                problems: [])
        }
        let applicationID = form.applicationId.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        let application = try await applicationID.asyncFlatMap { try await ApplicationModel.find($0, on: db) }
        let onNotice = application.map { $0.$call.id == call.id && $0.status == .inNotice } ?? false
        let problems = form.problems(onNotice: onNotice)
        guard problems.isEmpty, let application else { throw AppError.validation(problems) }
        // Reserved before the objection is written, so a burst from one address counts itself.
        let reservation = try await Self.limit.reserve(address, now: now, on: db)
        let objection = ObjectionModel()
        objection.$call.id = try call.requireID()
        objection.$application.id = try application.requireID()
        objection.receipt = Self.newReceipt(year: call.year)
        objection.name = form.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        objection.contact = form.contact?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        objection.text = form.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // The address counts against the hourly limit above and is not kept with the objection:
        // nothing after needs it (个人信息保护法 §6).
        objection.address = ""
        objection.receivedAt = now
        objection.fraud = false
        do {
            try await write(objection, application: application)
        } catch {
            try? await Self.limit.release(reservation, on: db)
            throw error
        }
        return Receipt(
            receipt: objection.receipt, receivedAt: now,
            message: "异议已受理，回执号 \(objection.receipt)。省科协将核查处理，必要时通过您留下的电话联系您。")
    }

    private func write(_ objection: ObjectionModel, application: ApplicationModel) async throws {
        let receipt = objection.receipt
        let project = application.form.projectName ?? ""
        try await db.transaction { db in
            try await objection.create(on: db)
            // The timeline says an objection came, never who made it.
            try await ApplicationEventModel.append(
                to: try application.requireID(), actorID: nil, actorName: "公众", role: ApplicationEventModel.publicRole,
                action: .objection, from: nil, to: nil, comment: "受理回执号 \(receipt)", organizationName: nil,
                at: now, on: db)
            try await Notifier(db: db, config: config).notify(
                role: .province, title: "收到公示异议", body: "“\(project)”收到一件公示异议（回执号 \(receipt)），请核查处理。",
                link: "/notice")
        }
    }

    /// Short, unambiguous and unguessable: `YY2025-` and 8 characters without 0/O or 1/I.
    static func newReceipt(year: Int) -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "YY\(year)-" + String((0..<8).map { _ in alphabet[Int.random(in: alphabet.indices)] })
    }

    func list(call: CallModel) async throws -> [ObjectionDTO] {
        let objections = try await ObjectionModel.query(on: db).filter(\.$call.$id == call.requireID())
            .with(\.$application) { $0.with(\.$organization) }.sort(\.$receivedAt).all()
        return try objections.map(dto)
    }

    private func dto(_ objection: ObjectionModel) throws -> ObjectionDTO {
        let application = objection.application
        return ObjectionDTO(
            id: try objection.requireID(), receipt: objection.receipt, applicationId: objection.$application.id,
            project: application.form.projectName ?? "",
            organization: application.organizationSnapshot?.name ?? application.organization.name, name: objection.name,
            contact: objection.contact, text: objection.text, receivedAt: objection.receivedAt,
            resolved: objection.outcome != nil, upheld: objection.outcome.map { $0 == .upheld }, fraud: objection.fraud,
            outcomeLabel: objection.outcome?.label ?? "待处理", comment: objection.resolution,
            resolvedBy: objection.resolvedBy, resolvedAt: objection.resolvedAt)
    }

    /// Resolves an objection: not upheld, or upheld — the project leaves the list (`notFunded`) —
    /// and upheld for fraud also bars every recommender that recommended it for 3 years.
    func resolve(_ rawID: String?, _ input: Resolution, by user: AuthenticatedUser) async throws -> ObjectionDTO {
        guard user.role == .province else { throw AppError.forbidden }
        guard let id = rawID.flatMap(UUID.init(uuidString:)),
            let objection = try await ObjectionModel.query(on: db).filter(\.$id == id)
                .with(\.$application, { $0.with(\.$organization) }).first()
        else { throw AppError.notFound("该异议") }
        guard objection.outcome == nil else {
            throw AppError.conflict(
                "该异议已于\(objection.resolvedAt.map(ChineseFormat.dateTime) ?? "")处理完毕", code: .alreadyResolved)
        }
        var problems: [Problem] = []
        if input.upheld == nil {
            problems.append(Problem(field: "upheld", code: .required, message: "请选择异议是否成立"))
        }
        problems += Opinion.objectionResolution.check(input.comment).problems
        let fraud = input.fraud ?? false
        if fraud && input.upheld == false {
            problems.append(Problem(field: "fraud", code: .fraudNotUpheld, message: "认定弄虚作假的，异议应为成立"))
        }
        guard problems.isEmpty, let upheld = input.upheld else { throw AppError.validation(problems) }
        let comment = input.comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let application = objection.application
        let project = application.form.projectName ?? ""
        let notice = NoticeService(db: db, config: config, now: now)
        let recommenders =
            fraud
            ? try await OpinionModel.query(on: db).filter(\.$application.$id == application.requireID())
                .filter(\.$stage == .recommender).filter(\.$decision == .recommend).with(\.$organization).all()
                .map(\.organization) : []
        try await db.transaction { db in
            objection.outcome = upheld ? .upheld : .notUpheld
            objection.fraud = fraud
            objection.resolution = comment
            objection.resolvedBy = user.contactName
            objection.resolvedAt = now
            try await objection.save(on: db)
            let outcome = (upheld ? "异议成立" : "异议不成立") + (fraud ? "，查实弄虚作假" : "")
            if upheld && application.status == .inNotice {
                try await StatusChange(application, .upholdObjection, by: user.role).commit(
                    by: user, comment: "\(outcome)（回执号 \(objection.receipt)）：\(comment)", at: now, on: db)
                try await notice.announce(
                    application, title: "公示异议成立，项目不予立项",
                    body: "“\(project)”的公示异议经核查成立：\(comment)", on: db)
            } else {
                try await ApplicationEventModel.append(
                    to: try application.requireID(), actor: user, action: .resolveObjection, from: nil, to: nil,
                    comment: "\(outcome)（回执号 \(objection.receipt)）：\(comment)", at: now, on: db)
            }
            var seen: Set<UUID> = []
            for organization in recommenders {
                guard seen.insert(try organization.requireID()).inserted else { continue }
                try await SanctionModel.impose(
                    on: organization,
                    reason: "公示异议查实弄虚作假：推荐的项目“\(project)”（回执号 \(objection.receipt)）。\(comment)",
                    decidedOn: notice.today, by: user.id, db: db)
            }
        }
        return try dto(objection)
    }
}
