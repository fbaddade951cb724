import Foundation
import Testing

/// The fuzz targets' seeds (and any finding added to them) replay cleanly through the normal
/// build of `oncall-fuzz`: each reader refuses or accepts every input, none crashes.
@Suite("Fuzz seeds")
struct FuzzSeedTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    @Test("every seed replays through its target", arguments: ["api", "config", "alertmanager"])
    func replay(target: String) async throws {
        let folder = Self.fixtures.appendingPathComponent(target).path
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(seeds.count >= 5, "\(folder) holds the \(target) seeds")
        let fuzz = Binaries.directory.appendingPathComponent("oncall-fuzz").path
        let result = try await ChildProcess.run(fuzz, [target, folder], timeout: .seconds(60))
        #expect(result.status == 0 && !result.signalled, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("replayed \(seeds.count) input(s), 0 unreadable"), "\(result.stdout)")
        // The hostile seeds are refused, not accepted.
        if target == "alertmanager" {
            #expect(result.stdout.contains("version3.json") && result.stdout.split(separator: "\n")
                .first { $0.contains("version3.json") }?.contains("refused") == true, "\(result.stdout)")
        }
    }
}
