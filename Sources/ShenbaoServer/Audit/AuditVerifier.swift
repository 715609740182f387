import Fluent
import Foundation

/// Walks the security trail and every application's history and checks each chain: each event's
/// hash is the hash of its own fields and of the one before it, and the sequence has no gap. The
/// first break is reported.
enum AuditVerifier {
    struct Report: Sendable {
        var securityEvents = 0
        var applications = 0
        var events = 0
        /// Where the chain first breaks, in Chinese, or nil when it is whole.
        var firstBreak: String?
    }

    static func verify(on db: any Database) async throws -> Report {
        var report = Report()
        // The security trail first: one chain for the whole system, read in pages.
        var previousSecurity: Link?
        var offset = 0
        while true {
            let batch = try await SecurityEventModel.query(on: db).sort(\.$sequence).range(offset..<(offset + 1000))
                .all()
            for event in batch {
                report.securityEvents += 1
                let line = Link(event.sequence, event.previousHash, event.hash, event.computedHash)
                report.firstBreak = link(
                    line, after: previousSecurity,
                    place:
                        "安全审计日志第 \(event.sequence) 条（\(ChineseFormat.dateTime(event.at))，\(event.actorName)，\(event.action.label)）"
                )
                if report.firstBreak != nil { return report }
                previousSecurity = line
            }
            if batch.count < 1000 { break }
            offset += 1000
        }
        let ids = try await ApplicationModel.query(on: db).sort(\.$createdAt).sort(\.$id).all().compactMap(\.id)
        for id in ids {
            report.applications += 1
            let events = try await ApplicationEventModel.query(on: db).filter(\.$application.$id == id)
                .sort(\.$sequence).all()
            var previous: Link?
            for event in events {
                report.events += 1
                let line = Link(event.sequence, event.previousHash, event.hash, event.computedHash)
                report.firstBreak = link(
                    line, after: previous,
                    place:
                        "申报书 \(id.uuidString) 的第 \(event.sequence) 条记录（\(ChineseFormat.dateTime(event.at))，\(event.actorName)，\(event.action)）"
                )
                if report.firstBreak != nil { return report }
                previous = line
            }
        }
        return report
    }

    /// What each chain's line holds for the check, whichever chain it is.
    private struct Link {
        var sequence: Int
        var previousHash: String?
        var hash: String
        var computedHash: String

        init(_ sequence: Int, _ previousHash: String?, _ hash: String, _ computedHash: String) {
            (self.sequence, self.previousHash, self.hash, self.computedHash) = (
                sequence, previousHash, hash, computedHash
            )
        }
    }

    /// Why `line` does not follow `previous` in its chain, in Chinese, or nil when it does.
    private static func link(_ line: Link, after previous: Link?, place: String) -> String? {
        if line.sequence != (previous?.sequence ?? 0) + 1 {
            return "\(place)之前缺少记录：序号应为 \((previous?.sequence ?? 0) + 1)"
        }
        if line.previousHash != previous?.hash { return "\(place)与前一条记录的链接不符（前一条记录被修改或删除）" }
        if line.hash != line.computedHash { return "\(place)的内容与其哈希不符（本条记录被修改）" }
        return nil
    }
}
