import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// The province's page for its calls (`/admin/calls`): the phase, with the next step and what
/// stops it, the dates and texts, and next year's call started as a copy.
struct CallAdminPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let province = routes.grouped("admin", "calls").grouped(RequireRoles(.province))
        province.get(use: page)
        province.post(":callId", use: edit)
        province.post(":callId", "phase", use: phase)
        province.post(":callId", "copy", use: copy)
    }

    struct Form: Content {
        var title: String?
        var deadline: String?
        var recommendationDeadline: String?
        var correctionWorkingDays: String?
        /// The 公布验收结果 checkbox: `1` when ticked; the form always holds it, so absent is off.
        var publishesFinalState: String?
        var noticeWorkingDays: String?
        var guideText: String?
        var contactDepartment: String?
        var contactPerson: String?
        var contactPhone: String?
        var contactEmail: String?
    }

    func page(req: Request) async throws -> Response {
        let flash: String? =
            switch req.query[String.self, at: "done"] {
            case "edit": "申报指南已保存。"
            case "phase": "已进入下一阶段。"
            case "copy": "已按模板新建申报指南（筹备中），请修改日期和内容后开始申报。"
            default: nil
            }
        let selected = try await selectedCall(req, raw: req.query[String.self, at: "callId"])
        return try await render(req, call: selected, form: nil, problems: [], flash: flash)
    }

    private func selectedCall(_ req: Request, raw: String?) async throws -> CallModel {
        if let raw { return try await CallQuery.find(raw, on: req.db) }
        guard let call = try await CallModel.latest(on: req.db) else { throw AppError.notFound("年度申报指南") }
        return call
    }

    private func render(
        _ req: Request, call: CallModel, form: Form?, problems: [Problem], flash: String?,
        status: HTTPResponseStatus = .ok, copy: CopyForm? = nil
    ) async throws -> Response {
        let page = try await CallAdminPage.load(
            call: call, form: form, problems: problems, flash: flash, copy: copy, on: req.db)
        return try await req.renderPage(.callsAdmin, title: "申报指南管理", page, status: status)
    }

    /// `2026-03-31 17:00`, Beijing time: what the edit form shows and accepts.
    static func deadlineText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ChineseFormat.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    private func refused(_ req: Request, _ call: CallModel, _ error: AppError, form: Form?) async throws -> Response {
        let problems = error.pageProblems
        return try await render(req, call: call, form: form, problems: problems, flash: nil, status: error.status)
    }

    func edit(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let form = try req.content.decode(Form.self)
        let days = form.noticeWorkingDays?.trimmingCharacters(in: .whitespaces) ?? ""
        let correctionDays = form.correctionWorkingDays?.trimmingCharacters(in: .whitespaces) ?? ""
        var notNumbers: [Problem] = []
        if !days.isEmpty, days.count > 9 || Int(days) == nil {
            notNumbers.append(
                Problem(field: "noticeWorkingDays", code: .invalidValue, message: "公示期（工作日）应为整数个工作日"))
        }
        if !correctionDays.isEmpty, correctionDays.count > 9 || Int(correctionDays) == nil {
            notNumbers.append(
                Problem(
                    field: "correctionWorkingDays", code: .invalidValue,
                    message: "默认补正期限（工作日）应为\(CorrectionPeriod.workingDays.lowerBound)至"
                        + "\(CorrectionPeriod.workingDays.upperBound)之间的整数"))
        }
        if !notNumbers.isEmpty {
            return try await render(
                req, call: call, form: form, problems: notNumbers, flash: nil, status: .unprocessableEntity)
        }
        let input = CallAdminService.EditInput(
            title: form.title, deadline: form.deadline, recommendationDeadline: form.recommendationDeadline,
            correctionWorkingDays: Int(correctionDays), publishesFinalState: form.publishesFinalState == "1",
            noticeWorkingDays: Int(days), guideText: form.guideText,
            contactDepartment: form.contactDepartment, contactPerson: form.contactPerson,
            contactPhone: form.contactPhone, contactEmail: form.contactEmail)
        do {
            _ = try await CallAdminService(db: req.db, now: req.now).edit(call, input)
        } catch let error as AppError {
            return try await refused(req, call, error, form: form)
        }
        return req.redirect(to: "/admin/calls?callId=\(try call.requireID().uuidString)&done=edit")
    }

    func phase(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let input = try req.content.decode(CallAdminService.PhaseInput.self)
        do {
            _ = try await CallAdminService(db: req.db, now: req.now).changePhase(call, input)
        } catch let error as AppError {
            return try await refused(req, call, error, form: nil)
        }
        return req.redirect(to: "/admin/calls?callId=\(try call.requireID().uuidString)&done=phase")
    }

    struct CopyForm: Content {
        var year: String?
        var title: String?
    }

    func copy(req: Request) async throws -> Response {
        let call = try await CallQuery.find(req.parameters.get("callId"), on: req.db)
        let copy: CallModel
        let form = try req.content.decode(CopyForm.self)
        do {
            let year: Int?
            switch form.year?.trimmingCharacters(in: .whitespaces) {
            case .none, "": year = nil
            case let raw?:
                // Four digits or nothing: the year is bounded before it is a number.
                guard raw.count == 4, let parsed = Int(raw) else {
                    throw AppError.validation([
                        Problem(field: "copyYear", code: .invalidValue, message: "年度应为四位数字，如\(call.year + 1)")
                    ])
                }
                year = parsed
            }
            copy = try await CallAdminService(db: req.db, now: req.now).copy(call, .init(year: year, title: form.title))
        } catch let error as AppError {
            // The copy's inputs have their own names on a page that also edits this call's title.
            let problems = error.pageProblems.map {
                var problem = $0
                problem.field = ["year": "copyYear", "title": "copyTitle"][$0.field] ?? $0.field
                return problem
            }
            return try await render(
                req, call: call, form: nil, problems: problems, flash: nil, status: error.status, copy: form)
        }
        return req.redirect(to: "/admin/calls?callId=\(try copy.requireID().uuidString)&done=copy")
    }
}
