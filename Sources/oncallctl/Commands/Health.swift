import ArgumentParser
import OncallClient

/// `oncallctl health`: whether the daemon answers.
struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that oncalld answers on its socket (prints 'ok'; exit 69 when it does not).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let healthy = try global.call { client throws(ClientError) in try client.health() }
        guard healthy else {
            Terminal.printError("oncallctl: oncalld at \(global.socketPath) answered but is not healthy")
            throw ExitStatus.unavailable
        }
        print("ok")
    }
}
