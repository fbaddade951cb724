import Foundation

/// Where the real `oncalld` and `oncallctl` executables are: next to the running test bundle
/// (SwiftPM puts every product of a build in one directory), else `.build/debug` of this package.
enum Binaries {
    static let directory: URL = {
        let files = FileManager.default
        var candidates: [URL] = []
        #if os(Linux)
        candidates.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        #endif
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        // #filePath is <root>/Tests/OncallIntegrationTests/Harness/Binaries.swift.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug").resolvingSymlinksInPath())
        for candidate in candidates
        where files.isExecutableFile(atPath: candidate.appendingPathComponent("oncalld").path)
            && files.isExecutableFile(atPath: candidate.appendingPathComponent("oncallctl").path)
        {
            return candidate
        }
        return candidates.last!
    }()

    static var oncalld: String { directory.appendingPathComponent("oncalld").path }
    static var oncallctl: String { directory.appendingPathComponent("oncallctl").path }
}
