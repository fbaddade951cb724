import ArgumentParser
import Foundation
import Logging
import OncallConfig
import OncallDaemon
import OncallSystemd
import OncallWeb
#if canImport(Glibc)
import Glibc
#endif

/// `oncalld`: parse flags, load the configuration, run the daemon. Wiring only.
@main
struct OncallD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncalld",
        abstract: "The incident and on-call response daemon."
    )

    @Option(name: .long, help: "Configuration file (default: $ONCALLD_CONFIG, else config/oncalld.yaml if present, else /etc/oncalld/oncalld.yaml).")
    var config: String?

    @Flag(name: .long, help: "Validate the configuration file and exit (0 valid, 78 invalid).")
    var checkConfig = false

    @Flag(name: .long, help: "Read a password (prompted on a terminal, else one line of standard input), print its bcrypt hash for web.users, and exit.")
    var hashPassword = false

    @Option(name: .long, help: ArgumentHelp(
        "Put a backup taken with `oncallctl backup` in place of the database under state_dir, keeping the one there beside it, and exit. The daemon must be stopped.",
        valueName: "FILE"))
    var restore: String?

    @Option(name: .long, help: "The bcrypt cost for --hash-password (log2 of the rounds, 10 to 15).")
    var cost = 12

    func validate() throws {
        guard (10...15).contains(cost) else { throw ValidationError("--cost must be 10 to 15") }
    }

    func run() async throws {
        if hashPassword {
            let password: String? = isatty(0) == 1 ? getpass("Password: ").map { String(cString: $0) } : readLine(strippingNewline: true)
            guard let password, !password.isEmpty else {
                FileHandle.standardError.write(Data("oncalld: no password given\n".utf8))
                throw ExitCode(64)
            }
            print(PasswordHasher.hash(password, cost: cost))
            return
        }
        let path = config ?? Self.defaultConfigPath()
        let loaded: DaemonConfig
        do {
            loaded = try ConfigLoader.load(path: path)
        } catch {
            FileHandle.standardError.write(Data("oncalld: \(error.description)\n".utf8))
            throw ExitCode(78)
        }
        if checkConfig {
            print("\(path): configuration is valid")
            return
        }
        if let restore {
            do {
                print(try Daemon.restore(loaded, from: restore))
            } catch {
                FileHandle.standardError.write(Data("oncalld: \(error.description)\n".utf8))
                throw ExitCode(error.exitCode)
            }
            return
        }
        LoggingBootstrap.bootstrap(logLevel: Logger.Level(rawValue: loaded.logLevel) ?? .info)
        do {
            try await Daemon.run(configPath: path, config: loaded)
        } catch let error as DaemonError {
            Logger(label: "oncalld").critical("cannot start: \(error.description)")
            throw ExitCode(error.exitCode)
        }
    }

    static func defaultConfigPath() -> String {
        if let path = ProcessInfo.processInfo.environment["ONCALLD_CONFIG"], !path.isEmpty { return path }
        if FileManager.default.fileExists(atPath: "config/oncalld.yaml") { return "config/oncalld.yaml" }
        return "/etc/oncalld/oncalld.yaml"
    }
}
