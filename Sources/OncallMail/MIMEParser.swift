import Foundation

/// The entry point: raw RFC 5322 / MIME bytes in, a `ParsedMail` out.
///
/// ```swift
/// let mail = try MIMEParser.parse(data)          // default MIMELimits
/// mail.subject, mail.from.first?.address, mail.textBody, mail.attachments
/// ```
///
/// Thread-safe and synchronous (it holds no shared state); callers on the cooperative pool
/// should expect a large message to take a few tens of milliseconds. Work and memory are
/// bounded by `limits` on any input: it never crashes and never loops.
public enum MIMEParser {
    /// Parses a message, throwing `MIMEError` when it breaks a limit or is not a message.
    public static func parse(_ data: Data, limits: MIMELimits = MIMELimits()) throws(MIMEError) -> ParsedMail {
        if data.count > limits.maxMessageBytes { throw .tooLarge(size: data.count, limit: limits.maxMessageBytes) }
        return try parse(bytes: [UInt8](data), limits: limits)
    }

    /// Parses a message from bytes (a `[UInt8]`, a slice, a `String.UTF8View`).
    public static func parse(bytes: some Collection<UInt8>, limits: MIMELimits = MIMELimits()) throws(MIMEError) -> ParsedMail {
        let count = bytes.count
        if count > limits.maxMessageBytes { throw .tooLarge(size: count, limit: limits.maxMessageBytes) }
        if count == 0 { throw .notAMessage(reason: "empty input") }
        let buffer = Array(bytes)
        var context = ParseContext(limits: limits)
        return try MessageAssembler.parseMessage(buffer[...], depth: 0, context: &context)
    }
}
