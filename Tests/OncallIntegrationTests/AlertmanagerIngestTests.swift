import Foundation
import OncallAPI
import Testing

extension EndToEnd {
/// Issue 3: Prometheus Alertmanager's webhook (payload version 4) through the real daemon. One
/// alert group is one incident, keyed by its `groupKey`.
@Suite("Alertmanager webhook through the real daemon")
struct AlertmanagerIngestTests {
    static let groupKey = "{}/{severity=\"critical\"}:{alertname=\"WMSHighErrorRate\"}"

    /// A version 4 notification as Alertmanager's webhook notifier sends it.
    static func notification(status: String, startsAt: Date, endsAt: Date? = nil) throws -> Data {
        let formatter = ISO8601DateFormatter()
        let labels = ["alertname": "WMSHighErrorRate", "severity": "critical", "service": "WMS", "instance": "wms-01:9100", "job": "wms"]
        let annotations = ["summary": "WMS 5xx 错误率超过 5%", "description": "wms-01 在过去 5 分钟内 5xx 比例为 12%。"]
        let alert: [String: Any] = [
            "status": status, "labels": labels, "annotations": annotations,
            "startsAt": formatter.string(from: startsAt),
            "endsAt": endsAt.map(formatter.string(from:)) ?? "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=wms_http_5xx_ratio+%3E+0.05",
            "fingerprint": "c4b2f1e0a9d87766",
        ]
        let body: [String: Any] = [
            "version": "4", "groupKey": groupKey, "truncatedAlerts": 0, "status": status, "receiver": "oncalld",
            "groupLabels": ["alertname": "WMSHighErrorRate"], "commonLabels": labels, "commonAnnotations": annotations,
            "externalURL": "http://alertmanager.example.com:9093", "alerts": [alert],
        ]
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }

    @Test("firing opens an incident; firing again is the same incident; resolved resolves it; a wrong token gets 401")
    func alertGroup() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let prometheus = InboundEndpoint.alertmanager()
        try sandbox.writeConfig(sandbox.config() + sandbox.inboundSections([prometheus]))
        _ = try await sandbox.startDaemon()
        func post(_ body: Data, token: String? = nil) async throws -> (status: Int, fields: [String: String], text: String) {
            let response = try await sandbox.inbound(
                prometheus, body: body,
                headers: [("Authorization", "Bearer \(token ?? prometheus.secret)"), ("Content-Type", "application/json")])
            return (response.status, response.fields, response.text)
        }
        let started = Date().addingTimeInterval(-300)

        let firing = try await post(try Self.notification(status: "firing", startsAt: started))
        #expect(firing.status == 200, "\(firing.text)\n\(sandbox.logs)")
        #expect(firing.fields["outcome"] == "incident" && firing.fields["incident"] == "INC-000001", "\(firing.text)")
        var incident = try await sandbox.show("INC-000001")
        #expect(incident.subject == "WMS 5xx 错误率超过 5%")
        #expect(incident.scope == .most, "severity critical")
        #expect(incident.service == "WMS")
        #expect(incident.reportedBy == "alertmanager/prometheus")
        #expect(incident.state == "reported")

        // Alertmanager repeats the group (repeat_interval, or a new alert in it): the same incident.
        let again = try await post(try Self.notification(status: "firing", startsAt: started))
        #expect(again.status == 200, "\(again.text)")
        #expect(again.fields["incident"] == "INC-000001", "\(again.text)")
        #expect(again.fields["outcome"] == "updated", "\(again.text)")
        #expect(try await sandbox.incidents().count == 1)

        // A wrong token: 401, nothing changes.
        let forged = try await post(try Self.notification(status: "resolved", startsAt: started, endsAt: Date()), token: "wrong")
        #expect(forged.status == 401, "\(forged.text)")
        #expect(try await sandbox.show("INC-000001").state == "reported")

        let resolved = try await post(try Self.notification(status: "resolved", startsAt: started, endsAt: Date()))
        #expect(resolved.status == 200, "\(resolved.text)")
        #expect(resolved.fields["outcome"] == "resolved" && resolved.fields["incident"] == "INC-000001", "\(resolved.text)")
        incident = try await sandbox.show("INC-000001")
        #expect(incident.state == "resolved", "state: \(incident.state)")
        #expect(incident.resolvedAt != nil)
        #expect(incident.timeline?.last { $0.kind == "resolved" }?.actor == "alertmanager/prometheus")
        #expect(try await sandbox.incidents().count == 1)
    }
}
}
