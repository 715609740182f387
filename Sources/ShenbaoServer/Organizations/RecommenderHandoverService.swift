import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// What a recommender holds, and the province handing it to another recommender of the same
/// route (RecommenderHandover): each application's holder and route of record move, each gets a
/// history event with the reason, the receiver is told, and the audit trail gets one line.
struct RecommenderHandoverService {
    /// More than any call has; a recommender holding more is handed over in several goes.
    static let limit = 5000

    struct Input: Content {
        var targetId: String?
        var reason: String?
    }

    struct Result: Content {
        var moved: Int
        var targetId: UUID
        var targetName: String
    }

    /// An application the recommender holds, as the province's page and the API list it.
    struct Holding: Content {
        var id: UUID
        var projectName: String
        var organizationName: String
        var status: ApplicationStatus
        var statusLabel: String
        /// True while it waits for this recommender's opinion; false once it went on (to its
        /// city or the province) and only its route of record names this recommender.
        var awaitingOpinion: Bool
    }

    let request: Request

    /// Not yet decided: waiting for this recommender, or gone on from it and not yet taken in by
    /// the province. Only the columns the lists and the move need (never the form).
    static func held(by id: UUID, on db: any Database) async throws -> [ApplicationModel] {
        try await ApplicationModel.query(on: db)
            .filter(\.$status ~~ ApplicationStatus.onTheChain)
            .group(.or) { $0.filter(\.$holder.$id == id).filter(\.$recommender.$id == id) }
            .field(\.$id).field(\.$status).field(\.$organization.$id).field(\.$holder.$id).field(\.$recommender.$id)
            .field(\.$projectName).field(\.$divisionCode).field(\.$version).field(\.$submittedAt)
            .sort(\.$submittedAt).sort(\.$id).limit(limit).all()
    }

    static func holdings(of id: UUID, on db: any Database) async throws -> [Holding] {
        let held = try await held(by: id, on: db)
        let names = try await organizationNames(Set(held.map(\.$organization.id)), on: db)
        return try held.map { application in
            Holding(
                id: try application.requireID(), projectName: application.projectName ?? "（未填写项目名称）",
                organizationName: names[application.$organization.id] ?? "", status: application.status,
                statusLabel: application.status.label, awaitingOpinion: application.$holder.id == id)
        }
    }

    func handover(from source: OrganizationModel, _ input: Input) async throws -> Result {
        let user = try request.requireUser()
        let db = request.db
        let sourceID = try source.requireID()
        var problems = RecommenderRules.reasonProblems(input.reason, label: "移交原因")
        let target = try await input.targetId.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await OrganizationModel.find($0, on: db)
        }.flatMap { $0.kind == .recommender ? $0 : nil }
        let today = ChineseFormat.today(request.now)
        let routes =
            try await CallModel.latest(on: db)?.current.recommenderKinds
            ?? CallDefinition.guide2025()
            .recommenderKinds
        if let facts = source.recommenderFacts {
            problems += RecommenderHandover.problems(
                from: facts, to: target?.recommenderFacts, sameOrganization: target?.id == sourceID, routes: routes,
                today: today)
        }
        let held = try await Self.held(by: sourceID, on: db)
        if let target, let facts = target.recommenderFacts, problems.allSatisfy({ $0.field != "targetId" }) {
            let names = try await Self.organizationNames(Set(held.map(\.$organization.id)), on: db)
            let outside = held.compactMap { application in
                RecommenderHandover.territoryProblem(
                    applicant: ApplicantFacts(divisionCode: application.divisionCode),
                    projectName: "\(names[application.$organization.id] ?? "")：\(application.projectName ?? "申报书")",
                    target: facts, targetName: target.name, divisions: .hunan, today: today)
            }
            // Every one that cannot go is named; a page of them is enough to see the pattern.
            problems += outside.prefix(50)
            if outside.count > 50 {
                problems.append(
                    Problem(
                        field: "targetId", code: .outsideTerritory, message: "另有\(outside.count - 50)份申报书同样不在其属地范围内"))
            }
        }
        guard problems.isEmpty, let target else { throw AppError.validation(problems) }
        guard !held.isEmpty else {
            throw AppError.conflict("\(source.name)没有在办的申报书，无需移交", code: .nothingHeld)
        }
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let targetID = try target.requireID()
        let config = request.application.shenbaoConfig
        let comment = "由\(source.name)移交\(target.name)。原因：\(reason)"
        try await db.transaction { db in
            for application in held {
                let id = try application.requireID()
                // The version claim makes a recommender's decision at the same moment lose
                // cleanly (or this move, whichever comes second).
                _ = try await VersionClaim.claim(
                    ApplicationModel.schema, id: id, previousVersion: application.version, on: db,
                    message: "“\(application.projectName ?? "申报书")”刚刚被办理过，请刷新页面后重新移交"
                ) { update in
                    if application.$holder.id == sourceID { update.set("holder_id", to: targetID) }
                    if application.$recommender.id == sourceID { update.set("recommender_id", to: targetID) }
                    return update.set("updated_at", to: request.now)
                }
                try await ApplicationEventModel.append(
                    to: id, actor: user, action: .handover, from: application.status, to: application.status,
                    comment: comment, at: request.now, on: db)
                if application.$holder.id == sourceID {
                    let name = application.projectName ?? "申报书"
                    try await Notifier(db: db, config: config).notify(
                        organization: targetID, title: "待审核：\(name)",
                        body: "省科协将“\(name)”从\(source.name)移交本单位办理，请审核并提出推荐意见。", application: application)
                }
            }
            try await AuditTrail.record(
                .applicationsHandedOver, by: user, subject: RecommenderAdmin.subject(source),
                detail: "\(held.count)份在办申报书移交\(target.name)。原因：\(reason)", request: request, on: db)
        }
        return Result(moved: held.count, targetId: targetID, targetName: target.name)
    }

    /// The recommenders one may hand `source`'s applications to: of its route, open, not itself.
    static func candidates(for source: OrganizationModel, now: Date, on db: any Database) async throws
        -> [OrganizationModel]
    {
        guard let facts = source.recommenderFacts else { return [] }
        let routes =
            try await CallModel.latest(on: db)?.current.recommenderKinds
            ?? CallDefinition.guide2025()
            .recommenderKinds
        let kinds =
            RecommenderHandover.route(of: facts.kind, in: routes)?.organizationKinds ?? [facts.kind]
        let today = ChineseFormat.today(now)
        return try await OrganizationModel.query(on: db).filter(\.$kind == .recommender)
            .filter(\.$recommenderKind ~~ kinds).filter(\.$deactivatedAt == nil).filter(\.$id != source.requireID())
            .sort(\.$divisionCode).sort(\.$name).all()
            .filter { $0.recommenderFacts?.sanctionedUntil.map { $0 < today } ?? true }
    }

    private static func organizationNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let organizations = try await OrganizationModel.query(on: db).filter(\.$id ~~ Array(ids))
            .field(\.$id).field(\.$name).all()
        return Dictionary(
            organizations.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { first, _ in first })
    }
}
