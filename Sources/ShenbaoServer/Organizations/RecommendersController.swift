import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The recommender organisations: `GET /api/v1/recommenders` for signed-in users and the
/// province's page listing them.
struct RecommendersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignedIn()).get("api", "v1", "recommenders", use: list)
        routes.grouped(RequireRoles(.province)).get("admin", "recommenders", use: page)
    }

    struct RecommenderDTO: Content {
        var id: UUID
        var name: String
        var kind: RecommenderKind
        var kindLabel: String
        var divisionCode: String?
        /// Until when a sanction bars it; sanctions arrive with the recommendation chain.
        var sanctionedUntil: String?
    }

    struct Filter {
        var kind: RecommenderKind?
        var divisionCode: String?
    }

    func list(req: Request) async throws -> [RecommenderDTO] {
        try await Self.query(Self.filter(from: req), on: req.db)
    }

    static func filter(from req: Request) throws -> Filter {
        var problems: [Problem] = []
        var filter = Filter()
        if let raw = req.query[String.self, at: "kind"], !raw.isEmpty {
            if let kind = RecommenderKind(rawValue: raw) {
                filter.kind = kind
            } else {
                let known = RecommenderKind.allCases.map(\.rawValue).joined(separator: "、")
                problems.append(.init(field: "kind", code: "invalidValue", message: "推荐单位类别 \(raw) 无法识别，可选：\(known)"))
            }
        }
        if let raw = req.query[String.self, at: "divisionCode"], !raw.isEmpty {
            if raw.count == 6, raw.allSatisfy(\.isASCIIDigit) {
                filter.divisionCode = raw
            } else {
                problems.append(.init(field: "divisionCode", code: "invalidValue", message: "行政区划代码应为6位数字"))
            }
        }
        if !problems.isEmpty { throw AppError.validation(problems) }
        return filter
    }

    static func query(_ filter: Filter, on db: any Database) async throws -> [RecommenderDTO] {
        var query = OrganizationModel.query(on: db).filter(\.$kind == .recommender)
        if let kind = filter.kind { query = query.filter(\.$recommenderKind == kind) }
        if let code = filter.divisionCode { query = query.filter(\.$divisionCode == code) }
        return try await query.sort(\.$divisionCode).sort(\.$name).all().map { org in
            RecommenderDTO(
                id: try org.requireID(), name: org.name, kind: org.recommenderKind ?? .provincialSociety,
                kindLabel: (org.recommenderKind ?? .provincialSociety).label, divisionCode: org.divisionCode,
                sanctionedUntil: org.sanctionedUntil)
        }
    }

    struct ListPage: Encodable {
        var kinds: [Option]
        var selectedKind: String
        var recommenders: [RecommenderDTO]
    }

    func page(req: Request) async throws -> Response {
        let filter = try Self.filter(from: req)
        let page = ListPage(
            kinds: RecommenderKind.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            selectedKind: filter.kind?.rawValue ?? "",
            recommenders: try await Self.query(filter, on: req.db))
        return try await req.renderPage("admin/recommenders", title: "推荐单位", page)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
