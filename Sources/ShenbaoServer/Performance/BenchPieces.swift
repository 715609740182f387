import Foundation
import NIOConcurrencyHelpers

/// A performance piece that `SHENBAO_BENCH_PIECES_OFF` can switch off, for the bench only: to
/// measure what each one still buys (bench/RESULTS.md, "What each performance piece buys").
/// Off, each behaves as the code did before the piece: DraftCache keeps nothing, BearerTokenCache
/// asks the database on every request, CallDefinitionCache decodes the guide on every use,
/// GroupCommit commits each write alone, WALCheckpoints leaves checkpoints to SQLite's automatic
/// one, StaticSelect's hot reads are Fluent queries, UncachedWrite writes through the page cache,
/// MemoryTrim never trims. SQLiteWriter (one writing connection) and the PostgreSQL deadlines are
/// the architecture and correctness, not speed: they have no switch.
public enum BenchPiece: String, CaseIterable, Sendable {
    case groupCommit, walCheckpoints, staticSelect, draftCache, bearerTokenCache, callDefinitionCache,
        uncachedWrite, memoryTrim

    /// The pieces named in `raw` (comma-separated, spaces ignored) and the names that are no piece.
    static func parse(_ raw: String?) -> (off: Set<BenchPiece>, unknown: [String]) {
        var off = Set<BenchPiece>()
        var unknown: [String] = []
        for name in (raw ?? "").split(separator: ",") {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if let piece = BenchPiece(rawValue: name) { off.insert(piece) } else { unknown.append(name) }
        }
        return (off, unknown)
    }

    /// What configure(_:) refuses to start with.
    struct Unknown: Error, CustomStringConvertible, LocalizedError {
        let names: [String]
        var description: String {
            "SHENBAO_BENCH_PIECES_OFF: unknown piece \(names.joined(separator: ", ")); known: "
                + BenchPiece.allCases.map(\.rawValue).joined(separator: ", ")
        }
        var errorDescription: String? { description }
    }

    /// Refuses names that are no piece, then switches the pieces `config` names off for this
    /// process (unset: all on). The pieces that are enums, not per-application services, read it here.
    static func apply(_ config: Config) throws {
        guard config.unknownBenchPieces.isEmpty else { throw Unknown(names: config.unknownBenchPieces) }
        switchedOff.withLockedValue { $0 = config.benchPiecesOff }
    }

    private static let switchedOff = NIOLockedValueBox(Set<BenchPiece>())

    /// Whether this piece was switched off (never, unless the bench asked).
    var isOff: Bool { Self.switchedOff.withLockedValue { $0.contains(self) } }
}
