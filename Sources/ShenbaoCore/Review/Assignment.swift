import Foundation

/// The automatic assignment of experts to applications (评审分配).
///
/// Guarantees, for the same input (same order) always the same output:
/// - no expert is ever assigned an application they may not review (``AssignmentInput/isEligible(_:for:)``,
///   which includes the experts and organisations the applicant asked to avoid);
/// - no expert carries more than their cap (``AssignmentInput/cap(of:)``: their own maximum, else
///   the plan's);
/// - every application gets exactly `expertsPerApplication` experts when it has that many
///   eligible ones and no cap is set (experts then have no capacity, so this is exactly when the
///   instance is feasible), otherwise all its eligible ones and the result is a ``Failure`` naming it;
/// - under caps, an application left short (a ``Failure`` naming it and whether caps are why) has
///   every eligible expert not on it at their cap: nobody who could still take it was left out;
/// - balance: for every application `a`, every expert `e` assigned to `a` and every eligible expert
///   `f` not assigned to `a` and below their cap, `load(e) ≤ load(f) + 1`, loads counting all of an
///   expert's assignments. So in a panel without conflicts or caps whose experts sit on no other
///   panel, loads differ by at most one. Full balance across conflicts is not always possible, so
///   this local form is what is promised;
/// - among experts of equal load, one whose fields meet the application's is preferred, then
///   the earlier in input order. Balance comes before fields, so that no expert is overloaded
///   because their field is popular.
///
/// Greedy: each application takes its eligible experts of least load below their cap (a bounded
/// top-N scan of the panel), then single swaps fix any remaining `load(e) ≥ load(f) + 2`; each swap
/// lowers the sum of squared loads, so they stop. Swaps can free capacity, so short applications
/// are filled again and the swaps repeated until nothing changes (each fill adds an assignment,
/// of which there are at most applications × experts per application). Under caps a cleverer
/// assignment (moving an expert from one application to another) may sometimes fill an
/// application greedy leaves short; the result then says which application and that caps are
/// why, and the province adds an expert by hand. Conflicts are checked on integer indices, so
/// 10,000 applications × 1,000 experts runs in tens of milliseconds in release.
public enum Assignment {
    /// One application that cannot get its experts.
    public struct Shortfall: Hashable, Sendable {
        public var applicationID: UUID
        public var category: Category
        /// Eligible experts it has (no conflict of interest, nor avoided at the applicant's request).
        public var available: Int
        public var needed: Int
        /// Experts on its category's panel, conflicts or not.
        public var panelSize: Int
        /// Experts it got.
        public var assigned: Int
        /// Eligible experts not on it because they reached their cap (评审数量上限).
        public var atCap: Int
        /// Experts of its panel excluded only because the applicant asked to avoid them (申请回避).
        public var avoidedByApplicant: Int

        public init(
            applicationID: UUID, category: Category, available: Int, needed: Int, panelSize: Int,
            assigned: Int? = nil, atCap: Int = 0, avoidedByApplicant: Int = 0
        ) {
            self.applicationID = applicationID
            self.category = category
            self.available = available
            self.needed = needed
            self.panelSize = panelSize
            self.assigned = assigned ?? available
            self.atCap = atCap
            self.avoidedByApplicant = avoidedByApplicant
        }

        public var message: String {
            if panelSize < needed {
                return
                    "申报项目\(applicationID.uuidString)：\(Assignment.label(category))评审组只有\(panelSize)位专家，每个项目需要\(needed)位"
            }
            let avoided = avoidedByApplicant > 0 ? "（另有\(avoidedByApplicant)位专家因申报单位申请回避而不能评审）" : ""
            if atCap > 0 {
                return
                    "申报项目\(applicationID.uuidString)有\(available)位无回避关系的专家\(avoided)，其中\(atCap)位已达评审数量上限，只分配到\(assigned)位，需要\(needed)位；请提高评审数量上限、扩充评审组或手工分配"
            }
            return "申报项目\(applicationID.uuidString)只有\(available)位无回避关系的专家\(avoided)，需要\(needed)位"
        }
    }

    /// Why the assignment is incomplete, and what it could do anyway.
    public struct Failure: Error, Hashable, Sendable {
        public var shortfalls: [Shortfall]
        /// The assignment made anyway: short applications have all their eligible experts.
        public var partial: [UUID: [UUID]]
        /// Problems when the input itself is wrong (e.g. experts per application below 1).
        public var inputProblems: [Problem]

        /// One Chinese sentence per shortfall or problem, for the province.
        public var problems: [Problem] {
            inputProblems
                + shortfalls.map {
                    Problem(field: "applications", code: .notEnoughExperts, message: $0.message)
                }
        }
    }

    static func label(_ category: Category) -> String {
        switch category {
        case .conference: "国际科技交流会议项目"
        case .cooperation: "国际合作项目"
        }
    }

