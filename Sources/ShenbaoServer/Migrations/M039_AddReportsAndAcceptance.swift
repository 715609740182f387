import Fluent

/// The funded project's reports (中期报告, 总结报告…) and the province's acceptance decisions
/// (验收, 绩效评价) (issue 30).
struct M039_AddReportsAndAcceptance: AsyncMigration {
    var name: String { "M039_AddReportsAndAcceptance" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reports")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("code", .string, .required)
            .field("status", .string, .required)
            .field("answers", .json, .required)
            .field("accounts", .json, .required)
            .field("version", .int, .required)
            .field("return_comment", .string)
            .field("submitted_at", .datetime)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("reminded_due_on", .string)
            .field("reminded_overdue_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "application_id", "code")
            .create()
        try await database.schema("acceptances")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("passed", .bool, .required)
            .field("score", .int, .required)
            .field("goals", .array(of: .string), .required)
            .field("comment", .string, .required)
            .field("rectify_by", .string)
            .field("decided_by", .uuid, .required)
            .field("decided_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("acceptances").delete()
        try await database.schema("reports").delete()
    }
}
