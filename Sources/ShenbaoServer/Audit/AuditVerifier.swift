import Fluent
import Foundation

/// Walks every application's history and checks the chain: each event's hash is the hash of its
/// own fields and of the one before it, and the sequence has no gap. The first break is reported.
enum AuditVerifier {
    struct Report: Sendable {
        var applications = 0
        var events = 0
        /// Where the chain first breaks, in Chinese, or nil when it is whole.
        var firstBreak: String?
    }

    static func verify(on db: any Database) async throws -> Report {
        var report = Report()
        let ids = try await ApplicationModel.query(on: db).sort(\.$createdAt).sort(\.$id).all().compactMap(\.id)
        for id in ids {
            report.applications += 1
            let events = try await ApplicationEventModel.query(on: db).filter(\.$application.$id == id)
                .sort(\.$sequence).all()
            var previous: ApplicationEventModel?
            for event in events {
                report.events += 1
                let place =
                    "申报书 \(id.uuidString) 的第 \(event.sequence) 条记录（\(ChineseFormat.dateTime(event.at))，\(event.actorName)，\(event.action)）"
                if event.sequence != (previous?.sequence ?? 0) + 1 {
                    report.firstBreak = "\(place)之前缺少记录：序号应为 \((previous?.sequence ?? 0) + 1)"
                } else if event.previousHash != previous?.hash {
                    report.firstBreak = "\(place)与前一条记录的链接不符（前一条记录被修改或删除）"
                } else if event.hash != event.computedHash {
                    report.firstBreak = "\(place)的内容与其哈希不符（本条记录被修改）"
                }
                if report.firstBreak != nil { return report }
                previous = event
            }
        }
        return report
    }
}
