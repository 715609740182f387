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
        seed: UInt64, applications: Int, experts: Int, organizations: Int, needed: Int, conflictRate: Int = 20
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
                    ? [orgs.randomElement(using: &random)!] : [])
        }
        var declined: Set<AssignmentInput.DeclinedPair> = []
        for _ in 0..<(applications / 3) where !apps.isEmpty && !pool.isEmpty {
            declined.insert(
                AssignmentInput.DeclinedPair(
                    applicationID: apps.randomElement(using: &random)!.id,
                    expertID: pool.randomElement(using: &random)!.id))
        }
        return AssignmentInput(applications: apps, experts: pool, declined: declined, expertsPerApplication: needed)
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
        var feasible = true
        for application in input.applications {
            let eligible = input.experts.filter { input.isEligible($0, for: application) }
            let assigned = assignment[application.id] ?? []
            #expect(Set(assigned).count == assigned.count)
            #expect(assigned.allSatisfy { input.isEligible(experts[$0]!, for: application) })
            #expect(assigned.count == min(input.expertsPerApplication, eligible.count))
            if eligible.count < input.expertsPerApplication { feasible = false }
            let assignedSet = Set(assigned)
            let heaviest = assigned.map { load[$0, default: 0] }.max() ?? 0
            for other in eligible where !assignedSet.contains(other.id) {
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
}
