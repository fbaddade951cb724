import Logging

/// Picks the log handler for the daemon: the journal when systemd connected stderr to it,
/// otherwise ``SyslogStderrLogHandler``.
///
/// The daemon's `main` calls ``bootstrap(logLevel:metadataProvider:)`` once, as its first
/// statement — this is the only place in the package that calls `LoggingSystem.bootstrap`:
///
/// ```swift
/// LoggingBootstrap.bootstrap(logLevel: .info)
/// let logger = Logger(label: "oncalld")
/// ```
public enum LoggingBootstrap {
    /// Calls `LoggingSystem.bootstrap` with ``handlerFactory(logLevel:useJournal:)``.
    ///
    /// Call it once per process (swift-log traps on a second call). Whether stderr goes to the
    /// journal is decided once, here.
    public static func bootstrap(
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        LoggingSystem.bootstrap(handlerFactory(logLevel: logLevel), metadataProvider: metadataProvider)
    }

    /// A factory for `LoggingSystem.bootstrap(_:metadataProvider:)`.
    ///
    /// - Parameter useJournal: `nil` (the default) asks ``JournalLogHandler/isJournalStream()``
    ///   once, now.
    public static func handlerFactory(
        logLevel: Logger.Level = .info,
        useJournal: Bool? = nil
    ) -> @Sendable (String, Logger.MetadataProvider?) -> any LogHandler {
        let journal = useJournal ?? JournalLogHandler.isJournalStream()
        return { label, metadataProvider in
            makeHandler(label: label, logLevel: logLevel, useJournal: journal, metadataProvider: metadataProvider)
        }
    }

    /// One handler for `label`: a ``JournalLogHandler`` when `useJournal` (by default: when
    /// ``JournalLogHandler/isJournalStream()``), otherwise a ``SyslogStderrLogHandler``.
    public static func makeHandler(
        label: String,
        logLevel: Logger.Level = .info,
        useJournal: Bool? = nil,
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> any LogHandler {
        if useJournal ?? JournalLogHandler.isJournalStream() {
            JournalLogHandler(label: label, logLevel: logLevel, metadataProvider: metadataProvider)
        } else {
            SyslogStderrLogHandler(label: label, logLevel: logLevel, metadataProvider: metadataProvider)
        }
    }
}
