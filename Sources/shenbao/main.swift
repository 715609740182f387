import Foundation
import ShenbaoServer

// The executable only hands over: everything lives in ShenbaoServer, where tests can reach it.
do {
    try await Shenbao.main()
} catch {
    exit(1)
}
