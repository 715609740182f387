import Fluent
import Foundation
import NIOCore
import SQLKit
import SQLiteNIO

/// Bytes moved between `blobs.data` and the AttachmentStore's files: out of the database when
/// it is prepared (rows of earlier versions, a restored backup), back into a backup copy so
/// that one file holds everything.
extension AttachmentStore {
    /// Moves every row's bytes out to its file; returns how many. Each file is synced before its
    /// row is emptied, so a crash midway loses nothing and the next start goes on.
    @discardableResult
    func externalize(on db: any Database) async throws -> Int {
        let sql = try StaticSelect.sql(db)
        var moved = 0
        while true {
            let rows = try await sql.raw("SELECT sha256, data FROM blobs WHERE length(data) > 0 LIMIT 16").all()
            if rows.isEmpty { return moved }
            for row in rows {
                let sha256 = try row.decode(column: "sha256", as: String.self)
                try await write(try row.decode(column: "data", as: Data.self), sha256: sha256)
                try await sql.raw("UPDATE blobs SET data = X'' WHERE sha256 = \(bind: sha256)").run()
                moved += 1
            }
        }
    }

    /// Fills the bytes of every row whose bytes are a file into the SQLite database at `path`
    /// (a backup copy). A file that is missing fails the whole: a backup without it would not be one.
    func inline(into path: String) async throws {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            let rows = try await connection.query("SELECT sha256 FROM blobs WHERE length(data) = 0 AND size > 0")
            _ = try await connection.query("BEGIN")
            for row in rows {
                guard let sha256 = row.column("sha256")?.string else { continue }
                guard let data = try await read(sha256) else {
                    throw Failure(description: "附件文件 \(self.path(of: sha256)) 缺失，无法备份")
                }
                _ = try await connection.query(
                    "UPDATE blobs SET data = ? WHERE sha256 = ?", [.blob(ByteBuffer(data: data)), .text(sha256)])
            }
            _ = try await connection.query("COMMIT")
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
