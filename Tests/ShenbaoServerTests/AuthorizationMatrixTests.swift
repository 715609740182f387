import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

/// Every route of the router, tried as every role and as nobody, against an explicit table of who
/// may use it. A route missing from the table fails the test, so no route ships unguarded.
@Suite struct AuthorizationMatrixTests {
    enum Rule: Equatable {
        /// Anyone, signed in or not.
        case everyone
        /// Any signed-in user.
        case signedIn
        /// Only these roles (ownership of individual records is tested with each feature).
        case only(Set<Role>)
    }

    static let table: [String: Rule] = [
        "GET /": .everyone,
        "GET /calls/:callId": .everyone,
        "GET /healthz": .everyone,
        "GET /livez": .everyone,
        "GET /metrics": .everyone,
        "GET /openapi.json": .everyone,
        "GET /login": .everyone,
        "POST /login": .everyone,
        "POST /logout": .everyone,
        "GET /register": .everyone,
        "POST /register": .everyone,
        "GET /setup/:token": .everyone,
        "POST /setup/:token": .everyone,
        "GET /login/two-factor": .everyone,
        "POST /login/two-factor": .everyone,
        "GET /account/two-factor": .only([.province, .finance, .sysadmin, .auditor]),
        "POST /account/two-factor": .only([.province, .finance, .sysadmin, .auditor]),
        "POST /admin/users/:userId/two-factor/reset": .only([.sysadmin, .province]),
        "GET /api/v1/account/two-factor": .only([.province, .finance, .sysadmin, .auditor]),
        "POST /api/v1/account/two-factor": .only([.province, .finance, .sysadmin, .auditor]),
        "POST /api/v1/users/:userId/two-factor/reset": .only([.sysadmin, .province]),
        "GET /account": .signedIn,
        "GET /account/password": .signedIn,
        "POST /account/password": .signedIn,
        "POST /account/sessions/:sessionId/end": .signedIn,
        "POST /account/sessions/end-others": .signedIn,
        "GET /api/v1/account": .signedIn,
        "POST /api/v1/account/password": .signedIn,
        "GET /api/v1/account/sessions": .signedIn,
        "DELETE /api/v1/account/sessions/:sessionId": .signedIn,
        "GET /password/forgot": .everyone,
        "POST /password/forgot": .everyone,
        "GET /password/:token": .everyone,
        "POST /password/:token": .everyone,
        "POST /api/v1/auth/forgot-password": .everyone,
        "POST /api/v1/auth/password-links/:token": .everyone,
        "GET /admin/users/:userId": .only([.sysadmin, .province]),
        "POST /admin/users/:userId": .only([.sysadmin, .province]),
        "POST /admin/users/:userId/disable": .only([.sysadmin, .province]),
        "POST /admin/users/:userId/enable": .only([.sysadmin, .province]),
        "POST /admin/users/:userId/password-link": .only([.sysadmin, .province]),
        "GET /api/v1/users/:userId": .only([.sysadmin, .province]),
        "PATCH /api/v1/users/:userId": .only([.sysadmin, .province]),
        "POST /api/v1/users/:userId/disable": .only([.sysadmin, .province]),
        "POST /api/v1/users/:userId/enable": .only([.sysadmin, .province]),
        "POST /api/v1/users/:userId/password-link": .only([.sysadmin, .province]),
        "GET /admin/audit": .only([.auditor]),
        "GET /api/v1/audit/events": .only([.auditor]),
        "GET /api/v1/audit/verify": .only([.auditor]),
        "GET /workspace": .signedIn,
        "GET /admin/users": .only([.sysadmin, .province]),
        "POST /admin/users": .only([.sysadmin, .province]),
        "GET /admin/recommenders": .only([.province]),
        "POST /admin/recommenders": .only([.province]),
        "POST /admin/recommenders/import": .only([.province]),
        "GET /admin/recommenders/:organizationId": .only([.province]),
        "POST /admin/recommenders/:organizationId": .only([.province]),
        "POST /admin/recommenders/:organizationId/users": .only([.province]),
        "POST /admin/recommenders/:organizationId/deactivate": .only([.province]),
        "POST /admin/recommenders/:organizationId/activate": .only([.province]),
        "POST /admin/recommenders/:organizationId/handover": .only([.province]),
        "GET /api/v1/calls": .everyone,
        "GET /api/v1/calls/:callId": .everyone,
        "GET /api/v1/divisions": .everyone,
        "POST /api/v1/registrations": .everyone,
        "POST /api/v1/auth/login": .everyone,
        "POST /api/v1/auth/logout": .signedIn,
        "GET /api/v1/recommenders": .signedIn,
        "POST /api/v1/recommenders": .only([.province]),
        "POST /api/v1/recommenders/import": .only([.province]),
        "GET /api/v1/recommenders/:organizationId": .only([.province]),
        "PATCH /api/v1/recommenders/:organizationId": .only([.province]),
        "POST /api/v1/recommenders/:organizationId/deactivate": .only([.province]),
        "POST /api/v1/recommenders/:organizationId/activate": .only([.province]),
        "POST /api/v1/recommenders/:organizationId/users": .only([.province]),
        "POST /api/v1/recommenders/:organizationId/handover": .only([.province]),
        "GET /api/v1/users": .only([.sysadmin, .province]),
        "POST /api/v1/users": .only([.sysadmin, .province]),
        "POST /api/v1/applications": .only([.applicant]),
        "GET /api/v1/applications": .signedIn,
        "GET /api/v1/applications/:applicationId": .signedIn,
        "PATCH /api/v1/applications/:applicationId": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/attachments": .only([.applicant]),
        "GET /api/v1/applications/:applicationId/attachments": .signedIn,
        "GET /api/v1/applications/:applicationId/attachments/:attachmentId": .signedIn,
        "DELETE /api/v1/applications/:applicationId/attachments/:attachmentId": .only([.applicant]),
        "GET /api/v1/applications/:applicationId/recommenders": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/submit": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/withdraw": .only([.applicant]),
        "GET /applications": .signedIn,
        "POST /applications": .only([.applicant]),
        "GET /applications/:applicationId": .signedIn,
        "GET /applications/:applicationId/print": .signedIn,
        "POST /applications/:applicationId": .only([.applicant]),
        "POST /applications/:applicationId/autosave": .only([.applicant]),
        "POST /applications/:applicationId/attachments": .only([.applicant]),
        "POST /applications/:applicationId/attachments/:attachmentId/delete": .only([.applicant]),
        "POST /applications/:applicationId/submit": .only([.applicant]),
        "POST /applications/:applicationId/withdraw": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/opinions": .only([.recommender]),
        "GET /api/v1/applications/:applicationId/opinions": .signedIn,
        "POST /api/v1/applications/:applicationId/intake": .only([.province]),
        "GET /api/v1/applications/:applicationId/history": .signedIn,
        "GET /inbox": .only([.recommender, .province]),
        "POST /applications/:applicationId/opinion": .only([.recommender]),
        "POST /applications/:applicationId/intake": .only([.province]),
        "GET /api/v1/applications/:applicationId/disbursements": .only([.applicant, .recommender, .province, .finance]),
        "POST /api/v1/applications/:applicationId/disbursements": .only([.finance]),
        "POST /applications/:applicationId/disbursements": .only([.finance]),
        "GET /api/v1/applications/:applicationId/changes": .only([.applicant, .recommender, .province, .finance]),
        "POST /api/v1/applications/:applicationId/changes": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/changes/:changeId/decision": .only([.province]),
        "GET /api/v1/applications/:applicationId/changes/:changeId/evidence": .only([
            .applicant, .recommender, .province, .finance,
        ]),
        "POST /api/v1/applications/:applicationId/changes/:changeId/evidence": .only([.applicant]),
        "POST /applications/:applicationId/changes": .only([.applicant]),
        "POST /applications/:applicationId/changes/:changeId/decision": .only([.province]),
        "GET /api/v1/notifications": .signedIn,
        "POST /api/v1/notifications/:notificationId/read": .signedIn,
        "GET /notifications": .signedIn,
        "POST /notifications/:notificationId/read": .signedIn,
        "POST /notifications/read-all": .signedIn,
        "GET /api/v1/sanctions": .signedIn,
        "POST /api/v1/sanctions": .only([.province]),
        "GET /admin/sanctions": .only([.province]),
        "POST /admin/sanctions": .only([.province]),
        "GET /api/v1/recommenders/:organizationId/summary.xlsx": .only([.recommender, .province, .finance]),
        "GET /recommenders/:organizationId/summary": .only([.recommender, .province, .finance]),
        "GET /api/v1/calls/:callId/summary.xlsx": .only([.province, .finance]),
        "GET /calls/:callId/summary": .only([.province, .finance]),
        "GET /api/v1/applications/:applicationId/documents/form.docx": .signedIn,
        "GET /api/v1/applications/:applicationId/documents/award-letter.docx": .signedIn,
        "GET /api/v1/applications/:applicationId/documents/award-letter.pdf": .signedIn,
        "GET /api/v1/applications/:applicationId/documents/agreement.docx": .signedIn,
        "GET /api/v1/applications/:applicationId/documents/agreement.pdf": .signedIn,
        "GET /api/v1/applications/:applicationId/reports/:code/document.docx": .signedIn,
        "GET /api/v1/applications/:applicationId/reports/:code/document.pdf": .signedIn,
        "GET /api/v1/applications/:applicationId/changes/:changeId/document.docx": .signedIn,
        "GET /api/v1/applications/:applicationId/changes/:changeId/document.pdf": .signedIn,
        "GET /api/v1/applications/:applicationId/acceptance/document.docx": .signedIn,
        "GET /api/v1/applications/:applicationId/acceptance/document.pdf": .signedIn,
        "POST /api/v1/applications/:applicationId/agreement": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/agreement/confirm": .only([.province]),
        "POST /api/v1/applications/:applicationId/agreement/return": .only([.province]),
        "GET /api/v1/calls/:callId/projects.xlsx": .only([.province, .finance]),
        "POST /applications/:applicationId/agreement": .only([.applicant]),
        "POST /applications/:applicationId/agreement/confirm": .only([.province]),
        "POST /applications/:applicationId/agreement/return": .only([.province]),
        "GET /api/v1/applications/:applicationId/reports": .only([.applicant, .recommender, .province, .finance]),
        "PUT /api/v1/applications/:applicationId/reports/:code": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/reports/:code/submit": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/reports/:code/evidence": .only([.applicant]),
        "DELETE /api/v1/applications/:applicationId/reports/:code/evidence/:attachmentId": .only([.applicant]),
        "POST /api/v1/applications/:applicationId/reports/:code/decision": .only([.province]),
        "GET /api/v1/applications/:applicationId/acceptance": .only([.applicant, .recommender, .province, .finance]),
        "POST /api/v1/applications/:applicationId/acceptance": .only([.province]),
        "POST /api/v1/applications/:applicationId/close": .only([.province]),
        "POST /applications/:applicationId/reports/:code": .only([.applicant]),
        "POST /applications/:applicationId/reports/:code/autosave": .only([.applicant]),
        "POST /applications/:applicationId/reports/:code/evidence": .only([.applicant]),
        "POST /applications/:applicationId/reports/:code/evidence/:attachmentId/delete": .only([.applicant]),
        "POST /applications/:applicationId/reports/:code/decision": .only([.province]),
        "POST /applications/:applicationId/acceptance": .only([.province]),
        "POST /applications/:applicationId/close": .only([.province]),
        "GET /api/v1/applications/:applicationId/documents/form.pdf": .signedIn,
        "GET /api/v1/applications/:applicationId/documents/package.zip": .signedIn,
        "GET /api/v1/calls/:callId/applications.xlsx": .only([.province, .finance]),
        "POST /api/v1/calls/:callId/exports": .only([.province]),
        "GET /api/v1/exports/:exportId": .only([.province]),
        "GET /api/v1/exports/:exportId/download": .only([.province]),
        "POST /calls/:callId/exports": .only([.province]),
        "GET /exports/:exportId": .only([.province]),
        "POST /api/v1/experts": .only([.province]),
        "GET /api/v1/experts": .only([.province]),
        "POST /api/v1/experts/import": .only([.province]),
        "GET /experts": .only([.province]),
        "POST /experts": .only([.province]),
        "POST /experts/import": .only([.province]),
        "GET /api/v1/calls/:callId/review-plan": .only([.province, .finance]),
        "PUT /api/v1/calls/:callId/review-plan": .only([.province]),
        "POST /api/v1/calls/:callId/review-plan/approve": .only([.finance]),
        "POST /api/v1/calls/:callId/assignments/auto": .only([.province]),
        "GET /api/v1/calls/:callId/assignments": .only([.province]),
        "POST /api/v1/calls/:callId/assignments": .only([.province]),
        "PUT /api/v1/assignments/:assignmentId": .only([.province]),
        "DELETE /api/v1/assignments/:assignmentId": .only([.province]),
        "POST /api/v1/calls/:callId/review/start": .only([.province]),
        "POST /api/v1/calls/:callId/review/complete": .only([.province]),
        "GET /api/v1/calls/:callId/ranking": .only([.province, .finance]),
        "GET /api/v1/calls/:callId/ranking.xlsx": .only([.province, .finance]),
        "GET /api/v1/calls/:callId/selection-suggestion": .only([.province]),
        "GET /api/v1/calls/:callId/decisions": .only([.province, .finance]),
        "PUT /api/v1/calls/:callId/decisions": .only([.province]),
        "POST /api/v1/calls/:callId/decisions/confirm": .only([.province]),
        "GET /api/v1/reviews": .only([.expert]),
        "GET /api/v1/reviews/:reviewId": .only([.expert]),
        "PUT /api/v1/reviews/:reviewId": .only([.expert]),
        "GET /api/v1/reviews/:reviewId/history": .only([.province]),
        "POST /api/v1/reviews/:reviewId/reopen": .only([.province]),
        "GET /api/v1/calls/:callId/review-extensions": .only([.province]),
        "PUT /api/v1/calls/:callId/review-extensions/:expertId": .only([.province]),
        "PUT /api/v1/applications/:applicationId/finance-opinion": .only([.finance]),
        "GET /api/v1/applications/:applicationId/finance-opinion": .only([.province, .finance]),
        "GET /review": .only([.province]),
        "POST /review/plan": .only([.province]),
        "POST /review/assign": .only([.province]),
        "POST /review/assignments": .only([.province]),
        "POST /review/assignments/:assignmentId/move": .only([.province]),
        "POST /review/assignments/:assignmentId/remove": .only([.province]),
        "POST /review/start": .only([.province]),
        "POST /review/complete": .only([.province]),
        "GET /review/reviews/:reviewId": .only([.province]),
        "POST /review/reviews/:reviewId/reopen": .only([.province]),
        "POST /review/extensions": .only([.province]),
        "GET /ranking": .only([.province, .finance]),
        "GET /finance": .only([.finance]),
        "POST /finance/approve": .only([.finance]),
        "POST /finance/opinions/:applicationId": .only([.finance]),
        "GET /meeting": .only([.province]),
        "POST /meeting/decisions": .only([.province]),
        "POST /meeting/confirm": .only([.province]),
        "GET /reviews": .only([.expert]),
        "GET /reviews/:reviewId": .only([.expert]),
        "POST /reviews/:reviewId": .only([.expert]),
        "GET /api/v1/calendar/working-days": .everyone,
        "GET /api/v1/calendar/closures": .everyone,
        "POST /api/v1/calendar/closures": .only([.province]),
        "DELETE /api/v1/calendar/closures/:day": .only([.province]),
        "GET /api/v1/calendar/years": .signedIn,
        "PUT /api/v1/calendar/years/:year": .only([.province]),
        "GET /calendar": .only([.province]),
        "POST /calendar": .only([.province]),
        "PUT /api/v1/calls/:callId/phase": .only([.province]),
        "PUT /api/v1/calls/:callId/definition": .only([.province]),
        "PUT /api/v1/calls/:callId": .only([.province]),
        "POST /api/v1/calls/:callId/copy": .only([.province]),
        "POST /api/v1/calls/:callId/notice": .only([.province]),
        "GET /api/v1/calls/:callId/objections": .only([.province]),
        "POST /api/v1/calls/:callId/publish": .only([.province]),
        "POST /api/v1/objections/:objectionId/resolution": .only([.province]),
        "GET /api/v1/public/calls/:callId/notice": .everyone,
        "GET /api/v1/public/calls/:callId/notice.xlsx": .everyone,
        "GET /api/v1/public/calls/:callId/notice.pdf": .everyone,
        "POST /api/v1/public/calls/:callId/objections": .everyone,
        "GET /api/v1/public/calls/:callId/funded": .everyone,
        "GET /api/v1/public/calls/:callId/funded.xlsx": .everyone,
        "GET /api/v1/public/calls/:callId/funded.pdf": .everyone,
        "GET /calls/:callId/notice": .everyone,
        "POST /calls/:callId/notice": .everyone,
        "GET /calls/:callId/funded": .everyone,
        "GET /notice": .only([.province]),
        "POST /notice/start": .only([.province]),
        "POST /notice/objections/:objectionId": .only([.province]),
        "POST /notice/publish": .only([.province]),
        "POST /notice/closures": .only([.province]),
        "GET /admin/calls": .only([.province]),
        "POST /admin/calls/:callId": .only([.province]),
        "POST /admin/calls/:callId/phase": .only([.province]),
        "GET /admin/calls/:callId/definition": .only([.province]),
        "POST /admin/calls/:callId/definition": .only([.province]),
        "POST /admin/calls/:callId/copy": .only([.province]),
        "GET /admin/calls/:callId/recommender-quotas": .only([.province]),
        "POST /admin/calls/:callId/recommender-quotas": .only([.province]),
        "GET /api/v1/calls/:callId/recommender-quotas": .only([.province]),
        "PUT /api/v1/calls/:callId/recommender-quotas": .only([.province]),
        "GET /api/v1/calls/:callId/recommender-quotas/mine": .only([.recommender]),
        "GET /dashboard": .only([.province, .finance, .recommender]),
        "GET /api/v1/dashboard": .only([.province, .finance, .recommender]),
        "GET /api/v1/organizations": .only([.province]),
        "POST /api/v1/organizations": .only([.province]),
        "GET /api/v1/organizations/:organizationId": .only([.province]),
        "PATCH /api/v1/organizations/:organizationId": .only([.province]),
        "GET /admin/organizations": .only([.province]),
        "GET /admin/organizations/new": .only([.province]),
        "POST /admin/organizations": .only([.province]),
        "GET /admin/organizations/:organizationId": .only([.province]),
        "POST /admin/organizations/:organizationId": .only([.province]),
        "GET /api/v1/experts/:expertId": .only([.province]),
        "PATCH /api/v1/experts/:expertId": .only([.province]),
        "POST /api/v1/experts/:expertId/deactivate": .only([.province]),
        "POST /api/v1/experts/:expertId/activate": .only([.province]),
        "GET /experts/:expertId": .only([.province]),
        "POST /experts/:expertId": .only([.province]),
        "POST /experts/:expertId/deactivate": .only([.province]),
        "POST /experts/:expertId/activate": .only([.province]),
        "GET /api/v1/personal-data": .only([.province]),
        "GET /api/v1/users/:userId/personal-data": .only([.province]),
        "POST /api/v1/users/:userId/personal-data/erase": .only([.province]),
        "GET /api/v1/experts/:expertId/personal-data": .only([.province]),
        "POST /api/v1/experts/:expertId/personal-data/erase": .only([.province]),
        "GET /api/v1/objections/:objectionId/personal-data": .only([.province]),
        "POST /api/v1/objections/:objectionId/personal-data/erase": .only([.province]),
        "GET /admin/personal-data": .only([.province]),
        "GET /admin/personal-data/:kind/:recordId": .only([.province]),
        "POST /admin/personal-data/:kind/:recordId/export": .only([.province]),
        "POST /admin/personal-data/:kind/:recordId/erase": .only([.province]),
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    static func concretePath(_ route: Route) -> String {
        "/"
            + route.path.map { component -> String in
                switch component {
                case .parameter("callId"): "2025"
                case .parameter: UUID().uuidString
                default: component.description
                }
            }.joined(separator: "/")
    }

    @Test func everyRouteIsInTheTable() async throws {
        try await withShenbao { app in
            let routes = Set(app.routes.all.map(Self.key))
            #expect(routes.subtracting(Self.table.keys).isEmpty, "routes without a rule")
            #expect(Set(Self.table.keys).subtracting(routes).isEmpty, "rules without a route")
        }
    }

    @Test func everyRouteAnswersEachRoleAsTheTableSays() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            for route in app.routes.all {
                let key = Self.key(route)
                let rule = try #require(Self.table[key], "\(key)")
                let path = Self.concretePath(route)
                let isAPI = path.hasPrefix("/api/")
                for actor in Actor.allCases {
                    let status: HTTPStatus
                    var location: String?
                    if isAPI {
                        let token = actor == .anonymous ? nil : try await app.apiToken(actor.rawValue + "1")
                        status = try await app.api(
                            route.method, path, token: token, rawBody: route.method == .GET ? nil : "{}"
                        ).status
                    } else {
                        let browser = Browser(app)
                        if actor == .anonymous {
                            try await browser.get("/login")
                        } else {
                            try await browser.logIn(actor.rawValue + "1", TestUsers.password)
                        }
                        let response =
                            route.method == .GET ? try await browser.get(path) : try await browser.post(path, form: [])
                        status = response.status
                        location = response.headers.first(name: .location)
                    }
                    let deniedAnonymous =
                        isAPI ? status == .unauthorized : (status == .seeOther && location?.hasPrefix("/login") == true)
                    let expectation = "\(key) as \(actor): \(status)"
                    #expect(status.code < 500, "\(expectation)")
                    switch (rule, actor.role) {
                    case (.everyone, _):
                        #expect(status != .unauthorized && status != .forbidden && !deniedAnonymous, "\(expectation)")
                    case (_, nil):
                        #expect(deniedAnonymous, "\(expectation)")
                    case (.signedIn, _):
                        #expect(status != .unauthorized && status != .forbidden, "\(expectation)")
                    case (.only(let roles), let role?):
                        if roles.contains(role) {
                            #expect(status != .unauthorized && status != .forbidden, "\(expectation)")
                        } else {
                            #expect(status == .forbidden, "\(expectation)")
                        }
                    }
                }
            }
        }
    }
}
