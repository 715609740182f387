import Fluent
import SQLKit

/// PostgreSQL tries to compress every large value before storing it out of line. Attachments
/// are PDFs, JPEGs, PNGs and .docx files, already compressed: on the deadline-day benchmark with
/// 2 MiB scans that do not compress, `pglz_compress` was the largest single cost on the machine
/// (a sixth of all CPU time) and gained nothing. `EXTERNAL` stores them out of line as they are.
/// SQLite has no such setting and does not compress.
struct M021_StoreBlobsUncompressed: AsyncMigration {
    var name: String { "M021_StoreBlobsUncompressed" }

    func prepare(on database: any Database) async throws {
        try await setStorage("EXTERNAL", on: database)
    }

    func revert(on database: any Database) async throws {
        try await setStorage("EXTENDED", on: database)
    }

    private func setStorage(_ storage: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE \(ident: BlobModel.schema) ALTER COLUMN data SET STORAGE \(unsafeRaw: storage)")
            .run()
    }
}
