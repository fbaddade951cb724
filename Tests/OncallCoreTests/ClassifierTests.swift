import OncallCore
import OncallTesting
import Testing

@Suite("Classifier: SPEC.md level table")
struct ClassifierTests {
    let thresholds = LevelThresholds()

    @Test("scope alone", arguments: [
        (Scope?.none, Level.level3), (.all, .level1), (.most, .level1), (.part, .level2), (.few, .level3), (.single, .level3),
    ])
    func scopeAlone(scope: Scope?, expected: Level) {
        #expect(Classifier.classify(scope: scope, outage: nil, thresholds: thresholds) == expected)
    }

    // "longer than 20 minutes" and "longer than 60 minutes": both boundaries exclusive.
    @Test("outage duration, boundaries included", arguments: [
        (Duration.zero, Level.level3), (.minutes(19), .level3), (.minutes(20), .level3), (.minutes(20) + .seconds(1), .level2),
        (.minutes(45), .level2), (.minutes(60), .level2), (.minutes(60) + .seconds(1), .level1), (.minutes(600), .level1),
    ])
    func duration(outage: Duration, expected: Level) {
        #expect(Classifier.level(forOutage: outage, thresholds: thresholds) == expected)
        #expect(Classifier.classify(scope: nil, outage: outage, thresholds: thresholds) == expected)
    }

    @Test("the most severe of scope and duration wins", arguments: [
        (Scope.few, Duration.minutes(61), Level.level1), (.part, .minutes(5), .level2), (.most, .minutes(5), .level1),
        (.single, .minutes(21), .level2), (.part, .minutes(61), .level1),
    ])
    func mostSevere(scope: Scope, outage: Duration, expected: Level) {
        #expect(Classifier.classify(scope: scope, outage: outage, thresholds: thresholds) == expected)
    }

    @Test("thresholds come from configuration")
    func configuredThresholds() {
        let tight = LevelThresholds(level2After: .minutes(5), level1After: .minutes(10))
        #expect(Classifier.level(forOutage: .minutes(6), thresholds: tight) == .level2)
        #expect(Classifier.level(forOutage: .minutes(11), thresholds: tight) == .level1)
    }
}
