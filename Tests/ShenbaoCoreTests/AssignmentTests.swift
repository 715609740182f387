import Foundation
import Testing

@testable import ShenbaoCore

/// A small seeded generator (SplitMix64), so random instances are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uuid() -> UUID {
        let a = next()
        let b = next()
        return UUID(
            uuid: (
                UInt8(truncatingIfNeeded: a), UInt8(truncatingIfNeeded: a >> 8), UInt8(truncatingIfNeeded: a >> 16),
                UInt8(truncatingIfNeeded: a >> 24), UInt8(truncatingIfNeeded: a >> 32),
                UInt8(truncatingIfNeeded: a >> 40), UInt8(truncatingIfNeeded: a >> 48),
                UInt8(truncatingIfNeeded: a >> 56), UInt8(truncatingIfNeeded: b), UInt8(truncatingIfNeeded: b >> 8),
                UInt8(truncatingIfNeeded: b >> 16), UInt8(truncatingIfNeeded: b >> 24),
                UInt8(truncatingIfNeeded: b >> 32), UInt8(truncatingIfNeeded: b >> 40),
                UInt8(truncatingIfNeeded: b >> 48), UInt8(truncatingIfNeeded: b >> 56)
            ))
    }
}

@Suite struct AssignmentTests {
    static let fields = ["manufacturing", "energy", "biomedicine", "agriculture", "it", "materials"]

