import ShenbaoCore
import Vapor

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The parts of a `multipart/form-data` body: an upload's file and its few fields.
///
/// MultipartKit's parser hands a part's content on between every two carriage returns, each
/// piece in a buffer of its own: a 2 MiB scan (compressed bytes, a carriage return every 256 on
/// average) became some 8,000 buffers, a quarter of an upload's server time in the deadline-day
/// profile. The body, already collected within the route's limit, is searched for its boundary
/// with `memchr` instead, and each part's content is a slice of it, not a copy. What a part's
/// headers mean (its name, its file name, `filename*`) is still Vapor's and MultipartKit's.
struct MultipartForm: Sendable {
    let parts: [MultipartPart]

    /// More parts or longer headers than any of our forms has are refused, not searched.
    static let maximumParts = 64
    static let maximumHeaderBytes = 16 * 1024

    static let malformed = AppError.badRequest("请求内容不是有效的 multipart/form-data 表单", code: .malformedBody)

    func text(_ name: String) -> String? {
        parts.firstPart(named: name).map { String(buffer: $0.body) }
    }

    /// A part sent as a file (it has a file name, perhaps empty when none was chosen).
    func file(_ name: String) -> File? {
        parts.firstPart(named: name).flatMap { File(multipart: $0) }
    }

    /// The file's name and bytes as an upload takes them: empty when no file was sent, so the
    /// upload's own check names the missing file.
    func upload(_ name: String) -> (name: String, data: Data) {
        let file = file(name)
        return (file?.filename ?? "", file.map { Data(buffer: $0.data) } ?? Data())
    }

    /// The request's form, split once and kept on the request: the CSRF check of a page and the
    /// route both read it.
    static func of(_ request: Request) throws -> MultipartForm {
        if let kept = request.storage[Key.self] { return kept }
        guard let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data" else {
            throw AppError.badRequest("请以 multipart/form-data 表单上传文件", code: .malformedBody)
        }
        // RFC 2046: a boundary is 1 to 70 characters.
        guard let boundary = type.parameters["boundary"], (1...70).contains(boundary.utf8.count) else {
            throw malformed
        }
        let form = try MultipartForm(parsing: request.body.data ?? ByteBuffer(), boundary: boundary)
        request.storage[Key.self] = form
        return form
    }

    private struct Key: StorageKey {
        typealias Value = MultipartForm
    }

    init(parsing body: ByteBuffer, boundary: String) throws {
        let found = try body.withUnsafeReadableBytes { try Self.split($0, boundary: Array(boundary.utf8)) }
        parts = try found.map { headers, range in
            // The ranges lie inside the readable bytes, so the slice exists.
            guard let slice = body.getSlice(at: body.readerIndex + range.lowerBound, length: range.count) else {
                throw InternalInvariant("a multipart part outside the body")
            }
            return MultipartPart(headers: headers, body: slice)
        }
    }

    /// RFC 2046 §5.1.1: a preamble, then parts each opened by `--boundary` (the first) or
    /// `CRLF--boundary`, then `--` after the last; after a boundary, optional spaces, then CRLF,
    /// the part's header lines, an empty line, its content.
    private static func split(_ bytes: UnsafeRawBufferPointer, boundary: [UInt8]) throws -> [(HTTPHeaders, Range<Int>)]
    {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let hyphen = UInt8(ascii: "-")
        let delimiter = [cr, lf, hyphen, hyphen] + boundary
        let count = bytes.count
        // `memchr` to the needle's first byte, then a comparison (Glibc does not export memmem).
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard let base = bytes.baseAddress else { return nil }
            var at = start
            while count - at >= needle.count {
                guard let hit = memchr(base + at, Int32(needle[0]), count - at - needle.count + 1) else { return nil }
                at = base.distance(to: hit)
                if needle.withUnsafeBytes({ $0.baseAddress.map { memcmp(base + at, $0, needle.count) } }) == 0 {
                    return at
                }
                at += 1
            }
            return nil
        }
        func byte(_ at: Int) -> UInt8? { at < count ? bytes[at] : nil }

        var position: Int
        if bytes.starts(with: delimiter.dropFirst(2)) {
            position = delimiter.count - 2
        } else if let first = find(delimiter, from: 0) {
            position = first + delimiter.count
        } else {
            throw malformed
        }
        var parts: [(HTTPHeaders, Range<Int>)] = []
        while !(byte(position) == hyphen && byte(position + 1) == hyphen) {
            while let space = byte(position), space == UInt8(ascii: " ") || space == UInt8(ascii: "\t") {
                position += 1
            }
            guard byte(position) == cr, byte(position + 1) == lf, parts.count < maximumParts else { throw malformed }
            position += 2
            var headers = HTTPHeaders()
            if byte(position) == cr, byte(position + 1) == lf {
                position += 2  // a part without headers
            } else {
                guard let end = find([cr, lf, cr, lf], from: position), end - position <= maximumHeaderBytes else {
                    throw malformed
                }
                let block = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
                for line in block.components(separatedBy: "\r\n") {
                    guard let colon = line.firstIndex(of: ":") else { throw malformed }
                    headers.replaceOrAdd(
                        name: line[..<colon].trimmingCharacters(in: .whitespaces),
                        value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                position = end + 4
            }
            guard let end = find(delimiter, from: position) else { throw malformed }
            parts.append((headers, position..<end))
            position = end + delimiter.count
        }
        return parts
    }
}
