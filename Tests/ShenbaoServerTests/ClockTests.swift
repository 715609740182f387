import Foundation
import Testing

@testable import ShenbaoServer

@Suite struct ClockTests {
    /// Every request reads the clock, often several times: a server that has answered a few
    /// hundred thousand requests must read it as it did the first time. (A clock once kept as a
    /// bare closure in a generic box was wrapped in two more conversion thunks on every read, so
    /// each read walked a longer chain than the last: writes slowed 2–3× within a benchmark run,
    /// and the chain would in time have overflowed a thread's stack.)
    @Test("The clock reads the same after half a million reads, and a set time stays set")
    func manyReads() {
        let clock = Clock()
        for _ in 0..<500_000 { _ = clock.now }
        let before = Date()
        let read = clock.now
        #expect(read >= before.addingTimeInterval(-1) && read <= Date().addingTimeInterval(1))

        let fixed = Date(timeIntervalSince1970: 1_900_000_000)
        clock.set { fixed }
        for _ in 0..<500_000 { _ = clock.now }
        #expect(clock.now == fixed)
    }
}
