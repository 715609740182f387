import Foundation
import Vapor

extension Application {
    private struct ClockKey: StorageKey { typealias Value = @Sendable () -> Date }

    /// The time the deadlines of the notice are judged by. The tests set it to walk through a
    /// notice period; the server uses the real time.
    var now: @Sendable () -> Date {
        get { storage[ClockKey.self] ?? { Date() } }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.now() }
}
