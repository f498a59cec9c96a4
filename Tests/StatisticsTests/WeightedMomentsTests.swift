import Testing
import Randomness
import Statistics

// Reference values: NumPy 2.4.6 `average(x, weights=w)`, `cov(x, aweights=w)` (reliability weights)
// and `cov(x, fweights=w)` (frequency weights); Docs/Statistics/reference_moments.py.

@Suite struct WeightedMomentsTests {
    static let data = [3.1, -0.4, 2.2, 7.9, 0.0, 5.5, -2.3, 1.1, 4.4]

    @Test func reliabilityWeightsMatchNumPy() {
        let weights = [1.0, 2.0, 0.5, 3.0, 1.5, 1.0, 2.5, 0.25, 4.0]
        var moments = WeightedMoments()
        for (x, w) in zip(Self.data, weights) { moments.add(x, weight: w) }
        #expect(relativeError(moments.mean, 2.8396825396825403) < 1e-14)
        #expect(relativeError(moments.reliabilityVariance, 14.656590636254503) < 1e-13)
        #expect(moments.totalWeight == 15.75)
    }

    @Test func frequencyWeightsMatchNumPyAndRepetition() {
        let counts = [1, 2, 1, 3, 1, 1, 2, 1, 4]
        var weighted = WeightedMoments()
        var repeated = RunningMoments()
        for (x, c) in zip(Self.data, counts) {
            weighted.add(x, weight: Double(c))
            for _ in 0..<c { repeated.add(x) }
        }
        #expect(relativeError(weighted.mean, 2.9875000000000003) < 1e-14)
        #expect(relativeError(weighted.frequencyVariance, 11.911833333333332) < 1e-13)
        #expect(relativeError(weighted.frequencyVariance, repeated.variance) < 1e-13)
        #expect(relativeError(weighted.populationVariance, repeated.populationVariance) < 1e-13)
    }

    @Test func unitWeightsReduceToUnweighted() {
        var weighted = WeightedMoments()
        for x in Self.data { weighted.add(x, weight: 1) }
        let plain = RunningMoments(Self.data)
        #expect(relativeError(weighted.mean, plain.mean) < 1e-15)
        #expect(relativeError(weighted.frequencyVariance, plain.variance) < 1e-14)
        #expect(relativeError(weighted.reliabilityVariance, plain.variance) < 1e-14)
        #expect(relativeError(weighted.effectiveSampleSize, 9) < 1e-15)
    }

    @Test func mergeAgreesWithSequential() {
        var generator = Xoshiro256StarStar(seed: 8)
        var sequential = WeightedMoments()
        var parts = [WeightedMoments](repeating: WeightedMoments(), count: 3)
        for index in 0..<900 {
            let x = 10 + generator.nextUniform()
            let w = generator.nextUniform() * 3
            sequential.add(x, weight: w)
            parts[index % 3].add(x, weight: w)
        }
        var merged = WeightedMoments()
        for part in parts { merged.merge(part) }
        #expect(merged.count == 900)
        #expect(relativeError(merged.mean, sequential.mean) < 1e-14)
        #expect(relativeError(merged.reliabilityVariance, sequential.reliabilityVariance) < 1e-11)
        #expect(relativeError(merged.totalSquaredWeight, sequential.totalSquaredWeight) < 1e-13)
    }

    @Test func zeroWeightsAndEmpty() {
        var moments = WeightedMoments()
        #expect(moments.mean.isNaN && moments.reliabilityVariance.isNaN)
        moments.add(100, weight: 0)
        #expect(moments.count == 1 && moments.mean.isNaN)
        moments.add(3, weight: 2)
        #expect(moments.mean == 3 && moments.reliabilityVariance.isNaN && moments.frequencyVariance == 0)
    }
}
