import Foundation

/// Writes a new attachment file past the page cache (`O_DIRECT`) where the file system allows it.
///
/// In the deadline-day profile a third of an upload's server CPU was the kernel copying the file
/// into freshly taken page-cache pages (`copy_folio_from_iter_atomic`, some 6 ms for 2 MiB on this
/// virtual machine); written directly, the disk takes the bytes from our buffer (0.65 ms of CPU
/// per 2 MiB file against 5.6–7.2 ms, measured with 300 files). Nobody reads a scan again soon
/// after its upload, so there is nothing to gain from caching it. The caller still syncs the file.
enum UncachedWrite {
    /// Direct writes need buffer, length and file offset aligned to the device's logical block
    /// (512 bytes or 4 KiB); 4 KiB serves both.
    static let block = 4096
    static let chunk = 1 << 20

    /// Glibc's module leaves `O_DIRECT` out (it needs `_GNU_SOURCE`); its value from
    /// `<asm-generic/fcntl.h>` and the architectures that change it. Elsewhere: cached writes.
    #if os(Linux) && (arch(x86_64) || arch(i386))
        private static let directFlag: Int32? = 0o40000
    #elseif os(Linux) && arch(arm64)
        private static let directFlag: Int32? = 0o200000
    #else
        private static let directFlag: Int32? = nil
    #endif

    /// Writes all of `bytes` at the start of the empty file `fd`; 0 or the `errno` of the failure.
    /// The aligned part goes directly when the file system accepts it, the rest (and all of it
    /// where `O_DIRECT` is refused, as on tmpfs) through the page cache.
    static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var written = 0
        // Off for the bench (BenchPiece): all through the page cache.
        if let directFlag, !BenchPiece.uncachedWrite.isOff {
            written = direct(base, alignedCount: bytes.count / block * block, to: fd, flag: directFlag)
        }
        while written < bytes.count {
            let n = Foundation.write(fd, base + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += n
        }
        return 0
    }

    /// Bytes written directly from the start: all `aligned` of them, or fewer when the file
    /// system refused (EINVAL: it does not write directly after all) or a short write left
    /// the offset unaligned; the caller writes the rest through the cache.
    private static func direct(_ base: UnsafeRawPointer, alignedCount aligned: Int, to fd: Int32, flag: Int32) -> Int {
        var written = 0
        let flags = fcntl(fd, F_GETFL)
        if aligned > 0, flags >= 0, fcntl(fd, F_SETFL, flags | flag) == 0 {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: min(chunk, aligned), alignment: block)
            defer { buffer.deallocate() }
            while written < aligned {
                let length = min(chunk, aligned - written)
                buffer.copyMemory(from: base + written, byteCount: length)
                let n = Foundation.write(fd, buffer, length)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                written += n
                if n != length { break }
            }
            _ = fcntl(fd, F_SETFL, flags)
        }
        return written
    }
}
