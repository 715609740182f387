import Foundation
import Testing

@testable import ShenbaoServer

/// Memory freed by a burst of uploads goes back to the system once the uploads are over: one
/// trim per quiet moment, never while an upload is being read.
@Suite struct MemoryTrimTests {
    @Test func glibcsTrimIsFound() {
        #if canImport(Glibc)
            #expect(MemoryTrim.isAvailable, "malloc_trim looked up in the C library")
        #endif
    }

    @Test func oneTrimAfterTheBurstAndNoneWhileAnUploadIsRead() async throws {
        guard MemoryTrim.isAvailable else { return }
        let gate = Gate(slots: 2, patience: .seconds(5))
        let trim = MemoryTrim(after: gate, quiet: .milliseconds(100))
        let (release, releaseTurn) = AsyncStream.makeStream(of: Void.self)
        let held = Task { try await gate.run { for await _ in release { break } } }
        while await gate.load.inUse == 0 { try await Task.sleep(for: .milliseconds(5)) }
        for _ in 1...5 { await trim.bodyDone() }
        try await Task.sleep(for: .milliseconds(400))
        #expect(await trim.trims == 0, "an upload is still being read")

        releaseTurn.yield()
        try await held.value
        // Polled: a loaded test machine may wake the quiet moment's timer late.
        let deadline = ContinuousClock.now + .seconds(10)
        while await trim.trims == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(await trim.trims == 1, "once, when the gate had been empty for the quiet moment")
    }
}
