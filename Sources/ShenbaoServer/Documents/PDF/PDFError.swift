import ShenbaoCore
import Vapor

/// What a PDF request is told when no PDF comes: each a 503, since the Word version still works
/// and the same request may succeed later.
enum PDFError {
    static let unavailable = AppError(
        status: .serviceUnavailable, code: .pdfUnavailable,
        message:
            "服务器未安装 LibreOffice，暂时无法生成 PDF。请管理员安装 libreoffice-writer-nogui 和 fonts-noto-cjk 后重试；Word 版本可以正常下载")

    static let timedOut = AppError(
        status: .serviceUnavailable, code: .pdfTimeout, message: "生成 PDF 超时，请稍后再试；Word 版本可以正常下载")

    static let failed = AppError(
        status: .serviceUnavailable, code: .pdfFailed, message: "生成 PDF 失败，请稍后再试；Word 版本可以正常下载")

    /// Refused at once rather than queued behind more work than the offices can do soon; the
    /// client may come back after `Retry-After` seconds.
    static func queueFull(retryAfterSeconds: Int) -> AppError {
        AppError(
            status: .serviceUnavailable, code: .pdfBusy,
            message: "正在生成的 PDF 较多，请约 \(retryAfterSeconds) 秒后再试；Word 版本可以正常下载",
            headers: ["Retry-After": String(retryAfterSeconds)])
    }
}
