import Foundation
import ShenbaoCore

/// The e-mail package of an application (`申报单位名称+项目名称.zip`): one folder of that name with
/// the form as Word and PDF and every attachment, as the guide asks applicants to send it.
public enum ApplicationPackage {
    /// A name every file system accepts: no path separators, no characters Windows refuses, no
    /// control or direction-changing characters (`U+202E` shows `exe.pdf` as `fdp.exe`), no
    /// leading or trailing dots or spaces, at most 80 characters, its extension kept when cut.
    public static func safeName(_ raw: String, fallback: String = "申报材料") -> String {
        let refused = Set("/\\:*?\"<>|")
        var name = String(FileNameText.printable(raw).map { refused.contains($0) ? "_" : $0 })
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " .")).trimmingCharacters(in: .whitespaces)
        name = FileNameText.shortened(name, to: 80)
        return name.isEmpty ? fallback : name
    }

    /// One file of a package with its real date: an attachment's upload, a generated file's
    /// generation.
    public struct File: Sendable {
        public var name: String
        public var data: Data
        public var date: Date

        public init(name: String, data: Data, date: Date) {
            self.name = name
            self.data = data
            self.date = date
        }
    }

    /// The package: `folder/` holding the files under safe, distinct names (a second `扫描件.pdf`
    /// becomes `扫描件 (2).pdf`), each dated as its `date` in Beijing time. Stored, not deflated:
    /// every file in it (PDF, JPEG, PNG, .docx, and a call's packages in its export) is
    /// compressed already, and deflating 300 packages' scans again took seconds of the bulk
    /// export for nothing.
    public static func zip(folder: String, files: [File]) throws -> Data {
        let folder = safeName(folder)
        var used = Set<String>()
        var entries: [(path: String, data: Data, date: Date)] = []
        for file in files {
            let name = distinct(safeName(file.name, fallback: "附件"), used: &used)
            entries.append(("\(folder)/\(name)", file.data, file.date))
        }
        return try ZipPackage.dated(entries, compressed: false)
    }

    private static func distinct(_ name: String, used: inout Set<String>) -> String {
        guard used.contains(name.lowercased()) else {
            used.insert(name.lowercased())
            return name
        }
        let dot = name.lastIndex(of: ".")
        let base = dot.map { String(name[..<$0]) } ?? name
        let ext = dot.map { String(name[$0...]) } ?? ""
        var number = 2
        while used.contains("\(base) (\(number))\(ext)".lowercased()) { number += 1 }
        let result = "\(base) (\(number))\(ext)"
        used.insert(result.lowercased())
        return result
    }
}
