import Foundation
import Testing

@testable import ShenbaoServer

@Suite struct GateTests {
    /// Records the order in which work ran.
    actor Log {
        var entries: [Int] = []
        func add(_ entry: Int) { entries.append(entry) }
    }

    @Test("Waiters get their turn in the order they came, and the gate tells how many wait")
    func firstComeFirstServed() async throws {
        let gate = Gate(slots: 1, patience: .seconds(30))
        let log = Log()
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await gate.run {
                await log.add(0)
                for await _ in release { break }
            }
        }
        try await waitFor { await gate.load == GateLoad(inUse: 1, waiting: 0) }
        var waiters: [Task<Void, any Error>] = []
        for index in 1...3 {
            waiters.append(Task { try await gate.run { await log.add(index) } })
            try await waitFor { await gate.load.waiting == index }
        }
        #expect(await gate.load == GateLoad(inUse: 1, waiting: 3))
        releaser.yield()
        try await holder.value
        for waiter in waiters { try await waiter.value }
        #expect(await log.entries == [0, 1, 2, 3])
        #expect(await gate.load == GateLoad(inUse: 0, waiting: 0))
    }

    @Test("Whoever waits longer than the gate's patience is told the system is busy; the line goes on")
    func patienceRunsOut() async throws {
        let gate = Gate(slots: 1, patience: .milliseconds(100))
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let holder = Task { try await gate.run { for await _ in release { break } } }
        try await waitFor { await gate.load.inUse == 1 }
        await #expect(throws: GateTimeout.self) { try await gate.run {} }
        #expect(await gate.load == GateLoad(inUse: 1, waiting: 0))
        releaser.yield()
        try await holder.value
        #expect(try await gate.run { 42 } == 42)
    }
}

/// Polls `condition` until it holds, failing after five seconds.
func waitFor(_ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !(await condition()) {
        guard ContinuousClock.now < deadline else {
            Issue.record("the condition did not come true within five seconds")
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}
