import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Who holds a bearer token, remembered for a few seconds after the database said so.
///
/// Every API request used to look its token up, a round trip that was an eighth of the cost of
/// saving a draft. A token's user is
/// edited only by administrators, and every edit makes this forget the user's tokens, so what
/// can go stale is only a token's end: it expires, which is checked here on every use, or it is
/// signed out, or its user's password changes or the user is disabled. Ending through this
/// instance forgets the token at once; signed out through
/// another instance it may still work here for `lifetime` seconds (`SHENBAO_TOKEN_CACHE_SECONDS`,
/// 0 turns remembering off). Anything added later that changes a user or ends a token must make
/// this instance forget it.
final class BearerTokenCache: Sendable {
    private struct Entry {
        var user: AuthenticatedUser
        var expiresAt: Date
        var checkedAt: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    let lifetime: TimeInterval
    /// Tokens remembered at most; a full cache drops what is older than `lifetime`, or everything.
    let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 20_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The token's user, if the database confirmed it less than `lifetime` ago and it has not expired.
    func user(forHash hash: String, at now: Date) -> AuthenticatedUser? {
        guard lifetime > 0, let entry = entries.withLockedValue({ $0[hash] }) else { return nil }
        guard now < entry.expiresAt, now.timeIntervalSince(entry.checkedAt) < lifetime else { return nil }
        return entry.user
    }

    func remember(_ user: AuthenticatedUser, forHash hash: String, expiresAt: Date, at now: Date) {
        guard lifetime > 0 else { return }
        let lifetime = lifetime
        let capacity = capacity
        entries.withLockedValue { entries in
            if entries.count >= capacity {
                entries = entries.filter { now.timeIntervalSince($0.value.checkedAt) < lifetime }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[hash] = Entry(user: user, expiresAt: expiresAt, checkedAt: now)
        }
    }

    func forget(hash: String) {
        _ = entries.withLockedValue { $0.removeValue(forKey: hash) }
    }

    /// Forgets every token of one user (a password set through a link, a disabled account): the
    /// request that does it is not that user's, so it cannot name the hashes one by one.
    func forget(userID: UUID) {
        entries.withLockedValue { entries in entries = entries.filter { $0.value.user.id != userID } }
    }
}

extension Application {
    private struct BearerTokenCacheKey: StorageKey { typealias Value = BearerTokenCache }

    /// Set once by configure(_:), before any request.
    var bearerTokens: BearerTokenCache {
        get {
            guard let cache = storage[BearerTokenCacheKey.self] else {
                fatalError("configure(_:) sets the token cache")
            }
            return cache
        }
        set { storage[BearerTokenCacheKey.self] = newValue }
    }
}
