import Crypto
import Foundation
import Vapor

/// The public lists' PDFs, kept until the list changes. Anyone may ask for them without logging
/// in, and each asked LibreOffice anew (20 requests kept it busy for 52 s); now the first request
/// for a list converts it, the others at the same time wait for that conversion, and later ones
/// get the kept PDF. The key is the digest of the spreadsheet the PDF is made from, which holds
/// every datum shown (our .xlsx is the same bytes for the same content), so a changed list is
/// never served an old PDF. At most `capacity` bytes are kept, the least recently used leaving first.
actor PublicDocumentCache {
    private struct Entry {
        var pdf: Data
        var lastUse: UInt64
    }

    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<Data, any Error>] = [:]
    private var bytes = 0
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The PDF of `source` (an .xlsx or .docx of ours), converted only when not kept.
    func pdf(of source: Data, convert: @escaping @Sendable (Data) async throws -> Data) async throws -> Data {
        let key = Hex.string(SHA256.hash(data: source))
        clock += 1
        if let entry = entries[key] {
            entries[key]?.lastUse = clock
            return entry.pdf
        }
        // Not the requester's own task: a client that leaves must not cancel the conversion the
        // others wait for.
        let conversion = inFlight[key] ?? Task { try await convert(source) }
        inFlight[key] = conversion
        defer { if inFlight[key] == conversion { inFlight[key] = nil } }
        let pdf = try await conversion.value
        keep(pdf, as: key)
        return pdf
    }

    private func keep(_ pdf: Data, as key: String) {
        guard entries[key] == nil, pdf.count <= capacity else { return }
        while bytes + pdf.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= oldest.value.pdf.count
            entries[oldest.key] = nil
        }
        entries[key] = Entry(pdf: pdf, lastUse: clock)
        bytes += pdf.count
    }

    /// Lists kept now, for the tests.
    var count: Int { entries.count }
}

extension Application {
    private struct PublicDocumentCacheKey: StorageKey { typealias Value = PublicDocumentCache }

    /// 32 MB: a call's two lists are a few hundred KB each as PDF; room for many versions.
    var publicDocuments: PublicDocumentCache {
        if let cache = storage[PublicDocumentCacheKey.self] { return cache }
        let cache = PublicDocumentCache(capacity: 32 << 20)
        storage[PublicDocumentCacheKey.self] = cache
        return cache
    }
}
