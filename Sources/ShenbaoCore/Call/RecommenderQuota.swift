import Foundation

/// 推荐名额: how many applications of each category a recommender may recommend in one call, when
/// the call sets it (docs/rules.md §5). A limit is set for every recommender of a kind (e.g. every
/// 市州科协 at most 2 conference projects) and may be overridden for one recommender. A category
/// without a limit for a recommender has none; a call without quotas limits nobody.
public struct RecommenderQuotas: Codable, Hashable, Sendable {
    /// The limit of every recommender of `kind` for `category`.
    public struct KindLimit: Codable, Hashable, Sendable {
        public var kind: RecommenderKind
        public var category: Category
        public var limit: Int

        public init(kind: RecommenderKind, category: Category, limit: Int) {
            self.kind = kind
            self.category = category
            self.limit = limit
        }
    }

    /// One recommender's own limit for `category`, in place of its kind's.
    public struct OrganizationLimit: Codable, Hashable, Sendable {
        public var organizationId: UUID
        public var category: Category
        public var limit: Int

        public init(organizationId: UUID, category: Category, limit: Int) {
            self.organizationId = organizationId
            self.category = category
            self.limit = limit
        }
    }

    public var kinds: [KindLimit]
    public var organizations: [OrganizationLimit]

    public init(kinds: [KindLimit] = [], organizations: [OrganizationLimit] = []) {
        self.kinds = kinds
        self.organizations = organizations
    }

    /// The largest limit the province may set, and the most entries of each list: far above any
    /// call (the guide funds 8–20 projects), low enough to keep every sum bounded.
    public static let maximumLimit = 999
    public static let maximumEntries = 500

    public var isEmpty: Bool { kinds.isEmpty && organizations.isEmpty }

    /// The limit of a recommender for a category: its own if set, else its kind's, else none.
    public func limit(organizationId: UUID, kind: RecommenderKind, category: Category) -> Int? {
        if let own = organizations.first(where: { $0.organizationId == organizationId && $0.category == category }) {
            return own.limit
        }
        return kinds.first { $0.kind == kind && $0.category == category }?.limit
    }

    /// How many more it may recommend: never below zero (a limit lowered under what was already
    /// recommended leaves none, it takes nothing back); nil without a limit.
    public static func remaining(limit: Int?, used: Int) -> Int? {
        guard let limit else { return nil }
        return max(0, min(limit, maximumLimit) - max(0, min(used, Int(Int32.max))))
    }

    /// Why one more recommendation is refused, naming the numbers; nil when it is allowed.
    public static func refusal(limit: Int?, used: Int, categoryLabel: String) -> String? {
        guard let left = remaining(limit: limit, used: used), left == 0, let limit else { return nil }
        return "本单位\(categoryLabel)推荐名额为\(limit)项，已推荐\(used)项，不能再推荐"
    }

    /// Whether an application counts against the quota of a recommender that has given an opinion
    /// on it: its latest opinion there recommends it, and the application has neither come back
    /// (returned for revision: a draft again, or held again by this recommender after resubmission)
    /// nor been withdrawn. A later 不予推荐 or 不予受理 upstream keeps it counted: the slot was used.
    public static func counts(
        status: ApplicationStatus, heldByRecommender: Bool, latestOpinionRecommends: Bool
    ) -> Bool {
        guard latestOpinionRecommends, !ApplicationStatus.notSent.contains(status) else { return false }
        return !(status == .atRecommender && heldByRecommender)
    }
}

extension RecommenderQuotas {
    /// One row as the province types it (API or page); every value still text.
    public struct Entry: Codable, Hashable, Sendable {
        /// A recommender kind (`city`…) in `kinds`, a recommender's id in `organizations`.
        public var key: String?
        public var category: String?
        public var limit: String?

        public init(key: String?, category: String?, limit: String?) {
            self.key = key
            self.category = category
            self.limit = limit
        }
    }

