import Foundation
import OncallCore
import OncallMail
import OncallSupport

/// Turns an authenticated inbound request into incidents, service requests, notes, commands or records, and
/// answers only after the result is committed. A repeated message gets the same answer; an
/// authentic message that cannot be understood is quarantined with its raw bytes and answered 2xx.
public struct InboundIngest: Sendable {
    let service: IncidentService
    let store: any InboundStore
    let clock: any OncallClock
    let integrations: @Sendable () -> [InboundIntegration]
    let rules: @Sendable () -> IntakeRules
    let log: @Sendable (String, [String: String]) -> Void
    /// Heartbeats an Alertmanager alert (a `Watchdog`) may feed; nil: alerts are only incidents.
    let heartbeats: HeartbeatService?
    /// Where mail asking for a service request goes; nil: every mail is a fault report.
    let requests: ServiceRequestService?
    let replay = ReplayGuard()

    public init(
        service: IncidentService, store: any InboundStore, clock: any OncallClock,
        integrations: @escaping @Sendable () -> [InboundIntegration], rules: @escaping @Sendable () -> IntakeRules,
        heartbeats: HeartbeatService? = nil, requests: ServiceRequestService? = nil,
        log: @escaping @Sendable (String, [String: String]) -> Void = { _, _ in }
    ) {
        self.heartbeats = heartbeats
        self.requests = requests
        self.service = service
        self.store = store
        self.clock = clock
        self.integrations = integrations
        self.rules = rules
        self.log = log
    }

    /// Handles `POST /v1/inbound/{kind}/{name}`.
    public func handle(kind: String, name: String, request: InboundHTTPRequest) async throws -> InboundAnswer {
        guard let integration = integrations().first(where: { $0.kind.rawValue == kind && $0.name == name }) else {
            return InboundAnswer(status: 404, fields: ["error": "no integration \(kind)/\(name)"])
        }
        let now = clock.now
        let replay = replay
        let payload: InboundPayload
        do {
            payload = try InboundDecoder.decode(request, integration: integration, now: now) { token in replay.seenBefore(token, now: now) }
        } catch {
            guard let raw = error.raw else {
                log("inbound refused", ["integration": "\(kind)/\(name)", "status": "\(error.status)", "reason": error.message])
                return InboundAnswer(status: error.status, fields: ["error": error.message, "code": error.code])
            }
            // Authentic but not understood: keep the bytes, and tell the provider to stop retrying.
            let key = "\(kind)/\(name):sha256:" + Self.sha256(raw)
            let record = try await store.recordInbound(
                InboundRecord(key: key, integration: name, kind: kind, messageID: nil, receivedAt: now, outcome: .quarantined,
                              incident: nil, detail: error.message), raw: raw)
            log("inbound quarantined", ["integration": "\(kind)/\(name)", "reason": error.message])
            return answer(record)
        }
        return try await apply(payload, integration: integration, now: now)
    }

    /// Applies a decoded payload; also used to retry a quarantined message.
    /// `actor`, when given, is recorded instead of the mail's sender (the local socket's caller).
    public func apply(
        _ payload: InboundPayload, integration: InboundIntegration, now: Date, keySuffix: String = "", actor: String? = nil
    ) async throws -> InboundAnswer {
        let prefix = "\(integration.kind.rawValue)/\(integration.name):"
        switch payload {
        case let .mail(mail, envelopeTo, eventID):
            let key = prefix + (mail.messageID ?? eventID ?? "sha256:" + mail.rawSHA256) + keySuffix
            if let earlier = try await store.inboundRecord(key: key) { return answer(earlier) }
            return try await ingest(mail, envelopeTo: envelopeTo, key: key, integration: integration, now: now, actor: actor)
        case let .alertmanager(webhook):
            return try await alerts(webhook, integration: integration, now: now)
        case let .report(form, idempotencyKey):
            return try await report(form, key: prefix + (idempotencyKey ?? UUID().uuidString), integration: integration)
        case let .subscriptionConfirmation(url, topic):
            // Confirming is an operator's decision: log the URL to visit.
            log("SNS subscription waiting for confirmation: open SubscribeURL to confirm", ["topic": topic, "subscribe_url": url])
            return InboundAnswer(status: 200, fields: ["outcome": "subscription_pending", "topic": topic])
        }
    }

    /// A raw RFC 5322 message from the local socket (`oncallctl report --eml`): the socket's peer
    /// credentials stand in for an integration's secret.
    public func local(raw: Data, envelopeTo: [String], actor: String) async throws -> InboundAnswer {
        let integration = InboundIntegration(name: "local", kind: .rfc822)
        let now = clock.now
        do {
            let mail = try MIMEParser.parse(raw, limits: integration.limits)
            return try await apply(.mail(mail, envelopeTo: envelopeTo, eventID: nil), integration: integration, now: now, actor: actor)
        } catch let error as MIMEError {
            let record = try await store.recordInbound(
                InboundRecord(key: "rfc822/local:sha256:" + Self.sha256(raw), integration: "local", kind: "rfc822", messageID: nil,
                              receivedAt: now, outcome: .quarantined, incident: nil, detail: error.description), raw: raw)
            return answer(record)
        }
    }

