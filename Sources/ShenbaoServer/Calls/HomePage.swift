import Fluent
import Foundation

/// `/` and `/calls/{id}`: the home page, showing a call's guide (or none yet), and "signed out"
/// after a logout.
struct HomePage: Encodable {
    var call: CallPage?
    var loggedOut: Bool

    /// `call`'s home page (the chosen one, CallChoice); `loggedOut` is said only with a call to show.
    static func load(call: CallModel?, loggedOut: Bool) throws -> HomePage {
        guard let call else { return HomePage(call: nil, loggedOut: false) }
        return HomePage(call: try CallPage(call), loggedOut: loggedOut)
    }
}
