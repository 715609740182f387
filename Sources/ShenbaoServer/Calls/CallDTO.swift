import Foundation
import ShenbaoCore
import Vapor

/// A call in the shape of docs/api.md.
struct CallDTO: Content {
    var id: UUID
    var year: Int
    var title: String
    var phase: CallPhase
    var phaseLabel: String
    var deadline: Date?
    var contact: CallContact
    var totalFunded: Bounds
    var categories: [CategoryDefinition]
    var applicantKinds: [Option]
    var recommenderKinds: [RecommenderKindOption]
    var eligibilityConditions: [Option]
    var priorityConditions: [Option]
    var noticeWorkingDays: Int
    var submission: SubmissionRequirements
    var guideText: String
    /// The forms' edition, `YYYY-MM` (the cover's 2025年2月).
    var formEdition: String?
    /// The extra questions (补充信息) the form asks, in order.
    var questions: [Question]?

    init(_ model: CallModel) throws {
        let call = model.current
        id = try model.requireID()
        year = call.year
        title = call.title
        phase = call.phase
        phaseLabel = call.phase.label
        deadline = call.deadline
        contact = call.contact
        totalFunded = call.totalFunded
        categories = call.categories
        applicantKinds = call.applicantKinds
        recommenderKinds = call.recommenderKinds
        eligibilityConditions = call.eligibilityConditions
        priorityConditions = call.priorityConditions
        noticeWorkingDays = call.noticeWorkingDays
        submission = call.submission
        guideText = call.guideText
        formEdition = call.formEdition
        questions = call.questions
    }
}
