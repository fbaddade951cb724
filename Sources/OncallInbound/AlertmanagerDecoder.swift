import Foundation

/// Decodes Alertmanager's webhook JSON (version 4).
///
/// Strict about the shape it relies on (version `"4"`, `status`, `groupKey`, `alerts` with
/// `status`, `labels` and `startsAt`, string-valued label maps, RFC 3339 dates) and refuses
/// anything else with 400, which Alertmanager does not retry. Extra keys are ignored: Grafana
/// and newer Alertmanagers add fields (`orgId`, `silenceURL`, `values`) to the same shape.
enum AlertmanagerDecoder {
    /// The notification in `body`.
    static func decode(_ body: Data) throws(InboundError) -> InboundPayload {
        let object = try JSONBody.object(body, what: "Alertmanager")
        let version = try JSONBody.string(object, "version", path: "")
        guard version == "4" else {
            throw .malformed("unsupported Alertmanager webhook version '\(version)' (only version 4 is understood)")
        }
        guard let alertList = object["alerts"] as? [Any] else { throw .malformed("'alerts' must be a list") }
        var alerts: [AlertmanagerAlert] = []
        for (index, entry) in alertList.enumerated() {
            guard let alert = entry as? [String: Any] else { throw .malformed("'alerts[\(index)]' must be an object") }
            alerts.append(try decodeAlert(alert, path: "alerts[\(index)]."))
        }
        var truncated = 0
        if let value = object["truncatedAlerts"], !(value is NSNull) {
            guard let number = value as? Int else { throw .malformed("'truncatedAlerts' must be a whole number") }
            truncated = number
        }
        return .alertmanager(AlertmanagerWebhook(
            receiver: try JSONBody.optionalString(object, "receiver", path: "") ?? "",
            status: try status(object, path: ""),
            alerts: alerts,
            groupLabels: try JSONBody.stringMap(object, "groupLabels", path: ""),
            commonLabels: try JSONBody.stringMap(object, "commonLabels", path: ""),
            commonAnnotations: try JSONBody.stringMap(object, "commonAnnotations", path: ""),
            externalURL: try JSONBody.optionalString(object, "externalURL", path: "") ?? "",
            version: version,
            groupKey: try JSONBody.string(object, "groupKey", path: ""),
            truncatedAlerts: truncated))
    }

    /// One alert object.
    static func decodeAlert(_ alert: [String: Any], path: String) throws(InboundError) -> AlertmanagerAlert {
        guard alert["labels"] is [String: Any] else { throw .malformed("'\(path)labels' is required") }
        let startsText = try JSONBody.string(alert, "startsAt", path: path)
        guard let startsAt = RFC3339Date.parse(startsText) else {
            throw .malformed("'\(path)startsAt' is not an RFC 3339 time: \(startsText)")
        }
        var endsAt: Date?
        if let endsText = try JSONBody.optionalString(alert, "endsAt", path: path), !endsText.isEmpty {
            guard let parsed = RFC3339Date.parse(endsText) else {
                throw .malformed("'\(path)endsAt' is not an RFC 3339 time: \(endsText)")
            }
            // Go's zero time (year 1) means "not ended".
            endsAt = parsed < zeroTimeCutoff ? nil : parsed
        }
        return AlertmanagerAlert(
            status: try status(alert, path: path),
            labels: try JSONBody.stringMap(alert, "labels", path: path),
            annotations: try JSONBody.stringMap(alert, "annotations", path: path),
            startsAt: startsAt, endsAt: endsAt,
            generatorURL: try JSONBody.optionalString(alert, "generatorURL", path: path) ?? "",
            fingerprint: try JSONBody.optionalString(alert, "fingerprint", path: path) ?? "")
    }

    /// Any time before 1970 is Go's zero value or nonsense; either way, no end time.
    static let zeroTimeCutoff = Date(timeIntervalSince1970: 0)

    /// `status`: `firing` or `resolved`.
    static func status(_ object: [String: Any], path: String) throws(InboundError) -> String {
        let text = try JSONBody.string(object, "status", path: path)
        guard text == "firing" || text == "resolved" else {
            throw .malformed("'\(path)status' must be 'firing' or 'resolved', not '\(text)'")
        }
        return text
    }
}
