import Foundation
import Testing
import Vapor

@testable import ShenbaoServer

/// `SHENBAO_BENCH_PIECES_OFF` (bench only): names the pieces to switch off; a name that is no
/// piece stops the server from starting rather than measuring something other than was asked.
@Suite struct BenchPiecesTests {
    @Test func unsetLeavesEveryPieceOn() {
        let config = Config(environment: [:])
        #expect(config.benchPiecesOff.isEmpty)
        #expect(config.unknownBenchPieces.isEmpty)
        #expect(config.draftCacheCapacity == 2000)
        #expect(config.tokenCacheLifetime == 5)
    }

    @Test func namesAreParsed() {
        let config = Config(environment: ["SHENBAO_BENCH_PIECES_OFF": " draftCache, groupCommit,,bearerTokenCache "])
        #expect(config.benchPiecesOff == [.draftCache, .groupCommit, .bearerTokenCache])
        #expect(config.unknownBenchPieces.isEmpty)
        // The two caches are switched off through their own settings' 0.
        #expect(config.draftCacheCapacity == 0)
        #expect(config.tokenCacheLifetime == 0)
        let all = BenchPiece.allCases.map(\.rawValue).joined(separator: ",")
        #expect(Config(environment: ["SHENBAO_BENCH_PIECES_OFF": all]).benchPiecesOff == Set(BenchPiece.allCases))
    }

    @Test func anUnknownNameIsRefusedAtStart() async throws {
        let config = Config(environment: ["SHENBAO_BENCH_PIECES_OFF": "draftCache,sqliteWriter"])
        #expect(config.unknownBenchPieces == ["sqliteWriter"])
        let app = try await Application.make(.testing)
        let error = await #expect(throws: BenchPiece.Unknown.self) { try await configure(app, config: config) }
        #expect(error?.description.contains("unknown piece sqliteWriter") == true)
        #expect(error?.description.contains("known: groupCommit, walCheckpoints") == true)
        try await app.asyncShutdown()
    }
}
