import Foundation
import OncallCore

/// `POST /v1/incidents/{id}/dispatch`: where to send a field engineer — a configured customer
/// `site` or a `region` (a GB/T 2260 code or a region name), exactly one of them — and the
/// `skill` the fault needs, if any.
public struct DispatchRequestBody: StrictDecodable, Encodable, Sendable, Equatable {
    public var site: String?
    public var region: String?
    public var skill: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case site, region, skill
    }

    public static let allowedKeys = Set(CodingKeys.allCases.map(\.rawValue))

    /// A body as a client sends it; nothing is checked here (the daemon checks when it decodes).
    public init(site: String? = nil, region: String? = nil, skill: String? = nil) {
        self.site = site
        self.region = region
        self.skill = skill
    }

    /// Decodes and checks: `site` or `region`, not both and not neither, neither blank; a blank
    /// `skill` counts as none. Refusals are 422 with the field named.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        site = try Self.text(container, .site)
        region = try Self.text(container, .region)
        let skill = try container.decodeIfPresent(String.self, forKey: .skill)?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.skill = skill?.isEmpty == false ? skill : nil
        switch (site, region) {
        case (nil, nil):
            throw APIRequestError(
                status: 422, code: "missing_field",
                message: "'site' or 'region' is required: the customer site id, or a region code or name", field: "site")
        case (.some, .some):
            throw APIRequestError(
                status: 422, code: "invalid_field",
                message: "give 'site' or 'region', not both (a site has its own region)", field: "region")
        default:
            break
        }
    }

    /// Where the engineer goes: the site when one is named, else the region.
    public var target: DispatchTarget {
        if let site { return .site(site) }
        return .region(region ?? "")
    }

    /// A present string field, trimmed; refused when blank.
    private static func text(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        guard let raw = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw APIRequestError(status: 422, code: "invalid_field", message: "'\(key.rawValue)' must not be empty", field: key.rawValue)
        }
        return text
    }
}

/// `POST /v1/incidents/{id}/visit/{step}`: what goes with a visit step. Each step takes only
/// its own field: `complete` a `summary`, `decline` a `reason`, `cancel` a `reason` (required),
/// `callback` a `note`; `accept`, `depart`, `arrive` and `confirm-repair` take none.
public struct VisitStepBody: StrictDecodable, Encodable, Sendable, Equatable {
    public var note: String?
    public var reason: String?
    public var summary: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case note, reason, summary
    }

    public static let allowedKeys = Set(CodingKeys.allCases.map(\.rawValue))

    /// The step names of the path, in lifecycle order.
    public static let stepNames = ["accept", "depart", "arrive", "complete", "decline", "cancel", "callback", "confirm-repair"]

    public init(note: String? = nil, reason: String? = nil, summary: String? = nil) {
        self.note = note
        self.reason = reason
        self.summary = summary
    }

    /// The domain step for the path's `name` with this body's fields.
    ///
    /// An unknown name is 404 (no such resource); a field the step does not take is 422
    /// `invalid_field`; `cancel` without a reason is 422 `missing_field`.
    public func step(named name: String) throws(APIRequestError) -> VisitStep {
        let given: [(String, String?)] = [("note", note), ("reason", reason), ("summary", summary)]
        func only(_ allowed: Set<String>) throws(APIRequestError) {
            guard let extra = given.first(where: { $0.1 != nil && !allowed.contains($0.0) }) else { return }
            let takes = allowed.isEmpty ? "takes no fields" : "takes only " + allowed.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw APIRequestError(
                status: 422, code: "invalid_field", message: "'\(extra.0)' does not apply to \(name); \(name) \(takes)", field: extra.0)
        }
        switch name {
        case "accept":
            try only([])
            return .accept
        case "depart":
            try only([])
            return .depart
        case "arrive":
            try only([])
            return .arrive
        case "complete":
            try only(["summary"])
            return .complete(summary: summary)
        case "decline":
            try only(["reason"])
            return .decline(reason: reason)
        case "cancel":
            try only(["reason"])
            guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw APIRequestError(status: 422, code: "missing_field", message: "'reason' is required to cancel a visit", field: "reason")
            }
            return .cancel(reason: reason)
        case "callback":
            try only(["note"])
            return .callBack(note: note)
        case "confirm-repair":
            try only([])
            return .confirmRepair
        default:
            throw APIRequestError(
                status: 404, code: "not_found",
                message: "no visit step '\(name)'; use \(Self.stepNames.joined(separator: ", "))")
        }
    }
}
