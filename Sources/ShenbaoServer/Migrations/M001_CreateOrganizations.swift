import Fluent

struct M001_CreateOrganizations: AsyncMigration {
    var name: String { "M001_CreateOrganizations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("organizations")
            .id()
            .field("kind", .string, .required)
            .field("recommender_kind", .string)
            .field("seed_key", .string)
            .field("name", .string, .required)
            .field("uscc", .string)
            .field("legal_representative", .string)
            .field("address", .string)
            .field("postal_code", .string)
            .field("phone", .string)
            .field("nature", .string)
            .field("applicant_kind", .string)
            .field("division_code", .string)
            .field("bank_account_name", .string)
            .field("bank_name", .string)
            .field("bank_account_number", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // The database, not a check before insert, settles two registrations racing.
            .unique(on: "uscc", name: "uq_organizations_uscc")
            .unique(on: "seed_key", name: "uq_organizations_seed_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organizations").delete()
    }
}
