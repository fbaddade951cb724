#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CSystemd
#endif

/// Talks the `sd_notify(3)` protocol to the service manager (a unit with `Type=notify` or
/// `Type=notify-reload`).
///
/// Every call is a cheap no-op when `NOTIFY_SOCKET` is not set (run by hand, in tests, or on a
/// platform other than Linux), so the daemon can call these unconditionally.
///
/// ```swift
/// let notifier = SystemdNotifier()
/// notifier.ready()                    // after the sockets are bound and the database is open
/// notifier.status("3 open incidents")
/// notifier.reloading()                // on SIGHUP, before re-reading the config …
/// notifier.ready()                    // … and READY=1 again when done
/// notifier.stopping()                 // when graceful shutdown begins
/// ```
public struct SystemdNotifier: Sendable {
    /// Creates a notifier. It holds no state; the environment is read on every call.
    public init() {}

    /// Whether a service manager listens: `NOTIFY_SOCKET` is set and not empty.
    public var isEnabled: Bool {
        guard let value = getenv("NOTIFY_SOCKET") else { return false }
        return value.pointee != 0
    }

    /// The watchdog timeout the service manager enforces (`WatchdogSec=`), or `nil` when the
    /// watchdog is disabled for this process. Send ``watchdog()`` at least every half of it.
    public var watchdogInterval: Duration? {
        #if os(Linux)
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(clamping: usec))
        #else
        return nil
        #endif
    }

    /// Sends `READY=1`: start-up (or a reload) has finished and the service is serving.
    @discardableResult
    public func ready() -> Bool {
        send("READY=1")
    }

    /// Sends `RELOADING=1` with `MONOTONIC_USEC=` (the current `CLOCK_MONOTONIC` time), as
    /// `Type=notify-reload` in systemd ≥ 253 requires. Send ``ready()`` when the reload is done.
    @discardableResult
    public func reloading() -> Bool {
        guard isEnabled else { return false }
        return send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    /// Sends `STOPPING=1`: graceful shutdown has begun.
    @discardableResult
    public func stopping() -> Bool {
        send("STOPPING=1")
    }

    /// Sends `STATUS=<text>`, shown by `systemctl status`. Line breaks become spaces.
    @discardableResult
    public func status(_ text: String) -> Bool {
        guard isEnabled else { return false }
        let oneLine = String(text.map { $0.isNewline ? " " : $0 })
        return send("STATUS=\(oneLine)")
    }

    /// Sends `WATCHDOG=1`: the service is alive and healthy.
    @discardableResult
    public func watchdog() -> Bool {
        send("WATCHDOG=1")
    }

    /// Sends `EXTEND_TIMEOUT_USEC=`: asks for more time before the current start-up, reload or
    /// stop timeout fires (for example while long database migrations run at start).
    @discardableResult
    public func extendTimeout(by duration: Duration) -> Bool {
        guard isEnabled else { return false }
        let (seconds, attoseconds) = duration.components
        let usec = max(0, seconds) &* 1_000_000 &+ max(0, attoseconds) / 1_000_000_000_000
        return send("EXTEND_TIMEOUT_USEC=\(usec)")
    }

    /// Sends raw newline-separated `KEY=VALUE` assignments (see `sd_notify(3)`).
    ///
    /// - Returns: `true` when the message was delivered, `false` when no service manager
    ///   listens, on platforms without systemd, or on error.
    @discardableResult
    public func send(_ state: String) -> Bool {
        guard isEnabled else { return false }
        #if os(Linux)
        return sd_notify(0, state) > 0
        #else
        return false
        #endif
    }

    /// The current `CLOCK_MONOTONIC` time in microseconds (what `MONOTONIC_USEC=` carries).
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
