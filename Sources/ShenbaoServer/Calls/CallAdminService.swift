import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's administration of a call: its phase, its dates and texts, and next year's
/// call started as a copy (docs/rules.md §2).
struct CallAdminService {
    let db: any Database
    let now: Date

    struct PhaseInput: Content {
        var phase: String?
    }

    /// What the province may edit; nil leaves a value as it is.
    struct EditInput: Content {
        var title: String?
        /// `YYYY-MM-DD HH:MM` Beijing time, or an ISO 8601 instant; an empty string clears it.
        var deadline: String?
        /// 推荐截止时间, written like `deadline`; an empty string clears it.
        var recommendationDeadline: String?
        /// The 补正 period a return gives when the returner types none (1–30 working days).
        var correctionWorkingDays: Int?
        /// 公布验收结果: the published funded list shows each project's final state (PublicFinalState).
        var publishesFinalState: Bool?
        var noticeWorkingDays: Int?
        var guideText: String?
        var contactDepartment: String?
        var contactPerson: String?
        var contactPhone: String?
        var contactEmail: String?
    }

    func changePhase(_ call: CallModel, _ input: PhaseInput) async throws -> CallModel {
        guard let target = input.phase.flatMap(CallPhase.init(rawValue:)) else {
            throw AppError.validation([
                Problem(
                    field: "phase", code: .invalidValue,
                    message: "阶段应为 " + CallPhase.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、")
                        + " 之一")
            ])
        }
        let callID = try call.requireID()
        let counts = try await statusCounts(callID)
        let plan = try await ReviewPlanModel.query(on: db).filter(\.$call.$id == callID).first()
        let facts = CallPhaseChange.Facts(
            deadlinePassed: call.deadline.map { now >= $0 } ?? false, hasDeadline: call.deadline != nil,
            planApproved: plan?.state == .approved, acceptedNotInReview: counts[.accepted] ?? 0,
            inReview: counts[.inReview] ?? 0)
        if let problem = CallPhaseChange.refusal(from: call.phase, to: target, facts: facts) {
            throw AppError(
                status: .unprocessableEntity, code: problem.code, message: problem.message, problems: [problem])
        }
        call.phase = target
        try await call.save(on: db)
        return call
    }

