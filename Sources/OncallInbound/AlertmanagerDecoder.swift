import Foundation
import OncallSupport

/// Decodes Alertmanager's webhook JSON (version 4) with `Decodable`.
///
/// Strict about the shape it relies on (version `"4"`, `status`, `groupKey`, `alerts` with
/// `status`, `labels` and `startsAt`, string-valued label maps, RFC 3339 dates) and refuses
/// anything else with 400, which Alertmanager does not retry; the refusal names the field.
/// Extra keys are ignored: Grafana and newer Alertmanagers add fields (`orgId`, `silenceURL`,
/// `values`) to the same shape.
enum AlertmanagerDecoder {
    /// The notification in `body`.
    static func decode(_ body: Data) throws(InboundError) -> InboundPayload {
        guard String(validating: body, as: UTF8.self) != nil else {
            throw .malformed("the Alertmanager body is not valid UTF-8")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .rfc3339
        do {
            // The version first: another version's shape would otherwise fail on some other field.
            let version = try decoder.decode(Versioned.self, from: body).version
            guard version == "4" else {
                throw InboundError.malformed("unsupported Alertmanager webhook version '\(version)' (only version 4 is understood)")
            }
            return .alertmanager(try decoder.decode(Notification.self, from: body).webhook)
        } catch let error as InboundError {
            throw error
        } catch let error as DecodingError {
            throw .malformed(describe(error))
        } catch {
            throw .malformed("the Alertmanager body is not valid JSON")
        }
    }

    /// The refusal for a decoding error: what is wrong with the JSON, or which field is wrong.
    static func describe(_ error: DecodingError) -> String {
        if case let .dataCorrupted(context) = error, context.codingPath.isEmpty {
            return "the Alertmanager body is not valid JSON"
        }
        if case let .typeMismatch(_, context) = error, context.codingPath.isEmpty {
            return "the Alertmanager body must be a JSON object"
        }
        return DecodingProblem(error).message
    }

    /// Any time before 1970 is Go's zero value or nonsense; either way, no end time.
    static let zeroTimeCutoff = Date(timeIntervalSince1970: 0)

    // MARK: - Wire shape

    /// Just the version, read before the rest.
    struct Versioned: Decodable {
        var version: String
    }

    /// `firing` or `resolved`.
    enum Status: String, Decodable {
        case firing, resolved

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let status = Status(rawValue: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be 'firing' or 'resolved', not '\(text)'")
            }
            self = status
        }
    }

    /// An end time: empty or Go's zero time (year 1) means "not ended".
    struct EndTime: Decodable {
        var date: Date?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard !text.isEmpty else { return }
            guard let parsed = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an RFC 3339 time")
            }
            date = parsed < AlertmanagerDecoder.zeroTimeCutoff ? nil : parsed
        }
    }

    /// The version 4 notification; optional members may be absent or null.
    struct Notification: Decodable {
        var version: String
        var receiver: String?
        var status: Status
        var alerts: [Alert]
        var groupLabels: [String: String]?
        var commonLabels: [String: String]?
        var commonAnnotations: [String: String]?
        var externalURL: String?
        var groupKey: String
        var truncatedAlerts: Int?

        var webhook: AlertmanagerWebhook {
            AlertmanagerWebhook(
                receiver: receiver ?? "", status: status.rawValue, alerts: alerts.map(\.alert), groupLabels: groupLabels ?? [:],
                commonLabels: commonLabels ?? [:], commonAnnotations: commonAnnotations ?? [:], externalURL: externalURL ?? "",
                version: version, groupKey: groupKey, truncatedAlerts: truncatedAlerts ?? 0)
        }
    }

    /// One alert.
    struct Alert: Decodable {
        var status: Status
        var labels: [String: String]
        var annotations: [String: String]?
        var startsAt: Date
        var endsAt: EndTime?
        var generatorURL: String?
        var fingerprint: String?

        var alert: AlertmanagerAlert {
            AlertmanagerAlert(
                status: status.rawValue, labels: labels, annotations: annotations ?? [:], startsAt: startsAt, endsAt: endsAt?.date,
                generatorURL: generatorURL ?? "", fingerprint: fingerprint ?? "")
        }
    }
}
