import Fluent
import Foundation

/// `/` and `/calls/{id}`: the home page, showing a call's guide (or none yet), and "signed out"
/// after a logout.
struct HomePage: Encodable {
    var call: CallPage?
    var loggedOut: Bool

    /// The latest call's home page; `loggedOut` is said only with a call to show.
    static func load(loggedOut: Bool, on db: any Database) async throws -> HomePage {
        guard let call = try await CallModel.latest(on: db) else { return HomePage(call: nil, loggedOut: false) }
        return HomePage(call: try CallPage(call), loggedOut: loggedOut)
    }
}
