import OncallSupport
import Testing

@Suite struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 15, 16, 33, 1000, 1001])
    func keepsOrder(count: Int) async {
        let numbers = Array(0..<count)
        let squares = await numbers.concurrentMap(tasks: 4, minimumChunk: 8) { $0 * $0 }
        #expect(squares == numbers.map { $0 * $0 })
    }
}
