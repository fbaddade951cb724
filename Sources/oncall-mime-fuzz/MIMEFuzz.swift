// Fuzz target for the MIME parser (OncallMail), and a corpus replayer in normal builds.
//
// libFuzzer build and run (a separate scratch path, so the sanitizer build never mixes with
// the normal one in .build):
//
//   swift build -c debug --product oncall-mime-fuzz --scratch-path .build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   mkdir -p .build-fuzz/corpus && cp Tests/OncallMailTests/Fixtures/*.eml .build-fuzz/corpus/
//   SWIFT_BACKTRACE=enable=no .build-fuzz/debug/oncall-mime-fuzz -max_total_time=60 \
//       -max_len=65536 -timeout=10 -rss_limit_mb=4096 .build-fuzz/corpus
//
// The first corpus directory receives new inputs, hence the copy. A crash leaves
// `crash-<sha1>` in the current directory; replay it (without sanitizers) with
//   swift run oncall-mime-fuzz crash-<sha1>
// and add it to Tests/OncallMailTests/Fixtures/fuzz-regressions/ once fixed.
//
// Why the entry point looks like this: SwiftPM links every executable target with
// `--defsym main=<module>_main`, so the target must define a Swift `@main` even under
// libFuzzer, and libFuzzer's own `main` (linked whole-archive) then calls
// `LLVMFuzzerTestOneInput`. Whichever `main` the linker keeps, the fuzzer runs: ours hands
// control to libFuzzer through `LLVMFuzzerRunDriver`. `SWIFT_BACKTRACE=enable=no` keeps the
// Swift runtime's backtracer from holding up libFuzzer's crash report.

import Foundation
import OncallMail

/// Parses one input, touching every result so nothing is optimised away. Any outcome except a
/// crash or a hang is a pass: `MIMEError` is the parser's way of saying no.
@discardableResult
func exercise(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
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
/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    exercise(UnsafeBufferPointer(start: data, count: size))
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
enum MIMEFuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data, size) })
        #else
        replay(Array(CommandLine.arguments.dropFirst()))
        #endif
    }

    /// Parses every file named (directories are walked one level) and prints one line each.
    static func replay(_ paths: [String]) {
        guard !paths.isEmpty else {
            print("usage: oncall-mime-fuzz FILE|DIR...  (replays inputs through MIMEParser)")
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
                exercise(raw.bindMemory(to: UInt8.self))
            }
            let elapsed = ContinuousClock.now - start
            print("\(file): \(data.count) bytes, \(summary), \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        }
        print("replayed \(files.count) input(s), \(failures) unreadable")
        exit(failures == 0 ? 0 : 1)
    }
}
