import OncallCore

/// Everything `oncalld` reads from its YAML configuration file, with every default filled in.
public struct DaemonConfig: Sendable, Equatable {
    /// Directory for the database and other state (`state_dir`).
    public var stateDir: String
    /// The local control socket (`socket.*`).
    public var socket: SocketConfig
    /// The TCP HTTP API (`http.*`).
    public var http: HTTPConfig
    /// Level thresholds and escalation delays (`levels.*`, `escalation.*`).
    public var policy: IncidentPolicy
    /// Everyone the daemon can notify (`people`).
    public var people: [Person]
    /// Ids of the project managers, told of every new fault at once (`project_managers`).
    public var projectManagers: [String]
    /// Ids of the on-call engineers (`oncall_engineers`).
    public var oncallEngineers: [String]
    /// Ids of the emergency group (应急小组) members (`emergency_group`).
    public var emergencyGroup: [String]
    /// Working days, hours and holidays for SLA deadlines (`calendar.*`).
    public var calendar: WorkingCalendar
    /// Minimum log level: trace, debug, info, notice, warning, error or critical (`log.level`).
    public var logLevel: String
    /// Who each level reaches and when (`escalation.chains`); missing levels use `EscalationChain.standard`.
    public var chains: [Level: EscalationChain] = [:]
    /// How messages go out (`notify.*`).
    public var notify = NotifyConfig()
    /// Inbound endpoints and how mail becomes incidents (`integrations`, `intake`).
    public var intake = IntakeConfig()
    /// On-call schedules: rotations, working-hours layers and overrides (`schedules`); empty means `oncall_engineers` is used as is.
    public var schedules: [OnCallSchedule] = []
    /// Field dispatch: branch offices, field engineers, customer sites and the visit promises (`dispatch.*`).
    public var dispatch = DispatchConfig()
    /// Postmortem reminders: after how many working days, and how many (`postmortem.*`).
    public var postmortem = PostmortemConfig()
    /// The weekly report and monthly incident list, and who gets them (`reports.*`).
    public var reports = ReportsConfig()
    /// The web view on the HTTP listener and its users (`web.*`); password hashes are redacted when printed.
    public var web = WebConfig()
    /// `store.*`: SQLite under `state_dir`, or a shared PostgreSQL database.
    public var store = StoreConfig()
    /// Service requests and the release calendar (`requests.*`, `releases.*`).
    public var requests = RequestsConfig()
    /// Heartbeat monitors (`heartbeats`): a missed beat opens an incident, the next beat resolves it.
    public var heartbeats: [HeartbeatConfig] = []

    /// Creates a configuration; every parameter defaults to what an empty config file gives.
    public init(
        stateDir: String = "/var/lib/oncalld",
        socket: SocketConfig = SocketConfig(),
        http: HTTPConfig = HTTPConfig(),
        policy: IncidentPolicy = IncidentPolicy(),
        people: [Person] = [],
        projectManagers: [String] = [],
        oncallEngineers: [String] = [],
        emergencyGroup: [String] = [],
        calendar: WorkingCalendar = .standard,
        logLevel: String = "info"
    ) {
        self.stateDir = stateDir
        self.socket = socket
        self.http = http
        self.policy = policy
        self.people = people
        self.projectManagers = projectManagers
        self.oncallEngineers = oncallEngineers
        self.emergencyGroup = emergencyGroup
        self.calendar = calendar
        self.logLevel = logLevel
    }

    /// The configuration of an empty file.
    public static let defaults = DaemonConfig()

    /// The person with this id, if `people` defines one.
    public func person(_ id: String) -> Person? {
        people.first { $0.id == id }
    }
}
