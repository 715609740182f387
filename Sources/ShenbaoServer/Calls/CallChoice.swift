import Fluent
import Foundation
import ShenbaoCore
import Vapor

/// Which call a desk, list or table shows when there are several (issue 29 item 4: this
/// programme and another of the association open at once, past years still browsable): the one
/// asked for with `?call=` (its id or year), remembered in a signed-in user's session for the
/// pages and forms that follow; else the one remembered; else the newest (`CallModel.latest`).
/// The layout then offers the others (`Layout.CallChooser`).
enum CallChoice {
    static let sessionKey = "call"

    /// The chosen call, or 404 when there is none at all.
    static func chosen(_ req: Request) async throws -> CallModel {
        guard let call = try await chosenIfAny(req) else { throw AppError.notFound("年度申报指南") }
        return call
    }

    static func chosenIfAny(_ req: Request) async throws -> CallModel? {
        let signedIn = req.hasSessionCookie && req.currentUser != nil
        var call: CallModel?
        if let raw = req.query[String.self, at: "call"], !raw.isEmpty {
            // An id is 36 characters, a year 4: anything longer is no call and never reaches a query.
            guard raw.count <= 36, let found = try await CallQuery.lookup(raw, on: req.db), visible(found, to: req)
            else { throw AppError.notFound("该年度申报指南") }
            call = found
            if signedIn { req.session.data[sessionKey] = try found.requireID().uuidString }
        } else if signedIn, let id = req.session.data[sessionKey].flatMap(UUID.init(uuidString:)),
            let found = try await CallModel.find(id, on: req.db), visible(found, to: req)
        {
            call = found
        } else {
            call = try await CallModel.latest(on: req.db)
        }
        req.storage[ChosenCallKey.self] = call
        return call
    }

    /// The calls `req`'s visitor may choose among: drafts only for the province.
    static func choices(_ req: Request) async throws -> [CallModel] {
        var query = CallModel.query(on: req.db).sort(\.$year, .descending).sort(\.$createdAt)
        if !CallQuery.seesDrafts(req) { query = query.filter(\.$phase != .draft) }
        return try await query.all()
    }

    private static func visible(_ call: CallModel, to req: Request) -> Bool {
        call.phase != .draft || CallQuery.seesDrafts(req)
    }

    /// The call this request chose, for the layout's chooser; nil on pages about no call.
    static func chosenBefore(_ req: Request) -> CallModel? { req.storage[ChosenCallKey.self] ?? nil }

    private struct ChosenCallKey: StorageKey { typealias Value = CallModel? }
}

extension Layout {
    /// The calls to switch between, shown above a page that chose one, when there are several.
    struct CallChooser: Encodable {
        struct Line: Encodable {
            var id: String
            var label: String
            var selected: Bool
        }
        var lines: [Line]
        /// `?call=…`, for the page's forms, so a form sent from a page acts on that page's call
        /// even when another tab chose another since.
        var query: String
        /// A call whose list is published or that is closed: its pages are for reading.
        var past: String?

        static func load(for req: Request) async throws -> CallChooser? {
            guard let chosen = CallChoice.chosenBefore(req), let chosenID = chosen.id else { return nil }
            let calls = try await CallChoice.choices(req)
            let past: String? =
                switch chosen.phase {
                case .published: "\(chosen.title)已发布立项名单，本页仅供查阅。"
                case .closed: "\(chosen.title)已结束，本页仅供查阅。"
                default: nil
                }
            return CallChooser(
                lines: calls.count < 2
                    ? []
                    : try calls.map {
                        Line(
                            id: try $0.requireID().uuidString, label: "\($0.title)（\($0.phase.label)）",
                            selected: $0.id == chosenID)
                    },
                query: "?call=\(chosenID.uuidString)", past: past)
        }
    }
}