    private func statusCounts(_ callID: UUID) async throws -> [ApplicationStatus: Int] {
        let applications = try await ApplicationModel.query(on: db).filter(\.$call.$id == callID)
            .field(\.$id).field(\.$status).all()
        return applications.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    func edit(_ call: CallModel, _ input: EditInput) async throws -> CallModel {
        var problems: [Problem] = []
        var definition = call.definition
        if let title = input.title {
            problems += TextRules.requiredText(title, maximumLength: 100, field: "title", label: "申报指南标题")
        }
        var deadline = call.deadline
        if let raw = input.deadline?.trimmingCharacters(in: .whitespaces) {
            if ![.draft, .open].contains(call.phase) {
                problems.append(
                    Problem(
                        field: "deadline", code: .phaseClosed, message: "申报期已结束（当前为“\(call.phase.label)”阶段），不能再修改截止时间")
                )
            } else if raw.isEmpty {
                deadline = nil
            } else if let parsed = Self.parseDeadline(raw) {
                deadline = parsed
            } else {
                problems.append(
                    Problem(field: "deadline", code: .invalidValue, message: "截止时间应写作“2026-03-31 17:00”（北京时间）"))
            }
        }
        var recommendationDeadline = definition.recommendationDeadline
        if let raw = input.recommendationDeadline?.trimmingCharacters(in: .whitespaces) {
            if raw.isEmpty {
                recommendationDeadline = nil
            } else if let parsed = Self.parseDeadline(raw) {
                recommendationDeadline = parsed
            } else {
                problems.append(
                    Problem(
                        field: RecommendationDeadline.field, code: .invalidValue,
                        message: "\(RecommendationDeadline.label)应写作“2026-04-15 17:00”（北京时间）"))
            }
        }
        if !problems.contains(where: { $0.field == "deadline" || $0.field == RecommendationDeadline.field }),
            let problem = RecommendationDeadline.problem(submission: deadline, recommendation: recommendationDeadline)
        {
            problems.append(problem)
        }
        if let days = input.correctionWorkingDays, let problem = CorrectionPeriod.callDefaultProblem(days) {
            problems.append(problem)
        }
        if let days = input.noticeWorkingDays, let problem = NoticeTerm.problem(configured: days) {
            problems.append(problem)
        }
        if let text = input.guideText {
            problems += TextRules.requiredText(text, maximumLength: 50_000, field: "guideText", label: "申报指南正文")
            problems += GuideText.problems(text, call: definition)
        }
        if let phone = input.contactPhone {
            problems += PhoneNumber.problems(phone, field: "contactPhone", label: "联系电话")
        }
        for (value, field, label) in [
            (input.contactDepartment, "contactDepartment", "联系部门"), (input.contactPerson, "contactPerson", "联系人"),
            (input.contactEmail, "contactEmail", "电子邮箱"),
        ] where value != nil {
            problems += TextRules.requiredText(value, maximumLength: 100, field: field, label: label)
        }
        if let email = input.contactEmail, !email.contains("@") || email.contains(" ") {
            problems.append(Problem(field: "contactEmail", code: .invalidValue, message: "电子邮箱格式不正确"))
        }
        guard problems.isEmpty else { throw AppError.validation(problems) }
        func trimmed(_ value: String) -> String { value.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let title = input.title {
            try await Self.refuseTaken(year: call.year, title: trimmed(title), except: try call.requireID(), on: db)
        }
        if let title = input.title { call.title = trimmed(title) }
        call.deadline = deadline
        definition.recommendationDeadline = recommendationDeadline
        if let days = input.correctionWorkingDays { definition.correctionWorkingDays = days }
        if let publishes = input.publishesFinalState { definition.publishesFinalState = publishes }
        if let days = input.noticeWorkingDays { definition.noticeWorkingDays = days }
        if let text = input.guideText { definition.guideText = trimmed(text) }
        if let value = input.contactDepartment { definition.contact.department = trimmed(value) }
        if let value = input.contactPerson { definition.contact.person = trimmed(value) }
        if let value = input.contactPhone { definition.contact.phone = trimmed(value) }
        if let value = input.contactEmail { definition.contact.email = trimmed(value) }
        call.definition = definition
        try await call.save(on: db)
        return call
    }

    /// Two calls of one year with one title could not be told apart on any page or document.
    static func refuseTaken(year: Int, title: String, except id: UUID?, on db: any Database) async throws {
        var query = CallModel.query(on: db).filter(\.$year == year).filter(\.$title == title)
        if let id { query = query.filter(\.$id != id) }
        if try await query.first() != nil {
            throw AppError(
                status: .conflict, code: .duplicate, message: "\(year)年度已有申报指南“\(title)”，请换一个标题",
                problems: [Problem(field: "title", code: .duplicate, message: "\(year)年度已有申报指南“\(title)”，请换一个标题")])
        }
    }

    /// `YYYY-MM-DD HH:MM` as Beijing time (what a clerk types), or an ISO 8601 instant.
    static func parseDeadline(_ raw: String) -> Date? {
        if let iso = ISO8601DateFormatter().date(from: raw) { return iso }
        let parts = raw.replacingOccurrences(of: "T", with: " ").split(separator: " ")
        guard parts.count == 2, let day = Day(String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":")
        guard time.count == 2, let hour = Int(time[0]), let minute = Int(time[1]), (0...23).contains(hour),
            (0...59).contains(minute)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ChineseFormat.timeZone
        return calendar.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }

    /// What a copy may set: by default next year's call with the title's year moved on; the same
    /// year and another title start another programme of the association beside this one.
    struct CopyInput: Content {
        var year: Int?
        var title: String?
    }

    /// A new call from `call`: the same guide, categories and texts, no deadline, in draft until
    /// the province opens it. A year and title already taken is refused (calls are unique by both).
    func copy(_ call: CallModel, _ input: CopyInput = CopyInput()) async throws -> CallModel {
        let year = input.year ?? call.year + 1
        let typedTitle = input.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let title =
            typedTitle.isEmpty ? call.title.replacingOccurrences(of: String(call.year), with: String(year)) : typedTitle
        var problems: [Problem] = []
        if !(2000...2100).contains(year) {
            problems.append(Problem(field: "year", code: .outOfRange, message: "年度应在2000至2100之间，现为\(year)"))
        }
        problems += TextRules.requiredText(title, maximumLength: 100, field: "title", label: "申报指南标题")
        guard problems.isEmpty else { throw AppError.validation(problems) }
        try await Self.refuseTaken(year: year, title: title, except: nil, on: db)
        var definition = call.current
        definition.year = year
        definition.title = title
        definition.phase = .draft
        definition.deadline = nil
        definition.recommendationDeadline = nil
        definition.guideText = definition.guideText.replacingOccurrences(of: "\(call.year)年", with: "\(year)年")
        let copy = CallModel(definition: definition)
        try await copy.create(on: db)
        return copy
    }
}
