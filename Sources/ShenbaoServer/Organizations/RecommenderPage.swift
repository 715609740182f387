import Fluent
import Foundation
import ShenbaoCore

/// `/admin/recommenders/{id}`: one recommender for the province — its details to edit, its
/// accounts, whether it is active or sanctioned, and what it holds to hand over.
struct RecommenderPage: Encodable {
    var id: UUID
    var name: String
    var kindLabel: String
    var place: String
    var active: Bool
    var deactivatedAt: String?
    var deactivationReason: String?
    var sanctionedUntil: String?
    var kinds: [Option]
    var divisionGroups: [RecommenderDivisions.Group]
    var form: RecommenderForm
    var users: [RecommenderUsers.User]
    var userForm: AccountForm
    var holdings: [RecommenderHandoverService.Holding]
    var candidates: [Option]
    var handoverForm: RecommenderHandoverService.Input
    var reason: String
    var part: String
    var errors: [String: String]
    var problems: [Problem]
    var notice: String?
    var passwordHint: String

    /// The page of `organization` judged at `now`; a refused change's form (of `part`) comes back
    /// as typed, with its `problems`.
    static func load(
        _ organization: OrganizationModel, part: RecommenderPages.Part? = nil, form: RecommenderForm? = nil,
        userForm: AccountForm = .init(), handoverForm: RecommenderHandoverService.Input = .init(), reason: String = "",
        problems: [Problem] = [], notice: String? = nil, now: Date, on db: any Database
    ) async throws -> RecommenderPage {
        let id = try organization.requireID()
        let today = ChineseFormat.today(now)
        var groups = RecommenderDivisions.groups()
        // A code outside Hunan (a national society's) stays choosable, so saving keeps it.
        if let code = organization.divisionCode, DivisionCatalog.hunan.division(code: code) == nil {
            groups.append(.init(label: "湖南省外", options: [Option(code: code, label: code)]))
        }
        return RecommenderPage(
            id: id, name: organization.name, kindLabel: organization.recommenderKind?.label ?? "",
            place: RecommenderDivisions.place(organization.divisionCode), active: organization.isActive,
            deactivatedAt: organization.deactivatedAt.map(ChineseFormat.dateTime),
            deactivationReason: organization.deactivationReason,
            sanctionedUntil: organization.sanctionedUntil.flatMap(Day.init).flatMap { $0 >= today ? $0.chinese : nil },
            kinds: RecommenderKind.allCases.map { Option(code: $0.rawValue, label: $0.label) },
            divisionGroups: groups,
            form: form
                ?? RecommenderForm(
                    name: organization.name, kind: organization.recommenderKind?.rawValue,
                    divisionCode: organization.divisionCode),
            users: try await RecommenderUsers.list(of: id, on: db), userForm: userForm,
            holdings: try await RecommenderHandoverService.holdings(of: id, on: db),
            candidates: try await RecommenderHandoverService.candidates(for: organization, now: now, on: db).map {
                Option(
                    code: try $0.requireID().uuidString,
                    label: $0.name + ($0.divisionCode.map { "（\(RecommenderDivisions.place($0))）" } ?? ""))
            },
            handoverForm: handoverForm, reason: reason, part: part.map { "\($0)" } ?? "",
            errors: FieldErrors.make(problems), problems: problems, notice: notice, passwordHint: PasswordPolicy.hint)
    }
}
