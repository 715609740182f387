import Foundation
import ShenbaoCore
import Testing

@testable import ShenbaoDocuments

/// Where the rendered pages go for a person to compare with the guide's forms:
/// `SHENBAO_DOCUMENT_PREVIEWS`, or a folder of the temporary directory kept after the run.
private let previewDirectory: URL = {
    if let path = ExternalTools.environment["SHENBAO_DOCUMENT_PREVIEWS"], !path.isEmpty {
        return URL(fileURLWithPath: path, isDirectory: true)
    }
    return FileManager.default.temporaryDirectory.appendingPathComponent("shenbao-document-previews")
}()

/// The text pdftotext finds in `pdf`, without the spaces and line breaks of the page's layout.
private func printedText(_ pdf: URL) throws -> String {
    let pdftotext = try #require(ExternalTools.pdftotext, "pdftotext (poppler-utils) is not on PATH")
    let extracted = try ExternalTools.run([pdftotext, pdf.path, "-"])
    try #require(extracted.status == 0, "pdftotext failed: \(extracted.errors)")
    return extracted.output.filter { !$0.isWhitespace }
}

/// `document` written as .docx into a new directory and converted; the caller removes the directory.
private func convert(_ document: ApplicationDocument, name: String) throws -> (directory: URL, pdf: URL) {
    let directory = try ExternalTools.temporaryDirectory()
    let input = directory.appendingPathComponent("\(name).docx")
    try ApplicationDocx.data(document).write(to: input)
    return (directory, try ExternalTools.convertToPDF(input))
}

@Suite(
    "LibreOffice prints the application form",
    .serialized,
    .enabled(
        if: (ExternalTools.libreOffice != nil && ExternalTools.pdftotext != nil && ExternalTools.pdftoppm != nil)
            || ExternalTools.libreOfficeRequired,
        "LibreOffice and poppler-utils (pdftotext, pdftoppm) are not installed; required when SHENBAO_TEST_LIBREOFFICE=1"
    ))
struct ApplicationDocxLibreOfficeTests {
    /// The conversion the server runs for the PDF download. Pages 1–2 (cover and section 一) are
    /// rendered for a person to hold against the guide's form.
    @Test(
        "the form converts to A4 portrait pages showing the applicant and the project",
        .timeLimit(.minutes(5)), arguments: [Category.conference, .cooperation])
    func converts(category: Category) throws {
        // setup
        let document =
            try category == .conference
            ? ApplicationDocumentFixtures.conference() : ApplicationDocumentFixtures.cooperation()
        // MUT
        let (directory, pdf) = try convert(document, name: category.rawValue)
        defer { try? FileManager.default.removeItem(at: directory) }
        // validate
        let data = try Data(contentsOf: pdf)
        #expect(data.starts(with: Data("%PDF".utf8)))
        let boxes = LibreOfficeTests.mediaBoxes(data)
        #expect(boxes.count >= 3)
        for box in boxes {
            // A4 portrait is 595 × 842 points.
            #expect(abs(box.width - 595) < 2 && abs(box.height - 842) < 2, "page of \(box.width) × \(box.height)")
        }
        let printed = try printedText(pdf)
        for value in [
            try #require(document.organization.name), try #require(document.form.contactName), "2025年2月",
            FormTexts.formTitle(category), "一、申报单位基本情况", "四、审查意见",
        ] {
            #expect(printed.contains(value.filter { !$0.isWhitespace }), "not printed: \(value)")
        }

        let pdftoppm = try #require(ExternalTools.pdftoppm, "pdftoppm (poppler-utils) is not on PATH")
        try FileManager.default.createDirectory(at: previewDirectory, withIntermediateDirectories: true)
        let prefix = previewDirectory.appendingPathComponent(category.rawValue)
        let rendered = try ExternalTools.run([
            pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "2", pdf.path, prefix.path,
        ])
        try #require(rendered.status == 0, "pdftoppm failed: \(rendered.errors)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: previewDirectory.path).filter {
            $0.hasPrefix("\(category.rawValue)-") && $0.hasSuffix(".png")
        }
        #expect(pages.count == 2, "pages rendered into \(previewDirectory.path): \(pages)")
    }

    /// Rows have no height, so a long text runs on over lines and pages: its very end is printed.
    @Test("long texts wrap and print whole", .timeLimit(.minutes(5)))
    func longTexts() throws {
        // setup
        let document = try ApplicationDocumentFixtures.long()
        #expect(document.form.summaryContent?.count == ApplicationRules.summaryContentLimit)
        #expect(document.form.summaryBasis?.count == ApplicationRules.summaryBasisLimit)
        #expect(document.form.mainContent?.count == 5_000)
        // MUT
        let (directory, pdf) = try convert(document, name: "long")
        defer { try? FileManager.default.removeItem(at: directory) }
        // validate
        let printed = try printedText(pdf)
        for text in [document.form.mainContent, document.form.cooperationBasis] {
            let ending = String(try #require(text).suffix(20))
            #expect(printed.contains(ending.filter { !$0.isWhitespace }), "cut off: \(ending)")
        }
        #expect(printed.contains(ApplicationDocumentFixtures.longMainContentEnding))
        #expect(printed.contains("四、审查意见"))
    }

    @Test("awkward names and texts convert", .timeLimit(.minutes(5)))
    func awkwardTexts() throws {
        let (directory, pdf) = try convert(ApplicationDocumentFixtures.awkward(), name: "awkward")
        defer { try? FileManager.default.removeItem(at: directory) }
        let printed = try printedText(pdf)
        #expect(printed.contains("湖南\"引号\"<某某>&'研究院'"))
        #expect(printed.contains("<script>alert('x')</script>"))
    }
}
