import Foundation

/// What the automatic assignment (评审分配) needs to know, and nothing more: who may review what.
public struct AssignmentInput: Hashable, Sendable {
    /// An accepted application, as far as conflicts and fields go.
    public struct Application: Hashable, Sendable {
        public var id: UUID
        public var category: Category
        /// The applicant organisation.
        public var organizationID: UUID
        /// Every recommender on its route (a county and its city both count).
        public var recommenderIDs: [UUID]
        public var fieldCodes: [String]

        public init(id: UUID, category: Category, organizationID: UUID, recommenderIDs: [UUID], fieldCodes: [String]) {
            self.id = id
            self.category = category
            self.organizationID = organizationID
            self.recommenderIDs = recommenderIDs
            self.fieldCodes = fieldCodes
        }
    }

    /// An expert of the pool.
    public struct Expert: Hashable, Sendable {
        public var id: UUID
        /// The category panels the expert sits on.
        public var panels: Set<Category>
        /// The expert's own organisation when it is one of the system's; `nil` for outsiders.
        public var organizationID: UUID?
        public var fieldCodes: Set<String>
        /// Organisations the expert declared a conflict with (回避), beyond their own.
        public var conflictOrganizationIDs: Set<UUID>

        public init(
            id: UUID, panels: Set<Category>, organizationID: UUID?, fieldCodes: Set<String>,
            conflictOrganizationIDs: Set<UUID> = []
        ) {
            self.id = id
            self.panels = panels
            self.organizationID = organizationID
            self.fieldCodes = fieldCodes
            self.conflictOrganizationIDs = conflictOrganizationIDs
        }
    }

    /// An expert who declared a conflict on opening one assignment: never assigned that one again.
    public struct DeclinedPair: Hashable, Sendable {
        public var applicationID: UUID
        public var expertID: UUID

        public init(applicationID: UUID, expertID: UUID) {
            self.applicationID = applicationID
            self.expertID = expertID
        }
    }

    public var applications: [Application]
    public var experts: [Expert]
    public var declined: Set<DeclinedPair>
    public var expertsPerApplication: Int

    public init(
        applications: [Application], experts: [Expert], declined: Set<DeclinedPair> = [], expertsPerApplication: Int = 5
    ) {
        self.applications = applications
        self.experts = experts
        self.declined = declined
        self.expertsPerApplication = expertsPerApplication
    }

    /// Whether `expert` may review `application`: on its panel and without any conflict of
    /// interest (own organisation, a recommender's, a declared one, or a declined pair).
    ///
    /// The reference rule; ``Assignment`` applies the same rule on integer indices for speed.
    public func isEligible(_ expert: Expert, for application: Application) -> Bool {
        ineligibility(expert, for: application) == nil
    }

    /// Why `expert` may not review `application`, in Chinese, or `nil` when they may: what the
    /// province reads when a hand-made assignment is refused.
    public func ineligibility(_ expert: Expert, for application: Application) -> String? {
        guard expert.panels.contains(application.category) else {
            return "该专家不在\(Assignment.label(application.category))评审组"
        }
        if let own = expert.organizationID {
            if own == application.organizationID { return "该专家与申报单位为同一单位，应当回避" }
            if application.recommenderIDs.contains(own) { return "该专家所在单位是该项目的推荐单位，应当回避" }
        }
        let organizations = [application.organizationID] + application.recommenderIDs
        if organizations.contains(where: expert.conflictOrganizationIDs.contains) {
            return "该专家已申明与申报单位或推荐单位存在利益关系，应当回避"
        }
        if declined.contains(DeclinedPair(applicationID: application.id, expertID: expert.id)) {
            return "该专家已申明回避该项目"
        }
        return nil
    }

    /// The expert to take over one assignment (after a declared conflict): eligible, not already
    /// on the application, least loaded, a field match preferred, then the earlier in input order.
    /// `nil` when nobody is left, which the province must then solve by hand.
    public func replacement(for application: Application, assigned: Set<UUID>, loads: [UUID: Int]) -> Expert? {
        let fields = Set(application.fieldCodes)
        var best: (expert: Expert, load: Int, matches: Bool)?
        for expert in experts where !assigned.contains(expert.id) && isEligible(expert, for: application) {
            let load = loads[expert.id, default: 0]
            let matches = !expert.fieldCodes.isDisjoint(with: fields)
            if let current = best, (current.load, current.matches ? 0 : 1) <= (load, matches ? 0 : 1) { continue }
            best = (expert, load, matches)
        }
        return best?.expert
    }
}
