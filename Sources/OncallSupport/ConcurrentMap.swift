import Foundation

extension Array where Element: Sendable {
    /// `transform` over the elements in up to `tasks` child tasks (one per core by default), the
    /// results in the elements' order. Short arrays, under `minimumChunk` per task, map in place.
    public func concurrentMap<T: Sendable>(
        tasks: Int = ProcessInfo.processInfo.activeProcessorCount, minimumChunk: Int = 16,
        _ transform: @escaping @Sendable (Element) -> T
    ) async -> [T] {
        let taskCount = Swift.min(tasks, count / Swift.max(1, minimumChunk))
        guard taskCount > 1 else { return map(transform) }
        let size = (count + taskCount - 1) / taskCount
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for start in stride(from: 0, to: count, by: size) {
                let chunk = Array(self[start..<Swift.min(count, start + size)])
                group.addTask { (start, chunk.map(transform)) }
            }
            var parts: [(start: Int, results: [T])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.start < $1.start }.flatMap(\.results)
        }
    }
}
