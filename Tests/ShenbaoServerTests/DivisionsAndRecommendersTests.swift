import Fluent
import ShenbaoCore
import Testing
import Vapor
import VaporTesting

@testable import ShenbaoServer

@Suite struct DivisionsAndRecommendersTests {
    struct DivisionBody: Decodable { var code: String; var name: String; var level: String }
    struct RecommenderBody: Decodable { var id: UUID; var name: String; var kind: String; var divisionCode: String? }

    @Test func divisionsListTheCitiesThenEachCitysCounties() async throws {
        try await withShenbao { app in
            let cities = try await app.api(.GET, "/api/v1/divisions").content.decode([DivisionBody].self)
            #expect(cities.count == 14)
            #expect(cities.first?.name == "长沙市")
            #expect(cities.contains { $0.code == "433100" && $0.name == "湘西土家族苗族自治州" })

            let changsha = try await app.api(.GET, "/api/v1/divisions?parent=430100").content.decode(
                [DivisionBody].self)
            #expect(changsha.map(\.name) == ["芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市"])
            #expect(changsha.allSatisfy { $0.level == "county" })

            let unknown = try await app.api(.GET, "/api/v1/divisions?parent=110000")
            #expect(unknown.status == .notFound)
            #expect(unknown.problems?.error.message.contains("110000") == true)
        }
    }

    @Test func everyCityAndCountyAssociationIsARecommenderNamedAsPeopleNameIt() async throws {
        try await withShenbao { app in
            let recommenders = try await OrganizationModel.query(on: app.db).filter(\.$kind == .recommender).all()
            #expect(recommenders.count == 14 + 122)
            let names = Set(recommenders.map(\.name))
            for name in ["长沙市科学技术协会", "岳麓区科学技术协会", "湘西土家族苗族自治州科学技术协会", "吉首市科学技术协会", "冷水江市科学技术协会"] {
                #expect(names.contains(name), "\(name)")
            }
            #expect(recommenders.filter { $0.recommenderKind == .city }.count == 14)
            #expect(recommenders.filter { $0.recommenderKind == .county }.count == 122)
            let province = try await OrganizationModel.query(on: app.db).filter(\.$kind == .province).all()
            #expect(province.map(\.name) == ["湖南省科学技术协会"])

            // Starting again adds nobody twice.
            _ = try await prepareDatabase(app, config: app.shenbaoConfig)
            #expect(try await OrganizationModel.query(on: app.db).count() == 137)
        }
    }

    @Test func recommendersAreFilteredByKindAndDivisionForSignedInUsers() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            #expect(try await app.api(.GET, "/api/v1/recommenders").status == .unauthorized)
            let token = try await app.apiToken("applicant1")

            let cities = try await app.api(.GET, "/api/v1/recommenders?kind=city", token: token)
                .content.decode([RecommenderBody].self)
            #expect(cities.count == 14)
            #expect(cities.allSatisfy { $0.kind == "city" })

            let yuelu = try await app.api(.GET, "/api/v1/recommenders?divisionCode=430104", token: token)
                .content.decode([RecommenderBody].self)
            #expect(yuelu.map(\.name) == ["岳麓区科学技术协会"])

            let wrong = try await app.api(.GET, "/api/v1/recommenders?kind=village&divisionCode=12", token: token)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.fields == ["kind", "divisionCode"])
        }
    }

    @Test func theProvinceSeesTheRecommendersPage() async throws {
        try await withShenbao { app in
            _ = try await TestUsers.create(on: app)
            let browser = Browser(app)
            try await browser.logIn("province1", TestUsers.password)
            let page = try await browser.get("/admin/recommenders?kind=county")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("岳麓区科学技术协会"))
            #expect(!page.body.string.contains("长沙市科学技术协会"))
        }
    }
}
