import Foundation
import Testing

@testable import ShenbaoDocuments

/// The files of a package carry their real dates in Beijing time: an attachment its upload, a
/// generated file its making (they were all dated 2000-01-01 before). Read back by Python's own
/// zipfile module, as another program opening the package would.
@Suite struct ApplicationPackageDateTests {
    static let readerScript = """
        import sys, zipfile
        for info in zipfile.ZipFile(sys.argv[1]).infolist():
            print(info.filename + "|" + "%04d-%02d-%02d %02d:%02d" % info.date_time[:5])
        """

    /// `YYYY-MM-DD HH:MM` in Beijing time.
    static func beijing(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    @Test("each file shows its own date and time, Beijing time, whatever the server's zone")
    func realDates() throws {
        let zip = try ApplicationPackage.zip(
            folder: "湖南鸿斯科技有限公司+研讨会",
            files: [
                .init(name: "湖南鸿斯科技有限公司+研讨会.docx", data: Data("word".utf8), date: Self.beijing("2025-03-20 16:40")),
                .init(name: "签字盖章扫描件.pdf", data: Data("%PDF-1.4".utf8), date: Self.beijing("2025-03-07 09:05")),
                // Just after midnight in Beijing is still the previous day in UTC.
                .init(name: "非涉密证明.pdf", data: Data("%PDF-1.4".utf8), date: Self.beijing("2025-03-08 00:30")),
            ])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("package-\(UUID()).zip")
        try zip.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try ExternalTools.run(["python3", "-c", Self.readerScript, file.path])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "湖南鸿斯科技有限公司+研讨会/湖南鸿斯科技有限公司+研讨会.docx|2025-03-20 16:40",
                "湖南鸿斯科技有限公司+研讨会/签字盖章扫描件.pdf|2025-03-07 09:05",
                "湖南鸿斯科技有限公司+研讨会/非涉密证明.pdf|2025-03-08 00:30",
            ])
    }
}
