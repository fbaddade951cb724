import Foundation
import Testing

/// scripts/screenshot-archive.py: a throwaway daemon, seeded through oncallctl, its archive page
/// (or, with `--page`, the request, release, maintenance and heartbeat pages) signed in and screenshotted by headless Chromium.
/// Runs only where Chromium and Python's websocket-client are installed
/// (CI: `apt-get install chromium fonts-noto-cjk`, `pip install websocket-client`).
extension EndToEnd {
@Suite("the archive screenshot script")
struct ScreenshotScriptTests {
    /// `/usr/bin/chromium` exists and `python3 -c 'import websocket'` succeeds.
    static let chromiumAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else { return false }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import websocket"]
        python.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        python.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        python.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? python.run()) != nil else { return false }
        python.waitUntilExit()
        return python.terminationReason == .exit && python.terminationStatus == 0
    }()

    /// The repository root: #filePath is <root>/Tests/OncallIntegrationTests/ScreenshotScriptTests.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(
        "the script signs in, finds 用户登录超时 in the archive and saves a 1280x900 PNG",
        .enabled(if: ScreenshotScriptTests.chromiumAvailable, "needs /usr/bin/chromium and python3 with websocket-client"))
    func screenshot() async throws {
        let scratch = try TemporaryDirectory(prefix: "oncall-shot")
        defer { scratch.remove() }
        let out = scratch.path + "/archive.png"
        let script = Self.root.appendingPathComponent("scripts/screenshot-archive.py").path
        let result = try await ChildProcess.run("/usr/bin/env", [
            "python3", script, "--oncalld", Binaries.oncalld, "--oncallctl", Binaries.oncallctl,
            "--out", out, "--width", "1280", "--height", "900",
        ], timeout: .seconds(90))
        #expect(result.status == 0 && !result.signalled, "\(result)")
        #expect(result.stdout.contains(out), "it prints the output path: \(result)")

        let png = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "PNG signature")
        #expect(png.count > 10_000, "an archive page, not a blank one: \(png.count) bytes")
        // The first chunk is IHDR: length (4), "IHDR" (4), then width and height, big-endian.
        try #require(png.count >= 24 && png.subdata(in: 12..<16) == Data("IHDR".utf8), "no IHDR chunk")
        let bigEndian = { (offset: Int) in png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(bigEndian(16) == 1280 && bigEndian(20) == 900, "IHDR \(bigEndian(16))x\(bigEndian(20))")
    }

    @Test(
        "--page shoots the service request list, a request, the releases, maintenance and heartbeat pages, each checked to show what was seeded",
        .enabled(if: ScreenshotScriptTests.chromiumAvailable, "needs /usr/bin/chromium and python3 with websocket-client"),
        arguments: ["requests", "request", "releases", "maintenance", "heartbeats"])
    func requestPages(page: String) async throws {
        let scratch = try TemporaryDirectory(prefix: "oncall-shot")
        defer { scratch.remove() }
        let out = scratch.path + "/\(page).png"
        let script = Self.root.appendingPathComponent("scripts/screenshot-archive.py").path
        let result = try await ChildProcess.run("/usr/bin/env", [
            "python3", script, "--oncalld", Binaries.oncalld, "--oncallctl", Binaries.oncallctl, "--out", out, "--page", page, "--phone",
        ], timeout: .seconds(90))
        #expect(result.status == 0 && !result.signalled, "\(result)")
        // The script itself fails unless the page shows the seeded request's subject.
        #expect(result.stdout.contains(out) && result.stdout.contains("390x844"), "\(result)")
        let png = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "PNG signature")
        #expect(png.count > 10_000, "a page, not a blank one: \(png.count) bytes")
    }
}
}