    /// Assigns `input.expertsPerApplication` experts to every application.
    public static func make(_ input: AssignmentInput) -> Result<[UUID: [UUID]], Failure> {
        let needed = input.expertsPerApplication
        guard needed >= 1 else {
            let problem = Problem(
                field: "expertsPerApplication", code: .outOfRange, message: "每个项目的评审专家人数至少为1人")
            return .failure(Failure(shortfalls: [], partial: [:], inputProblems: [problem]))
        }
        var engine = Engine(input)
        for app in engine.apps.indices { engine.assignGreedily(app, needed: needed) }
        var filled = true
        while filled {
            engine.rebalance()
            filled = false
            for app in engine.apps.indices where engine.chosen[app].count < needed {
                if engine.fill(app, needed: needed) { filled = true }
            }
        }
        var shortfalls: [Shortfall] = []
        for app in engine.apps.indices where engine.chosen[app].count < needed {
            let application = input.applications[app]
            let count = engine.counts(app)
            shortfalls.append(
                Shortfall(
                    applicationID: application.id, category: application.category, available: count.eligible,
                    needed: needed, panelSize: engine.panels[application.category]?.count ?? 0,
                    assigned: engine.chosen[app].count, atCap: count.atCap, avoidedByApplicant: count.avoided))
        }
        var result: [UUID: [UUID]] = [:]
        result.reserveCapacity(input.applications.count)
        for (app, chosen) in engine.chosen.enumerated() {
            result[input.applications[app].id] = chosen.sorted().map { input.experts[$0].id }
        }
        if shortfalls.isEmpty { return .success(result) }
        return .failure(Failure(shortfalls: shortfalls, partial: result, inputProblems: []))
    }
}

/// The assignment on integer indices: organisations, fields and experts numbered once.
private struct Engine {
    struct App {
        var category: Category
        /// The applicant and its recommenders.
        var organizations: [Int]
        var fields: [UInt64]
        var declined: [Int]
        /// Experts the applicant asked to avoid, by name or organisation.
        var avoided: [Int]
    }

    var apps: [App] = []
    var panels: [Category: [Int]] = [:]
    var expertOrganization: [Int] = []
    var expertConflicts: [[Int]] = []
    var expertFields: [[UInt64]] = []
    var load: [Int] = []
    /// Each expert's maximum load (`Int.max` without a cap).
    var cap: [Int] = []
    var chosen: [[Int]] = []

    init(_ input: AssignmentInput) {
        var organizationIndex: [UUID: Int] = [:]
        var fieldIndex: [String: Int] = [:]
        // Each application's organizations (its own, then its recommenders) by index.
        var applicationOrganizations: [[Int]] = []
        for application in input.applications {
            applicationOrganizations.append(
                ([application.organizationID] + application.recommenderIDs).map { id in
                    let index = organizationIndex[id] ?? organizationIndex.count
                    organizationIndex[id] = index
                    return index
                })
            for code in application.fieldCodes where fieldIndex[code] == nil {
                fieldIndex[code] = fieldIndex.count
            }
        }
        let words = max(1, (fieldIndex.count + 63) / 64)
        func bits(_ codes: some Sequence<String>) -> [UInt64] {
            var result = [UInt64](repeating: 0, count: words)
            for code in codes {
                if let index = fieldIndex[code] { result[index / 64] |= 1 << UInt64(index % 64) }
            }
            return result
        }
        var expertIndex: [UUID: Int] = [:]
        for (index, expert) in input.experts.enumerated() {
            expertIndex[expert.id] = expertIndex[expert.id] ?? index
            expertOrganization.append(expert.organizationID.flatMap { organizationIndex[$0] } ?? -1)
            expertConflicts.append(expert.conflictOrganizationIDs.compactMap { organizationIndex[$0] })
            expertFields.append(bits(expert.fieldCodes))
            for category in Category.allCases where expert.panels.contains(category) {
                panels[category, default: []].append(index)
            }
        }
        var declined: [UUID: [Int]] = [:]
        for pair in input.declined {
            if let expert = expertIndex[pair.expertID] { declined[pair.applicationID, default: []].append(expert) }
        }
        // Names looked up once, so avoidance costs a dictionary probe per name asked, not a scan.
        var expertsByName: [String: [Int]] = [:]
        var expertsByOrganization: [String: [Int]] = [:]
        let anyAvoidance = input.applications.contains {
            !$0.avoidedExpertNames.isEmpty || !$0.avoidedOrganizationNames.isEmpty
        }
        if anyAvoidance {
            for (index, expert) in input.experts.enumerated() {
                let name = AssignmentInput.normalizedName(expert.name)
                if !name.isEmpty { expertsByName[name, default: []].append(index) }
                let organization = AssignmentInput.normalizedName(expert.organizationName)
                if !organization.isEmpty { expertsByOrganization[organization, default: []].append(index) }
            }
        }
        apps = zip(input.applications, applicationOrganizations).map { application, organizations in
            var avoided: [Int] = []
            for name in application.avoidedExpertNames {
                avoided += expertsByName[AssignmentInput.normalizedName(name)] ?? []
            }
            for name in application.avoidedOrganizationNames {
                avoided += expertsByOrganization[AssignmentInput.normalizedName(name)] ?? []
            }
            return App(
                category: application.category, organizations: organizations,
                fields: bits(application.fieldCodes), declined: declined[application.id] ?? [], avoided: avoided)
        }
        load = Array(repeating: 0, count: input.experts.count)
        cap = input.experts.map { input.cap(of: $0).map { max(0, $0) } ?? Int.max }
        chosen = Array(repeating: [], count: apps.count)
    }

