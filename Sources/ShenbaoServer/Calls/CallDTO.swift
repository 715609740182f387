import Foundation
import ShenbaoCore
import Vapor

/// A call in the shape of docs/api.md: its id, year, phase and deadline, then the editable
/// definition (`CallEditorService.Input`, the editor's keys, each named there once) at the same
/// level.
struct CallDTO: Content {
    var id: UUID
    var year: Int
    var phase: CallPhase
    var phaseLabel: String
    var deadline: Date?
    /// 推荐截止时间 (RecommendationDeadline), and the same as the pages write it (2026年4月15日 17:00).
    var recommendationDeadline: Date?
    var recommendationDeadlineText: String?
    /// The 补正 period a return gives when the returner sends none; nil: 5 working days.
    var correctionWorkingDays: Int?
    /// 公布验收结果: the published funded list shows each project's final state; nil: off.
    var publishesFinalState: Bool?
    /// Title, contact, quotas, categories, lists, notice, materials, guide, edition and the
    /// extra questions (补充信息) in the form's order.
    var definition: CallEditorService.Input

    private enum CodingKeys: String, CodingKey {
        case id, year, phase, phaseLabel, deadline, recommendationDeadline, recommendationDeadlineText
        case correctionWorkingDays, publishesFinalState
    }

    init(_ model: CallModel) throws {
        let call = model.current
        id = try model.requireID()
        year = call.year
        phase = call.phase
        phaseLabel = call.phase.label
        deadline = call.deadline
        recommendationDeadline = call.recommendationDeadline
        recommendationDeadlineText = call.recommendationDeadline.map(ChineseFormat.dateTime)
        correctionWorkingDays = call.correctionWorkingDays
        publishesFinalState = call.publishesFinalState
        definition = CallEditorService.Input(call)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(UUID.self, forKey: .id)
        year = try container.decode(Int.self, forKey: .year)
        phase = try container.decode(CallPhase.self, forKey: .phase)
        phaseLabel = try container.decode(String.self, forKey: .phaseLabel)
        deadline = try container.decodeIfPresent(Date.self, forKey: .deadline)
        recommendationDeadline = try container.decodeIfPresent(Date.self, forKey: .recommendationDeadline)
        recommendationDeadlineText = try container.decodeIfPresent(String.self, forKey: .recommendationDeadlineText)
        correctionWorkingDays = try container.decodeIfPresent(Int.self, forKey: .correctionWorkingDays)
        publishesFinalState = try container.decodeIfPresent(Bool.self, forKey: .publishesFinalState)
        definition = try CallEditorService.Input(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(year, forKey: .year)
        try container.encode(phase, forKey: .phase)
        try container.encode(phaseLabel, forKey: .phaseLabel)
        try container.encodeIfPresent(deadline, forKey: .deadline)
        try container.encodeIfPresent(recommendationDeadline, forKey: .recommendationDeadline)
        try container.encodeIfPresent(recommendationDeadlineText, forKey: .recommendationDeadlineText)
        try container.encodeIfPresent(correctionWorkingDays, forKey: .correctionWorkingDays)
        try container.encodeIfPresent(publishesFinalState, forKey: .publishesFinalState)
        try definition.encode(to: encoder)
    }
}
