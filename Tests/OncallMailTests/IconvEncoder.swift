#if canImport(Glibc)
import Glibc
#endif

/// Encodes test strings into legacy charsets with iconv (UTF-8 → charset).
enum IconvEncoder {
    /// The bytes of `text` in `charset`, or nil when iconv cannot convert it.
    static func encode(_ text: String, to charset: String) -> [UInt8]? {
        let handle = iconv_open(charset, "UTF-8")
        guard let handle, handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        let inputCount = input.count
        let outputCount = output.count
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inputCount
                var outPointer = outBuffer.baseAddress
                var outLeft = outputCount
                guard iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                _ = iconv(handle, nil, nil, &outPointer, &outLeft)
                return outputCount - outLeft
            }
        }
        guard let produced else { return nil }
        return output.prefix(produced).map { UInt8(bitPattern: $0) }
    }
}
