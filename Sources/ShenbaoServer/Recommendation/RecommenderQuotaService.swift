import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// 推荐名额 (docs/rules.md §5): the province sets them on a call; a recommender's recommendation
/// beyond its quota is refused, and it sees what it has left. The rule is Core's
/// `RecommenderQuotas`; this counts and stores.
struct RecommenderQuotaService {
    let db: any Database

    /// One row as the API takes it: `kind` in `kinds`, `organizationId` in `organizations`.
    struct Row: Content {
        var kind: String?
        var organizationId: String?
        var category: String?
        var limit: NumberText?
    }

    /// The whole set of quotas; what is not listed has no limit. Empty lists remove them all.
    struct Input: Content {
        var kinds: [Row]?
        var organizations: [Row]?
    }

    /// The call's quotas as the province reads them, with labels and names.
    struct QuotasDTO: Content {
        struct KindRow: Content {
            var kind: String
            var kindLabel: String
            var category: String
            var categoryLabel: String
            var limit: Int
        }
        struct OrganizationRow: Content {
            var organizationId: UUID
            var organizationName: String
            var category: String
            var categoryLabel: String
            var limit: Int
        }
        var callId: UUID
        var year: Int
        var kinds: [KindRow]
        var organizations: [OrganizationRow]
    }

    /// A recommender's quota in one category of a call: nil limit and remaining when none is set.
    struct Usage: Content {
        var category: String
        var categoryLabel: String
        var limit: Int?
        var used: Int
        var remaining: Int?
        /// `2项` or `不限`, for the page.
        var limitText: String
        var remainingText: String
    }

    /// The recommenders the province may name, by id: bounded, far above Hunan's ~150.
    func recommenderNames() async throws -> [UUID: String] {
        let rows = try await OrganizationModel.query(on: db).filter(\.$kind == .recommender)
            .field(\.$id).field(\.$name).limit(5_000).all()
        return rows.reduce(into: [:]) { names, row in
            if let id = row.id { names[id] = row.name }
        }
    }

    /// Replaces the call's quotas with `input`'s, every problem at once; an empty input removes them.
    func set(_ call: CallModel, _ input: Input) async throws -> CallModel {
        let kinds = (input.kinds ?? []).map {
            RecommenderQuotas.Entry(key: $0.kind, category: $0.category, limit: $0.limit?.text)
        }
        let organizations = (input.organizations ?? []).map {
            RecommenderQuotas.Entry(key: $0.organizationId, category: $0.category, limit: $0.limit?.text)
        }
        let parsed = RecommenderQuotas.parse(
            kinds: kinds, organizations: organizations, call: call.current, recommenders: try await recommenderNames())
        let quotas: RecommenderQuotas
        switch parsed {
        case .success(let value): quotas = value
        case .failure(let list): throw AppError.validation(list.problems)
        }
        let callID = try call.requireID()
        // Read again under the call's lock, so two saves of quotas do not lose one another.
        let saved = try await db.transaction { db -> UncheckedBox<CallModel> in
            try await TransactionLock.hold("call:\(callID)", on: db)
            guard let fresh = try await CallModel.find(callID, on: db) else { throw AppError.notFound("该年度申报指南") }
            var definition = fresh.definition
            definition.recommenderQuotas = quotas.isEmpty ? nil : quotas
            fresh.definition = definition
            try await fresh.save(on: db)
            return UncheckedBox(fresh)
        }
        return saved.value
    }

    func dto(_ call: CallModel) async throws -> QuotasDTO {
        let definition = call.current
        let quotas = definition.recommenderQuotas ?? RecommenderQuotas()
        let names = quotas.organizations.isEmpty ? [:] : try await recommenderNames()
        func label(_ code: ShenbaoCore.Category) -> String { definition.category(code)?.label ?? code.rawValue }
        return QuotasDTO(
            callId: try call.requireID(), year: call.year,
            kinds: quotas.kinds.map {
                .init(
                    kind: $0.kind.rawValue, kindLabel: $0.kind.label, category: $0.category.rawValue,
                    categoryLabel: label($0.category), limit: $0.limit)
            },
            organizations: quotas.organizations.map {
                .init(
                    organizationId: $0.organizationId, organizationName: names[$0.organizationId] ?? "（已删除的推荐单位）",
                    category: $0.category.rawValue, categoryLabel: label($0.category), limit: $0.limit)
            })
    }

