import Fluent
import Foundation
import SQLKit
import ShenbaoCore
import Vapor

/// Finds the records that hold a person's data, tells how long each is kept, and exports one
/// (个人信息保护法 §45). Erasure is `PersonalDataEraser`'s. Only the people the province
/// administers are handled: applicants, recommenders, experts, finance users and objectors.
struct PersonalDataService {
    let request: Request
    var db: any Database { request.db }
    var retention: PersonalDataRetention { request.application.shenbaoConfig.personalDataRetention }

    static let listLimit = 1000
    static let searchLimit = 20

    /// One record as the pages and the API list it, with its retention period.
    struct Entry: Content {
        var kind: PersonalRecordKind
        var kindLabel: String
        var id: UUID
        var name: String
        var detail: String
        var lastActiveYear: Int
        var keptThrough: String
        var erasableFrom: String
        var erasable: Bool
        var erased: Bool
        var erasedAt: Date?
        /// Why it cannot be erased yet, naming the date; nil once it can.
        var refusal: String?
    }

    enum Record {
        case user(UserModel)
        case expert(ExpertModel, account: UserModel?)
        case objection(ObjectionModel)
    }

    // MARK: - Finding

    /// The record of `kind` and id; an account that belongs to an expert is the expert's record,
    /// so one person is exported and erased as a whole.
    func record(_ kind: PersonalRecordKind, _ raw: String?) async throws -> Record {
        guard let id = raw.flatMap(UUID.init(uuidString:)) else { throw AppError.notFound("该记录") }
        switch kind {
        case .user:
            guard let user = try await UserModel.find(id, on: db) else { throw AppError.notFound("该用户") }
            guard Role.province.administeredRoles.contains(user.role) else {
                throw AppError(
                    status: .forbidden, code: .notAdministered,
                    message: "省科协只能处理申报单位、推荐单位、评审专家和财务用户的个人信息；\(user.role.label)的个人信息请联系系统管理员")
            }
            if let expert = try await ExpertModel.query(on: db).filter(\.$userID == id).first() {
                return .expert(expert, account: user)
            }
            return .user(user)
        case .expert:
            guard let expert = try await ExpertModel.find(id, on: db) else { throw AppError.notFound("该专家") }
            return .expert(
                expert, account: try await expert.userID.asyncFlatMap { try await UserModel.find($0, on: db) })
        case .objection:
            guard
                let objection = try await ObjectionModel.query(on: db).filter(\.$id == id).with(\.$call)
                    .with(\.$application).first()
            else { throw AppError.notFound("该异议") }
            return .objection(objection)
        }
    }

    /// Records whose name, user name, phone or receipt contains `raw`, up to `searchLimit` of each kind.
    func search(_ raw: String?) async throws -> [Entry] {
        let query = try OrganizationAdminService.query(raw)
        guard !query.isEmpty else { return [] }
        let users = try await UserModel.query(on: db).filter(\.$role ~~ Array(Role.province.administeredRoles))
            .group(.or) { $0.filter(\.$contactName ~~ query).filter(\.$username ~~ query).filter(\.$phone ~~ query) }
            .sort(\.$createdAt).limit(Self.searchLimit).all()
        let experts = try await ExpertModel.query(on: db)
            .group(.or) { $0.filter(\.$name ~~ query).filter(\.$phone ~~ query) }
            .sort(\.$createdAt).limit(Self.searchLimit).all()
        let objections = try await ObjectionModel.query(on: db)
            .group(.or) { $0.filter(\.$name ~~ query).filter(\.$contact ~~ query).filter(\.$receipt ~~ query) }
            .with(\.$call).with(\.$application).sort(\.$receivedAt).limit(Self.searchLimit).all()
        var entries: [Entry] = []
        var seen: Set<UUID> = []
        for user in users {
            // An expert's account is listed once, as the expert.
            let record = try await record(.user, user.id?.uuidString)
            guard case .user = record else { continue }
            entries.append(try await entry(record))
        }
        for expert in experts {
            entries.append(
                try await entry(
                    .expert(
                        expert, account: try await expert.userID.asyncFlatMap { try await UserModel.find($0, on: db) }))
            )
        }
        for objection in objections { entries.append(try await entry(.objection(objection))) }
        return entries.filter { seen.insert($0.id).inserted }
    }

    // MARK: - Retention

    func entry(_ record: Record) async throws -> Entry {
        let (kind, id) = try Self.identity(record)
        let last = try await lastActiveYear(record)
        let erasure = try await PersonalDataErasureModel.query(on: db).filter(\.$kind == kind)
            .filter(\.$recordID == id).first()
        let refusal = retention.problems(lastYear: last, today: ChineseFormat.today(request.now)).first?.message
        let (name, detail): (String, String) =
            switch record {
            case .user(let user):
                (user.displayName, user.role.label)
            case .expert(let expert, _):
                (expert.name, "\(expert.organizationName) \(expert.title)")
            case .objection(let objection):
                (objection.name, "回执号 \(objection.receipt)，异议项目“\(objection.application.form.projectName ?? "")”")
            }
        return Entry(
            kind: kind, kindLabel: kind.label, id: id, name: name, detail: detail, lastActiveYear: last,
            keptThrough: retention.keptThrough(lastYear: last).chinese,
            erasableFrom: retention.erasableFrom(lastYear: last).chinese,
            erasable: erasure == nil && refusal == nil, erased: erasure != nil, erasedAt: erasure?.erasedAt,
            refusal: refusal)
    }

    static func identity(_ record: Record) throws -> (PersonalRecordKind, UUID) {
        switch record {
        case .user(let user): (.user, try user.requireID())
        case .expert(let expert, _): (.expert, try expert.requireID())
        case .objection(let objection): (.objection, try objection.requireID())
        }
    }

    /// The last year the person took part, in Beijing time: an account's creation, logins and
    /// steps on applications; an expert's entry, deactivation, reviews and account; an
    /// objection's call, receipt and resolution.
    func lastActiveYear(_ record: Record) async throws -> Int {
        func year(_ date: Date?) -> Int? { date.map { ChineseFormat.today($0).year } }
        let years: [Int?]
        switch record {
        case .user(let user):
            years = try await accountYears(user)
        case .expert(let expert, let account):
            let latest = try await ReviewModel.query(on: db).filter(\.$expert.$id == expert.requireID())
                .join(CallModel.self, on: \ReviewModel.$call.$id == \CallModel.$id)
                .sort(CallModel.self, \.$year, .descending).first()
            let reviewYear = try latest?.joined(CallModel.self).year
            let ofAccount = try await account.asyncFlatMap { try await accountYears($0) } ?? []
            years = [year(expert.createdAt), year(expert.deactivatedAt), reviewYear] + ofAccount
        case .objection(let objection):
            years = [objection.call.year, year(objection.receivedAt), year(objection.resolvedAt)]
        }
        return years.compactMap { $0 }.max() ?? ChineseFormat.today(request.now).year
    }

    private func accountYears(_ user: UserModel) async throws -> [Int?] {
        func year(_ date: Date?) -> Int? { date.map { ChineseFormat.today($0).year } }
        let lastStep = try await ApplicationEventModel.query(on: db).filter(\.$actorID == user.requireID())
            .sort(\.$at, .descending).first()
        return [year(user.createdAt), year(user.lastLoginAt), year(user.previousLoginAt), year(lastStep?.at)]
    }
}
