import Benchmark
import Foundation
import ShenbaoCore

/// The expert-review rules at the size of a large call (issue 6): the automatic assignment of
/// 10,000 applications to 1,000 experts, and the ranking and selection the meeting reads.
/// Inputs are generated once per benchmark from a fixed seed and checked in setup, so a wrong
/// result fails the run instead of being timed.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock], timeUnits: .microseconds, maxDuration: .seconds(10), maxIterations: 100)

    Benchmark("review: assign 10,000 × 1,000 (5 each)") { benchmark, input in
        for _ in benchmark.scaledIterations {
            blackHole(Assignment.make(input))
        }
    } setup: {
        let input = ReviewFixtures.assignmentInput()
        ReviewFixtures.check(input, Assignment.make(input))
        return input
    }

    Benchmark("review: rank + select 10,000") { benchmark, call in
        for _ in benchmark.scaledIterations {
            blackHole(ReviewFixtures.rankAndSelect(call))
        }
    } setup: {
        let call = try ReviewFixtures.call()
        ReviewFixtures.check(call, ReviewFixtures.rankAndSelect(call))
        return call
    }
}

/// A small seeded generator (SplitMix64, as in the Core tests), so inputs are the same on every run.
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

    /// `count` distinct elements of `elements`.
    mutating func sample<T>(_ elements: [T], count: Int) -> [T] {
        Array(elements.shuffled(using: &self).prefix(count))
    }
}

enum ReviewFixtures {
    static let applications = 10_000
    static let experts = 1_000
    static let expertsPerApplication = 5
    static let totalBudgetYuan = 3_000_000

    /// An applicant organisation and its recommendation route (a city, perhaps through a county).
    struct Organization {
        var id: UUID
        var recommenderIDs: [UUID]
    }

    /// One submitted application as the meeting sees it.
    struct Submitted {
        var application: AssignmentInput.Application
        var entry: Ranking.Entry
        var requestedYuan: Int
        var financeCapYuan: Int?
    }

    /// The whole call: 140 organisations recommended by 14 cities and 40 of their counties,
    /// 10,000 applications (about 30% conferences) and a pool of 1,000 experts.
    struct World {
        var submitted: [Submitted]
        var experts: [AssignmentInput.Expert]
        var declined: Set<AssignmentInput.DeclinedPair>
    }

    /// What ranking and selection need, built once.
    struct Call {
        var entries: [Ranking.Entry]
        var plan: ReviewPlan
        var bounds: Selection.Bounds
        /// Request and finance cap per application, looked up as the server would.
        var requests: [UUID: (requested: Int, financeCap: Int?)]
    }

    static func fieldCodes() -> [String] {
        let call = try! CallDefinition.guide2025()
        return call.categories.first { $0.code == .cooperation }!.fields.map(\.code)
    }

    static func world(seed: UInt64 = 2025) -> World {
        var random = SplitMix64(seed: seed)
        let fields = fieldCodes()
        let cities = (0..<14).map { _ in random.uuid() }
        let counties = (0..<40).map { index in (id: random.uuid(), city: cities[index % cities.count]) }
        let organizations = (0..<140).map { _ in
            if Bool.random(using: &random) {
                return Organization(id: random.uuid(), recommenderIDs: [cities.randomElement(using: &random)!])
            }
            let county = counties.randomElement(using: &random)!
            return Organization(id: random.uuid(), recommenderIDs: [county.id, county.city])
        }
        let start = Date(timeIntervalSince1970: 1_746_057_600)  // 2025-05-01 00:00 UTC
        let submitted = (0..<applications).map { _ in
            let organization = organizations.randomElement(using: &random)!
            let category: Category = Int.random(in: 0..<100, using: &random) < 30 ? .conference : .cooperation
            let id = random.uuid()
            let application = AssignmentInput.Application(
                id: id, category: category, organizationID: organization.id,
                recommenderIDs: organization.recommenderIDs,
                fieldCodes: random.sample(fields, count: Int.random(in: 1...3, using: &random)))
            // Experts roughly agree on a project's quality: totals scatter around it, 40…98.
            let quality = Int.random(in: 50...90, using: &random)
            let totals = (0..<expertsPerApplication).map { _ in
                min(98, max(40, quality + Int.random(in: -10...10, using: &random)))
            }
            let conditions = [0, 0, 0, 1, 1, 2, 3, 4].randomElement(using: &random)!
            let entry = Ranking.Entry(
                applicationID: id, category: category, reviewTotals: totals, priorityConditions: conditions,
                submittedAt: start.addingTimeInterval(Double(Int.random(in: 0..<(30 * 86_400), using: &random))))
            let requested = 1_000 * Int.random(in: (category == .conference ? 50...200 : 50...300), using: &random)
            let capped = Int.random(in: 0..<100, using: &random) < 15
            return Submitted(
                application: application, entry: entry, requestedYuan: requested,
                financeCapYuan: capped ? 1_000 * Int.random(in: 40...(requested / 1_000), using: &random) : nil)
        }
        let everyOrganization = organizations.map(\.id) + cities + counties.map(\.id)
        let experts = (0..<experts).map { _ in
            let panel = Int.random(in: 0..<100, using: &random)
            let panels: Set<Category> =
                panel < 25 ? [.conference] : panel < 85 ? [.cooperation] : [.conference, .cooperation]
            // A third work at a registered organisation (universities, institutes); the rest are outsiders.
            let own = Int.random(in: 0..<3, using: &random) == 0 ? organizations.randomElement(using: &random)!.id : nil
            return AssignmentInput.Expert(
                id: random.uuid(), panels: panels, organizationID: own,
                fieldCodes: Set(random.sample(fields, count: Int.random(in: 1...3, using: &random))),
                conflictOrganizationIDs: Set(
                    random.sample(everyOrganization, count: Int.random(in: 0...3, using: &random))))
        }
        // One application in a hundred had an expert decline it on opening.
        var declined: Set<AssignmentInput.DeclinedPair> = []
        for _ in 0..<(applications / 100) {
            declined.insert(
                AssignmentInput.DeclinedPair(
                    applicationID: submitted.randomElement(using: &random)!.application.id,
                    expertID: experts.randomElement(using: &random)!.id))
        }
        return World(submitted: submitted, experts: experts, declined: declined)
    }

