import Foundation
import OncallCore

/// A heartbeat on the wire (`/v1/heartbeats`): what it expects and where it stands.
public struct HeartbeatDTO: Codable, Sendable, Equatable {
    public var name: String
    public var intervalSeconds: Int64
    public var graceSeconds: Int64
    public var level: Int
    public var scope: String
    public var service: String?
    /// `waiting`, `up`, `late` or `missed`, as of the answer.
    public var status: String
    public var lastBeatAt: Date?
    public var lastBeatBy: String?
    /// When it is missed without a beat; in an outage, when it was missed.
    public var dueAt: Date
    /// `INC-000042` while an outage's incident is recorded on it.
    public var incident: String?
    public var beats: Int64
    /// The Alertmanager alert that feeds it, when one does.
    public var alertmanagerAlertname: String?

    enum CodingKeys: String, CodingKey {
        case name, level, scope, service, status, incident, beats
        case intervalSeconds = "interval_seconds"
        case graceSeconds = "grace_seconds"
        case lastBeatAt = "last_beat_at"
        case lastBeatBy = "last_beat_by"
        case dueAt = "due_at"
        case alertmanagerAlertname = "alertmanager_alertname"
    }

    public init(_ reading: HeartbeatService.Reading) {
        let (heartbeat, state) = (reading.heartbeat, reading.state)
        name = heartbeat.name
        intervalSeconds = heartbeat.interval.components.seconds
        graceSeconds = heartbeat.grace.components.seconds
        level = heartbeat.level.rawValue
        scope = heartbeat.scope.rawValue
        service = heartbeat.service
        status = reading.status.rawValue
        lastBeatAt = state.lastBeatAt
        lastBeatBy = state.lastBeatBy
        dueAt = state.dueAt
        incident = state.incident?.description
        beats = state.beats
        alertmanagerAlertname = heartbeat.alertmanagerAlertname
    }
}

/// `GET /v1/heartbeats`.
public struct HeartbeatListDTO: Codable, Sendable, Equatable {
    public var heartbeats: [HeartbeatDTO]
    public init(heartbeats: [HeartbeatDTO]) { self.heartbeats = heartbeats }
}

/// The answer to a beat (`POST /v1/heartbeats/{name}`): the heartbeat after it, and the incident it resolved.
public struct HeartbeatBeatDTO: Codable, Sendable, Equatable {
    public var heartbeat: HeartbeatDTO
    public var resolved: String?

    public init(_ beat: HeartbeatService.Beat) {
        heartbeat = HeartbeatDTO(beat.reading)
        resolved = beat.resolved?.description
    }
}
