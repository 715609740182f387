import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Gives the memory a burst of uploads freed back to the system.
///
/// glibc keeps what a program frees for its next allocations, in one arena per thread that
/// allocated: after the deadline day's uploads (sixteen 2 MiB bodies at a time with their copies)
/// the server stayed at some 300 MB resident while it used about 100 (bench/RESULTS.md).
/// `malloc_trim` hands the free pages back. It walks every arena, so it runs once the uploads
/// have been idle for a moment, never per request.
actor MemoryTrim {
    /// Looked up at run time: Swift's Glibc module leaves `<malloc.h>` out; nil on other C libraries.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }()

    static var isAvailable: Bool { trim != nil }

    private let gate: Gate
    private let quiet: Duration
    private var pending = false
    private(set) var trims = 0

    init(after gate: Gate, quiet: Duration = .seconds(2)) {
        self.gate = gate
        self.quiet = quiet
    }

    /// A large body was answered: trims once `gate` has held nothing for `quiet`.
    func bodyDone() {
        // Off for the bench (BenchPiece): never trims.
        guard !pending, Self.trim != nil, !BenchPiece.memoryTrim.isOff else { return }
        pending = true
        Task {
            try? await Task.sleep(for: quiet)
            await fire()
        }
    }

    private func fire() async {
        pending = false
        guard await gate.load == GateLoad(inUse: 0, waiting: 0) else { return bodyDone() }
        trims += 1
        _ = Self.trim?(0)
    }
}