    /// The quotas the province typed, checked against the call: known kinds (those the call's
    /// recommender kinds cover), known recommenders, the call's categories, whole numbers
    /// 0–999, no row twice; every problem at once. Fields are `kinds[i].kind`,
    /// `organizations[i].organizationId`, `….category`, `….limit`.
    public static func parse(
        kinds: [Entry], organizations: [Entry], call: CallDefinition, recommenders: [UUID: String]
    ) -> Result<RecommenderQuotas, ProblemList> {
        var problems: [Problem] = []
        if kinds.count > maximumEntries || organizations.count > maximumEntries {
            return .failure(
                ProblemList([
                    Problem(
                        field: kinds.count > maximumEntries ? "kinds" : "organizations", code: .tooMany,
                        message: "推荐名额最多设置\(maximumEntries)行")
                ]))
        }
        let allowedKinds = call.recommenderKinds.flatMap(\.organizationKinds)
        let categories = call.categories.map(\.code)
        func category(_ raw: String?, field: String) -> Category? {
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            if let value = Category(rawValue: text), categories.contains(value) { return value }
            problems.append(
                text.isEmpty
                    ? Problem(field: field, code: .required, message: "请选择项目类别")
                    : Problem(
                        field: field, code: .unknownCategory,
                        message: "项目类别应为"
                            + call.categories.map { "\($0.code.rawValue)（\($0.label)）" }.joined(separator: "、") + "之一"))
            return nil
        }
        func limit(_ raw: String?, field: String) -> Int? {
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                problems.append(Problem(field: field, code: .required, message: "请填写推荐名额（项）"))
                return nil
            }
            guard text.count <= 9, let value = Int(text), (0...maximumLimit).contains(value) else {
                problems.append(
                    Problem(field: field, code: .outOfRange, message: "推荐名额应为0至\(maximumLimit)之间的整数"))
                return nil
            }
            return value
        }
        var result = RecommenderQuotas()
        var seenKinds: Set<String> = []
        for (index, entry) in kinds.enumerated() {
            let text = (entry.key ?? "").trimmingCharacters(in: .whitespaces)
            let kind = RecommenderKind(rawValue: text).flatMap { allowedKinds.contains($0) ? $0 : nil }
            if kind == nil {
                problems.append(
                    text.isEmpty
                        ? Problem(field: "kinds[\(index)].kind", code: .required, message: "请选择推荐单位类型")
                        : Problem(
                            field: "kinds[\(index)].kind", code: .wrongKind,
                            message: "推荐单位类型应为本年度指南所列的"
                                + allowedKinds.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、") + "之一"))
            }
            let code = category(entry.category, field: "kinds[\(index)].category")
            let value = limit(entry.limit, field: "kinds[\(index)].limit")
            guard let kind, let code, let value else { continue }
            if !seenKinds.insert("\(kind.rawValue)/\(code.rawValue)").inserted {
                problems.append(
                    Problem(
                        field: "kinds[\(index)].kind", code: .duplicate,
                        message: "\(kind.label)的\(call.category(code)?.label ?? code.rawValue)推荐名额重复设置"))
                continue
            }
            result.kinds.append(KindLimit(kind: kind, category: code, limit: value))
        }
        var seenOrganizations: Set<String> = []
        for (index, entry) in organizations.enumerated() {
            let text = (entry.key ?? "").trimmingCharacters(in: .whitespaces)
            let id = UUID(uuidString: text).flatMap { recommenders[$0] == nil ? nil : $0 }
            if id == nil {
                problems.append(
                    text.isEmpty
                        ? Problem(
                            field: "organizations[\(index)].organizationId", code: .required, message: "请选择推荐单位")
                        : Problem(
                            field: "organizations[\(index)].organizationId", code: .notFound,
                            message: "未找到该推荐单位"))
            }
            let code = category(entry.category, field: "organizations[\(index)].category")
            let value = limit(entry.limit, field: "organizations[\(index)].limit")
            guard let id, let code, let value else { continue }
            if !seenOrganizations.insert("\(id.uuidString)/\(code.rawValue)").inserted {
                problems.append(
                    Problem(
                        field: "organizations[\(index)].organizationId", code: .duplicate,
                        message: "\(recommenders[id] ?? "该推荐单位")的\(call.category(code)?.label ?? code.rawValue)推荐名额重复设置"
                    ))
                continue
            }
            result.organizations.append(OrganizationLimit(organizationId: id, category: code, limit: value))
        }
        return problems.isEmpty ? .success(result) : .failure(ProblemList(problems))
    }
}
