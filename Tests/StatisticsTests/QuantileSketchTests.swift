import Foundation
import Testing
import Randomness
import Statistics

@Suite struct QuantileSketchTests {
    static let probabilities = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]

    /// The guarantee of the type's documentation: `#{x < q} − 1 − ε ≤ (n − 1)p ≤ #{x ≤ q} + ε`.
    static func rankViolation(_ sketch: QuantileSketch, sorted: [Double], p: Double) -> Double {
        let q = sketch.quantile(p)
        let below = sorted.partitioningIndex { $0 >= q }
        let atOrBelow = sorted.partitioningIndex { $0 > q }
        let h = Double(sorted.count - 1) * p
        let bound = sketch.rankErrorBound
        return max(Double(below) - 1 - bound - h, h - Double(atOrBelow) - bound, 0)
    }

    @Test func exactWhileWithinCapacity() {
        var normal = BoxMuller(seed: 1)
        let values = normal.draws(1_024)
        var sketch = QuantileSketch()
        for (index, value) in values.enumerated() {
            sketch.add(value)
            if index % 97 == 0 || index == values.count - 1 {
                let seen = Array(values[0...index])
                #expect(sketch.isExact)
                #expect(sketch.rankErrorBound == 0)
                for p in Self.probabilities {
                    #expect(sketch.quantile(p) == Quantile.of(seen, p: p))
                }
            }
        }
        sketch.add(0)
        #expect(!sketch.isExact)
    }

    @Test(arguments: ["uniform", "normal", "exponential", "cauchy", "ascending", "descending", "ties"])
    func rankErrorWithinTheBound(distribution: String) {
        let n = 100_000
        var generator = Xoshiro256StarStar(seed: 42)
        var normal = BoxMuller(seed: 43)
        let values: [Double] = (0..<n).map { index in
            switch distribution {
            case "uniform": return generator.nextUniform()
            case "normal": return normal.next()
            case "exponential": return -Foundation.log(generator.nextOpenUniform())
            case "cauchy": return Foundation.tan(Double.pi * (generator.nextUniform() - 0.5))
            case "ascending": return Double(index)
            case "descending": return Double(n - index)
            default: return Double(Int(generator.nextUniform() * 20))  // 20 distinct values
            }
        }
        let sketch = QuantileSketch(values)
        let sorted = values.sorted()
        // The a priori bound of the documentation, (n/k)(log₂(n/k) + 4)/2.
        let ratio = Double(n) / Double(sketch.capacity)
        #expect(sketch.rankErrorBound <= ratio * (Foundation.log2(ratio) + 4) / 2)
        #expect(sketch.storedItemCount <= (sketch.capacity + 1) * (Int(Foundation.log2(ratio)) + 2))
        for p in stride(from: 0.0, through: 1.0, by: 0.005) {
            #expect(Self.rankViolation(sketch, sorted: sorted, p: p) == 0, "\(distribution), p = \(p)")
        }
        #expect(sketch.minimum == sorted.first && sketch.maximum == sorted.last)
        #expect(sketch.quantile(0) == sorted.first && sketch.quantile(1) == sorted.last)
    }

    @Test func deterministic() {
        var first = BoxMuller(seed: 77), second = BoxMuller(seed: 77)
        let a = QuantileSketch(first.draws(50_000), capacity: 256)
        let b = QuantileSketch(second.draws(50_000), capacity: 256)
        #expect(a == b)
        #expect(a.quantiles(Self.probabilities).map(\.bitPattern) == b.quantiles(Self.probabilities).map(\.bitPattern))
    }

    @Test func mergeKeepsTheGuarantee() {
        var normal = BoxMuller(seed: 5)
        let values = normal.draws(60_000)
        var parts = [QuantileSketch](repeating: QuantileSketch(capacity: 512), count: 7)
        for (index, value) in values.enumerated() { parts[index % 7].add(value) }
        var merged = QuantileSketch(capacity: 512)
        for part in parts { merged.merge(part) }
        #expect(merged.count == values.count)
        let sorted = values.sorted()
        for p in stride(from: 0.0, through: 1.0, by: 0.01) {
            #expect(Self.rankViolation(merged, sorted: sorted, p: p) == 0, "p = \(p)")
        }
        // Merging small exact sketches stays exact.
        var small = QuantileSketch(Array(values[0..<100]))
        small.merge(QuantileSketch(Array(values[100..<300])))
        #expect(small.isExact)
        #expect(small.quantile(0.37) == Quantile.of(Array(values[0..<300]), p: 0.37))
    }

    @Test func nonFiniteValues() {
        var sketch = QuantileSketch(capacity: 16)
        for value in [3.0, -.infinity, 1, .nan, 2, .infinity, -0.0] { sketch.add(value) }
        #expect(sketch.count == 6 && sketch.nanCount == 1)
        #expect(sketch.quantile(0) == -.infinity && sketch.quantile(1) == .infinity)
        #expect(sketch.quantile(0.5) == Quantile.of([3, -.infinity, 1, 2, .infinity, 0], p: 0.5))
        #expect(sketch.quantile(0.5).bitPattern == (1.5).bitPattern)
        // Beyond capacity, infinities stay at the ends.
        for index in 0..<1_000 { sketch.add(Double(index)) }
        #expect(sketch.quantile(0) == -.infinity && sketch.quantile(1) == .infinity)
        #expect(sketch.quantile(0.5).isFinite)
        #expect(QuantileSketch().quantile(0.5).isNaN)
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `predicate`, for a predicate that is false then true.
    func partitioningIndex(where predicate: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
