import CCurl
import Dispatch
import Foundation
import Synchronization

/// Works many transfers at once on one dedicated thread, with libcurl's multi interface.
///
/// The thread owns a `CURLM*` and drives up to `maxConcurrent` easy transfers with `curl_multi_perform`,
/// `curl_multi_poll` (waking at least once a second) and `curl_multi_info_read`; more wait in a queue, in
/// order. Connections are kept and reused between transfers to the same host. Each transfer is configured
/// exactly as ``perform(_:)`` configures it, and has the same result semantics.
///
/// Only the multi thread touches the multi handle and the easy handles; other threads only append to the
/// queue (under a `Mutex`) and call `curl_multi_wakeup`. Call ``shutdown()`` when done; releasing the last
/// reference without it also stops the thread, without waiting.
public final class CurlMulti: Sendable {
    private let core: MultiCore

    /// Starts the multi thread.
    /// - Parameter maxConcurrent: how many transfers run at once (at least 1); the rest wait in order.
    public init(maxConcurrent: Int = 32) {
        precondition(maxConcurrent >= 1, "CurlMulti needs maxConcurrent >= 1")
        core = MultiCore(maxConcurrent: maxConcurrent)
    }

    deinit {
        core.requestShutdown()
    }

    /// Runs the transfer on the multi thread; resumes when it finishes. Same result semantics as
    /// ``perform(_:)``: any HTTP status is a response; only transport failures throw.
    ///
    /// Cancelling the calling task does not abort the transfer, nor remove it from the queue: it runs to its
    /// end, bounded by the request's `timeout` (which counts from when the transfer starts, not from when it
    /// was queued), and this call returns its result then.
    ///
    /// After ``shutdown()`` (and for transfers still queued when it is called) this throws a ``CurlError``
    /// of kind `.other` with code 42 (`CURLE_ABORTED_BY_CALLBACK`): nothing was sent.
    public func perform(_ request: CurlRequest) async throws(CurlError) -> CurlResponse {
        let result = await withCheckedContinuation { (continuation: MultiCore.Continuation) in
            core.enqueue(request, continuation)
        }
        return try result.get()
    }

    /// Stops the multi thread: transfers already running finish (each within its request's `timeout`),
    /// queued ones fail with the shutdown ``CurlError`` (code 42), and later calls to ``perform(_:)`` fail
    /// the same way.
    ///
    /// Blocks the calling thread until the multi thread has ended, which with nothing in flight is at once.
    /// Calling it again returns when the thread has ended.
    public func shutdown() {
        core.requestShutdown()
        core.waitUntilStopped()
    }
}

extension CurlError {
    /// The error for a transfer that never started because its ``CurlMulti`` was shut down.
    static let multiShutDown = failure(
        CURLE_ABORTED_BY_CALLBACK, detail: "CurlMulti was shut down before the transfer started")
}

// MARK: - The state shared with the multi thread

/// What ``CurlMulti`` and its thread share; the thread holds it strongly, so it outlives the ``CurlMulti``.
private final class MultiCore: Sendable {
    typealias Continuation = CheckedContinuation<Result<CurlResponse, CurlError>, Never>

    struct Pending: Sendable {
        var request: CurlRequest
        var continuation: Continuation
    }

    struct State: Sendable {
        /// Transfers not yet started, oldest first.
        var queue: [Pending] = []
        /// Set by `requestShutdown`: nothing more is queued or started.
        var stopping = false
        /// Set by the thread just before `curl_multi_cleanup`: `multi` must no longer be touched.
        var stopped = false
    }

    /// The `CURLM*`. Only the multi thread uses it, except for `curl_multi_wakeup`, which others call only
    /// while holding `state`'s lock and only while `stopped` is false (so never after `curl_multi_cleanup`).
    nonisolated(unsafe) private let multi: UnsafeMutableRawPointer?
    /// Why there is no multi handle (and no thread), when there is none.
    private let startFailure: CurlError?
    private let maxConcurrent: Int
    private let state = Mutex(State())
    /// Entered while the thread runs.
    private let running = DispatchGroup()

    init(maxConcurrent: Int) {
        self.maxConcurrent = maxConcurrent
        if globalInitResult != CURLE_OK {
            multi = nil
            startFailure = failure(globalInitResult, detail: "curl_global_init failed")
        } else if let handle = curl_multi_init() {
            multi = handle
            startFailure = nil
        } else {
            multi = nil
            startFailure = failure(CURLE_FAILED_INIT, detail: "curl_multi_init failed")
        }
        guard startFailure == nil else {
            state.withLock { state in
                state.stopping = true
                state.stopped = true
            }
            return
        }
        running.enter()
        let thread = Thread { [self] in run() }
        thread.name = "oncall-curl-multi"
        thread.start()
    }

