import Foundation
import OncallCore

extension InMemoryIncidentStore: PostmortemStore {
    public func postmortem(of id: IncidentNumber) async throws -> Postmortem? {
        state.withLock { $0.postmortems[id] }
    }

    public func updatePostmortem(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident, Postmortem?) throws -> IncidentChange
    ) async throws -> (incident: Incident, postmortem: Postmortem?) {
        try state.withLock { state in
            guard let current = state.incidents[id] else { throw StoreError.notFound(id) }
            let decided = try change(current, state.postmortems[id])
            try Self.apply(decided, to: &state)
            return (decided.incident, state.postmortems[id])
        }
    }

    public func postmortems(state wanted: Postmortem.State?, owner: String?, limit: Int) async throws -> [Postmortem] {
        state.withLock { state in
            func resolution(_ postmortem: Postmortem) -> Date {
                state.incidents[postmortem.incident]?.resolvedAt ?? postmortem.createdAt
            }
            return state.postmortems.values
                .filter { (wanted == nil || $0.state == wanted) && (owner == nil || $0.owner == owner) }
                .sorted { (resolution($0), $0.incident) > (resolution($1), $1.incident) }
                .prefix(limit).map { $0 }
        }
    }

    public func searchArchive(_ query: ArchiveQuery) async throws -> [ArchiveHit] {
        let terms = (query.text ?? "").split(whereSeparator: { $0.isWhitespace || $0.isNewline }).map(String.init)
        return state.withLock { state in
            state.incidents.values
                .filter { incident in
                    let postmortem = state.postmortems[incident.id]
                    return (query.level.map { $0 == incident.level } ?? true)
                        && (query.states?.contains(incident.state) ?? true)
                        && (query.reportState.map { $0 == postmortem?.state } ?? true)
                        && (query.from.map { incident.reportedAt >= $0 } ?? true)
                        && (query.until.map { incident.reportedAt < $0 } ?? true)
                        && (query.organisation.map { $0 == incident.form.organisation } ?? true)
                        && (query.service.map { $0 == incident.form.service } ?? true)
                }
                .sorted { ($0.reportedAt, $0.id) > ($1.reportedAt, $1.id) }
                .compactMap { incident -> ArchiveHit? in
                    let texts = Self.searchableTexts(incident, state.timelines[incident.id] ?? [], state.postmortems[incident.id])
                    guard terms.allSatisfy({ term in texts.contains { $0.range(of: term, options: .caseInsensitive) != nil } }) else {
                        return nil
                    }
                    let snippet = terms.first.map { ArchiveSnippet.around($0, in: texts) } ?? ""
                    return ArchiveHit(incident: incident, reportState: state.postmortems[incident.id]?.state, snippet: snippet)
                }
                .prefix(query.limit).map { $0 }
        }
    }

    /// What the archive search looks in, as the SQLite store indexes it: the subject; description,
    /// situation, other and resolution; the notes; the report (archived Markdown once approved).
    static func searchableTexts(_ incident: Incident, _ timeline: [TimelineEvent], _ postmortem: Postmortem?) -> [String] {
        let form = incident.form
        let body = [form.description, form.situation, form.other, incident.resolutionSummary].map { $0 ?? "" }.joined(separator: "\n")
        let notes = timeline.compactMap { event -> String? in
            guard case let .note(note) = event.facts else { return nil }
            return note.text
        }.joined(separator: "\n")
        var report = ""
        if let postmortem {
            if postmortem.state == .approved, let archive = postmortem.archive {
                report = archive.markdown
            } else {
                report = PostmortemSection.allCases.map { postmortem.sections[$0] }.joined(separator: "\n")
            }
        }
        return [form.subject, body, notes, report]
    }
}

extension InMemoryIncidentStore: PeriodicStore {
    public func periodicSchedule() async throws -> [PeriodicKind: Date] {
        state.withLock { $0.periodicDue }
    }

    public func schedulePeriodic(_ kind: PeriodicKind, dueAt: Date) async throws {
        state.withLock { state in
            if state.periodicDue[kind] == nil { state.periodicDue[kind] = dueAt }
        }
    }

    public func completePeriodic(
        _ kind: PeriodicKind, firedDueAt: Date, document: PeriodicDocument, messages: [OutboxMessage], nextDueAt: Date
    ) async throws -> Bool {
        state.withLock { state in
            guard let pending = state.periodicDue[kind], abs(pending.timeIntervalSince(firedDueAt)) < 0.001 else { return false }
            state.documents.removeAll { $0.kind == document.kind && $0.period == document.period }
            state.documents.append(document)
            state.messages += messages
            state.periodicDue[kind] = nextDueAt
            state.writes += 1
            return true
        }
    }

    public func periodicDocuments(kind: PeriodicKind?, limit: Int) async throws -> [PeriodicDocument] {
        state.withLock { state in
            state.documents
                .filter { kind == nil || $0.kind == kind }
                .sorted { ($0.generatedAt, $0.until) > ($1.generatedAt, $1.until) }
                .prefix(limit).map { $0 }
        }
    }
}
