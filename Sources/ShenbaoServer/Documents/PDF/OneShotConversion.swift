import Foundation

/// One LibreOffice started for one document (`soffice --convert-to pdf`): 1.6–2.4 s each. Used
/// only where no warm office can run (no Python UNO, or the helper script missing).
enum OneShotConversion {
    static func run(office: String, input: URL, output: URL, before deadline: ContinuousClock.Instant) async throws
        -> Data
    {
        let folder = input.deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        // Its own profile: two conversions at once must not share LibreOffice's lock files.
        process.arguments = [
            "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--norestore", "--nologo",
            "--convert-to", "pdf", "--outdir", folder.path, input.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Overrun, or cancelled because the client left: the office must not go on alone.
        defer { if process.isRunning { process.terminate() } }
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw PDFError.timedOut }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard process.terminationStatus == 0 else { throw PDFError.failed }
        return try PDFConverter.pdf(at: output)
    }
}
