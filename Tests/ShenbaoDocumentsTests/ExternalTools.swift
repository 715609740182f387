import Foundation

/// Programs outside Swift that read our files as real users' programs do: openpyxl (the Python
/// library most scripts read .xlsx with) and LibreOffice (what the server turns documents into PDF
/// with). Each test that needs one runs where it is installed, is skipped where it is not, and
/// fails where it is required but missing, so a green run never hides an untested reader.
enum ExternalTools {
    static let environment = ProcessInfo.processInfo.environment

    /// On CI (`CI` set) openpyxl is required.
    static let openpyxlRequired = environment["CI"] != nil
    static let openpyxlAvailable = (try? run(["python3", "-c", "import openpyxl"]))?.status == 0

    /// On CI (`CI` set) python-docx is required, as openpyxl is.
    static let pythonDocxRequired = environment["CI"] != nil
    static let pythonDocxAvailable = (try? run(["python3", "-c", "import docx"]))?.status == 0

    /// LibreOffice is required only when `SHENBAO_TEST_LIBREOFFICE=1`: CI does not install it yet.
    static let libreOfficeRequired = environment["SHENBAO_TEST_LIBREOFFICE"] == "1"
    static let libreOffice = executable(named: ["soffice", "libreoffice"])
    /// Reads the text back out of LibreOffice's PDF; required with LibreOffice.
    static let pdftotext = executable(named: ["pdftotext"])
    /// Renders PDF pages as images for a person to look at; required with LibreOffice.
    static let pdftoppm = executable(named: ["pdftoppm"])

    /// The first of `names` found on `PATH`.
    static func executable(named names: [String]) -> String? {
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in names {
            for directory in directories {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `arguments` (the program found on `PATH`), killing it after `timeout` seconds.
    /// Output goes to files, not pipes, so a chatty program cannot block on a full pipe.
    static func run(_ arguments: [String], timeout: TimeInterval = 60) throws -> Result {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputURL = directory.appendingPathComponent("stdout")
        let errorURL = directory.appendingPathComponent("stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? errors.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ExternalToolError(description: "\(arguments.joined(separator: " ")) took over \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: (try? Data(contentsOf: outputURL)) ?? Data(), as: UTF8.self),
            errors: String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self))
    }

    /// Converts `input` to PDF in its directory with LibreOffice, under a profile of its own (so a
    /// LibreOffice the developer has open does not take the job), and returns the PDF.
    static func convertToPDF(_ input: URL, timeout: TimeInterval = 240) throws -> URL {
        guard let soffice = libreOffice else {
            throw ExternalToolError(description: "LibreOffice (soffice) is not on PATH")
        }
        let directory = input.deletingLastPathComponent()
        let profile = directory.appendingPathComponent("profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try run(
            [
                soffice, "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--convert-to",
                "pdf", "--outdir", directory.path, input.path,
            ], timeout: timeout)
        let pdf = input.deletingPathExtension().appendingPathExtension("pdf")
        guard result.status == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            throw ExternalToolError(description: "soffice failed (\(result.status)): \(result.errors)")
        }
        return pdf
    }

    /// A new empty directory of its own, which the caller removes.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "shenbao-documents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct ExternalToolError: Error, CustomStringConvertible {
    var description: String
}
