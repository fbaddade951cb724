/// Content-Transfer-Encoding decoders that accept what real mailers send.
///
/// Both are single forward passes with no backtracking, so their cost is linear in the input
/// whatever it contains.
enum TransferDecoding {
    /// Base64 that skips anything outside the alphabet (line breaks, spaces, stray garbage),
    /// accepts missing padding, and restarts after `=` so concatenated blocks decode too.
    static func base64(_ input: some Sequence<UInt8>) -> [UInt8] {
        base64Reporting(input).bytes
    }

    /// `base64(_:)` with what it had to skip or drop on the way.
    static func base64Reporting(_ input: some Sequence<UInt8>) -> (bytes: [UInt8], damage: Base64Damage) {
        var output: [UInt8] = []
        output.reserveCapacity(input.underestimatedCount * 3 / 4 + 3)
        var damage = Base64Damage()
        var accumulator: UInt32 = 0
        var count = 0
        for byte in input {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                // Padding ends a quantum: keep its whole bytes and start afresh.
                if count == 1 { damage.loneCharacters += 1 }
                flushPartial(&output, accumulator, count)
                accumulator = 0
                count = 0
                continue
            case 0x0D, 0x0A, 0x20, 0x09:
                continue
            default:
                damage.skipped += 1
                continue
            }
            accumulator = accumulator << 6 | value
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        if count == 1 { damage.loneCharacters += 1 }
        if count >= 2 { damage.unpadded = true }
        flushPartial(&output, accumulator, count)
        return (output, damage)
    }

    /// Emits the whole bytes of an unfinished quantum (2 chars → 1 byte, 3 → 2; 1 is noise).
    private static func flushPartial(_ output: inout [UInt8], _ accumulator: UInt32, _ count: Int) {
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
    }

    /// Quoted-printable: `=` before a line end is a soft break (trailing spaces after the `=`
    /// tolerated), `=XX` in either case is a byte, a bad escape is kept as written, and
    /// trailing whitespace on a line is dropped because transports may have added it.
    /// `underscoreIsSpace` gives the RFC 2047 "Q" variant.
    static func quotedPrintable(_ input: some Collection<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        let bytes = Array(input)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                // Soft line break: "=" then optional spaces/tabs then CRLF, LF or end of input.
                var probe = index + 1
                while probe < end, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                if probe == end {
                    index = end
                    continue
                }
                if bytes[probe] == 0x0A {
                    index = probe + 1
                    continue
                }
                if bytes[probe] == 0x0D {
                    index = probe + 1
                    if index < end, bytes[index] == 0x0A { index += 1 }
                    continue
                }
                if index + 2 < end, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                output.append(byte)
                index += 1
                continue
            }
            if byte == 0x20 || byte == 0x09 {
                // Whitespace survives only if something other than a line end follows it.
                var probe = index
                while probe < end, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                let atLineEnd = probe == end || bytes[probe] == 0x0A || (bytes[probe] == 0x0D && (probe + 1 == end || bytes[probe + 1] == 0x0A))
                if !atLineEnd { output.append(contentsOf: bytes[index..<probe]) }
                index = probe
                continue
            }
            if underscoreIsSpace && byte == UInt8(ascii: "_") {
                output.append(0x20)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// The value of an ASCII hex digit, either case.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
