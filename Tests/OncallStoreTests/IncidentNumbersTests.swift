import Testing
@testable import OncallStore

@Suite("Incident numbers reserved before the write")
struct IncidentNumbersTests {
    @Test("numbers continue after the highest stored one")
    func continuesAfterHighest() {
        let numbers = IncidentNumbers(highest: 41)
        #expect(numbers.reserve() == 42)
        #expect(numbers.reserve() == 43)
    }

    @Test("a number given back is handed out next, lowest first, so no gap is left")
    func givenBackReused() {
        let numbers = IncidentNumbers(highest: 0)
        let reserved = (0..<5).map { _ in numbers.reserve() }
        #expect(reserved == [1, 2, 3, 4, 5])
        numbers.giveBack(4)
        numbers.giveBack(2)
        #expect(numbers.reserve() == 2)
        #expect(numbers.reserve() == 4)
        #expect(numbers.reserve() == 6)
    }

    @Test("numbers given back at the top lower the top, so the next new number follows the highest kept")
    func givenBackAtTop() {
        let numbers = IncidentNumbers(highest: 10)
        let (a, b, c) = (numbers.reserve(), numbers.reserve(), numbers.reserve())
        #expect((a, b, c) == (11, 12, 13))
        numbers.giveBack(12)
        numbers.giveBack(13)
        #expect(numbers.reserve() == 12)
        #expect(numbers.reserve() == 13)
        #expect(numbers.reserve() == 14)
    }
}
