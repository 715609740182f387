import Testing

@testable import ShenbaoCore

@Suite struct FileTypeTests {
    @Test func filesAreKnownByTheirFirstBytes() {
        #expect(FileType.detect(Array("%PDF-1.7\n%âãÏÓ".utf8)) == .pdf)
        #expect(FileType.detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == .jpeg)
        #expect(FileType.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        let docx: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0] + Array("[Content_Types].xml....word/document.xml".utf8)
        #expect(FileType.detect(docx) == .docx)
    }

    @Test func whatWeDoNotAcceptIsRefusedWhateverItsName() {
        // An ELF executable, a Windows executable, a plain ZIP, a text file, nothing at all.
        #expect(FileType.detect([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]) == nil)
        #expect(FileType.detect(Array("MZ\u{90}\u{0}".utf8)) == nil)
        #expect(FileType.detect([0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8)) == nil)
        #expect(FileType.detect(Array("这不是PDF".utf8)) == nil)
        #expect(FileType.detect([UInt8]()) == nil)
        #expect(FileType.detect(Array("%PD".utf8)) == nil)
    }
}

@Suite("文件结构检查")
struct FileCheckTests {
    @Test func aPDFMustEndAsAPDF() {
        let real = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
        #expect(FileCheck.refusal(.pdf, bytes: real) == nil)
        #expect(FileCheck.refusal(.pdf, bytes: Array("%PDF-1.4\n<html></html>".utf8)) == .pdfWithoutEnd)
        #expect(FileCheck.refusal(.pdf, bytes: real + Array(repeating: 0x20, count: 100)) == nil)
        // A scan judged without copying it whole: a long PDF ends as one; its end pushed away
        // by a few KB of something else does not.
        let scan = Array(repeating: UInt8(0x41), count: 300_000) + real
        #expect(FileCheck.refusal(.pdf, of: scan[...]) == nil)
        #expect(FileCheck.refusal(.pdf, of: (real + Array(repeating: 0x41, count: 5_000))[...]) == .pdfWithoutEnd)
    }

    @Test func aWordFileThatIsNoArchiveIsRefused() {
        let truncated = Array("PK\u{3}\u{4}word/document.xml".utf8)
        #expect(FileCheck.refusal(.docx, bytes: truncated) == .brokenArchive)
    }
}
