import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import ShenbaoServer

@Suite struct SummaryTableServerTests {
    /// The shared strings of a workbook: every text a spreadsheet program shows.
    func texts(of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["xl/sharedStrings.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }

    @Test func eachRecommenderDownloadsTheTableOfWhatItRecommended() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let recommended = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, recommended, token: people.county)
            _ = try await ApplicationFixtures.submitted(app, people)  // still waiting: not in the table
            let county = try await ApplicationFixtures.recommenderID(app, named: "岳麓区科学技术协会")
            let city = try await ApplicationFixtures.recommenderID(app, named: "长沙市科学技术协会")

            let download = try await app.api(.GET, "/api/v1/recommenders/\(county)/summary.xlsx", token: people.county)
            #expect(download.status == .ok)
            #expect(download.headers.contentType?.description.contains("spreadsheetml") == true)
            let strings = try texts(of: Data(buffer: download.body))
            #expect(strings.contains("填报单位：岳麓区科学技术协会（公章）"))
            #expect(strings.contains("湖南鸿斯科技有限公司"))
            #expect(strings.contains("举办中德智能制造国际研讨会。"))
            #expect(strings.contains("Fraunhofer IPA（德国）"))
            #expect(strings.contains("企业"))
            #expect(strings.components(separatedBy: "湖南鸿斯科技有限公司").count == 2)  // one row only

            // The city has recommended nothing yet, and a county cannot open the city's table.
            let cityTable = try await app.api(.GET, "/api/v1/recommenders/\(city)/summary.xlsx", token: people.city)
            #expect(try !texts(of: Data(buffer: cityTable.body)).contains("湖南鸿斯科技有限公司"))
            #expect(
                try await app.api(.GET, "/api/v1/recommenders/\(city)/summary.xlsx", token: people.county).status
                    == .forbidden)

            // The province's table covers what reached it.
            _ = try await ApplicationFixtures.recommend(app, recommended, token: people.city)
            let whole = try await app.api(.GET, "/api/v1/calls/2025/summary.xlsx", token: people.province)
            #expect(try texts(of: Data(buffer: whole.body)).contains("湖南鸿斯科技有限公司"))
            let page = Browser(app)
            try await page.logIn("yuelu", TestUsers.password)
            let html = try await page.get("/recommenders/\(county)/summary").body.string
            #expect(html.contains("湖南省科协国际与区域科技合作交流项目申报信息汇总表"))
            #expect(html.contains("Fraunhofer IPA（德国）"))
        }
    }
}
