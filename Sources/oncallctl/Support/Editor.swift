import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The user's text editor, run on a private temporary file.
enum Editor {
    /// `$VISUAL`, else `$EDITOR`, else `vi` (empty values count as unset).
    static func command(environment: [String: String]) -> String {
        for key in ["VISUAL", "EDITOR"] {
            if let value = environment[key], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return "vi"
    }

    /// Writes `contents` to a new file only the user can read and write (mode 0600) in the temporary
    /// directory, named after `name` and ending in `suffix`; returns its path.
    static func makeTemporaryFile(_ contents: Data, name: String, suffix: String = ".md") throws -> String {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let safeName = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        var template = Array((directory + "/oncallctl-\(safeName)-XXXXXX\(suffix)").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard descriptor >= 0 else {
            throw EditorError.cannotCreate(String(cString: strerror(errno)))
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(descriptor, 0o600)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: contents)
            try handle.close()
        } catch {
            unlink(path)
            throw EditorError.cannotCreate("\(error)")
        }
        return path
    }

    /// Runs `/bin/sh -c '<editor> "$1"' sh <file>` (so `EDITOR="code --wait"` works) with the terminal
    /// inherited; returns its exit status (128 + the signal when a signal ended it).
    static func run(_ editor: String, file: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "sh", file]
        // Like git, leave Ctrl-C and Ctrl-Backslash to the editor while it runs: oncallctl catches them and
        // carries on (a caught signal is reset to the default in the editor, where an ignored one would stay ignored).
        var ignore = sigaction()
        #if canImport(Glibc)
            ignore.__sigaction_handler.sa_handler = { _ in }
        #else
            ignore.__sigaction_u.__sa_handler = { _ in }
        #endif
        sigemptyset(&ignore.sa_mask)
        ignore.sa_flags = SA_RESTART
        var previousInterrupt = sigaction()
        var previousQuit = sigaction()
        sigaction(SIGINT, &ignore, &previousInterrupt)
        sigaction(SIGQUIT, &ignore, &previousQuit)
        defer {
            sigaction(SIGINT, &previousInterrupt, nil)
            sigaction(SIGQUIT, &previousQuit, nil)
        }
        do {
            try process.run()
        } catch {
            throw EditorError.cannotStart("\(error)")
        }
        process.waitUntilExit()
        switch process.terminationReason {
        case .exit: return process.terminationStatus
        case .uncaughtSignal: return 128 + process.terminationStatus
        @unknown default: return process.terminationStatus
        }
    }
}

enum EditorError: Error, CustomStringConvertible {
    case cannotCreate(String)
    case cannotStart(String)

    var description: String {
        switch self {
        case let .cannotCreate(why): "cannot create a temporary file: \(why)"
        case let .cannotStart(why): "cannot start the editor: \(why)"
        }
    }
}
