import ArgumentParser
import OncallClient

/// Exit statuses besides ArgumentParser's own (0, and 64 for usage errors).
enum ExitStatus {
    /// The daemon refused the request.
    static let refused = ExitCode(1)
    /// The daemon could not be reached, or answered something unreadable (`EX_UNAVAILABLE`).
    static let unavailable = ExitCode(69)
    /// An output file could not be created (`EX_CANTCREAT`).
    static let cannotCreate = ExitCode(73)
}

extension GlobalOptions {
    /// Runs `body` with a client; a ``ClientError`` is printed as `oncallctl: …` and becomes the matching exit status.
    func call<T>(_ body: (OncallClient) throws(ClientError) -> T) throws(ExitCode) -> T {
        do {
            return try body(client)
        } catch {
            Terminal.printError("oncallctl: \(error)")
            throw Self.exitCode(for: error)
        }
    }

    static func exitCode(for error: ClientError) -> ExitCode {
        switch error {
        case .refused: ExitStatus.refused
        case .unreachable, .badResponse: ExitStatus.unavailable
        }
    }
}
