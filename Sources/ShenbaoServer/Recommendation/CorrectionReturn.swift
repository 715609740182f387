import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// A return for revision (退回修改) by a recommender or by the province: whether the call still
/// takes one, and the end of the 补正 period it gives (CorrectionPeriod, on China's calendar
/// with the province's closures).
enum CorrectionReturn {
    struct CallFacts {
        var year: Int
        var title: String
        var phase: CallPhase
        var deadline: Date?
        /// 推荐截止时间 (RecommendationDeadline) and the call's default 补正 period.
        var recommendationDeadline: Date?
        var correctionWorkingDays: Int?

        var programme: String { ProgrammeName.of(guideTitle: title) }
    }

    static func call(of application: ApplicationModel, on db: any Database) async throws -> CallFacts? {
        try await CallModel.query(on: db).filter(\.$id == application.$call.id)
            .field(\.$id).field(\.$year).field(\.$title).field(\.$phase).field(\.$deadline).field(\.$definition)
            .first()
            .map {
                CallFacts(
                    year: $0.year, title: $0.title, phase: $0.phase, deadline: $0.deadline,
                    recommendationDeadline: $0.definition.recommendationDeadline,
                    correctionWorkingDays: $0.definition.correctionWorkingDays)
            }
    }

    /// The outcome of a return's 补正 period: its end and what the applicant is told, or the
    /// problems of the number of working days the returner gave.
    struct Outcome {
        var end: Day?
        var instruction: String?
        var problems: [Problem] = []

        static let none = Outcome()
    }

    /// Refuses a return the call can no longer process (409); otherwise the period's outcome, the
    /// call read once for both its phase and its deadline.
    static func period(
        for application: ApplicationModel, workingDays raw: String?, today: Day, on db: any Database
    ) async throws -> Outcome {
        let call = try await call(of: application, on: db)
        if let call, !CorrectionPeriod.acceptsReturns(in: call.phase) {
            throw AppError.conflict(
                "\(call.programme)当前为“\(call.phase.label)”阶段，退回后已无法再次推荐和受理，不能退回修改", code: .returnClosed)
        }
        switch CorrectionPeriod.workingDays(from: raw, callDefault: call?.correctionWorkingDays) {
        case .invalid(let problem):
            return Outcome(problems: [problem])
        case .days(let count):
            let calendar = try await OfficialCalendar.load(on: db)
            do throws(WorkingDayCalendar.Failure) {
                let end = try CorrectionPeriod.end(returnedOn: today, workingDays: count, calendar: calendar)
                return Outcome(end: end, instruction: instruction(end: end, deadline: call?.deadline))
            } catch {
                return Outcome(problems: [
                    Problem(
                        field: CorrectionPeriod.field, code: .noCalendar,
                        message: "\(CorrectionPeriod.label)：\(error.description)")
                ])
            }
        }
    }

    /// Refuses a recommender's step after the call's 推荐截止时间 (409, RecommendationDeadline);
    /// the province's intake is not bound by it.
    static func refuseLateRecommendation(_ application: ApplicationModel, now: Date, on db: any Database)
        async throws
    {
        guard let call = try await call(of: application, on: db),
            RecommendationDeadline.isLate(at: now, deadline: call.recommendationDeadline),
            let deadline = call.recommendationDeadline
        else { return }
        throw AppError.conflict(
            "\(RecommendationDeadline.label)（\(ChineseFormat.dateTime(deadline))）已过，不能再推荐；如需延期请联系省科协",
            code: .recommendationDeadlinePassed)
    }

    /// What the applicant is told: the last day to resubmit, or the deadline when that is later.
    static func instruction(end: Day, deadline: Date?) -> String {
        if let deadline, ChineseFormat.today(deadline) > end {
            return "请于申报截止时间\(ChineseFormat.dateTime(deadline))前修改后重新提交"
        }
        return "请于\(end.chinese)前修改后重新提交"
    }
}