    /// A random instance: few organisations, so conflicts are frequent.
    static func instance(
        seed: UInt64, applications: Int, experts: Int, organizations: Int, needed: Int, conflictRate: Int = 20,
        cap: Int? = nil, overrideRate: Int = 0
    ) -> AssignmentInput {
        var random = SplitMix64(seed: seed)
        let orgs = (0..<organizations).map { _ in random.uuid() }
        let apps = (0..<applications).map { _ in
            AssignmentInput.Application(
                id: random.uuid(), category: Bool.random(using: &random) ? .conference : .cooperation,
                organizationID: orgs.randomElement(using: &random)!,
                recommenderIDs: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                    orgs.randomElement(using: &random)!
                }, fieldCodes: [fields.randomElement(using: &random)!])
        }
        let pool = (0..<experts).map { _ in
            let panel = Int.random(in: 0..<4, using: &random)
            let panels: Set<Category> =
                panel == 0
                ? [.conference] : panel == 1 ? [.cooperation] : panel == 2 ? [.conference, .cooperation] : []
            return AssignmentInput.Expert(
                id: random.uuid(), panels: panel == 3 ? [.cooperation] : panels,
                organizationID: Int.random(in: 0..<100, using: &random) < 70 ? orgs.randomElement(using: &random) : nil,
                fieldCodes: Set((0..<2).map { _ in fields.randomElement(using: &random)! }),
                conflictOrganizationIDs: Int.random(in: 0..<100, using: &random) < conflictRate
                    ? [orgs.randomElement(using: &random)!] : [],
                maxReviews: Int.random(in: 0..<100, using: &random) < overrideRate
                    ? Int.random(in: 0...6, using: &random) : nil)
        }
        var declined: Set<AssignmentInput.DeclinedPair> = []
        for _ in 0..<(applications / 3) where !apps.isEmpty && !pool.isEmpty {
            declined.insert(
                AssignmentInput.DeclinedPair(
                    applicationID: apps.randomElement(using: &random)!.id,
                    expertID: pool.randomElement(using: &random)!.id))
        }
        return AssignmentInput(
            applications: apps, experts: pool, declined: declined, expertsPerApplication: needed,
            maxReviewsPerExpert: cap)
    }

    /// Checks every promise of ``Assignment`` on one instance and returns whether it was feasible.
    @discardableResult
    static func check(_ input: AssignmentInput) -> Bool {
        let result = Assignment.make(input)
        let assignment: [UUID: [UUID]]
        switch result {
        case .success(let made): assignment = made
        case .failure(let failure): assignment = failure.partial
        }
        let experts = Dictionary(uniqueKeysWithValues: input.experts.map { ($0.id, $0) })
        var load: [UUID: Int] = [:]
        for experts in assignment.values { for id in experts { load[id, default: 0] += 1 } }
        let capped = input.maxReviewsPerExpert != nil || input.experts.contains { $0.maxReviews != nil }
        func room(_ expert: AssignmentInput.Expert) -> Bool {
            input.cap(of: expert).map { load[expert.id, default: 0] < $0 } ?? true
        }
        for expert in input.experts {
            if let cap = input.cap(of: expert) { #expect(load[expert.id, default: 0] <= max(0, cap)) }
        }
        var feasible = true
        for application in input.applications {
            let eligible = input.experts.filter { input.isEligible($0, for: application) }
            let assigned = assignment[application.id] ?? []
            #expect(Set(assigned).count == assigned.count)
            #expect(assigned.allSatisfy { input.isEligible(experts[$0]!, for: application) })
            let assignedSet = Set(assigned)
            if capped {
                #expect(assigned.count <= min(input.expertsPerApplication, eligible.count))
                if assigned.count < input.expertsPerApplication {
                    // Short under caps: nobody eligible with room was left out.
                    #expect(eligible.allSatisfy { assignedSet.contains($0.id) || !room($0) })
                }
            } else {
                #expect(assigned.count == min(input.expertsPerApplication, eligible.count))
            }
            if assigned.count < input.expertsPerApplication { feasible = false }
            let heaviest = assigned.map { load[$0, default: 0] }.max() ?? 0
            for other in eligible where !assignedSet.contains(other.id) && room(other) {
                #expect(heaviest <= load[other.id, default: 0] + 1)
            }
        }
        switch result {
        case .success: #expect(feasible)
        case .failure(let failure):
            #expect(!feasible)
            #expect(!failure.problems.isEmpty)
        }
        return feasible
    }

    @Test("random instances: never a conflict, N each when feasible, balanced", arguments: 0..<200)
    func random(seed: UInt64) {
        var random = SplitMix64(seed: seed &* 7919)
        let input = Self.instance(
            seed: seed, applications: Int.random(in: 0...60, using: &random),
            experts: Int.random(in: 0...40, using: &random), organizations: Int.random(in: 1...12, using: &random),
            needed: Int.random(in: 1...7, using: &random), conflictRate: Int.random(in: 0...60, using: &random))
        Self.check(input)
    }

    @Test("random instances under caps: never past a cap, short only when everyone left is full", arguments: 0..<200)
    func randomCapped(seed: UInt64) {
        var random = SplitMix64(seed: seed &* 104_729)
        let input = Self.instance(
            seed: seed, applications: Int.random(in: 0...60, using: &random),
            experts: Int.random(in: 0...40, using: &random), organizations: Int.random(in: 1...12, using: &random),
            needed: Int.random(in: 1...7, using: &random), conflictRate: Int.random(in: 0...60, using: &random),
            cap: Bool.random(using: &random) ? Int.random(in: 1...12, using: &random) : nil,
            overrideRate: Int.random(in: 0...50, using: &random))
        Self.check(input)
    }

    @Test("both feasible and infeasible instances occur among the random ones")
    func coverage() {
        var outcomes: Set<Bool> = []
        for seed in 0..<60 as Range<UInt64> {
            outcomes.insert(
                Self.check(Self.instance(seed: seed, applications: 30, experts: 25, organizations: 6, needed: 5)))
        }
        #expect(outcomes == [true, false])
    }

    @Test("without conflicts, a panel's loads differ by at most one")
    func fullBalance() throws {
        var random = SplitMix64(seed: 42)
        let experts = (0..<13).map { _ in
            AssignmentInput.Expert(id: random.uuid(), panels: [.cooperation], organizationID: nil, fieldCodes: ["it"])
        }
        let apps = (0..<37).map { _ in
            AssignmentInput.Application(
                id: random.uuid(), category: .cooperation, organizationID: random.uuid(), recommenderIDs: [],
                fieldCodes: ["energy"])
        }
        let made = try Assignment.make(AssignmentInput(applications: apps, experts: experts)).get()
        var load: [UUID: Int] = [:]
        for ids in made.values { for id in ids { load[id, default: 0] += 1 } }
        let loads = experts.map { load[$0.id, default: 0] }
        #expect(loads.max()! - loads.min()! <= 1)
        #expect(loads.reduce(0, +) == 37 * 5)
    }

    @Test("field matches preferred among equal loads; same input, same output")
    func fieldsAndDeterminism() throws {
        var random = SplitMix64(seed: 7)
        let experts = (0..<10).map { index in
            AssignmentInput.Expert(
                id: random.uuid(), panels: [.conference], organizationID: nil,
                fieldCodes: index >= 5 ? ["energy"] : ["it"])
        }
        let app = AssignmentInput.Application(
            id: random.uuid(), category: .conference, organizationID: random.uuid(), recommenderIDs: [],
            fieldCodes: ["energy"])
        let input = AssignmentInput(applications: [app], experts: experts)
        let made = try Assignment.make(input).get()
        #expect(Set(made[app.id]!) == Set(experts[5...].map(\.id)))
        #expect(try Assignment.make(input).get() == made)
    }

    @Test("an impossible assignment names the application and why")
    func explanation() {
        let org = UUID()
        let recommender = UUID()
        let app = AssignmentInput.Application(
            id: UUID(), category: .cooperation, organizationID: org, recommenderIDs: [recommender], fieldCodes: [])
        var experts = (0..<3).map { _ in
            AssignmentInput.Expert(id: UUID(), panels: [.cooperation], organizationID: nil, fieldCodes: [])
        }
        experts.append(.init(id: UUID(), panels: [.cooperation], organizationID: org, fieldCodes: []))
        experts.append(.init(id: UUID(), panels: [.cooperation], organizationID: recommender, fieldCodes: []))
        experts.append(
            .init(
                id: UUID(), panels: [.cooperation], organizationID: nil, fieldCodes: [], conflictOrganizationIDs: [org])
        )
        experts.append(.init(id: UUID(), panels: [.conference], organizationID: nil, fieldCodes: []))
        let declined = AssignmentInput.DeclinedPair(applicationID: app.id, expertID: experts[0].id)
        let input = AssignmentInput(applications: [app], experts: experts, declined: [declined])
        guard case .failure(let failure) = Assignment.make(input) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.shortfalls.map(\.available) == [2])
        #expect(failure.problems.map(\.message) == ["申报项目\(app.id.uuidString)只有2位无回避关系的专家，需要5位"])
        #expect(Set(failure.partial[app.id]!) == [experts[1].id, experts[2].id])

        let small = AssignmentInput(applications: [app], experts: [experts[6]], expertsPerApplication: 2)
        guard case .failure(let none) = Assignment.make(small) else {
            Issue.record("expected a failure")
            return
        }
        #expect(none.problems.first?.message.contains("国际合作项目评审组只有0位专家") == true)
    }

    @Test("10,000 applications × 1,000 experts × 5 completes correctly")
    func large() throws {
        var random = SplitMix64(seed: 2025)
        let orgs = (0..<800).map { _ in random.uuid() }
        let experts = (0..<1000).map { index in
            AssignmentInput.Expert(
                id: random.uuid(), panels: index % 3 == 0 ? [.conference] : [.cooperation],
                organizationID: orgs.randomElement(using: &random), fieldCodes: [Self.fields[index % 6]],
                conflictOrganizationIDs: [orgs.randomElement(using: &random)!])
        }
        let apps = (0..<10_000).map { index in
            AssignmentInput.Application(
                id: random.uuid(), category: index % 4 == 0 ? .conference : .cooperation,
                organizationID: orgs.randomElement(using: &random)!,
                recommenderIDs: [orgs.randomElement(using: &random)!],
                fieldCodes: [Self.fields.randomElement(using: &random)!])
        }
        let input = AssignmentInput(applications: apps, experts: experts)
        let made = try Assignment.make(input).get()
        #expect(made.count == 10_000)
        let byID = Dictionary(uniqueKeysWithValues: experts.map { ($0.id, $0) })
        for app in apps {
            let assigned = made[app.id]!
            #expect(assigned.count == 5)
            #expect(assigned.allSatisfy { input.isEligible(byID[$0]!, for: app) })
        }
    }

    /// One cap case: experts (each with an optional own maximum), applications, the plan's cap.
    struct CapCase: CustomTestStringConvertible, Sendable {
        var name: String
        var planCap: Int?
        var expertCaps: [Int?]
        var applications: Int
        var needed: Int
        /// Loads expected, expert by expert (all applications share one panel, no conflicts).
        var loads: [Int]
        var short: Int
        var testDescription: String { name }
    }

    static let capCases: [CapCase] = [
        CapCase(
            name: "no cap: 4 apps × 2 over 4 experts, 2 each", planCap: nil, expertCaps: [nil, nil, nil, nil],
            applications: 4, needed: 2, loads: [2, 2, 2, 2], short: 0),
        CapCase(
            name: "plan cap 2 holds exactly", planCap: 2, expertCaps: [nil, nil, nil, nil],
            applications: 4, needed: 2, loads: [2, 2, 2, 2], short: 0),
        CapCase(
            name: "plan cap 1: half the places, the later apps short", planCap: 1, expertCaps: [nil, nil, nil, nil],
            applications: 4, needed: 2, loads: [1, 1, 1, 1], short: 2),
        CapCase(
            name: "an expert's own cap below the plan's", planCap: 3, expertCaps: [1, nil, nil],
            applications: 3, needed: 2, loads: [1, 3, 2], short: 0),
        CapCase(
            name: "an expert's own cap above the plan's", planCap: 1, expertCaps: [3, nil, nil],
            applications: 3, needed: 2, loads: [3, 1, 1], short: 1),
        CapCase(
            name: "own cap 0: never assigned", planCap: nil, expertCaps: [0, nil, nil],
            applications: 2, needed: 2, loads: [0, 2, 2], short: 0),
    ]

    @Test("caps: nobody past their maximum, the shortfall counted", arguments: capCases)
    func caps(_ c: CapCase) {
        let experts = c.expertCaps.enumerated().map { index, cap in
            AssignmentInput.Expert(
                id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", index + 1))!,
                panels: [.cooperation], organizationID: nil, fieldCodes: [], maxReviews: cap)
        }
        let apps = (0..<c.applications).map { index in
            AssignmentInput.Application(
                id: UUID(uuidString: String(format: "00000000-0000-0000-0001-%012d", index + 1))!,
                category: .cooperation, organizationID: UUID(), recommenderIDs: [], fieldCodes: [])
        }
        let input = AssignmentInput(
            applications: apps, experts: experts, expertsPerApplication: c.needed, maxReviewsPerExpert: c.planCap)
        let made: [UUID: [UUID]]
        switch Assignment.make(input) {
        case .success(let result):
            #expect(c.short == 0)
            made = result
        case .failure(let failure):
            #expect(failure.shortfalls.count == c.short)
            for shortfall in failure.shortfalls {
                #expect(shortfall.atCap > 0)
                #expect(shortfall.message.contains("已达评审数量上限"))
            }
            made = failure.partial
        }
        var load: [UUID: Int] = [:]
        for ids in made.values { for id in ids { load[id, default: 0] += 1 } }
        #expect(experts.map { load[$0.id, default: 0] } == c.loads)
        Self.check(input)
    }

    @Test("a cap's shortfall says which application, how many are full and that caps are why")
    func capExplanation() {
        let experts = (0..<3).map { _ in
            AssignmentInput.Expert(id: UUID(), panels: [.conference], organizationID: nil, fieldCodes: [])
        }
        let apps = (0..<2).map { _ in
            AssignmentInput.Application(
                id: UUID(), category: .conference, organizationID: UUID(), recommenderIDs: [], fieldCodes: [])
        }
        let input = AssignmentInput(
            applications: apps, experts: experts, expertsPerApplication: 3, maxReviewsPerExpert: 1)
        guard case .failure(let failure) = Assignment.make(input) else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            failure.problems.map(\.message) == [
                "申报项目\(apps[1].id.uuidString)有3位无回避关系的专家，其中3位已达评审数量上限，只分配到0位，需要3位；请提高评审数量上限、扩充评审组或手工分配"
            ])
    }

    /// One avoidance case: what the applicant named, the expert, and the verdict.
    struct AvoidanceCase: CustomTestStringConvertible, Sendable {
        var name: String
        var experts: [String]
        var organizations: [String]
        var expertName: String
        var expertOrganization: String
        var reason: String?
        var testDescription: String { name }
    }

    static let avoidanceCases: [AvoidanceCase] = [
        AvoidanceCase(
            name: "nothing named", experts: [], organizations: [], expertName: "张三",
            expertOrganization: "浙江大学", reason: nil),
        AvoidanceCase(
            name: "the expert by name", experts: ["张三"], organizations: [], expertName: "张三",
            expertOrganization: "浙江大学", reason: "申报单位申请该专家（张三）回避"),
        AvoidanceCase(
            name: "a name with spaces and full-width spaces", experts: [" 张\u{3000}三 "], organizations: [],
            expertName: "张三", expertOrganization: "浙江大学", reason: "申报单位申请该专家（张三）回避"),
        AvoidanceCase(
            name: "another expert of the same name only", experts: ["李四"], organizations: [],
            expertName: "张三", expertOrganization: "浙江大学", reason: nil),
        AvoidanceCase(
            name: "the organisation", experts: [], organizations: ["浙江大学"], expertName: "张三",
            expertOrganization: "浙江大学", reason: "申报单位申请该专家所在单位（浙江大学）回避"),
        AvoidanceCase(
            name: "organisation case-folded", experts: [], organizations: ["zhejiang university"],
            expertName: "Zhang San", expertOrganization: "Zhejiang University",
            reason: "申报单位申请该专家所在单位（Zhejiang University）回避"),
        AvoidanceCase(
            name: "a part of the organisation's name is not it", experts: [], organizations: ["浙江"],
            expertName: "张三", expertOrganization: "浙江大学", reason: nil),
        AvoidanceCase(
            name: "an expert without an organisation", experts: [], organizations: ["浙江大学"],
            expertName: "张三", expertOrganization: "", reason: nil),
    ]

    @Test("avoidance requests are conflicts: eligibility, the reason and the assignment", arguments: avoidanceCases)
    func avoidance(_ c: AvoidanceCase) {
        let expert = AssignmentInput.Expert(
            id: UUID(), panels: [.conference], organizationID: nil, fieldCodes: [], name: c.expertName,
            organizationName: c.expertOrganization)
        let other = AssignmentInput.Expert(
            id: UUID(), panels: [.conference], organizationID: nil, fieldCodes: [], name: "王五",
            organizationName: "宁波大学")
        let app = AssignmentInput.Application(
            id: UUID(), category: .conference, organizationID: UUID(), recommenderIDs: [], fieldCodes: [],
            avoidedExpertNames: c.experts, avoidedOrganizationNames: c.organizations)
        let input = AssignmentInput(applications: [app], experts: [expert, other], expertsPerApplication: 2)
        #expect(input.ineligibility(expert, for: app) == c.reason)
        #expect(input.isEligible(other, for: app))
        switch Assignment.make(input) {
        case .success(let made):
            #expect(c.reason == nil)
            #expect(Set(made[app.id] ?? []) == [expert.id, other.id])
        case .failure(let failure):
            #expect(c.reason != nil)
            #expect(failure.partial[app.id] == [other.id])
            #expect(
                failure.problems.map(\.message) == [
                    "申报项目\(app.id.uuidString)只有1位无回避关系的专家（另有1位专家因申报单位申请回避而不能评审），需要2位"
                ])
        }
        #expect(input.replacement(for: app, assigned: [other.id], loads: [:]) == (c.reason == nil ? expert : nil))
    }

    @Test("avoidance rows: at most three, kind, name and reason required at submission, bounded on save")
    func avoidanceRows() {
        let good = Avoidance(kind: "expert", name: "张三", reason: "与项目负责人存在竞争关系")
        #expect(ApplicationRules.avoidanceProblems(nil, complete: true).isEmpty)
        #expect(ApplicationRules.avoidanceProblems([good, good, good], complete: true).isEmpty)
        #expect(
            ApplicationRules.avoidanceProblems([good, good, good, good], complete: false).map(\.field) == ["avoidances"]
        )
        let half = Avoidance(kind: "organization", name: "浙江大学", reason: " ")
        #expect(ApplicationRules.avoidanceProblems([half], complete: false).isEmpty)
        #expect(
            ApplicationRules.avoidanceProblems([half], complete: true).map(\.message) == ["请填写第1个申请回避的理由"])
        let wrong = Avoidance(kind: "team", name: String(repeating: "名", count: 201), reason: nil)
        let problems = ApplicationRules.avoidanceProblems([good, wrong], complete: true)
        #expect(problems.map(\.field) == ["avoidances[1].kind", "avoidances[1].name", "avoidances[1].reason"])
        #expect(problems.map(\.code) == ["invalidValue", "tooLong", "required"])
        let long = Avoidance(kind: "expert", name: String(repeating: "名", count: 51), reason: nil)
        #expect(ApplicationRules.avoidanceProblems([long], complete: false).map(\.code) == ["tooLong"])
        var form = ApplicationForm()
        form.avoidances = [good, Avoidance(kind: "organization", name: " 浙江大学 ", reason: "x"), half]
        #expect(form.avoidedNames(.expert) == ["张三"])
        #expect(form.avoidedNames(.organization) == ["浙江大学", "浙江大学"])
        #expect(form.withoutAvoidances.avoidances == nil)
    }

    /// One hand assignment: the loads before it, the caps, and the warnings expected.
    struct HandCase: CustomTestStringConvertible, Sendable {
        var name: String
        var planCap: Int?
        var ownCap: Int?
        /// Loads of the chosen expert and of the other eligible one (王五).
        var load: Int
        var otherLoad: Int
        var otherCap: Int?
        var warnings: [String]
        var testDescription: String { name }
    }

    static let handCases: [HandCase] = [
        HandCase(
            name: "below the cap, balanced", planCap: 3, ownCap: nil, load: 1, otherLoad: 1, otherCap: nil,
            warnings: []),
        HandCase(
            name: "one more than the other: after it, two more", planCap: nil, ownCap: nil, load: 1, otherLoad: 0,
            otherCap: nil, warnings: ["该专家已分配1个项目，指派后为2个，比可评审此项目的专家王五（0个）多出2个以上，不符合均衡分配原则"]),
        HandCase(name: "equal loads", planCap: nil, ownCap: nil, load: 2, otherLoad: 2, otherCap: nil, warnings: []),
        HandCase(
            name: "at the plan's cap", planCap: 2, ownCap: nil, load: 2, otherLoad: 2, otherCap: nil,
            warnings: ["该专家已分配2个项目，已达到评审方案规定的每位专家评审数量上限（2个），再指派将超过上限"]),
        HandCase(
            name: "at the expert's own cap", planCap: 5, ownCap: 1, load: 1, otherLoad: 1, otherCap: nil,
            warnings: ["该专家已分配1个项目，已达到该专家本人的评审数量上限（1个），再指派将超过上限"]),
        HandCase(
            name: "own cap above the plan's", planCap: 1, ownCap: 4, load: 2, otherLoad: 2, otherCap: nil,
            warnings: []),
        HandCase(
            name: "the lighter one is full: no balance warning", planCap: nil, ownCap: nil, load: 3,
            otherLoad: 0, otherCap: 0, warnings: []),
    ]

    @Test("hand assignment warns past the cap and past the balance rule", arguments: handCases)
    func handWarnings(_ c: HandCase) {
        let chosen = AssignmentInput.Expert(
            id: UUID(), panels: [.conference], organizationID: nil, fieldCodes: [], name: "张三", maxReviews: c.ownCap)
        let other = AssignmentInput.Expert(
            id: UUID(), panels: [.conference], organizationID: nil, fieldCodes: [], name: "王五", maxReviews: c.otherCap)
        let avoided = AssignmentInput.Expert(
            id: UUID(), panels: [.conference], organizationID: nil, fieldCodes: [], name: "李四")
        let app = AssignmentInput.Application(
            id: UUID(), category: .conference, organizationID: UUID(), recommenderIDs: [], fieldCodes: [],
            avoidedExpertNames: ["李四"])
        let input = AssignmentInput(
            applications: [app], experts: [chosen, other, avoided], maxReviewsPerExpert: c.planCap)
        // 李四 carries nothing but is avoided: never the one the balance rule compares with.
        let loads = [chosen.id: c.load, other.id: c.otherLoad, avoided.id: 0]
        #expect(input.handWarnings(chosen, for: app, assigned: [], loads: loads) == c.warnings)
    }
}
