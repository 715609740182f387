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

        var programme: String { ProgrammeName.of(guideTitle: title) }
    }

    static func call(of application: ApplicationModel, on db: any Database) async throws -> CallFacts? {
        try await CallModel.query(on: db).filter(\.$id == application.$call.id)
            .field(\.$id).field(\.$year).field(\.$title).field(\.$phase).field(\.$deadline).first()
            .map { CallFacts(year: $0.year, title: $0.title, phase: $0.phase, deadline: $0.deadline) }
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
        switch CorrectionPeriod.workingDays(from: raw) {
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

    /// What the applicant is told: the last day to resubmit, or the deadline when that is later.
    static func instruction(end: Day, deadline: Date?) -> String {
        if let deadline, ChineseFormat.today(deadline) > end {
            return "请于申报截止时间\(ChineseFormat.dateTime(deadline))前修改后重新提交"
        }
        return "请于\(end.chinese)前修改后重新提交"
    }
}