    /// Parses a quarantined message again (after a fix, or with other rules) and applies it; marks it retried.
    public func retry(quarantined id: Int64) async throws -> InboundAnswer {
        guard let held = try await store.quarantined(id) else {
            return InboundAnswer(status: 404, fields: ["error": "no quarantined message \(id)"])
        }
        let integration = integrations().first { $0.kind.rawValue == held.kind && $0.name == held.integration }
            ?? InboundIntegration(name: held.integration, kind: InboundIntegration.Kind(rawValue: held.kind) ?? .rfc822)
        let mail: ParsedMail
        do {
            mail = try MIMEParser.parse(held.raw, limits: integration.limits)
        } catch {
            return InboundAnswer(status: 422, fields: ["error": "still not understood: \(error.description)", "code": "unparseable"])
        }
        let answer = try await apply(.mail(mail, envelopeTo: [], eventID: nil), integration: integration, now: clock.now, keySuffix: ":retry-\(id)")
        try await store.setQuarantineStatus(id, .retried)
        return answer
    }

    // MARK: - Mail

    func ingest(
        _ mail: ParsedMail, envelopeTo: [String], key: String, integration: InboundIntegration, now: Date, actor override: String?
    ) async throws -> InboundAnswer {
        let sender = mail.from.first?.address ?? mail.returnPath ?? "unknown"
        func record(_ outcome: InboundRecord.Outcome, _ incident: IncidentNumber?, _ detail: String) -> InboundRecord {
            InboundRecord(key: key, integration: integration.name, kind: integration.kind.rawValue, messageID: mail.messageID,
                          receivedAt: now, outcome: outcome, incident: incident, detail: detail)
        }
        let rules = rules()
        switch MailIntake.decide(mail, envelopeTo: envelopeTo, rules: rules) {
        case let .ignore(reason):
            return answer(try await store.recordInbound(record(.ignored, nil, reason), raw: nil))
        case let .report(form):
            let detail = MailIntake.requestTagProblem(mail, rules: rules).map { "new incident from mail; " + $0 } ?? "new incident from mail"
            return try await newIncident(form, actor: override ?? "mail:" + sender, key: key, record: record(.incident, nil, detail))
        case let .request(form):
            let actor = override ?? "mail:" + sender
            guard let requests else {
                return try await newIncident(MailIntake.report(mail, envelopeTo: envelopeTo, rules: rules), actor: actor, key: key,
                                             record: record(.incident, nil, "new incident from mail; service requests are not enabled"))
            }
            do {
                // The dedup key commits with the request, so a provider's retry answers with the same number.
                let (request, created) = try await requests.submit(form, actor: actor, idempotencyKey: key)
                if created { log("service request from mail", ["request.id": request.number.description, "request.kind": form.kind.rawValue]) }
                return InboundAnswer(status: 200, fields: [
                    "outcome": created ? "request" : "duplicate", "request": request.number.description, "kind": request.kind.rawValue,
                ])
            } catch let error as RequestError {
                // Not a request the lifecycle accepts: the mail is not lost, it is a fault report as before.
                let detail = "new incident from mail; not a valid service request (\(error.description))"
                return try await newIncident(MailIntake.report(mail, envelopeTo: envelopeTo, rules: rules), actor: actor, key: key,
                                             record: record(.incident, nil, detail))
            }
        case let .reply(named, referencedIDs, note, command, by):
            let threaded = try await store.incident(referencedBy: referencedIDs)
            let target: IncidentNumber? = named ?? threaded
            // A command must answer a message oncalld delivered (its Message-ID is random); the From
            // line, a subject tag or a thread root can be forged, so they only thread a note.
            let answered = command == nil ? nil : try await store.incident(answeringDeliveryIn: referencedIDs)
            let command = answered != nil && answered == target ? command : nil
            guard let incident = target else {
                // A reply in a service request's thread creates nothing: the request moves by its steps.
                if MailIntake.request(mail, envelopeTo: envelopeTo, rules: rules) != nil {
                    return answer(try await store.recordInbound(record(.ignored, nil, MailIntake.requestReplyReason), raw: nil))
                }
                // A reply to a thread that is not ours is a new report.
                let form = MailIntake.report(mail, envelopeTo: envelopeTo, rules: rules)
                return try await newIncident(form, actor: override ?? "mail:" + sender, key: key, record: record(.incident, nil, "reply to an unknown thread"))
            }
            let actor = override ?? "mail:" + (by ?? sender)
            if let command {
                do {
                    _ = try await service.perform(command, on: incident, actor: actor, inbound: record(.command, incident, command.verb))
                    return InboundAnswer(status: 200, fields: ["outcome": "command", "incident": incident.description, "command": command.verb])
                } catch let error as LifecycleError {
                    // The command does not apply now; the text is kept as a note instead.
                    _ = try await service.perform(.addNote(note + "\n(\(error.description))"), on: incident, actor: actor, inbound: record(.note, incident, error.description))
                    return InboundAnswer(status: 200, fields: ["outcome": "note", "incident": incident.description, "refused": error.description])
                }
            }
            _ = try await service.perform(.addNote(note.isEmpty ? "(empty reply)" : note), on: incident, actor: actor, inbound: record(.note, incident, "reply"))
            return InboundAnswer(status: 200, fields: ["outcome": "note", "incident": incident.description])
        }
    }

