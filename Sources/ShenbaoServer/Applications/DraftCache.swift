import CoreMetrics
import Foundation
import NIOConcurrencyHelpers
import ShenbaoCore
import Vapor

/// Drafts as this instance last wrote them, so that saving one again needs no read first.
///
/// An applicant's autosave writes the same draft every few seconds, and the read before each
/// write was half of a save's round trips. The copy kept here may be stale (another instance,
/// a submit, an attachment, a recommender's return): the save's own conditional UPDATE claims the
/// version the copy has, so a stale copy writes nothing and the save reads the application
/// afresh and tries once more (`save`). The organisation and call the
/// answer shows are checked by the same statement (ApplicationService.save). Only the owner's
/// saves use it; every other route reads the database.
final class DraftCache: Sendable {
    private struct Entry {
        var draft: ApplicationModel
        var keptAt: UInt64
    }

    private struct State {
        var entries: [UUID: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())
    /// Drafts kept at most; a full cache drops its older half. A kept draft with its organisation
    /// and attachments takes some 30 KB (the benchmark's 100 MB after saving 1,024 drafts, against
    /// 70 MB before drafts were kept), so the default 2,000 costs some 60 MB.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The draft as last kept, taken out: one save at a time works on it (a second save of the
    /// same draft meanwhile reads the database), and a save that fails leaves nothing behind.
    func take(_ id: UUID) -> ApplicationModel? {
        state.withLockedValue { $0.entries.removeValue(forKey: id)?.draft }
    }

    /// Keeps `draft`, as the database now holds it; the caller no longer changes it.
    func keep(_ draft: ApplicationModel) {
        guard capacity > 0, let id = draft.id else { return }
        let capacity = capacity
        state.withLockedValue { state in
            if state.entries.count >= capacity, state.entries[id] == nil {
                // Least recently kept half out: rare, and simpler than a linked list.
                let cut = state.entries.values.map(\.keptAt).sorted()[state.entries.count / 2]
                state.entries = state.entries.filter { $0.value.keptAt >= cut }
            }
            state.clock += 1
            state.entries[id] = Entry(draft: draft, keptAt: state.clock)
        }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }

    /// Saves the draft `id` of `user` with `update`: on the kept copy when it is current and
    /// would be saved as it is (any refusal is decided on the database's row), otherwise on the
    /// row `read` gives; then keeps what was saved. Answers the draft and its form's JSON.
    func save(
        _ id: UUID?, of user: AuthenticatedUser, expectedVersion: Int?,
        update: (ApplicationModel) async throws -> Data, read: () async throws -> ApplicationModel
    ) async throws -> (ApplicationModel, Data) {
        if let id, let kept = take(id), ApplicationAccess.isOwner(user, kept), Workflow.isEditable(kept.status),
            expectedVersion == nil || expectedVersion == kept.version
        {
            do {
                let json = try await update(kept)
                Self.savedFromKept.increment()
                keep(kept)
                return (kept, json)
            } catch let error as AppError where error.code == "versionConflict" {
                // Stale: written elsewhere since it was kept. Saved below from the database's row.
            }
        }
        let application = try await read()
        let json = try await update(application)
        Self.savedFromDatabase.increment()
        keep(application)
        return (application, json)
    }

    /// Where saves found their draft, for /metrics: few from `kept` means the cache is too small
    /// for the drafts being worked on, or the balancer sends each user to a different instance.
    static let savedFromKept = Counter(label: "shenbao_draft_saves_total", dimensions: [("from", "kept")])
    static let savedFromDatabase = Counter(label: "shenbao_draft_saves_total", dimensions: [("from", "database")])
}

extension Application {
    private struct DraftCacheKey: StorageKey { typealias Value = DraftCache }

    /// Set once by configure(_:), before any request.
    var drafts: DraftCache {
        get {
            guard let cache = storage[DraftCacheKey.self] else { fatalError("configure(_:) sets the draft cache") }
            return cache
        }
        set { storage[DraftCacheKey.self] = newValue }
    }
}