    static func assignmentInput() -> AssignmentInput {
        let world = world()
        return AssignmentInput(
            applications: world.submitted.map(\.application), experts: world.experts, declined: world.declined,
            expertsPerApplication: expertsPerApplication)
    }

    static func call() throws -> Call {
        let world = world()
        var requests: [UUID: (requested: Int, financeCap: Int?)] = [:]
        for submitted in world.submitted {
            requests[submitted.entry.applicationID] = (submitted.requestedYuan, submitted.financeCapYuan)
        }
        return Call(
            entries: world.submitted.map(\.entry), plan: ReviewPlan(),
            bounds: Selection.Bounds(call: try CallDefinition.guide2025(), totalBudgetYuan: totalBudgetYuan),
            requests: requests)
    }

    /// What the meeting gets: the ranking, the suggested decisions and the check of those decisions.
    struct Outcome {
        var ranked: [Category: [Ranking.Ranked]]
        var choices: [Selection.Choice]
        var review: Selection.Review
    }

    static func rankAndSelect(_ call: Call) -> Outcome {
        let ranked = Ranking.rank(call.entries, plan: call.plan)
        var candidates: [Selection.Candidate] = []
        candidates.reserveCapacity(call.entries.count)
        for category in Category.allCases {
            for entry in ranked[category] ?? [] {
                let request = call.requests[entry.applicationID]!
                candidates.append(
                    Selection.Candidate(
                        applicationID: entry.applicationID, category: category, rank: entry.rank,
                        scoreHundredths: entry.scoreHundredths, requestedYuan: request.requested,
                        financeCapYuan: request.financeCap))
            }
        }
        let choices = Selection.suggest(candidates, bounds: call.bounds)
        let review = Selection.problems(
            decisions: choices.map(\.decision), candidates: candidates, bounds: call.bounds)
        return Outcome(ranked: ranked, choices: choices, review: review)
    }

    /// The assignment succeeded: every application has 5 distinct experts, none in conflict.
    static func check(_ input: AssignmentInput, _ result: Result<[UUID: [UUID]], Assignment.Failure>) {
        guard case .success(let made) = result else {
            preconditionFailure("the assignment failed: \(result)")
        }
        precondition(made.count == input.applications.count, "not every application was assigned")
        let experts = Dictionary(uniqueKeysWithValues: input.experts.map { ($0.id, $0) })
        var load: [UUID: Int] = [:]
        for application in input.applications {
            let assigned = made[application.id]!
            precondition(Set(assigned).count == expertsPerApplication, "an application lacks its 5 experts")
            precondition(
                assigned.allSatisfy { input.isEligible(experts[$0]!, for: application) }, "an expert in conflict")
            for id in assigned { load[id, default: 0] += 1 }
        }
        precondition(load.values.reduce(0, +) == applications * expertsPerApplication)
    }

    /// Every application ranked once, every candidate decided, the suggestion within every limit.
    static func check(_ call: Call, _ outcome: Outcome) {
        for (category, list) in outcome.ranked {
            precondition(list.map(\.rank) == Array(1...list.count), "ranks of \(category) are not 1…n")
        }
        precondition(outcome.ranked.values.map(\.count).reduce(0, +) == call.entries.count, "not all ranked")
        precondition(outcome.choices.count == call.entries.count, "not every candidate has a decision")
        let funded = outcome.choices.filter(\.decision.funded)
        precondition(call.bounds.totalFunded.contains(funded.count), "\(funded.count) funded")
        precondition(funded.compactMap(\.decision.amountYuan).reduce(0, +) <= call.bounds.totalBudgetYuan)
        precondition(outcome.review.problems.isEmpty, "the suggestion breaks a limit: \(outcome.review.problems)")
    }
}
