import Foundation
import Vapor

/// Word (or Excel) to PDF through LibreOffice (`soffice --headless --convert-to pdf`). Conversions wait
/// their turn so that at most `SHENBAO_PDF_CONCURRENCY` run at once, and each has a time limit:
/// a stuck office process is killed, never left to pile up.
actor PDFConverter {
    struct Unavailable: Error {}

    let limit: Int
    let timeout: Duration
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int, timeout: Duration) {
        self.limit = max(1, limit)
        self.timeout = timeout
    }

    /// The office program, or nil when LibreOffice is not installed.
    static let office: String? = {
        if let configured = ProcessInfo.processInfo.environment["SHENBAO_SOFFICE"], !configured.isEmpty {
            return configured
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/opt/libreoffice/program"] {
            for name in ["soffice", "libreoffice"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// `format` is the input's extension: `docx`, or `xlsx` for the public lists.
    func convert(_ docx: Data, format: String = "docx") async throws -> Data {
        guard let office = Self.office else {
            throw AppError(
                status: .serviceUnavailable, code: "pdfUnavailable",
                message:
                    "服务器未安装 LibreOffice，暂时无法生成 PDF。请管理员安装 libreoffice-writer-nogui 和 fonts-noto-cjk 后重试；Word 版本可以正常下载")
        }
        await acquire()
        defer { Task { await self.release() } }
        return try await Self.run(office: office, docx: docx, format: format, timeout: timeout)
    }

    /// Conversions running and waiting, for `/metrics`.
    var load: (running: Int, waiting: Int) { (running, waiting.count) }

    private func acquire() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    private static func run(office: String, docx: Data, format: String, timeout: Duration) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shenbao-pdf-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("form.\(format)")
        try docx.write(to: input)
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
        let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !finished {
            process.terminate()
            throw AppError(
                status: .serviceUnavailable, code: "pdfTimeout", message: "生成 PDF 超时，请稍后再试；Word 版本可以正常下载")
        }
        let output = folder.appendingPathComponent("form.pdf")
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output),
            pdf.starts(with: Array("%PDF".utf8))
        else {
            throw AppError(
                status: .serviceUnavailable, code: "pdfFailed", message: "生成 PDF 失败，请稍后再试；Word 版本可以正常下载")
        }
        return pdf
    }
}

extension Application {
    private struct PDFConverterKey: StorageKey { typealias Value = PDFConverter }

    /// One converter per server, so its limit holds across all requests.
    var pdfConverter: PDFConverter {
        get {
            if let converter = storage[PDFConverterKey.self] { return converter }
            let config = shenbaoConfig
            let converter = PDFConverter(limit: config.pdfConcurrency, timeout: .seconds(config.pdfTimeoutSeconds))
            storage[PDFConverterKey.self] = converter
            return converter
        }
        set { storage[PDFConverterKey.self] = newValue }
    }
}
