import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's page of a call's 推荐名额 (`/admin/calls/{callId}/recommender-quotas`).
struct RecommenderQuotaPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let page = routes.grouped("admin", "calls", ":callId", "recommender-quotas").grouped(RequireRoles(.province))
        page.get(use: show)
        page.post(use: save)
    }

    func show(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let flash = req.query[String.self, at: "done"] == "saved" ? "推荐名额已保存。" : nil
        let page = try await RecommenderQuotaPage.load(call: call, flash: flash, on: req.db)
        return try await req.renderPage(.recommendationQuotas, title: "推荐名额", page)
    }

    func save(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let form = try req.content.decode([String: String].self)
        let definition = call.current
        // The form's cells become the API's rows; each row remembers its cells' names, so a
        // problem is shown beside the cell it is about. A blank cell sets no limit.
        var kinds: [RecommenderQuotaService.Row] = []
        var kindFields: [(kind: String, category: String, limit: String)] = []
        for kind in definition.recommenderKinds.flatMap(\.organizationKinds) {
            for category in definition.categories {
                let name = "kind_\(kind.rawValue)_\(category.code.rawValue)"
                let text = form[name]?.trimmingCharacters(in: .whitespaces) ?? ""
                guard !text.isEmpty else { continue }
                kinds.append(.init(kind: kind.rawValue, category: category.code.rawValue, limit: NumberText(text)))
                kindFields.append((name, name, name))
            }
        }
        var organizations: [RecommenderQuotaService.Row] = []
        var organizationFields: [(id: String, category: String, limit: String)] = []
        for index in 0..<RecommenderQuotaPage.maximumRows {
            let idName = "org_\(index)_id"
            guard let id = form[idName] else { break }
            for category in definition.categories {
                let name = "org_\(index)_\(category.code.rawValue)"
                let text = form[name]?.trimmingCharacters(in: .whitespaces) ?? ""
                guard !text.isEmpty else { continue }
                organizations.append(
                    .init(organizationId: id, category: category.code.rawValue, limit: NumberText(text)))
                organizationFields.append((idName, name, name))
            }
        }
        do {
            _ = try await RecommenderQuotaService(db: req.db).set(
                call, .init(kinds: kinds, organizations: organizations))
        } catch let error as AppError {
            let problems = error.pageProblems.map { problem in
                var shown = problem
                shown.field = Self.formField(
                    problem.field, kinds: kindFields, organizations: organizationFields)
                return shown
            }
            let page = try await RecommenderQuotaPage.load(call: call, form: form, problems: problems, on: req.db)
            return try await req.renderPage(.recommendationQuotas, title: "推荐名额", page, status: error.status)
        }
        return req.redirect(to: "/admin/calls/\(try call.requireID().uuidString)/recommender-quotas?done=saved")
    }

    /// `kinds[2].limit` → the form cell of the third kind row sent.
    static func formField(
        _ field: String, kinds: [(kind: String, category: String, limit: String)],
        organizations: [(id: String, category: String, limit: String)]
    ) -> String {
        let parts = field.split(whereSeparator: { "[].".contains($0) }).map(String.init)
        guard parts.count == 3, let index = Int(parts[1]) else { return field }
        if parts[0] == "kinds", kinds.indices.contains(index) {
            return parts[2] == "kind"
                ? kinds[index].kind : parts[2] == "category" ? kinds[index].category : kinds[index].limit
        }
        if parts[0] == "organizations", organizations.indices.contains(index) {
            return parts[2] == "organizationId"
                ? organizations[index].id
                : parts[2] == "category" ? organizations[index].category : organizations[index].limit
        }
        return field
    }
}
