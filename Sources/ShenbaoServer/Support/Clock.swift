import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The one clock of an application: every time a request or service stamps or judges (deadlines,
/// notice periods, tokens, the history) is read here, so a test that sets `app.now` moves it all.
/// One per application (`configure` gives each its own) and shared by every copy of its Config,
/// which is how a service that holds only `config` reads it.
final class Clock: Sendable {
    // The clock itself: the one place the server reads the real time.
    private let source = NIOLockedValueBox<@Sendable () -> Date>({ Date() })

    var now: Date { source.withLockedValue { $0 }() }

    func set(_ now: @escaping @Sendable () -> Date) { source.withLockedValue { $0 = now } }
}

extension Config {
    /// Now, by this application's clock.
    var now: Date { clock.now }
}

extension Application {
    /// The time the deadlines of the notice (and everything else) are judged by. The tests set it
    /// to walk through a notice period; the server uses the real time.
    var now: @Sendable () -> Date {
        get {
            let clock = shenbaoConfig.clock
            return { clock.now }
        }
        set { shenbaoConfig.clock.set(newValue) }
    }
}

extension Request {
    var now: Date { application.shenbaoConfig.now }
}
