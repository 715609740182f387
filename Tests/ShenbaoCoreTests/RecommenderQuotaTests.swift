import Foundation
import ShenbaoCore
import Testing

@Suite("推荐名额: a recommender's quota per category")
struct RecommenderQuotaTests {
    static let changsha = UUID(uuidString: "00000000-0000-0000-0000-0000000000c1") ?? UUID()
    static let yueyang = UUID(uuidString: "00000000-0000-0000-0000-0000000000c2") ?? UUID()
    static let quotas = RecommenderQuotas(
        kinds: [
            .init(kind: .city, category: .conference, limit: 2),
            .init(kind: .city, category: .cooperation, limit: 3),
            .init(kind: .university, category: .conference, limit: 0),
        ],
        organizations: [.init(organizationId: changsha, category: .conference, limit: 4)])

    @Test(
        "the limit is the recommender's own, else its kind's, else none",
        arguments: [
            (changsha, RecommenderKind.city, Category.conference, 4),
            // The override is per category: the other category keeps the kind's limit.
            (changsha, .city, .cooperation, 3),
            (yueyang, .city, .conference, 2),
            (yueyang, .city, .cooperation, 3),
            (yueyang, .university, .conference, 0),
            (yueyang, .university, .cooperation, nil),
            (yueyang, .county, .conference, nil),
        ] as [(UUID, RecommenderKind, ShenbaoCore.Category, Int?)])
    func limit(organization: UUID, kind: RecommenderKind, category: ShenbaoCore.Category, expected: Int?) {
        #expect(Self.quotas.limit(organizationId: organization, kind: kind, category: category) == expected)
        #expect(RecommenderQuotas().limit(organizationId: organization, kind: kind, category: category) == nil)
    }

    @Test(
        "remaining and the refusal's numbers",
        arguments: [
            // limit, used, remaining, refusal
            (nil, 50, nil, nil),
            (2, 0, 2, nil),
            (2, 1, 1, nil),
            (2, 2, 0, "本单位国际科技交流会议项目推荐名额为2项，已推荐2项，不能再推荐"),
            // A limit lowered below what was already recommended leaves none and takes nothing back.
            (2, 5, 0, "本单位国际科技交流会议项目推荐名额为2项，已推荐5项，不能再推荐"),
            (0, 0, 0, "本单位国际科技交流会议项目推荐名额为0项，已推荐0项，不能再推荐"),
            (999, Int.max, 0, "本单位国际科技交流会议项目推荐名额为999项，已推荐\(Int.max)项，不能再推荐"),
        ] as [(Int?, Int, Int?, String?)])
    func remaining(limit: Int?, used: Int, remaining: Int?, refusal: String?) {
        #expect(RecommenderQuotas.remaining(limit: limit, used: used) == remaining)
        #expect(RecommenderQuotas.refusal(limit: limit, used: used, categoryLabel: "国际科技交流会议项目") == refusal)
    }

