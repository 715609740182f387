import Fluent
import Foundation
import ShenbaoCore
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import ShenbaoServer

@Suite struct DocumentsServerTests {
    static let libreOffice = ProcessInfo.processInfo.environment["SHENBAO_TEST_LIBREOFFICE"] == "1"

    func entries(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var result: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            result[entry.path] = bytes
        }
        return result
    }

    @Test func theFormComesAsWordForEveryoneWhoMayReadIt() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            let id = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.recommend(app, id, token: people.county, comment: "材料真实，同意推荐")
            let response = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.docx", token: people.city)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
            let parts = try entries(Data(buffer: response.body))
            let document = String(decoding: try #require(parts["word/document.xml"]), as: UTF8.self)
            for text in ["湖南鸿斯科技有限公司", "91430100MAE5UXKE2R", "Fraunhofer IPA", "材料真实，同意推荐"] {
                #expect(document.contains(text), "\(text)")
            }
            // The official cover has no 项目名称 line; the number is in its header.
            #expect(!document.contains("项目名称"))
            let header = String(decoding: try #require(parts["word/header1.xml"]), as: UTF8.self)
            #expect(header.contains("申报编号：2025-HY-0001"))
            let stranger = try await ApplicationFixtures.registerApplicant(
                app, uscc: "914403001922038216", username: "other")
            #expect(
                try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.docx", token: stranger).status
                    == .notFound)
        }
    }

    @Test func thePackageHoldsTheFormAndEveryAttachmentUnderASafeName() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            _ = try await ApplicationFixtures.upload(app, id, token: token, kind: "evidence")  // 扫描件.pdf again
            _ = try await app.api(
                .PATCH, "/api/v1/applications/\(id)", token: token, json: ["projectName": "中德/智能:制造*研讨会?\"2025\""])
            let response = try await app.api(.GET, "/api/v1/applications/\(id)/documents/package.zip", token: token)
            #expect(response.status == .ok)
            let base = "湖南鸿斯科技有限公司+中德_智能_制造_研讨会__2025_"
            #expect(response.headers.first(name: .contentDisposition)?.contains(".zip") == true)
            let files = try entries(Data(buffer: response.body))
            #expect(files.keys.contains("\(base)/\(base).docx"))
            #expect(files["\(base)/扫描件.pdf"] == ApplicationFixtures.pdf)
            #expect(files["\(base)/非涉密证明.pdf"] == ApplicationFixtures.pdf)
            #expect(files["\(base)/扫描件 (2).pdf"] == ApplicationFixtures.pdf)  // two attachments had this name
            if Self.libreOffice {
                #expect(files["\(base)/\(base).pdf"]?.starts(with: Array("%PDF".utf8)) == true)
            }
        }
    }

    @Test(.enabled(if: libreOffice, "set SHENBAO_TEST_LIBREOFFICE=1 with LibreOffice installed"))
    func thePDFComesFromLibreOffice() async throws {
        try await withShenbao { app in
            let token = try await ApplicationFixtures.registerApplicant(app)
            let id = try await ApplicationFixtures.readyDraft(app, token: token)
            let response = try await app.api(.GET, "/api/v1/applications/\(id)/documents/form.pdf", token: token)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description == "application/pdf")
            #expect(Data(buffer: response.body).starts(with: Array("%PDF".utf8)))
        }
    }

    @Test func theProvinceExportsEveryApplicationOfTheCall() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            _ = try await ApplicationFixtures.submitted(app, people)
            let response = try await app.api(.GET, "/api/v1/calls/2025/applications.xlsx", token: people.province)
            #expect(response.status == .ok)
            let strings = String(
                decoding: try #require(try entries(Data(buffer: response.body))["xl/sharedStrings.xml"]), as: UTF8.self)
            for text in ["申报书一览", "申报编号", "2025-HY-0001", "项目名称", "2025中德智能制造国际研讨会", "岳麓区科学技术协会", "长沙市 岳麓区", "待推荐单位审核"]
            {
                #expect(strings.contains(text), "\(text)")
            }
            #expect(
                try await app.api(.GET, "/api/v1/calls/2025/applications.xlsx", token: people.county).status
                    == .forbidden)
        }
    }
}

@Suite struct BulkExportTests {
    @Test func theProvinceExportsEveryPackageOfTheCallInOneZip() async throws {
        try await withShenbao { app in
            let people = try await ChainPeople.make(app)
            _ = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.submitted(app, people)
            _ = try await ApplicationFixtures.readyDraft(app, token: people.applicant)  // a draft is not exported
            let started = try await app.api(.POST, "/api/v1/calls/2025/exports", token: people.province)
            #expect(started.status == .accepted)
            struct Job: Decodable {
                var id: UUID; var status: String; var done: Int; var total: Int; var download: String?
            }
            var job = try started.content.decode(Job.self)
            #expect(job.total == 2)
            // Wait for the background work to finish (bounded: it is two small packages).
            for _ in 0..<600 where job.status == "running" {
                try await Task.sleep(for: .milliseconds(50))
                job = try await app.api(.GET, "/api/v1/exports/\(job.id)", token: people.province).content.decode(
                    Job.self)
            }
            #expect(job.status == "finished")
            #expect(job.done == 2)
            let zip = try await app.api(.GET, try #require(job.download), token: people.province)
            let archive = try Archive(data: Data(buffer: zip.body), accessMode: .read)
            let names = archive.map(\.path)
            #expect(names.count == 2)
            // Each package named by its number first, then 申报单位名称+项目名称.
            #expect(
                Set(names.map { String($0.prefix("2025年度申报材料/2025-HY-0001 ".count)) }) == [
                    "2025年度申报材料/2025-HY-0001 ", "2025年度申报材料/2025-HY-0002 ",
                ])
            #expect(names.allSatisfy { $0.contains(" 湖南鸿斯科技有限公司+") && $0.hasSuffix(".zip") })
            #expect(try await app.api(.GET, "/api/v1/exports/\(job.id)", token: people.county).status == .forbidden)
            // The progress page a clerk watches.
            let clerk = Browser(app)
            try await clerk.logIn("hnkx", TestUsers.password)
            let page = try await clerk.get("/exports/\(job.id)")
            #expect(page.body.string.contains("已完成 2/2"))
            #expect(page.body.string.contains("/api/v1/exports/\(job.id)/download"))
        }
    }
}
