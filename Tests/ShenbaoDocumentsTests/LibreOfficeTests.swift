import Foundation
import Testing

@testable import ShenbaoDocuments

@Suite(
    "LibreOffice prints our files",
    .enabled(
        if: ExternalTools.libreOffice != nil || ExternalTools.libreOfficeRequired,
        "LibreOffice is not installed; it is required when SHENBAO_TEST_LIBREOFFICE=1"))
struct LibreOfficeTests {
    /// The conversion the server will run for the PDF download, on the summary table.
    @Test("the summary table converts to a PDF of A4 landscape pages", .timeLimit(.minutes(5)))
    func summaryTableToPDF() throws {
        // setup
        let soffice = try #require(ExternalTools.libreOffice, "LibreOffice (soffice) is not on PATH")
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("汇总表.xlsx")
        try SummaryTable.xlsx(
            title: SummaryTableFixtures.title, fillingOrganization: SummaryTableFixtures.fillingOrganization,
            rows: SummaryTableFixtures.rows
        ).write(to: input)
        // MUT: a profile of its own, so a LibreOffice the developer has open does not take the job.
        let profile = directory.appendingPathComponent("profile").absoluteString
        let result = try ExternalTools.run(
            [
                soffice, "-env:UserInstallation=\(profile)", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", directory.path, input.path,
            ], timeout: 240)
        // validate
        try #require(result.status == 0, "soffice failed: \(result.errors)")
        let pdf = try Data(contentsOf: directory.appendingPathComponent("汇总表.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        let boxes = Self.mediaBoxes(pdf)
        #expect(!boxes.isEmpty)
        for box in boxes {
            // A4 landscape is 842 × 595 points.
            #expect(abs(box.width - 842) < 2 && abs(box.height - 595) < 2, "page of \(box.width) × \(box.height)")
        }
    }

    /// LibreOffice lays rows out one line high unless the file gives a height, and cuts what does
    /// not fit: every character of the longest summaries must reach the page.
    @Test(
        "long wrapped texts print whole",
        .enabled(
            if: ExternalTools.pdftotext != nil || ExternalTools.libreOfficeRequired,
            "pdftotext (poppler-utils) is not installed; it is required when SHENBAO_TEST_LIBREOFFICE=1"),
        .timeLimit(.minutes(5)))
    func longTextsPrintWhole() throws {
        // setup: one column, so the PDF's text runs in the cells' order
        let soffice = try #require(ExternalTools.libreOffice, "LibreOffice (soffice) is not on PATH")
        let pdftotext = try #require(ExternalTools.pdftotext, "pdftotext (poppler-utils) is not on PATH")
        let texts =
            SummaryTableFixtures.rows.flatMap { [$0.summaryContent, $0.summaryBasis] } + [
                "Mixed 中英文 text: International Conference on Advanced Materials 国际先进材料大会，"
                    + String(repeating: "Hunan University 湖南大学 ", count: 8) + "完。"
            ]
        let sheet = XlsxSheet(
            name: "表", rows: texts.map { [.text($0, style: .body)] }, columnWidths: [56],
            printSetup: XlsxPrintSetup(orientation: .landscape))
        var workbook = XlsxWorkbook()
        workbook.addSheet(sheet)
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("texts.xlsx")
        try workbook.data().write(to: input)
        // MUT
        let profile = directory.appendingPathComponent("profile").absoluteString
        let converted = try ExternalTools.run(
            [
                soffice, "-env:UserInstallation=\(profile)", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", directory.path, input.path,
            ], timeout: 240)
        try #require(converted.status == 0, "soffice failed: \(converted.errors)")
        let extracted = try ExternalTools.run([pdftotext, directory.appendingPathComponent("texts.pdf").path, "-"])
        try #require(extracted.status == 0, "pdftotext failed: \(extracted.errors)")
        // validate
        let printed = extracted.output.filter { !$0.isWhitespace }
        for text in texts {
            #expect(printed.contains(text.filter { !$0.isWhitespace }), "cut off: \(text.suffix(20))")
        }
    }

    /// Page sizes from the PDF's `/MediaBox [0 0 w h]` entries, which LibreOffice leaves uncompressed.
    static func mediaBoxes(_ pdf: Data) -> [(width: Double, height: Double)] {
        let text = String(decoding: pdf.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
        var boxes: [(width: Double, height: Double)] = []
        var rest = Substring(text)
        while let range = rest.range(of: "/MediaBox") {
            rest = rest[range.upperBound...]
            let numbers = rest.drop { $0 == " " || $0 == "[" }.prefix { $0 != "]" }.split(separator: " ")
                .compactMap { Double($0) }
            if numbers.count == 4 {
                boxes.append((numbers[2] - numbers[0], numbers[3] - numbers[1]))
            }
        }
        return boxes
    }
}
