import Foundation

/// Runs blocking work (libcurl transfers, blocking `recv`) on its own thread, so the Swift
/// cooperative pool — only as wide as the machine has cores — stays free for other tests.
public func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
