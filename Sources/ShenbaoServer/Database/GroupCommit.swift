import CoreMetrics
import NIOConcurrencyHelpers
import NIOCore
import SQLiteKit

/// Single statements that arrive while SQLite's writer is busy are written together, in one
/// transaction: one commit and one fsync for all of them instead of one each.
///
/// Saving a draft is one UPDATE; at 64 connections some 1,500 of them a second queued for the
/// one writer, and each commit's fsync (a sixth of the writer thread's time on this machine) was
/// paid by every one. A statement is acknowledged only once the transaction holding it has
/// committed, so nothing acknowledged is lost. When anything in a group fails (a statement's
/// constraint, the commit itself) the group is rolled back and its statements are written again
/// one by one, each in its own transaction as before, so each gets its own answer and one
/// statement's failure is never another's.
final class GroupCommit: Sendable {
    private struct Statement: Sendable {
        let sql: String
        let binds: [SQLiteData]
        let onRow: @Sendable (SQLiteRow) -> Void
        let promise: EventLoopPromise<Void>
    }

    private struct Queue {
        var statements: [Statement] = []
        var draining = false
    }

    /// Statements in one group at most: the first has waited for the whole group's commit.
    static let mostInOneGroup = 64

    /// Statements written, for /metrics: in a group with others, or alone (nobody else queued,
    /// or their group was rolled back).
    static let grouped = Counter(label: "shenbao_sqlite_single_writes_total", dimensions: [("committed", "grouped")])
    static let alone = Counter(label: "shenbao_sqlite_single_writes_total", dimensions: [("committed", "alone")])

    private let queue = NIOLockedValueBox(Queue())
    private let loop: any EventLoop
    /// The writer's connection pool (nil once it is closed).
    private let database: @Sendable () -> (any SQLiteDatabase)?

    init(loop: any EventLoop, database: @escaping @Sendable () -> (any SQLiteDatabase)?) {
        self.loop = loop
        self.database = database
    }

    /// Writes `sql`; succeeds once it is committed, its rows handed to `onRow` by then.
    func write(_ sql: String, _ binds: [SQLiteData], onRow: @escaping @Sendable (SQLiteRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let promise = loop.makePromise(of: Void.self)
        let start = queue.withLockedValue { queue in
            queue.statements.append(Statement(sql: sql, binds: binds, onRow: onRow, promise: promise))
            defer { queue.draining = true }
            return !queue.draining
        }
        if start { loop.execute { self.drain() } }
        return promise.futureResult
    }

    /// Writes what is queued, group after group, until nothing is; runs on the writer's loop.
    private func drain() {
        guard let database = database() else {
            for statement in takeAll() { statement.promise.fail(SQLiteWriterClosed()) }
            return
        }
        // The group is taken once the connection is ours, so that what came while we waited for
        // it goes in too. The pool hands its one connection over in turn: transactions queued
        // there get it between two groups.
        database.withConnection { connection in
            let group = self.take()
            guard !group.isEmpty else { return connection.eventLoop.makeSucceededFuture(false) }
            return self.write(group, on: connection).map { true }
        }.whenComplete { result in
            switch result {
            case .success(true): self.drain()
            case .success(false): return  // nothing was queued: `take` ended the draining
            case .failure(let error):
                // The pool's (busy past its patience, or closed): no statement ran.
                for statement in self.takeAll() { statement.promise.fail(error) }
            }
        }
    }

    /// The next group; none ends the draining (a statement queued after that starts it again).
    private func take() -> [Statement] {
        queue.withLockedValue { queue in
            // Off for the bench (BenchPiece): each statement alone, as before groups.
            let most = BenchPiece.groupCommit.isOff ? 1 : Self.mostInOneGroup
            let group = Array(queue.statements.prefix(most))
            queue.statements.removeFirst(group.count)
            if group.isEmpty { queue.draining = false }
            return group
        }
    }

    private func takeAll() -> [Statement] {
        queue.withLockedValue { queue in
            defer { queue = Queue() }
            return queue.statements
        }
    }

    /// Writes `group` and answers each of its statements; never fails.
    private func write(_ group: [Statement], on connection: SQLiteConnection) -> EventLoopFuture<Void> {
        guard group.count > 1 else { return alone(group, on: connection) }
        return run("BEGIN", on: connection)
            .flatMap { self.rows(of: group, from: 0, collected: [], on: connection) }
            .flatMap { rows in self.run("COMMIT", on: connection).map { rows } }
            .map { rows in
                Self.grouped.increment(by: group.count)
                for (statement, rows) in zip(group, rows) {
                    rows.forEach(statement.onRow)
                    statement.promise.succeed(())
                }
            }
            .flatMapError { _ in
                self.run("ROLLBACK", on: connection).recover { _ in }.flatMap { self.alone(group, on: connection) }
            }
    }

    /// Runs the statements from `index` on, in order, and collects each one's rows; stops at
    /// the first that fails.
    private func rows(of group: [Statement], from index: Int, collected: [[SQLiteRow]], on connection: SQLiteConnection)
        -> EventLoopFuture<[[SQLiteRow]]>
    {
        guard index < group.count else { return connection.eventLoop.makeSucceededFuture(collected) }
        let rows = NIOLockedValueBox<[SQLiteRow]>([])
        return connection.query(group[index].sql, group[index].binds, logger: connection.logger) { row in
            rows.withLockedValue { $0.append(row) }
        }.flatMap {
            self.rows(of: group, from: index + 1, collected: collected + [rows.withLockedValue { $0 }], on: connection)
        }
    }

    /// Each statement in its own transaction, answered as it finishes.
    private func alone(_ group: [Statement], on connection: SQLiteConnection) -> EventLoopFuture<Void> {
        group.reduce(connection.eventLoop.makeSucceededVoidFuture()) { previous, statement in
            previous.flatMap {
                connection.query(statement.sql, statement.binds, logger: connection.logger, statement.onRow)
                    .always {
                        Self.alone.increment()
                        statement.promise.completeWith($0)
                    }
                    .recover { _ in }  // answered to its caller; the next statement goes on
            }
        }
    }

    private func run(_ sql: String, on connection: SQLiteConnection) -> EventLoopFuture<Void> {
        connection.query(sql, [], logger: connection.logger) { _ in }
    }
}
