import Logging

/// Combines the handler's own metadata, the metadata provider's and the log statement's into
/// the metadata of one log line (later sources win), the way swift-log's `StreamLogHandler` does.
enum LogMetadataMerger {
    static func effective(
        base: Logger.Metadata,
        provider: Logger.MetadataProvider?,
        explicit: Logger.Metadata?,
        error: (any Error)?
    ) -> Logger.Metadata {
        var metadata = base
        if let provided = provider?.get(), !provided.isEmpty {
            metadata.merge(provided, uniquingKeysWith: { _, new in new })
        }
        if let explicit, !explicit.isEmpty {
            metadata.merge(explicit, uniquingKeysWith: { _, new in new })
        }
        if let error {
            metadata["error.message"] = "\(error)"
            metadata["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        return metadata
    }
}
