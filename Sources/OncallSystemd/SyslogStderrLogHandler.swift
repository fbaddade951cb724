#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Writes one line per message to standard error, prefixed with the syslog priority `<N>`.
///
/// systemd (`SyslogLevelPrefix=yes`, the default) strips the prefix and uses it as the line's
/// priority, so `journalctl -p warning` works even when stderr is a plain stream. The line is
///
///     <6>oncalld.http: request served incident.id=INC-000042 path=/healthz
///
/// — the label, the message, then the metadata sorted by key, values with spaces quoted (see
/// ``format(level:label:message:metadata:)``). Each line goes out in a single `write(2)`, so
/// lines from concurrent tasks never interleave.
public struct SyslogStderrLogHandler: LogHandler {
    /// The logger's label, written before the message.
    public let label: String
    /// The handler's own metadata (value semantics, as `LogHandler` requires).
    public var metadata: Logger.Metadata
    /// Supplies contextual metadata (for example task-local values) for each line.
    public var metadataProvider: Logger.MetadataProvider?
    /// The lowest level this handler logs.
    public var logLevel: Logger.Level

    /// Creates a handler for the logger labelled `label`.
    public init(
        label: String,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.metadata = [:]
        self.metadataProvider = metadataProvider
        self.logLevel = logLevel
    }

    /// Gets or sets one metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats the event and writes it to stderr.
    public func log(event: LogEvent) {
        let metadata = LogMetadataMerger.effective(
            base: self.metadata,
            provider: metadataProvider,
            explicit: event.metadata,
            error: event.error
        )
        var line = Self.format(level: event.level, label: label, message: event.message.description, metadata: metadata)
        line.append("\n")
        Self.writeToStderr(line)
    }

    /// The line written for one message, without the trailing newline:
    /// `<N>label: message key=value key2="value with spaces"`.
    ///
    /// - `N` is ``Logging/Logger/Level/syslogPriority``.
    /// - Line breaks in the message are written as `\n` (and `\r`), so one message is one line.
    /// - Metadata is sorted by key; a value is quoted when it is empty or contains whitespace or
    ///   `"`, with `\`, `"` and control characters escaped inside the quotes.
    /// - An empty label leaves out `label: `.
    public static func format(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var line = "<\(level.syslogPriority)>"
        line += formatBody(label: label, message: message, metadata: metadata)
        return line
    }

    /// ``format(level:label:message:metadata:)`` without the `<N>` prefix; the journal handler
    /// uses it for `MESSAGE=`.
    static func formatBody(label: String, message: String, metadata: Logger.Metadata) -> String {
        var line = ""
        if !label.isEmpty {
            line += label
            line += ": "
        }
        line += escapeLineBreaks(message)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " "
            line += key
            line += "="
            line += formatValue(value.description)
        }
        return line
    }

    /// A metadata value as written on the line: bare when it is a single non-empty word,
    /// otherwise in double quotes with `\`, `"` and control characters escaped.
    static func formatValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { scalar in
            scalar == "\"" || scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
        }
        guard needsQuotes else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    quoted += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        quoted += "\""
        return quoted
    }

    /// The message with `\n` and `\r` written as two-character escapes.
    static func escapeLineBreaks(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return message }
        var escaped = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Writes `line` to fd 2 with one `write(2)` (more only if the kernel accepts part of it).
    static func writeToStderr(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = write(STDERR_FILENO, base, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // Nowhere left to report it.
                }
                remaining -= written
                base += written
            }
        }
    }
}
