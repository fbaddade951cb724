import Foundation
import Testing
@testable import OncallInbound

@Suite("Alertmanager webhook")
struct AlertmanagerTests {
    static let integration = InboundIntegration(name: "prom", kind: .alertmanager, bearerToken: "am-token-6c1f")
    static let auth = ("Authorization", "Bearer am-token-6c1f")

    static func request(_ body: Data, auth: (String, String)? = auth) -> InboundHTTPRequest {
        InboundHTTPRequest(
            headers: [("Content-Type", "application/json"), ("User-Agent", "Alertmanager/0.27.0")] + (auth.map { [$0] } ?? []),
            body: body)
    }

    static func modified(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var object = try JSONSerialization.jsonObject(with: Fixture.data("alertmanager/firing.json")) as! [String: Any]
        change(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test("a version 4 notification decodes with its group, labels and times")
    func decodes() throws {
        let payload = try decode(Self.request(try Fixture.data("alertmanager/firing.json")), Self.integration)
        guard case let .alertmanager(webhook) = payload else {
            Issue.record("expected an Alertmanager payload, got \(payload)")
            return
        }
        #expect(webhook.version == "4")
        #expect(webhook.receiver == "oncalld")
        #expect(webhook.status == "firing")
        #expect(webhook.groupKey == "{}/{severity=\"critical\"}:{alertname=\"ProbeFailure\"}")
        #expect(webhook.groupLabels == ["alertname": "ProbeFailure"])
        #expect(webhook.commonLabels["service"] == "wms")
        #expect(webhook.commonAnnotations["summary"] == "仓储系统探测失败")
        #expect(webhook.externalURL == "http://alertmanager.example.com:9093")
        #expect(webhook.truncatedAlerts == 0)
        #expect(webhook.alerts.count == 2)
        let first = webhook.alerts[0]
        #expect(first.status == "firing")
        #expect(first.fingerprint == "1a30ba71cca2921f")
        #expect(first.generatorURL.contains("&g0.tab=1"))
        // 22:05:45.828266876+08:00 is 14:05:45.828266876Z.
        #expect(abs(first.startsAt.timeIntervalSince1970 - 1_699_970_745.828_266_876) < 0.000_01)
        #expect(first.endsAt == nil)
        #expect(webhook.alerts[1].endsAt == Date(timeIntervalSince1970: 1_699_971_000 - 30 + 0.5))
    }

    @Test("other versions are refused with 400")
    func wrongVersion() throws {
        let body = try Self.modified { $0["version"] = "3" }
        #expect(refusal(Self.request(body), Self.integration)?.status == 400)
    }

    @Test("unknown shapes are refused with 400", arguments: ["status", "alerts", "groupKey", "labels", "startsAt", "badTime", "badLabel"])
    func unknownShape(_ breakage: String) throws {
        let body = try Self.modified { object in
            switch breakage {
            case "status": object["status"] = "pending"
            case "alerts": object["alerts"] = "none"
            case "groupKey": object.removeValue(forKey: "groupKey")
            case "labels", "startsAt", "badTime", "badLabel":
                var alerts = object["alerts"] as! [[String: Any]]
                switch breakage {
                case "labels": alerts[0].removeValue(forKey: "labels")
                case "startsAt": alerts[0].removeValue(forKey: "startsAt")
                case "badTime": alerts[0]["startsAt"] = "yesterday"
                default: alerts[0]["labels"] = ["severity": 3]
                }
                object["alerts"] = alerts
            default: break
            }
        }
        #expect(refusal(Self.request(body), Self.integration)?.status == 400)
    }

    @Test("extra fields from Grafana or newer Alertmanagers are ignored")
    func extraFields() throws {
        let body = try Self.modified { $0["orgId"] = 1; $0["title"] = "[FIRING:1]" }
        #expect(refusal(Self.request(body), Self.integration) == nil)
    }

    @Test("a missing or wrong bearer token is refused with 401")
    func bearer() throws {
        let body = try Fixture.data("alertmanager/firing.json")
        #expect(refusal(Self.request(body, auth: nil), Self.integration)?.status == 401)
        #expect(refusal(Self.request(body, auth: ("Authorization", "Bearer am-token-6c1F")), Self.integration)?.status == 401)
        #expect(refusal(Self.request(body, auth: ("Authorization", "Basic am-token-6c1f")), Self.integration)?.status == 401)
        #expect(refusal(Self.request(body, auth: ("authorization", "bearer am-token-6c1f")), Self.integration) == nil)
    }

    @Test("a refusal names the field that was wrong", arguments: [
        ("status", "'status': must be 'firing' or 'resolved', not 'pending'"),
        ("groupKey", "'groupKey' is required"),
        ("alerts", "'alerts' must be a list"),
        ("alertNotObject", "'alerts[1]' must be an object"),
        ("labels", "'alerts[0].labels' is required"),
        ("badLabel", "'alerts[0].labels.severity' must be a string"),
        ("startsAt", "'alerts[0].startsAt' is required"),
        ("badTime", "'alerts[0].startsAt': 'yesterday' is not an RFC 3339 time"),
        ("badEnd", "'alerts[1].endsAt': 'soon' is not an RFC 3339 time"),
        ("truncated", "'truncatedAlerts' must be an integer"),
        ("version", "unsupported Alertmanager webhook version '3'"),
    ])
    func refusalNamesField(_ breakage: String, _ message: String) throws {
        let body = try Self.modified { object in
            var alerts = object["alerts"] as! [[String: Any]]
            switch breakage {
            case "status": object["status"] = "pending"
            case "groupKey": object.removeValue(forKey: "groupKey")
            case "alerts": object["alerts"] = "none"
            case "alertNotObject": object["alerts"] = [alerts[0], "x"]
            case "labels": alerts[0].removeValue(forKey: "labels")
            case "badLabel": alerts[0]["labels"] = ["severity": 3]
            case "startsAt": alerts[0].removeValue(forKey: "startsAt")
            case "badTime": alerts[0]["startsAt"] = "yesterday"
            case "badEnd": alerts[1]["endsAt"] = "soon"
            case "truncated": object["truncatedAlerts"] = "many"
            default: object["version"] = "3"
            }
            if !["alerts", "alertNotObject"].contains(breakage) { object["alerts"] = alerts }
        }
        let error = try #require(refusal(Self.request(body), Self.integration))
        #expect(error.status == 400)
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test("bodies that are not a JSON object are refused with 400 and say so", arguments: [
        ("{", "not valid JSON"), ("[]", "must be a JSON object"), ("\"text\"", "must be a JSON object"),
    ])
    func notAnObject(_ body: String, _ message: String) {
        let error = refusal(Self.request(Data(body.utf8)), Self.integration)
        #expect(error?.status == 400)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "accepted")")
    }

    @Test("null optional members, an empty endsAt and Go's zero time mean absent")
    func nullsAndZeroTime() throws {
        let body = try Self.modified { object in
            object["receiver"] = NSNull()
            object["commonLabels"] = NSNull()
            object["truncatedAlerts"] = NSNull()
            var alerts = object["alerts"] as! [[String: Any]]
            alerts[0]["endsAt"] = ""
            alerts[1]["endsAt"] = "0001-01-01T00:00:00Z"
            alerts[1]["annotations"] = NSNull()
            alerts[1].removeValue(forKey: "fingerprint")
            object["alerts"] = alerts
        }
        guard case let .alertmanager(webhook) = try decode(Self.request(body), Self.integration) else {
            Issue.record("expected an Alertmanager payload")
            return
        }
        #expect(webhook.receiver == "")
        #expect(webhook.commonLabels == [:])
        #expect(webhook.truncatedAlerts == 0)
        #expect(webhook.alerts.map(\.endsAt) == [nil, nil])
        #expect(webhook.alerts[1].annotations == [:])
        #expect(webhook.alerts[1].fingerprint == "")
    }
}
