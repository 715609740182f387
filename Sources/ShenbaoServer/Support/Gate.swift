import Foundation

/// At most `slots` holders at once; the others wait their turn, in the order they came, without
/// holding a thread. Whoever waits longer than `patience` is told the system is busy (503): a
/// queue that does not move means something is stuck, and it must not grow without end. With a
/// `queueLimit`, a caller finding that many waiting is refused at once instead (`GateFull`), and
/// a waiter whose task is cancelled (its client gone) leaves the queue without its turn.
actor Gate {
    private let slots: Int
    private let patience: Duration?
    private let queueLimit: Int?
    private var holders = 0
    private var waiting: [(id: Int, turn: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0

    init(slots: Int, patience: Duration?, queueLimit: Int? = nil) {
        self.slots = max(1, slots)
        self.patience = patience
        self.queueLimit = queueLimit.map { max(0, $0) }
    }

    /// Slots held and callers waiting, for `/metrics`.
    var load: GateLoad { GateLoad(inUse: holders, waiting: waiting.count) }

    /// Runs `work` in a turn of its own. `queueing` work (nobody waits for it at a browser) waits
    /// however long the queue is.
    func run<T: Sendable>(queueing: Bool = false, _ work: @Sendable () async throws -> T) async throws -> T {
        try await acquire(queueing: queueing)
        defer { release() }
        return try await work()
    }

    private func acquire(queueing: Bool) async throws {
        guard holders >= slots else {
            holders += 1
            return
        }
        if let queueLimit, !queueing, waiting.count >= queueLimit {
            throw GateFull(waiting: waiting.count, slots: slots)
        }
        let id = nextID
        nextID += 1
        let timeout = patience.map { patience in
            Task { [weak self] in
                try await Task.sleep(for: patience)
                await self?.leave(id, because: GateTimeout())
            }
        }
        defer { timeout?.cancel() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
                // Cancelled before it could queue: the handler below found nothing to remove.
                if Task.isCancelled {
                    turn.resume(throwing: CancellationError())
                } else {
                    waiting.append((id, turn))
                }
            }
        } onCancel: {
            Task { await self.leave(id, because: CancellationError()) }
        }
    }

    private func leave(_ id: Int, because error: any Error) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).turn.resume(throwing: error)
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

/// A gate's queue was full: the caller was refused at once, `waiting` ahead of it.
struct GateFull: Error {
    let waiting: Int
    let slots: Int
}