    func isEligible(_ expert: Int, _ app: App) -> Bool {
        let own = expertOrganization[expert]
        if own >= 0 && app.organizations.contains(own) { return false }
        for conflict in expertConflicts[expert] where app.organizations.contains(conflict) { return false }
        return !app.declined.contains(expert) && !app.avoided.contains(expert)
    }

    func hasRoom(_ expert: Int) -> Bool { load[expert] < cap[expert] }

    /// For a short application's explanation: its eligible experts, those of them at their cap and
    /// not on it, and the panel's experts excluded only by the applicant's avoidance requests.
    func counts(_ index: Int) -> (eligible: Int, atCap: Int, avoided: Int) {
        let app = apps[index]
        var eligible = 0
        var atCap = 0
        var avoided = 0
        for expert in panels[app.category] ?? [] {
            if isEligible(expert, app) {
                eligible += 1
                if !hasRoom(expert) && !chosen[index].contains(expert) { atCap += 1 }
            } else if app.avoided.contains(expert) {
                var others = app
                others.avoided = []
                if isEligible(expert, others) { avoided += 1 }
            }
        }
        return (eligible, atCap, avoided)
    }

    func matches(_ expert: Int, _ app: App) -> Bool {
        let fields = expertFields[expert]
        for word in app.fields.indices where fields[word] & app.fields[word] != 0 { return true }
        return false
    }

    /// Lower is better: load first, then a field match.
    func key(_ expert: Int, _ app: App) -> Int {
        load[expert] * 2 + (matches(expert, app) ? 0 : 1)
    }

    /// Gives `app` its `needed` eligible experts of lowest key below their cap.
    mutating func assignGreedily(_ index: Int, needed: Int) {
        let app = apps[index]
        var best: [(key: Int, expert: Int)] = []
        best.reserveCapacity(needed + 1)
        for expert in panels[app.category] ?? [] where hasRoom(expert) && isEligible(expert, app) {
            let key = key(expert, app)
            if best.count == needed && key >= best[needed - 1].key { continue }
            // Stable insertion: an equal key stays after the earlier expert.
            var position = best.count
            while position > 0 && best[position - 1].key > key { position -= 1 }
            best.insert((key, expert), at: position)
            if best.count > needed { best.removeLast() }
        }
        chosen[index] = best.map(\.expert)
        for expert in chosen[index] { load[expert] += 1 }
    }

    /// Adds to a short application the eligible experts, not on it, that have room again after
    /// swaps, lowest key first; whether any was added.
    mutating func fill(_ index: Int, needed: Int) -> Bool {
        var added = false
        while chosen[index].count < needed {
            let app = apps[index]
            var best = -1
            for expert in panels[app.category] ?? []
            where hasRoom(expert) && isEligible(expert, app) && !chosen[index].contains(expert) {
                if best < 0 || key(expert, app) < key(best, app) { best = expert }
            }
            guard best >= 0 else { break }
            chosen[index].append(best)
            load[best] += 1
            added = true
        }
        return added
    }

    /// Swaps until no assigned expert carries two more than an eligible, unassigned one with room.
    mutating func rebalance() {
        var changed = true
        while changed {
            changed = false
            for index in apps.indices {
                while swapOnce(index) { changed = true }
            }
        }
    }

    private mutating func swapOnce(_ index: Int) -> Bool {
        let app = apps[index]
        guard var heaviest = chosen[index].indices.first else { return false }
        for slot in chosen[index].indices where load[chosen[index][slot]] > load[chosen[index][heaviest]] {
            heaviest = slot
        }
        let heavy = chosen[index][heaviest]
        var lightest = -1
        for expert in panels[app.category] ?? [] where load[expert] + 2 <= load[heavy] && hasRoom(expert) {
            guard isEligible(expert, app), !chosen[index].contains(expert) else { continue }
            if lightest < 0 || key(expert, app) < key(lightest, app) { lightest = expert }
        }
        guard lightest >= 0 else { return false }
        chosen[index][heaviest] = lightest
        load[heavy] -= 1
        load[lightest] += 1
        return true
    }
}
