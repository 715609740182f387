import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The one clock of an application: every time a request or service stamps or judges (deadlines,
/// notice periods, tokens, the history) is read here, so a test that sets `app.now` moves it all.
/// One per application (`configure` gives each its own) and shared by every copy of its Config,
/// which is how a service that holds only `config` reads it.
final class Clock: Sendable {
    /// The reading function, in a struct of its own: a bare closure kept in the generic box is
    /// converted to and from the box's abstraction through `withLockedValue`'s `inout`, and each
    /// read wrote back a closure wrapped in two more thunks, so every read walked a longer chain
    /// than the last (writes 2–3× slower within a benchmark run, a stack overflow in time; see
    /// `ClockTests`). A struct is stored as it is.
    private struct Source: Sendable {
        let read: @Sendable () -> Date
    }

    // The clock itself: the one place the server reads the real time.
    private let source = NIOLockedValueBox(Source(read: { Date() }))

    var now: Date { source.withLockedValue { $0 }.read() }

    func set(_ now: @escaping @Sendable () -> Date) { source.withLockedValue { $0 = Source(read: now) } }
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

/// Authentication's time: always the machine's, never the application's clock.
///
/// Login throttles, the limits on registrations and password links, token and session lifetimes, idle timeouts, two-factor windows
/// and one-time password links guard against people acting in real time: an attacker's guesses
/// and a stolen token's minutes pass on the wall clock, and an authenticator app computes its
/// code from the phone's real time. The application's clock (`app.now`) is what the guide's
/// rules are judged by — deadlines, 补正 periods, notice working days, retention of personal
/// data, sanctions — and tests set it to walk through a year. Were authentication to read it,
/// moving it ahead would expire every login of a test, and a clock that can be moved back would
/// keep an expired credential alive: no setting of the rules' time should touch a credential.
/// The stamps these checks are compared against (a token's end, a session's start, a link's
/// use, a login's time) are written by it too, so each check reads one clock.
enum SecurityClock {
    static var now: Date { Date() }
}
