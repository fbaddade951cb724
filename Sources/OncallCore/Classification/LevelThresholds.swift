/// Outage durations above which an outage is level 2 or level 1 (`levels.*` in the config).
public struct LevelThresholds: Sendable, Equatable {
    /// An outage strictly longer than this is at least level 2 (default 20 minutes).
    public var level2After: Duration
    /// An outage strictly longer than this is level 1 (default 60 minutes).
    public var level1After: Duration

    public init(level2After: Duration = .seconds(20 * 60), level1After: Duration = .seconds(60 * 60)) {
        self.level2After = level2After
        self.level1After = level1After
    }
}