    /// How many applications of `category` in the call count against the recommender's quota
    /// (`RecommenderQuotas.counts`): its latest opinion on each decides.
    func used(by organizationID: UUID, call callID: UUID, category: ShenbaoCore.Category) async throws -> Int {
        let rows = try await OpinionModel.query(on: db)
            .join(ApplicationModel.self, on: \OpinionModel.$application.$id == \ApplicationModel.$id)
            .filter(\.$organization.$id == organizationID).filter(\.$stage == .recommender)
            .filter(ApplicationModel.self, \.$call.$id == callID)
            .filter(ApplicationModel.self, \.$category == category)
            .field(\.$id).field(\.$application.$id).field(\.$decision).field(\.$createdAt)
            .field(ApplicationModel.self, \.$id).field(ApplicationModel.self, \.$status)
            .field(ApplicationModel.self, \.$holder.$id)
            .sort(\.$createdAt).sort(\.$id).limit(100_000).all()
        var latest: [UUID: (recommends: Bool, status: ApplicationStatus, held: Bool)] = [:]
        for row in rows {
            let application = try row.joined(ApplicationModel.self)
            latest[row.$application.id] = (
                row.decision == .recommend, application.status, application.$holder.id == organizationID
            )
        }
        return latest.values.filter {
            RecommenderQuotas.counts(
                status: $0.status, heldByRecommender: $0.held, latestOpinionRecommends: $0.recommends)
        }.count
    }

    /// Refuses one more recommendation of `application` by `organization` past its quota: a 409
    /// naming the limit and what it has recommended. Nothing when the call sets no limit for it.
    func check(_ application: ApplicationModel, by organization: OrganizationModel, kind: RecommenderKind) async throws
    {
        // The cache reads the call's stamp each time: a quota the province just changed applies at once.
        let callID = application.$call.id
        let definition = try await CallDefinitionCache.definition(of: callID, on: db)
        guard let quotas = definition.recommenderQuotas else { return }
        let organizationID = try organization.requireID()
        guard
            let limit = quotas.limit(organizationId: organizationID, kind: kind, category: application.category)
        else { return }
        let used = try await used(by: organizationID, call: callID, category: application.category)
        let label = definition.category(application.category)?.label ?? application.category.rawValue
        if let message = RecommenderQuotas.refusal(limit: limit, used: used, categoryLabel: label) {
            throw AppError(status: .conflict, code: .recommenderQuotaExceeded, message: message)
        }
    }

    /// What the recommender has left in each category of the application's call.
    func usage(of organization: OrganizationModel, in application: ApplicationModel) async throws -> [Usage] {
        guard let call = try await CallModel.find(application.$call.id, on: db) else { return [] }
        return try await usage(of: organization, in: call)
    }

    /// What the recommender has left in each category of `call`; empty when the call limits it in none.
    func usage(of organization: OrganizationModel, in call: CallModel) async throws -> [Usage] {
        let definition = call.current
        guard let quotas = definition.recommenderQuotas, let kind = organization.recommenderKind,
            let organizationID = organization.id
        else { return [] }
        let limits = definition.categories.map {
            ($0, quotas.limit(organizationId: organizationID, kind: kind, category: $0.code))
        }
        guard limits.contains(where: { $0.1 != nil }) else { return [] }
        var result: [Usage] = []
        for (category, limit) in limits {
            let used = try await used(by: organizationID, call: try call.requireID(), category: category.code)
            let remaining = RecommenderQuotas.remaining(limit: limit, used: used)
            result.append(
                Usage(
                    category: category.code.rawValue, categoryLabel: category.label, limit: limit, used: used,
                    remaining: remaining, limitText: limit.map { "\($0)项" } ?? "不限",
                    remainingText: remaining.map { "\($0)项" } ?? "不限"))
        }
        return result
    }
}
