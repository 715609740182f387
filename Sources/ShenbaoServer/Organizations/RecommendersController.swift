import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The recommender organisations as a list: `GET /api/v1/recommenders` for signed-in users. The
/// province sees the deactivated ones too (and may filter by state); everyone else only those that
/// still receive applications.
struct RecommendersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignedIn()).get("api", "v1", "recommenders", use: list)
    }

    struct RecommenderDTO: Content {
        var id: UUID
        var name: String
        var kind: RecommenderKind
        var kindLabel: String
        var divisionCode: String?
        /// Until when a sanction bars it; sanctions arrive with the recommendation chain.
        var sanctionedUntil: String?
        /// False once the province deactivated it: it receives nothing new.
        var active: Bool

        init(_ org: OrganizationModel) throws {
            id = try org.requireID()
            name = org.name
            kind = org.recommenderKind ?? .provincialSociety
            kindLabel = kind.label
            divisionCode = org.divisionCode
            sanctionedUntil = org.sanctionedUntil
            active = org.isActive
        }
    }

    /// `active` or `inactive`; nil lists both.
    enum State: String, CaseIterable {
        case active, inactive

        var label: String { self == .active ? "正常" : "已停用" }
    }

    struct Filter {
        var kind: RecommenderKind?
        var divisionCode: String?
        var state: State?
    }

    func list(req: Request) async throws -> [RecommenderDTO] {
        var filter = try Self.filter(from: req)
        if try req.requireUser().role != .province { filter.state = .active }
        return try await Self.query(filter, on: req.db).map(RecommenderDTO.init)
    }

    static func filter(from req: Request) throws -> Filter {
        var problems: [Problem] = []
        var filter = Filter()
        if let raw = req.query[String.self, at: "kind"], !raw.isEmpty {
            if let kind = RecommenderKind(rawValue: raw) {
                filter.kind = kind
            } else {
                let known = RecommenderKind.allCases.map(\.rawValue).joined(separator: "、")
                problems.append(
                    .init(
                        field: "kind", code: .invalidValue,
                        message: "推荐单位类别 \(String(raw.prefix(20))) 无法识别，可选：\(known)"))
            }
        }
        if let raw = req.query[String.self, at: "divisionCode"], !raw.isEmpty {
            if raw.count == 6, raw.allSatisfy(\.isASCIIDigit) {
                filter.divisionCode = raw
            } else {
                problems.append(.init(field: "divisionCode", code: .invalidValue, message: "行政区划代码应为6位数字"))
            }
        }
        if let raw = req.query[String.self, at: "state"], !raw.isEmpty {
            if let state = State(rawValue: raw) {
                filter.state = state
            } else {
                problems.append(
                    .init(field: "state", code: .invalidValue, message: "状态应为 active（正常）或 inactive（已停用）"))
            }
        }
        if !problems.isEmpty { throw AppError.validation(problems) }
        return filter
    }

    static func query(_ filter: Filter, on db: any Database) async throws -> [OrganizationModel] {
        var query = OrganizationModel.query(on: db).filter(\.$kind == .recommender)
        if let kind = filter.kind { query = query.filter(\.$recommenderKind == kind) }
        if let code = filter.divisionCode { query = query.filter(\.$divisionCode == code) }
        switch filter.state {
        case .active?: query = query.filter(\.$deactivatedAt == nil)
        case .inactive?: query = query.filter(\.$deactivatedAt != nil)
        case nil: break
        }
        return try await query.sort(\.$divisionCode).sort(\.$name).all()
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
