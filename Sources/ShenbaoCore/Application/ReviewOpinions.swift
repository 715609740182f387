import Foundation

/// What section 四 (审查意见) of the printed form may carry, as the guide's forms 1 and 2 have it.
///
/// The boxes are for handwriting and seals. 申报单位意见 is always left blank for the unit's
/// leader to write, sign and stamp; 推荐单位意见 carries each recommender's final opinion as given
/// online, above blank seal and signature lines; 省科协审定意见 stays blank until the meeting's
/// decision is published. Nothing is ever typed on a line meant for a person's signature.
public enum ReviewOpinions {
    /// A recommender's opinion as recorded on the chain.
    public struct RecommenderOpinion: Hashable, Sendable {
        public enum Decision: Hashable, Sendable {
            case recommend, `return`, reject
        }

        /// Who gave it: one entry per recommending organisation is printed.
        public var recommender: String
        public var decision: Decision
        public var recordedAt: Date

        public init(recommender: String, decision: Decision, recordedAt: Date) {
            self.recommender = recommender
            self.decision = decision
            self.recordedAt = recordedAt
        }
    }

    /// The opinions that print: those of the latest round (given after the last submission,
    /// since a resubmission starts the chain again), never a 退回修改 (a request to change the
    /// form, not an opinion on it), and of each recommender only its last, in the order given.
    /// A draft has none: its round ended with the return that made it a draft again.
    public static func final<T>(
        _ opinions: [T], status: ApplicationStatus, lastSubmittedAt: Date?, as opinion: (T) -> RecommenderOpinion
    ) -> [T] {
        guard status != .draft else { return [] }
        let round = opinions.filter { item in
            let value = opinion(item)
            return value.decision != .return && lastSubmittedAt.map { value.recordedAt >= $0 } ?? true
        }
        return round.enumerated().filter { index, item in
            let recommender = opinion(item).recommender
            return !round[(index + 1)...].contains { opinion($0).recommender == recommender }
        }.map(\.element)
    }

    /// The province's box once the decision is published: 立项 with the amount in 万元, or 不予立项
    /// for an application the meeting decided on that was not approved; nil (the box stays blank)
    /// before publication and for an application the meeting never decided on.
    public static func provinceDecision(
        published: Bool, status: ApplicationStatus, decided: Bool, amountYuan: Int?
    ) -> String? {
        guard published else { return nil }
        if ApplicationStatus.fundedProject.contains(status) {
            return amountYuan.map { "立项，资助金额\(WanAmount.wanText($0))万元。" } ?? "立项。"
        }
        return decided ? "不予立项。" : nil
    }
}
