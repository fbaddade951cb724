import GRDB
import OncallCore
import Synchronization

/// Serialises writes and commits every write queued while the previous commit was syncing in
/// one transaction (group commit), so throughput is not bounded by one fsync per write.
///
/// Each write runs in its own savepoint: one that throws is rolled back alone and its caller
/// gets the error; the others still commit. Callers resume only after the commit is durable.
final class GroupCommitWriter: Sendable {
    /// One queued write: `run` executes it inside the batch's transaction, `finish` answers its
    /// caller once the batch has committed (nil) or failed (the error).
    private struct Job: Sendable {
        let run: @Sendable (Database) -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var queue: [Job] = []
        var draining = false
        var batches = 0
        var writes = 0
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    private let maxBatch: Int

    init(pool: DatabasePool, maxBatch: Int = 512) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    /// Commits `work` (possibly together with other writes) and returns its result once durable.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await queued(work)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw StoreError.storageFull
        }
    }

    private func queued<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let outcome = Mutex<Result<T, any Error>?>(nil)
            let job = Job(
                run: { db in
                    let result = Result { () throws -> T in
                        var value: T?
                        try db.inSavepoint {
                            value = try work(db)
                            return .commit
                        }
                        return value!
                    }
                    outcome.withLock { $0 = result }
                },
                finish: { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else if let result = outcome.withLock({ $0 }) {
                        continuation.resume(with: result)
                    }
                }
            )
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(job)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    /// Commits batch after batch until the queue is empty.
    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Job] in
                let batch = Array(state.queue.prefix(maxBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try await pool.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        batch.forEach { $0.run(db) }
                        return .commit
                    }
                }
                state.withLock {
                    $0.batches += 1
                    $0.writes += batch.count
                }
                batch.forEach { $0.finish(nil) }
            } catch {
                // The transaction did not commit, so no write in it happened: every caller hears of it.
                batch.forEach { $0.finish(error) }
            }
        }
    }

    /// Transactions committed and writes carried, for `/metrics`.
    var counters: (batches: Int, writes: Int) {
        state.withLock { ($0.batches, $0.writes) }
    }
}
