#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level searching over message buffers.
///
/// `memchr` is vectorised in libc, so finding line ends stays fast even in debug builds, and
/// every scan in the parser is built on it or on single forward passes: nothing rescans a body.
enum ByteSearch {
    /// The first index at or after `start` holding `byte`, in `bytes`' own indices.
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard start >= bytes.startIndex, start < bytes.endIndex else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let offset = start - bytes.startIndex
            guard let found = memchr(base + offset, Int32(byte), buffer.count - offset) else { return nil }
            let distance = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            return bytes.startIndex + distance
        }
    }
}