    /// Queues a transfer and wakes the thread, or fails it at once when shutting down.
    func enqueue(_ request: CurlRequest, _ continuation: Continuation) {
        let pending = Pending(request: request, continuation: continuation)
        let accepted = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.queue.append(pending)
            _ = curl_multi_wakeup(multi)
            return true
        }
        if !accepted { continuation.resume(returning: .failure(startFailure ?? .multiShutDown)) }
    }

    func requestShutdown() {
        state.withLock { state in
            guard !state.stopping else { return }
            state.stopping = true
            if !state.stopped { _ = curl_multi_wakeup(multi) }
        }
    }

    func waitUntilStopped() {
        running.wait()
    }

    // MARK: The multi thread

    /// One running transfer: its easy handle (with everything it points into) and who waits for it.
    private struct Active {
        var easy: EasyTransfer
        var continuation: Continuation
    }

    /// The multi thread's loop: start queued transfers while there is room, drive them, hand back the
    /// finished ones, and sleep in `curl_multi_poll` until there is socket activity, a timeout, or a wakeup.
    private func run() {
        guard let multi else { return }
        var active: [UnsafeMutableRawPointer: Active] = [:]
        while true {
            let room = maxConcurrent - active.count
            let (starting, refused, stopping) = state.withLock { state -> ([Pending], [Pending], Bool) in
                if state.stopping {
                    defer { state.queue = [] }
                    return ([], state.queue, true)
                }
                let count = min(room, state.queue.count)
                guard count > 0 else { return ([], [], false) }
                defer { state.queue.removeFirst(count) }
                return (Array(state.queue.prefix(count)), [], false)
            }
            for pending in refused { pending.continuation.resume(returning: .failure(.multiShutDown)) }
            for pending in starting { start(pending, multi: multi, active: &active) }
            if stopping && active.isEmpty { break }

            var stillRunning: Int32 = 0
            let performCode = curl_multi_perform(multi, &stillRunning)
            if performCode != CURLM_OK {
                abortAll(&active, multi: multi, error: multiFailure(performCode, "curl_multi_perform"))
                continue
            }
            if finishDone(&active, multi: multi) {
                continue  // there may be room for queued transfers now: start them before sleeping
            }
            let pollCode = curl_multi_poll(multi, nil, 0, 1000, nil)
            if pollCode != CURLM_OK {
                abortAll(&active, multi: multi, error: multiFailure(pollCode, "curl_multi_poll"))
                Thread.sleep(forTimeInterval: 0.01)  // do not spin if polling keeps failing
            }
        }
        state.withLock { $0.stopped = true }
        curl_multi_cleanup(multi)
        running.leave()
    }

    /// Configures an easy handle for `pending` and adds it to the multi handle, or fails it at once.
    private func start(_ pending: Pending, multi: UnsafeMutableRawPointer, active: inout [UnsafeMutableRawPointer: Active]) {
        let easy: EasyTransfer
        do {
            easy = try EasyTransfer(pending.request)
        } catch {
            pending.continuation.resume(returning: .failure(error))
            return
        }
        guard easy.setupCode == CURLE_OK else {
            pending.continuation.resume(returning: easy.finish(easy.setupCode))
            return
        }
        let addCode = curl_multi_add_handle(multi, easy.handle)
        guard addCode == CURLM_OK else {
            pending.continuation.resume(returning: .failure(multiFailure(addCode, "curl_multi_add_handle")))
            return
        }
        active[easy.handle] = Active(easy: easy, continuation: pending.continuation)
    }

    /// Removes every finished transfer and resumes its caller; returns whether any finished.
    private func finishDone(_ active: inout [UnsafeMutableRawPointer: Active], multi: UnsafeMutableRawPointer) -> Bool {
        var finishedAny = false
        var messagesLeft: Int32 = 0
        while let message = curl_multi_info_read(multi, &messagesLeft) {
            // The message is only valid until curl_multi_remove_handle: read it first.
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            _ = curl_multi_remove_handle(multi, handle)
            guard let done = active.removeValue(forKey: handle) else { continue }
            finishedAny = true
            done.continuation.resume(returning: done.easy.finish(code))
            // `done.easy` is released here: curl_easy_cleanup, then its buffers.
        }
        return finishedAny
    }

    /// Fails every running transfer after a multi-handle error (which libcurl reports only for bugs or when
    /// out of memory).
    private func abortAll(_ active: inout [UnsafeMutableRawPointer: Active], multi: UnsafeMutableRawPointer, error: CurlError) {
        for (handle, transfer) in active {
            _ = curl_multi_remove_handle(multi, handle)
            transfer.continuation.resume(returning: .failure(error))
        }
        active = [:]
    }

    private func multiFailure(_ code: CURLMcode, _ call: String) -> CurlError {
        failure(CURLE_FAILED_INIT, detail: "\(call): \(String(cString: curl_multi_strerror(code)))")
    }
}
