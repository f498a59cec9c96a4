import Randomness
import Statistics
import Testing

@Test(arguments: [0, 1, 95, 96, 97, 1000, 4097])
func radixSortAgreesWithTheStandardSort(count: Int) {
    var generator = Xoshiro256StarStar(seed: UInt64(count) + 1)
    var values: [Double] = (0..<count).map { i in
        switch i % 7 {
        case 0: return -generator.nextUniform() * 1e300
        case 1: return generator.nextUniform() * 1e-300
        case 2: return Double(Int(generator.next() % 5)) - 2  // ties
        case 3: return i % 14 == 3 ? -0.0 : 0.0
        case 4: return i % 28 == 4 ? .infinity : -.infinity
        default: return (generator.nextUniform() - 0.5) * 10
        }
    }
    var expected = values
    expected.sort()
    RadixSort.sort(&values)
    #expect(values.map(\.bitPattern).count == expected.count)
    // Equal as numbers everywhere; −0 and +0 compare equal, so compare values, then check order.
    #expect(values == expected)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
}
