/// Decides an incident's level from its scope and outage duration (SPEC.md level table).
public enum Classifier {
    /// The level an outage of `duration` implies: over `level1After` → 1, over `level2After` → 2, else 3.
    /// Boundaries are exclusive, as the plan says "longer than 20 / 60 minutes".
    public static func level(forOutage duration: Duration, thresholds: LevelThresholds) -> Level {
        if duration > thresholds.level1After { return .level1 }
        if duration > thresholds.level2After { return .level2 }
        return .level3
    }

    /// The most severe of what scope says and what the outage duration says.
    /// A missing scope or outage contributes level 3.
    public static func classify(scope: Scope?, outage: Duration?, thresholds: LevelThresholds) -> Level {
        let byScope = scope?.level ?? .level3
        let byDuration = outage.map { level(forOutage: $0, thresholds: thresholds) } ?? .level3
        return Level.mostSevere(byScope, byDuration)
    }
}
