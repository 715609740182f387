import Foundation

/// At most `slots` holders at once; the others wait their turn, in the order they came, without
/// holding a thread. Whoever waits longer than `patience` is told the system is busy (503):
/// a queue that does not move means something is stuck, and it must not grow without end.
actor Gate {
    private let slots: Int
    private let patience: Duration
    private var holders = 0
    private var waiting: [(id: Int, turn: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0

    init(slots: Int, patience: Duration) {
        self.slots = slots
        self.patience = patience
    }

    /// Slots held and callers waiting, for `/metrics`.
    var load: GateLoad { GateLoad(inUse: holders, waiting: waiting.count) }

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await work()
    }

    private func acquire() async throws {
        guard holders >= slots else {
            holders += 1
            return
        }
        let id = nextID
        nextID += 1
        let patience = patience
        let timeout = Task { [weak self] in
            try await Task.sleep(for: patience)
            await self?.giveUp(id)
        }
        defer { timeout.cancel() }
        try await withCheckedThrowingContinuation { waiting.append((id, $0)) }
    }

    private func giveUp(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).turn.resume(throwing: GateTimeout())
    }

    /// Hands the slot straight to the next waiter, so nobody can overtake the queue.
    private func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            waiting.removeFirst().turn.resume()
        }
    }
}

struct GateLoad: Sendable, Equatable {
    var inUse: Int
    var waiting: Int
}

/// A caller waited its gate's patience for its turn; the error middleware answers 503.
struct GateTimeout: Error {}
