import Fluent
import Foundation
import ShenbaoCore

/// The province's list on its 工作台 of the funded projects' reports that are late (逾期未交) and,
/// under it, those due within seven days, for the chosen call. A report is late while the unit
/// still holds it (a draft or returned) after its due day, or after the rectification deadline
/// of a project that failed acceptance (`ReportReminders.entries`). Each list shows at most
/// `limit` rows and says how many more there are.
struct WorkspaceReports: Encodable {
    struct Row: Encodable, Equatable {
        var projectName: String
        var number: String?
        var unitName: String
        var report: String
        /// 2026年7月30日
        var due: String
        /// 逾期3天, 还有5天, 今天到期
        var days: String
        var href: String
    }

    static let limit = 200

    var overdue: [Row]
    var overdueTotal: Int
    var overdueMore: String?
    var dueSoon: [Row]
    var dueSoonTotal: Int
    var dueSoonMore: String?

    static func load(call: CallModel?, today: Day, on db: any Database) async throws -> WorkspaceReports {
        let entries = try await ReportReminders.entries(call: call?.id, on: db).filter {
            Report.isEditable($0.status)
        }
        let late = entries.filter { $0.due < today }.sorted {
            ($0.due, $0.application.number ?? "") < ($1.due, $1.application.number ?? "")
        }
        let soon = entries.filter {
            let left = ReportReminder.daysLeft(until: $0.due, today: today)
            return left >= 0 && left <= ReportReminder.leadDays
        }.sorted { ($0.due, $0.application.number ?? "") < ($1.due, $1.application.number ?? "") }
        func row(_ entry: ReportReminders.Entry) -> Row {
            let left = ReportReminder.daysLeft(until: entry.due, today: today)
            return Row(
                projectName: entry.application.projectName ?? "（未填写项目名称）", number: entry.application.number,
                unitName: entry.application.organizationSnapshot?.name ?? "",
                report: entry.rectification ? "\(entry.definition.title)（整改）" : entry.definition.title,
                due: entry.due.chinese,
                days: left < 0 ? "逾期\(-left)天" : left == 0 ? "今天到期" : "还有\(left)天",
                href: "/applications/\(entry.application.id?.uuidString ?? "")")
        }
        func more(_ total: Int) -> String? {
            total > limit ? "共\(total)份，此处只列出前\(limit)份" : nil
        }
        return WorkspaceReports(
            overdue: late.prefix(limit).map(row), overdueTotal: late.count, overdueMore: more(late.count),
            dueSoon: soon.prefix(limit).map(row), dueSoonTotal: soon.count, dueSoonMore: more(soon.count))
    }
}
