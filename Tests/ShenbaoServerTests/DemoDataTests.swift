import Fluent
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct DemoDataTests {
    @Test func theDemoFillsAnEmptySystemWithAccountsThatWorkAndApplicationsInSeveralStates() async throws {
        try await withShenbao { app in
            let accounts = try await DemoData.loadIfEmpty(on: app.db, hasher: app.password.async, now: app.now())
            #expect(Set(accounts.map(\.role)) == Set(Role.allCases))
            for account in accounts {
                _ = try await app.apiToken(account.username, account.password)
            }
            // Every demo organisation is one the registration rules accept.
            let call = try CallDefinition.guide2025()
            for organization in try await OrganizationModel.query(on: app.db).filter(\.$kind == .applicant).all() {
                #expect(
                    RegistrationRules.problems(in: organization.form, call: call, divisions: .hunan).isEmpty,
                    "\(organization.name)")
                #expect(
                    RegistrationRules.warnings(for: organization.form, divisions: .hunan).isEmpty,
                    "\(organization.name)")
            }
            let statuses = try await ApplicationModel.query(on: app.db).all().map(\.status)
            #expect(statuses.filter { $0 == .atRecommender }.count == 1)
            #expect(statuses.filter { $0 == .draft }.count == 2)
            let printed = DemoData.printout(accounts)
            #expect(accounts.allSatisfy { printed.contains($0.password) })

            // A system in use is never touched.
            #expect(try await DemoData.loadIfEmpty(on: app.db, hasher: app.password.async, now: app.now()).isEmpty)
        }
    }
}
