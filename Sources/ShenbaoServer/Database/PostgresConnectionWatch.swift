import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// The database is gone (restarting, unreachable, or too slow to answer by its deadline); the
/// error middleware answers 503.
struct DatabaseUnavailable: Error {}

/// Work on one PostgreSQL connection that is answered whatever becomes of the connection.
///
/// postgres-nio 1.33 sometimes loses a statement in flight, or written just as its connection
/// closes, and ROLLBACK on a dead connection never completes: when PostgreSQL restarted under
/// load, such a request hung for good and kept its pooled connection, and a few restarts emptied
/// an instance's pool (Tests/system/crash.py). So every statement and transaction is answered
/// by the first of: its own answer; `DatabaseUnavailable` a second after its connection closed;
/// `DatabaseUnavailable` at its deadline. A connection that missed a deadline, or whose work
/// failed because the database went away, is closed before the work is answered, so the pool,
/// which drops closed connections, opens a new one instead of lending a dead one again.
enum ConnectionWatch {
    /// `work`'s answer, boxed: what it answers need not be `Sendable` (a transaction's result).
    static func answer<T>(
        on connection: PostgresConnection, within deadline: TimeAmount, logger: Logger,
        _ work: () -> EventLoopFuture<T>
    ) -> EventLoopFuture<UncheckedBox<T>> {
        let eventLoop = connection.eventLoop
        let answer = eventLoop.makePromise(of: UncheckedBox<T>.self)
        let ticket = ClosingConnections.shared.wait(on: connection) { answer.fail(DatabaseUnavailable()) }
        let timer = eventLoop.scheduleTask(in: deadline) {
            logger.warning(
                "PostgreSQL work missed its deadline: closing its connection",
                metadata: ["deadline-ms": "\(deadline.nanoseconds / 1_000_000)"])
            close(connection, then: answer, with: DatabaseUnavailable())
        }
        work().map(UncheckedBox.init).whenComplete { result in
            timer.cancel()
            ClosingConnections.shared.done(ticket, on: connection)
            if case .failure(let error) = result, ShenbaoErrorMiddleware.isDatabaseOutage(error),
                !connection.isClosed
            {
                close(connection, then: answer, with: error)
            } else {
                answer.completeWith(result)
            }
        }
        return answer.futureResult
    }

    /// Fails `answer` once `connection` is closed (or a moment later, should the close itself
    /// hang): a request answered earlier would hand the pool a connection it still thinks open.
    private static func close<T>(
        _ connection: PostgresConnection, then answer: EventLoopPromise<UncheckedBox<T>>, with error: any Error
    ) {
        connection.close().whenComplete { _ in answer.fail(error) }
        connection.eventLoop.scheduleTask(in: ClosingConnections.grace) { answer.fail(error) }
    }
}

/// What waits on each open connection, and one watch on each connection's close. Connections are
/// known by their id, never reused (an object's address is, once it is freed).
private final class ClosingConnections: @unchecked Sendable {
    static let shared = ClosingConnections()
    /// How long work may still answer after its connection closed before it is given up.
    static let grace: TimeAmount = .seconds(1)

    private let lock = NIOLock()
    private var waiting: [PostgresConnection.ID: [Int: @Sendable () -> Void]] = [:]
    private var nextTicket = 0

    func wait(on connection: PostgresConnection, giveUp: @escaping @Sendable () -> Void) -> Int {
        let key = connection.id
        let (ticket, firstSight) = lock.withLock {
            nextTicket += 1
            let firstSight = waiting[key] == nil
            waiting[key, default: [:]][nextTicket] = giveUp
            return (nextTicket, firstSight)
        }
        if firstSight {
            let eventLoop = connection.eventLoop
            connection.closeFuture.whenComplete { _ in
                eventLoop.scheduleTask(in: Self.grace) { self.closed(key) }
            }
        }
        return ticket
    }

    func done(_ ticket: Int, on connection: PostgresConnection) {
        lock.withLock { _ = waiting[connection.id]?.removeValue(forKey: ticket) }
    }

    private func closed(_ key: PostgresConnection.ID) {
        let stranded = lock.withLock { waiting.removeValue(forKey: key) ?? [:] }
        for giveUp in stranded.values { giveUp() }
    }
}
