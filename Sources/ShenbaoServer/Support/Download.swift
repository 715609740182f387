import Foundation
import Vapor

extension Response {
    /// A file to save: its type, and its name for every browser (RFC 6266, UTF-8 with an ASCII
    /// fallback), so a Chinese file name arrives as typed.
    static func download(_ data: Data, type: String, name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: ContentDisposition.attachment(name))
        return response
    }
}

enum ContentDisposition {
    /// `attachment` with the UTF-8 name (RFC 6266), and an ASCII fallback for old clients.
    static func attachment(_ name: String) -> String {
        // Printable ASCII only: a line break in a file name must never reach the header.
        let ascii = String(
            name.unicodeScalars.map { scalar in
                (0x20..<0x7F).contains(scalar.value) && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
            })
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
