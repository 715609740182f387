import Fluent
import Foundation
import ShenbaoCore

/// `/admin/calls/{callId}/recommender-quotas`: the province's form of a call's 推荐名额 — one row
/// per recommender kind the call lists, one per recommender with its own quota, and three blank
/// rows to add one. A blank cell is no limit.
struct RecommenderQuotaPage: Encodable {
    struct Cell: Encodable {
        var name: String
        var label: String
        var value: String
        var error: String?
    }

    struct KindRow: Encodable {
        var label: String
        var cells: [Cell]
    }

    struct Choice: Encodable {
        var id: String
        var name: String
        var selected: Bool
    }

    struct OrganizationRow: Encodable {
        var name: String
        var label: String
        var choices: [Choice]
        var error: String?
        var cells: [Cell]
    }

    var callId: String
    var year: Int
    var title: String
    var categories: [String]
    var kindRows: [KindRow]
    var organizationRows: [OrganizationRow]
    var problems: [Problem]
    var flash: String?

    /// Blank rows offered for new per-recommender quotas.
    static let blankRows = 3
    /// The most per-recommender rows the form posts back: the stored ones and the blank ones.
    static let maximumRows = RecommenderQuotas.maximumEntries

    /// The page of `call`; `form` echoes a refused post (field name → text), `problems` beside
    /// their fields (already named by the form's field names).
    static func load(
        call: CallModel, form: [String: String]? = nil, problems: [Problem] = [], flash: String? = nil,
        on db: any Database
    ) async throws -> RecommenderQuotaPage {
        let definition = call.current
        let quotas = definition.recommenderQuotas ?? RecommenderQuotas()
        let errors = Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        let kinds = definition.recommenderKinds.flatMap(\.organizationKinds)
        let kindRows = kinds.map { kind in
            KindRow(
                label: kind.label,
                cells: definition.categories.map { category in
                    let name = "kind_\(kind.rawValue)_\(category.code.rawValue)"
                    let stored = quotas.kinds.first { $0.kind == kind && $0.category == category.code }
                    return Cell(
                        name: name, label: "\(kind.label)\(category.label)推荐名额",
                        value: form.map { $0[name] ?? "" } ?? stored.map { String($0.limit) } ?? "",
                        error: errors[name])
                })
        }
        let names = try await RecommenderQuotaService(db: db).recommenderNames()
        let sortedNames = names.sorted { $0.value < $1.value }
        var ids: [String] = []
        for entry in quotas.organizations where !ids.contains(entry.organizationId.uuidString) {
            ids.append(entry.organizationId.uuidString)
        }
        let rowCount: Int
        if let form {
            rowCount = min(maximumRows, form.keys.filter { $0.hasPrefix("org_") && $0.hasSuffix("_id") }.count)
        } else {
            rowCount = ids.count + blankRows
        }
        let organizationRows = (0..<rowCount).map { index in
            let name = "org_\(index)_id"
            let selected = form.map { $0[name] ?? "" } ?? (index < ids.count ? ids[index] : "")
            return OrganizationRow(
                name: name, label: "第\(index + 1)个推荐单位",
                choices: sortedNames.map {
                    Choice(id: $0.key.uuidString, name: $0.value, selected: $0.key.uuidString == selected.uppercased())
                }, error: errors[name],
                cells: definition.categories.map { category in
                    let cellName = "org_\(index)_\(category.code.rawValue)"
                    let stored = quotas.organizations.first {
                        $0.organizationId.uuidString == selected.uppercased() && $0.category == category.code
                    }
                    return Cell(
                        name: cellName, label: "第\(index + 1)个推荐单位\(category.label)推荐名额",
                        value: form.map { $0[cellName] ?? "" } ?? stored.map { String($0.limit) } ?? "",
                        error: errors[cellName])
                })
        }
        return RecommenderQuotaPage(
            callId: try call.requireID().uuidString, year: call.year, title: call.title,
            categories: definition.categories.map(\.label), kindRows: kindRows, organizationRows: organizationRows,
            problems: problems, flash: flash)
    }
}
