import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's terminal and standard streams.
enum Terminal {
    /// Whether standard input is a terminal (so oncallctl may ask questions).
    static var stdinIsTerminal: Bool { isatty(0) == 1 }

    /// The width of the terminal on standard output, or `nil` when it is not a terminal.
    static var columns: Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes a line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Asks on standard error and reads one line; re-asks on an empty answer, `nil` at end of input.
    static func prompt(_ question: String) -> String? {
        while true {
            FileHandle.standardError.write(Data(question.utf8))
            guard let line = readLine() else { return nil }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if !answer.isEmpty { return answer }
        }
    }
}
