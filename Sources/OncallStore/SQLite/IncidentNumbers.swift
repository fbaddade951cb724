import Synchronization

/// Hands out incident numbers before the write that uses them, so a report's decision (its timers,
/// its composed messages) is made on the caller's task, in parallel, and not inside the one writer.
/// A number whose write fails or turns out a repeat is given back and handed out next; it stays a gap
/// only if no later report takes it (many in flight at once) or the daemon stops first — as numbers
/// from a PostgreSQL sequence may skip. (The service checks a report form before asking for a number.)
final class IncidentNumbers: Sendable {
    private struct State {
        var next: Int64
        var returned: Set<Int64> = []
    }

    private let state: Mutex<State>

    /// - Parameter highest: the highest number already stored (0 for none).
    init(highest: Int64) {
        state = Mutex(State(next: highest + 1))
    }

    /// The lowest number given back, else the next new one.
    func reserve() -> Int64 {
        state.withLock { state in
            if let lowest = state.returned.min() {
                state.returned.remove(lowest)
                return lowest
            }
            defer { state.next += 1 }
            return state.next
        }
    }

    /// Gives back a reserved number that no stored incident carries.
    func giveBack(_ number: Int64) {
        state.withLock { state in
            if number == state.next - 1 {
                state.next -= 1
                // Numbers given back just below the new top are the top now too.
                while state.returned.remove(state.next - 1) != nil { state.next -= 1 }
            } else {
                state.returned.insert(number)
            }
        }
    }
}
