#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CSystemd
#endif
import Logging

/// Sends log messages to the systemd journal as structured entries (`sd_journal_sendv`).
///
/// Each entry carries
/// - `MESSAGE=` — the same text the stderr handler writes, without the `<N>` prefix
///   (`label: message key=value …`), so plain `journalctl -u oncalld` shows the metadata too;
/// - `PRIORITY=` — ``Logging/Logger/Level/syslogPriority``;
/// - `SYSLOG_IDENTIFIER=` — the program name (`oncalld`) unless given;
/// - `LOGGER=` — the logger's label; `CODE_FILE=`, `CODE_LINE=`, `CODE_FUNC=`;
/// - one field per metadata key: uppercased, every character other than `A–Z`, `0–9` turned into
///   `_` (`incident.id` → `INCIDENT_ID=`); a key that would clash with a field above gets a
///   `META_` prefix;
/// - `INCIDENT=` with the value of `incident.id` when present, so `journalctl INCIDENT=INC-000042`
///   finds everything about one incident.
///
/// Use it when ``isJournalStream()`` is true; ``LoggingBootstrap`` decides. On platforms without
/// libsystemd it falls back to ``SyslogStderrLogHandler``'s output. When no journald runs,
/// messages are dropped silently.
public struct JournalLogHandler: LogHandler {
    /// The logger's label (`LOGGER=` and the start of `MESSAGE=`).
    public let label: String
    /// The value of `SYSLOG_IDENTIFIER=`.
    public let syslogIdentifier: String
    /// The handler's own metadata (value semantics, as `LogHandler` requires).
    public var metadata: Logger.Metadata
    /// Supplies contextual metadata (for example task-local values) for each entry.
    public var metadataProvider: Logger.MetadataProvider?
    /// The lowest level this handler logs.
    public var logLevel: Logger.Level

    /// Creates a handler for the logger labelled `label`.
    ///
    /// - Parameter syslogIdentifier: `SYSLOG_IDENTIFIER=`; `nil` uses the program's file name.
    public init(
        label: String,
        logLevel: Logger.Level = .info,
        syslogIdentifier: String? = nil,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.syslogIdentifier = syslogIdentifier ?? Self.programName()
        self.metadata = [:]
        self.metadataProvider = metadataProvider
        self.logLevel = logLevel
    }

    /// Gets or sets one metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Whether standard error is connected to the journal: `JOURNAL_STREAM` (`"<dev>:<inode>"`,
    /// set by systemd for `StandardError=journal`) names the device and inode of fd 2.
    public static func isJournalStream() -> Bool {
        guard let raw = getenv("JOURNAL_STREAM") else { return false }
        let value = String(cString: raw)
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    /// Sends the event to the journal.
    public func log(event: LogEvent) {
        let metadata = LogMetadataMerger.effective(
            base: self.metadata,
            provider: metadataProvider,
            explicit: event.metadata,
            error: event.error
        )
        #if os(Linux)
        let fields = Self.fields(
            level: event.level,
            label: label,
            syslogIdentifier: syslogIdentifier,
            message: event.message.description,
            metadata: metadata,
            file: event.file,
            line: event.line,
            function: event.function
        )
        Self.send(fields)
        #else
        var line = SyslogStderrLogHandler.format(
            level: event.level, label: label, message: event.message.description, metadata: metadata
        )
        line.append("\n")
        SyslogStderrLogHandler.writeToStderr(line)
        #endif
    }

    /// Field names the handler sets itself; a metadata key mapping to one of them is prefixed.
    static let reservedFields: Set<String> = [
        "MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "SYSLOG_FACILITY", "SYSLOG_PID",
        "SYSLOG_TIMESTAMP", "LOGGER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "ERRNO", "INCIDENT",
        "INVOCATION_ID", "USER_INVOCATION_ID", "TID", "UNIT", "USER_UNIT",
    ]

    /// The journal field name for a metadata key: uppercased, other characters than `A–Z` and
    /// `0–9` replaced by `_`, no leading `_` or digit, at most 64 characters; `nil` when
    /// nothing usable is left.
    static func fieldName(forMetadataKey key: String) -> String? {
        var name = String(
            key.uppercased().unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "A"..."Z", "0"..."9": Character(scalar)
                default: "_"
                }
            }
        )
        while name.hasPrefix("_") { name.removeFirst() }
        guard !name.isEmpty, name.contains(where: { $0 != "_" }) else { return nil }
        if name.first!.isNumber || reservedFields.contains(name) { name = "META_" + name }
        if name.count > 64 { name = String(name.prefix(64)) }
        return name
    }

    /// The `FIELD=value` strings of one entry, `MESSAGE=` first.
    static func fields(
        level: Logger.Level,
        label: String,
        syslogIdentifier: String,
        message: String,
        metadata: Logger.Metadata,
        file: String,
        line: UInt,
        function: String
    ) -> [String] {
        var fields = [
            "MESSAGE=" + SyslogStderrLogHandler.formatBody(label: label, message: message, metadata: metadata),
            "PRIORITY=\(level.syslogPriority)",
            "SYSLOG_IDENTIFIER=" + syslogIdentifier,
            "LOGGER=" + label,
            "CODE_FILE=" + file,
            "CODE_LINE=\(line)",
            "CODE_FUNC=" + function,
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard let name = fieldName(forMetadataKey: key) else { continue }
            fields.append(name + "=" + value.description)
        }
        if let incident = metadata["incident.id"] {
            fields.append("INCIDENT=" + incident.description)
        }
        return fields
    }

    #if os(Linux)
    /// Sends the fields with one `sd_journal_sendv` call, from one contiguous buffer.
    static func send(_ fields: [String]) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count })
        var ranges: [(offset: Int, count: Int)] = []
        ranges.reserveCapacity(fields.count)
        for field in fields {
            ranges.append((buffer.count, field.utf8.count))
            buffer.append(contentsOf: field.utf8)
        }
        buffer.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var vectors = ranges.map { iovec(iov_base: base + $0.offset, iov_len: $0.count) }
            _ = vectors.withUnsafeMutableBufferPointer { iov in
                sd_journal_sendv(iov.baseAddress, Int32(iov.count))
            }
        }
    }
    #endif

    /// The file name of the running program (`oncalld`), for `SYSLOG_IDENTIFIER=`.
    static func programName() -> String {
        guard let path = CommandLine.arguments.first, !path.isEmpty else { return "oncalld" }
        return path.split(separator: "/").last.map(String.init) ?? "oncalld"
    }
}