    @Test(
        "what counts against the quota: recommended and gone on, not returned, not withdrawn",
        arguments: [
            // status, held by this recommender, its latest opinion recommends, counts
            (ApplicationStatus.atRecommender, false, true, true),  // at the city after the county's recommendation
            (.atProvince, false, true, true),
            (.accepted, false, true, true),
            (.approved, false, true, true),
            (.rejected, false, true, true),  // refused upstream: the slot was used
            (.draft, false, true, false),  // returned for revision
            (.withdrawn, false, true, false),
            (.atRecommender, true, true, false),  // resubmitted to it after a return: to decide again
            (.rejected, false, false, false),  // its own 不予推荐
            (.atProvince, false, false, false),
        ] as [(ApplicationStatus, Bool, Bool, Bool)])
    func counts(status: ApplicationStatus, held: Bool, recommends: Bool, expected: Bool) {
        #expect(
            RecommenderQuotas.counts(status: status, heldByRecommender: held, latestOpinionRecommends: recommends)
                == expected)
    }

    typealias Entry = RecommenderQuotas.Entry

    @Test("the province's rows become quotas")
    func parsesValidRows() throws {
        let call = try CallDefinition.guide2025()
        let parsed = try RecommenderQuotas.parse(
            kinds: [
                Entry(key: "city", category: "conference", limit: " 2 "),
                Entry(key: "city", category: "cooperation", limit: "0"),
            ],
            organizations: [Entry(key: Self.changsha.uuidString.lowercased(), category: "conference", limit: "4")],
            call: call, recommenders: [Self.changsha: "长沙市科学技术协会"]
        ).get()
        #expect(
            parsed
                == RecommenderQuotas(
                    kinds: [
                        .init(kind: .city, category: .conference, limit: 2),
                        .init(kind: .city, category: .cooperation, limit: 0),
                    ],
                    organizations: [.init(organizationId: Self.changsha, category: .conference, limit: 4)]))
        let empty = try RecommenderQuotas.parse(kinds: [], organizations: [], call: call, recommenders: [:]).get()
        #expect(empty.isEmpty)
    }

    @Test(
        "every wrong row is named at once",
        arguments: [
            // kinds, organizations, the problems as field/code
            ([Entry(key: "planet", category: "conference", limit: "1")], [], ["kinds[0].kind/wrongKind"]),
            (
                [Entry(key: "", category: "", limit: "")], [],
                ["kinds[0].kind/required", "kinds[0].category/required", "kinds[0].limit/required"]
            ),
            (
                [Entry(key: "city", category: "lecture", limit: "-1")], [],
                ["kinds[0].category/unknownCategory", "kinds[0].limit/outOfRange"]
            ),
            ([Entry(key: "city", category: "conference", limit: "1000")], [], ["kinds[0].limit/outOfRange"]),
            ([Entry(key: "city", category: "conference", limit: "1.5")], [], ["kinds[0].limit/outOfRange"]),
            (
                [Entry(key: "city", category: "conference", limit: "99999999999999999999")], [],
                ["kinds[0].limit/outOfRange"]
            ),
            (
                [
                    Entry(key: "city", category: "conference", limit: "1"),
                    Entry(key: "city", category: "conference", limit: "2"),
                ],
                [], ["kinds[1].kind/duplicate"]
            ),
            (
                [], [Entry(key: "00000000-0000-0000-0000-0000000000ff", category: "conference", limit: "1")],
                ["organizations[0].organizationId/notFound"]
            ),
            (
                [], [Entry(key: "not-an-id", category: "cooperation", limit: "x")],
                ["organizations[0].organizationId/notFound", "organizations[0].limit/outOfRange"]
            ),
            (
                [Entry(key: "county", category: "conference", limit: "1")],
                [
                    Entry(key: "00000000-0000-0000-0000-0000000000c1", category: "conference", limit: "1"),
                    Entry(key: "00000000-0000-0000-0000-0000000000C1", category: "conference", limit: "3"),
                ], ["organizations[1].organizationId/duplicate"]
            ),
        ] as [([Entry], [Entry], [String])])
    func refusesWrongRows(kinds: [Entry], organizations: [Entry], expected: [String]) throws {
        let call = try CallDefinition.guide2025()
        let result = RecommenderQuotas.parse(
            kinds: kinds, organizations: organizations, call: call, recommenders: [Self.changsha: "长沙市科学技术协会"])
        guard case .failure(let list) = result else {
            Issue.record("accepted \(kinds) \(organizations)")
            return
        }
        #expect(list.problems.map { "\($0.field)/\($0.code)" } == expected)
        #expect(
            list.problems.allSatisfy { !$0.message.isEmpty && $0.message.unicodeScalars.contains { $0.value > 0x4E00 } }
        )
    }

    @Test("a kind the call's recommender kinds do not cover is refused, naming the allowed ones")
    func kindOutsideTheCall() throws {
        var call = try CallDefinition.guide2025()
        call.recommenderKinds = call.recommenderKinds.filter { !$0.organizationKinds.contains(.city) }
        let result = RecommenderQuotas.parse(
            kinds: [Entry(key: "city", category: "conference", limit: "1")], organizations: [], call: call,
            recommenders: [:])
        guard case .failure(let list) = result else {
            Issue.record("accepted a kind the call does not list")
            return
        }
        #expect(list.problems.map(\.code) == ["wrongKind"])
        #expect(!list.problems[0].message.contains("市州科协"))
    }

    @Test("too many rows are refused before any is read")
    func tooManyRows() throws {
        let rows = Array(repeating: Entry(key: "city", category: "conference", limit: "1"), count: 501)
        let result = RecommenderQuotas.parse(
            kinds: rows, organizations: [], call: try CallDefinition.guide2025(), recommenders: [:])
        guard case .failure(let list) = result else {
            Issue.record("accepted 501 rows")
            return
        }
        #expect(list.problems.map(\.code) == ["tooMany"])
    }

    @Test("the 2025 call sets no quotas, and a call stored with quotas reads them back")
    func stored() throws {
        let call = try CallDefinition.guide2025()
        #expect(call.recommenderQuotas == nil)
        var withQuotas = call
        withQuotas.recommenderQuotas = Self.quotas
        let data = try JSONEncoder().encode(withQuotas)
        #expect(try JSONDecoder().decode(CallDefinition.self, from: data).recommenderQuotas == Self.quotas)
    }
}
