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
        /// Experts the applicant asked to avoid (申请回避的专家), by name as the applicant wrote it.
        public var avoidedExpertNames: [String]
        /// Organisations the applicant asked to avoid (申请回避的单位), by name.
        public var avoidedOrganizationNames: [String]

        public init(
            id: UUID, category: Category, organizationID: UUID, recommenderIDs: [UUID], fieldCodes: [String],
            avoidedExpertNames: [String] = [], avoidedOrganizationNames: [String] = []
        ) {
            self.id = id
            self.category = category
            self.organizationID = organizationID
            self.recommenderIDs = recommenderIDs
            self.fieldCodes = fieldCodes
            self.avoidedExpertNames = avoidedExpertNames
            self.avoidedOrganizationNames = avoidedOrganizationNames
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
        /// The expert's name and organisation as the pool holds them, matched against the
        /// applicant's avoidance requests (申请回避).
        public var name: String
        public var organizationName: String
        /// This expert's own maximum number of reviews, overriding the plan's; `nil` keeps the plan's.
        public var maxReviews: Int?

        public init(
            id: UUID, panels: Set<Category>, organizationID: UUID?, fieldCodes: Set<String>,
            conflictOrganizationIDs: Set<UUID> = [], name: String = "", organizationName: String = "",
            maxReviews: Int? = nil
        ) {
            self.id = id
            self.panels = panels
            self.organizationID = organizationID
            self.fieldCodes = fieldCodes
            self.conflictOrganizationIDs = conflictOrganizationIDs
            self.name = name
            self.organizationName = organizationName
            self.maxReviews = maxReviews
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
    /// The plan's maximum number of reviews per expert (评审数量上限); `nil` for no maximum.
    public var maxReviewsPerExpert: Int?

    public init(
        applications: [Application], experts: [Expert], declined: Set<DeclinedPair> = [],
        expertsPerApplication: Int = 5,
        maxReviewsPerExpert: Int? = nil
    ) {
        self.applications = applications
        self.experts = experts
        self.declined = declined
        self.expertsPerApplication = expertsPerApplication
        self.maxReviewsPerExpert = maxReviewsPerExpert
    }

    /// The most reviews `expert` may carry: their own maximum, else the plan's, else none (`nil`).
    public func cap(of expert: Expert) -> Int? {
        expert.maxReviews ?? maxReviewsPerExpert
    }

    /// A name as compared for avoidance: without any whitespace (half- or full-width) and
    /// case-folded, so “张 三” matches “张三” and “Zhejiang University” matches “zhejiang university”.
    public static func normalizedName(_ name: String) -> String {
        String(name.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }).lowercased()
    }

    /// Whether the applicant of `application` asked to avoid `expert` by name (`.expert`) or by
    /// the expert's organisation (`.organization`); `nil` when not.
    public static func avoidance(_ expert: Expert, for application: Application) -> AvoidanceKind? {
        let name = normalizedName(expert.name)
        if !name.isEmpty, application.avoidedExpertNames.contains(where: { normalizedName($0) == name }) {
            return .expert
        }
        let organization = normalizedName(expert.organizationName)
        if !organization.isEmpty,
            application.avoidedOrganizationNames.contains(where: { normalizedName($0) == organization })
        {
            return .organization
        }
        return nil
    }

    /// Whether `expert` may review `application`: on its panel and without any conflict of
    /// interest (own organisation, a recommender's, a declared one, a declined pair, or an expert
    /// or organisation the applicant asked to avoid). Load caps are not conflicts: see ``cap(of:)``.
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
        switch Self.avoidance(expert, for: application) {
        case .expert: return "申报单位申请该专家（\(expert.name)）回避"
        case .organization: return "申报单位申请该专家所在单位（\(expert.organizationName)）回避"
        case nil: return nil
        }
    }

    /// What the province is warned of before giving `expert` one more application by hand, in
    /// Chinese; empty when nothing. Warnings, not refusals: the province may confirm through them
    /// (a panel too small for the cap, an expert who knows the field best).
    ///
    /// - past the cap: the expert already carries ``cap(of:)`` assignments or more;
    /// - past the balance rule of ``Assignment``: after this one the expert would carry two more
    ///   than an eligible expert not on the application and below their cap (the least loaded is named).
    ///
    /// `loads` counts every active assignment of the call; `assigned` the experts already on the application.
    public func handWarnings(
        _ expert: Expert, for application: Application, assigned: Set<UUID>, loads: [UUID: Int]
    ) -> [String] {
        var warnings: [String] = []
        let load = loads[expert.id, default: 0]
        if let cap = cap(of: expert), load >= cap {
            let whose = expert.maxReviews != nil ? "该专家本人的评审数量上限" : "评审方案规定的每位专家评审数量上限"
            warnings.append("该专家已分配\(load)个项目，已达到\(whose)（\(cap)个），再指派将超过上限")
        }
        var lightest: (expert: Expert, load: Int)?
        for other in experts
        where other.id != expert.id && !assigned.contains(other.id) && isEligible(other, for: application) {
            let otherLoad = loads[other.id, default: 0]
            if let cap = cap(of: other), otherLoad >= cap { continue }
            if lightest.map({ otherLoad < $0.load }) ?? true { lightest = (other, otherLoad) }
        }
        if let lightest, load > lightest.load {
            let name = lightest.expert.name.isEmpty ? "另一位可评审此项目的专家" : "可评审此项目的专家\(lightest.expert.name)"
            warnings.append(
                "该专家已分配\(load)个项目，指派后为\(load + 1)个，比\(name)（\(lightest.load)个）多出2个以上，不符合均衡分配原则")
        }
        return warnings
    }

    /// The expert to take over one assignment (after a declared conflict): eligible, not already
    /// on the application, below their cap (``cap(of:)``), least loaded, a field match preferred,
    /// then the earlier in input order.
    /// `nil` when nobody is left, which the province must then solve by hand.
    public func replacement(for application: Application, assigned: Set<UUID>, loads: [UUID: Int]) -> Expert? {
        let fields = Set(application.fieldCodes)
        var best: (expert: Expert, load: Int, matches: Bool)?
        for expert in experts where !assigned.contains(expert.id) && isEligible(expert, for: application) {
            let load = loads[expert.id, default: 0]
            if let cap = cap(of: expert), load >= cap { continue }
            let matches = !expert.fieldCodes.isDisjoint(with: fields)
            if let current = best, (current.load, current.matches ? 0 : 1) <= (load, matches ? 0 : 1) { continue }
            best = (expert, load, matches)
        }
        return best?.expert
    }
}