    func newIncident(_ form: ReportForm, actor: String, key: String, record: InboundRecord) async throws -> InboundAnswer {
        let (incident, created) = try await service.report(form, actor: actor, idempotencyKey: key, inbound: record)
        return InboundAnswer(status: 200, fields: ["outcome": created ? "incident" : "duplicate", "incident": incident.id.description])
    }

    // MARK: - Alertmanager

    /// One incident per alert group (`groupKey`): firing opens it (again after it was resolved),
    /// `resolved` resolves it.
    func alerts(_ webhook: AlertmanagerWebhook, integration: InboundIntegration, now: Date) async throws -> InboundAnswer {
        if let heartbeats {
            let fed = webhook.alerts.filter { heartbeats.feeds(alertname: $0.labels["alertname"] ?? "", integration: integration.name) }
            if !fed.isEmpty {
                // A firing Watchdog is a beat; its resolution is the silence the heartbeat's due time notices, not a beat.
                var beaten: [String] = []
                for alertname in Set(fed.filter { $0.status == "firing" }.compactMap { $0.labels["alertname"] }).sorted() {
                    beaten += try await heartbeats.beat(alertname: alertname, integration: integration.name, actor: "alertmanager/\(integration.name)")
                        .map(\.reading.heartbeat.name)
                }
                // A group of only heartbeat alerts opens no incident; others grouped with them go on as usual.
                if fed.count == webhook.alerts.count {
                    return InboundAnswer(status: 200, fields: [
                        "outcome": beaten.isEmpty ? "ignored" : "heartbeat", "heartbeats": beaten.joined(separator: ","),
                    ])
                }
            }
        }
        let groupKey = "alertmanager/\(integration.name):\(webhook.groupKey)"
        let existing = try await store.incident(idempotencyKey: groupKey)
        if webhook.status == "resolved" {
            guard let incident = existing, incident.state.isOpen else {
                return InboundAnswer(status: 200, fields: ["outcome": "ignored", "reason": "no open incident for this alert group"])
            }
            _ = try await service.perform(.resolve(summary: "Alertmanager: all alerts of the group resolved"), on: incident.id, actor: "alertmanager/\(integration.name)")
            return InboundAnswer(status: 200, fields: ["outcome": "resolved", "incident": incident.id.description])
        }
        if let incident = existing, incident.state.isOpen {
            return InboundAnswer(status: 200, fields: ["outcome": "updated", "incident": incident.id.description])
        }
        // A group that fires again after its incident was resolved opens a new one.
        let key = existing == nil ? groupKey : groupKey + ":" + String(Int(now.timeIntervalSince1970))
        let (incident, created) = try await service.report(
            AlertGroupReport.form(webhook, integration: integration.name), actor: "alertmanager/\(integration.name)", idempotencyKey: key,
            labels: webhook.commonLabels)
        return InboundAnswer(status: 200, fields: ["outcome": created ? "incident" : "duplicate", "incident": incident.id.description])
    }

    // MARK: - Generic JSON

    func report(_ form: ReportForm, key: String, integration: InboundIntegration) async throws -> InboundAnswer {
        do {
            let (incident, created) = try await service.report(form, actor: "integration:\(integration.name)", idempotencyKey: key)
            return InboundAnswer(status: created ? 201 : 200, fields: ["outcome": created ? "incident" : "duplicate", "incident": incident.id.description])
        } catch let error as LifecycleError {
            return InboundAnswer(status: 422, fields: ["error": error.description, "code": "invalid_field"])
        }
    }

    // MARK: - Answers

    func answer(_ record: InboundRecord) -> InboundAnswer {
        var fields = ["outcome": record.outcome.rawValue, "detail": record.detail]
        if let incident = record.incident { fields["incident"] = incident.description }
        return InboundAnswer(status: 200, fields: fields)
    }

    static func sha256(_ data: Data) -> String {
        SHA256Hex.of(data)
    }
}
