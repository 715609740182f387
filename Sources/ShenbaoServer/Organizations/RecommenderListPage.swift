import Fluent
import Foundation
import ShenbaoCore

/// `/admin/recommenders`: every recommender the filter finds (kind, place, state, sanction, what
/// it holds), with the forms adding one and importing a list.
struct RecommenderListPage: Encodable {
    struct Row: Encodable {
        var id: UUID
        var name: String
        var kindLabel: String
        var place: String
        var active: Bool
        var sanctionedUntil: String?
        /// Applications not yet decided that name it (holder or route of record).
        var held: Int
    }

    var kinds: [Option]
    var states: [Option]
    var selectedKind: String
    var selectedState: String
    var recommenders: [Row]
    var divisionGroups: [RecommenderDivisions.Group]
    var form: RecommenderForm
    var errors: [String: String]
    var problems: [Problem]
    var importProblems: [Problem]
    var imported: RecommenderImport.Result?
    var template: String

    /// The recommenders `filter` finds, judged at `now`; a refused form or import comes back with its problems.
    static func load(
        filter: RecommendersController.Filter = .init(), form: RecommenderForm = .init(), problems: [Problem] = [],
        importProblems: [Problem] = [], imported: RecommenderImport.Result? = nil, now: Date, on db: any Database
    ) async throws -> RecommenderListPage {
        let organizations = try await RecommendersController.query(filter, on: db)
        let held = try await RecommenderListPages.heldCounts(on: db)
        let today = ChineseFormat.today(now)
        return RecommenderListPage(
            kinds: RecommenderKind.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            states: RecommendersController.State.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            selectedKind: filter.kind?.rawValue ?? "", selectedState: filter.state?.rawValue ?? "",
            recommenders: try organizations.map { org in
                let id = try org.requireID()
                return Row(
                    id: id, name: org.name, kindLabel: org.recommenderKind?.label ?? "",
                    place: RecommenderDivisions.place(org.divisionCode), active: org.isActive,
                    sanctionedUntil: org.sanctionedUntil.flatMap(Day.init).flatMap { $0 >= today ? $0.chinese : nil },
                    held: held[id] ?? 0)
            },
            divisionGroups: RecommenderDivisions.groups(), form: form, errors: FieldErrors.make(problems),
            problems: problems, importProblems: importProblems, imported: imported,
            template: RecommenderImport.template)
    }
}
