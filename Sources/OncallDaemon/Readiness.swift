import Synchronization

/// Counts listeners as they bind and runs `onReady` once all of them have.
final class Readiness: Sendable {
    private let remaining: Mutex<Int>
    private let onReady: @Sendable () -> Void

    init(listeners: Int, onReady: @escaping @Sendable () -> Void) {
        remaining = Mutex(listeners)
        self.onReady = onReady
    }

    func listenerBound() {
        let ready = remaining.withLock { count -> Bool in
            count -= 1
            return count == 0
        }
        if ready { onReady() }
    }
}
