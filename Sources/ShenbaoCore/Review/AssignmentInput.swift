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
        guard expert.panels.contains(application.category) else { return false }
        let organizations = [application.organizationID] + application.recommenderIDs
        if let own = expert.organizationID, organizations.contains(own) { return false }
        if organizations.contains(where: expert.conflictOrganizationIDs.contains) { return false }
        return !declined.contains(DeclinedPair(applicationID: application.id, expertID: expert.id))
    }
}
