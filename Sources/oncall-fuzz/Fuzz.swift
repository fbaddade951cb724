// Fuzz targets for what oncalld reads from outside, and a corpus replayer in normal builds:
//   mime          the MIME parser (OncallMail) and the header helpers the endpoints call
//   api           the strict JSON request bodies of the API (OncallAPI StrictJSON)
//   config        the config loader (OncallConfig) on a YAML text
//   alertmanager  an Alertmanager webhook through the inbound decoder (OncallInbound)
// The target is `ONCALL_FUZZ_TARGET` (default mime); libFuzzer owns argv.
//
// libFuzzer build and run (a separate scratch path, so the sanitizer build never mixes with
// the normal one in .build):
//
//   swift build -c debug --product oncall-fuzz --scratch-path .build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   mkdir -p .build-fuzz/corpus-api && cp Tests/OncallAPITests/Fixtures/fuzz/* .build-fuzz/corpus-api/
//   ONCALL_FUZZ_TARGET=api SWIFT_BACKTRACE=enable=no .build-fuzz/debug/oncall-fuzz -max_total_time=60 \
//       -max_len=65536 -timeout=10 -rss_limit_mb=4096 .build-fuzz/corpus-api
//
// The first corpus directory receives new inputs, hence the copy. A crash leaves
// `crash-<sha1>` in the current directory; replay it (without sanitizers) with
//   swift run oncall-fuzz TARGET crash-<sha1>
// and add it to the target's seed folder once fixed (the tests replay every seed).
//
// Why the entry point looks like this: SwiftPM links every executable target with
// `--defsym main=<module>_main`, so the target must define a Swift `@main` even under
// libFuzzer, and libFuzzer's own `main` (linked whole-archive) then calls
// `LLVMFuzzerTestOneInput`. Whichever `main` the linker keeps, the fuzzer runs: ours hands
// control to libFuzzer through `LLVMFuzzerRunDriver`. `SWIFT_BACKTRACE=enable=no` keeps the
// Swift runtime's backtracer from holding up libFuzzer's crash report.

import Foundation
import OncallAPI
import OncallConfig
import OncallCore
import OncallInbound
import OncallMail

/// What can be fuzzed; each takes one input and says what became of it. Any outcome except a
/// crash or a hang is a pass: a typed error is the reader's way of saying no.
enum FuzzTarget: String, CaseIterable {
    case mime, api, config, alertmanager

    static var selected: FuzzTarget {
        ProcessInfo.processInfo.environment["ONCALL_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .mime
    }

    @discardableResult
    func exercise(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .mime: exerciseMIME(bytes)
        case .api: exerciseAPI(Data(bytes))
        case .config: exerciseConfig(Data(bytes))
        case .alertmanager: exerciseAlertmanager(Data(bytes))
        }
    }
}

/// Every request body the API decodes strictly gets the same bytes.
func exerciseAPI(_ data: Data) -> String {
    func attempt<T: StrictDecodable>(_ type: T.Type) -> String {
        do {
            _ = try StrictJSON.decode(type, from: data)
            return "ok"
        } catch {
            return "refused"
        }
    }
    let outcomes = [
        attempt(ReportForm.self), attempt(EscalateRequest.self), attempt(ResolveRequest.self), attempt(NoteRequest.self),
        attempt(EmptyRequest.self), attempt(DispatchRequestBody.self), attempt(VisitStepBody.self),
        attempt(PostmortemEditRequest.self), attempt(PostmortemReviewRequest.self), attempt(CalendarFeedRequestDTO.self),
        attempt(MaintenanceRequestDTO.self), attempt(ServiceRequestFormDTO.self), attempt(RequestStepDTO.self),
    ]
    return outcomes.joined(separator: ",")
}

/// The config loader on the input as a YAML file's text (it refuses invalid UTF-8 itself).
func exerciseConfig(_ data: Data) -> String {
    guard let text = String(data: data, encoding: .utf8) else { return "refused: not UTF-8" }
    do {
        let config = try ConfigLoader.parse(yaml: text, file: "fuzz.yaml")
        return "ok people=\(config.people.count)"
    } catch {
        return "refused: \(error)".prefix(120).description
    }
}

/// An Alertmanager webhook post with the right token: only the body is the fuzzer's.
func exerciseAlertmanager(_ data: Data) -> String {
    let integration = InboundIntegration(name: "fuzz", kind: .alertmanager, bearerToken: "fuzz-token")
    let request = InboundHTTPRequest(headers: [("Authorization", "Bearer fuzz-token"), ("Content-Type", "application/json")], body: data)
    do {
        _ = try InboundDecoder.decode(request, integration: integration, now: Date(timeIntervalSince1970: 1_800_000_000)) { _ in false }
        return "ok"
    } catch {
        return "refused"
    }
}

/// Parses one input as mail, touching every result so nothing is optimised away.
@discardableResult
func exerciseMIME(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    do {
        let mail = try MIMEParser.parse(bytes: bytes)
        var summary = "ok subject=\(mail.subject?.count ?? -1) from=\(mail.from.count)"
        summary += " text=\(mail.textBody?.count ?? -1) html=\(mail.htmlBody?.count ?? -1)"
        summary += " attachments=\(mail.attachments.count) forwarded=\(mail.forwardedMessages.count)"
        summary += " warnings=\(mail.warnings.count)"
        // The helpers the endpoints call directly get the same input.
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        _ = EncodedWords.decode(text)
        _ = MailAddress.parseList(text)
        _ = MailDate.parse(text)
        _ = HTMLText.readableText(text)
        return summary
    } catch {
        return "refused: \(error.description)"
    }
}

#if FUZZING
/// Read once: the callback runs millions of times.
nonisolated(unsafe) let fuzzTarget = FuzzTarget.selected

/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    fuzzTarget.exercise(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer's driver, for when the linker keeps our `main` rather than libFuzzer's.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// The executable's entry point: libFuzzer's driver under `-DFUZZING`, a corpus replay otherwise.
@main
enum Fuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data, size) })
        #else
        var arguments = Array(CommandLine.arguments.dropFirst())
        var target = FuzzTarget.selected
        if let first = arguments.first, let named = FuzzTarget(rawValue: first) {
            target = named
            arguments.removeFirst()
        }
        replay(arguments, through: target)
        #endif
    }

    /// Parses every file named (directories are walked one level) and prints one line each.
    static func replay(_ paths: [String], through target: FuzzTarget) {
        guard !paths.isEmpty else {
            print("usage: oncall-fuzz [mime|api|config|alertmanager] FILE|DIR...  (replays inputs through one target)")
            exit(2)
        }
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var failures = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): unreadable")
                failures += 1
                continue
            }
            let start = ContinuousClock.now
            let summary = data.withUnsafeBytes { raw in
                target.exercise(raw.bindMemory(to: UInt8.self))
            }
            let elapsed = ContinuousClock.now - start
            print("\(file): \(data.count) bytes, \(summary), \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        }
        print("replayed \(files.count) input(s), \(failures) unreadable")
        exit(failures == 0 ? 0 : 1)
    }
}
