#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes in a named charset to UTF-8 with the C library's iconv.
///
/// glibc's iconv knows far more legacy charsets (GB18030, Big5-HKSCS, CP949, EUC-JP,
/// ISO-2022-JP) than Foundation on Linux, and unlike Foundation it tells where a bad byte is,
/// which is what lets a mislabelled message be decoded with a few replacement characters
/// instead of being rejected whole.
enum IconvConverter {
    /// The outcome of one conversion.
    struct Result {
        /// UTF-8 bytes produced; in strict mode only meaningful when `invalid == 0`.
        var utf8: [UInt8]
        /// How many invalid or incomplete sequences were met (each became U+FFFD when lossy).
        var invalid: Int
    }

    /// True when iconv can convert from `charset` to UTF-8.
    static func isKnown(_ charset: String) -> Bool {
        let handle = iconv_open("UTF-8", charset)
        guard let handle, handle != iconv_t(bitPattern: -1) else { return false }
        iconv_close(handle)
        return true
    }

    /// Converts `bytes` from `charset` (an iconv name). Nil when iconv does not know the charset.
    ///
    /// Strict mode stops at the first invalid sequence (returning `invalid == 1`), so that
    /// trying a wrong candidate charset costs little. Lossy mode replaces each invalid byte
    /// with U+FFFD and carries on, up to `maxInvalid` replacements, after which it gives up
    /// (the caller then prefers another candidate).
    static func convert(
        _ bytes: UnsafeBufferPointer<UInt8>, from charset: String, lossy: Bool, maxInvalid: Int = .max
    ) -> Result? {
        let handle = iconv_open("UTF-8", charset)
        // iconv_open signals failure with (iconv_t)-1, not NULL.
        guard let handle, handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2 + 16)
        var invalid = 0
        guard let base = bytes.baseAddress, bytes.count > 0 else { return Result(utf8: [], invalid: 0) }

        // iconv's signature takes `char **` for the input although it never writes through it.
        var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
            .assumingMemoryBound(to: CChar.self)
        var inputLeft = bytes.count
        // A fixed chunk keeps memory bounded whatever the expansion ratio; E2BIG just means
        // "flush and go on".
        let chunkSize = 16 * 1024
        let chunk = UnsafeMutablePointer<CChar>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }

        func flush(_ produced: Int) {
            guard produced > 0 else { return }
            chunk.withMemoryRebound(to: UInt8.self, capacity: produced) { start in
                output.append(contentsOf: UnsafeBufferPointer(start: start, count: produced))
            }
        }

        while inputLeft > 0 {
            var out: UnsafeMutablePointer<CChar>? = chunk
            var outLeft = chunkSize
            let before = inputLeft
            let status = iconv(handle, &input, &inputLeft, &out, &outLeft)
            let produced = chunkSize - outLeft
            flush(produced)
            if status != -1 { continue }
            switch errno {
            case E2BIG:
                // Output chunk full: it was flushed above. No progress at all would mean one
                // character larger than the chunk, which no charset has; stop rather than spin.
                if produced == 0 && before == inputLeft { return lossy ? Result(utf8: output, invalid: invalid + 1) : Result(utf8: [], invalid: 1) }
            case EILSEQ, EINVAL:
                // EILSEQ: a byte sequence that is not valid here; EINVAL: the input ends in the
                // middle of a character. Either way skip one byte so the loop always advances.
                invalid += 1
                guard lossy, invalid <= maxInvalid else { return Result(utf8: lossy ? output : [], invalid: invalid) }
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                input = input.map { $0 + 1 }
                inputLeft -= 1
                // Reset any shift state (ISO-2022) so the next sequence is read afresh.
                _ = iconv(handle, nil, nil, nil, nil)
            default:
                invalid += 1
                return Result(utf8: lossy ? output : [], invalid: invalid)
            }
        }
        // Stateful encodings may owe a final reset sequence.
        var out: UnsafeMutablePointer<CChar>? = chunk
        var outLeft = chunkSize
        _ = iconv(handle, nil, nil, &out, &outLeft)
        flush(chunkSize - outLeft)
        return Result(utf8: output, invalid: invalid)
    }
}
