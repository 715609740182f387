import Fluent

/// 经费拨付 (issue 30): each payment finance records for a funded project. One 凭证号 per
/// application, so the same voucher entered twice (a double click) is refused by the database too.
struct M037_AddDisbursements: AsyncMigration {
    var name: String { "M037_AddDisbursements" }

    func prepare(on database: any Database) async throws {
        try await database.schema("disbursements")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("call_id", .uuid, .required, .references("calls", "id"))
            .field("paid_on", .string, .required)
            .field("amount_yuan", .int, .required)
            .field("phase_index", .int)
            .field("voucher_number", .string, .required)
            .field("note", .string)
            .field("recorded_by", .uuid, .required)
            .field("created_at", .datetime)
            .unique(on: "application_id", "voucher_number", name: "uq_disbursements_voucher")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("disbursements").delete()
    }
}
