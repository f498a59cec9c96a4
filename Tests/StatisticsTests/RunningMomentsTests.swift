import Testing
import Randomness
import Statistics

// Reference values: NumPy 2.4.6 / SciPy 1.17.1 (`mean`, `var(ddof=1)`, `var()`, `scipy.stats.sem`,
// `scipy.stats.t.interval`), script Docs/Statistics/reference_moments.py.

@Suite struct RunningMomentsTests {
    static let data = [3.1, -0.4, 2.2, 7.9, 0.0, 5.5, -2.3, 1.1, 4.4]

    @Test func matchesNumPy() {
        let moments = RunningMoments(Self.data)
        #expect(moments.count == 9)
        #expect(relativeError(moments.mean, 2.388888888888889) < 1e-15)
        #expect(relativeError(moments.variance, 10.221111111111112) < 1e-14)
        #expect(relativeError(moments.populationVariance, 9.085432098765432) < 1e-14)
        #expect(relativeError(moments.standardError, 1.0656824162693495) < 1e-14)
        #expect(moments.minimum == -2.3)
        #expect(moments.maximum == 7.9)
    }

    @Test func confidenceIntervalMatchesSciPy() {
        let moments = RunningMoments(Self.data)
        let reference: [(Double, Double, Double)] = [
            (0.9, 0.4072012430840344, 4.370576534693742),
            (0.95, -0.06857916984259838, 4.846356947620376),
            (0.99, -1.1868883898860476, 5.964666167663825),
        ]
        for (level, lower, upper) in reference {
            let interval = moments.confidenceInterval(level: level)!
            #expect(abs(interval.lowerBound - lower) < 1e-13)
            #expect(abs(interval.upperBound - upper) < 1e-13)
        }
    }

    /// Welford's update is stable where the textbook Σx² − n x̄² formula is not: values 10⁹ + u.
    @Test func stableWithALargeOffset() {
        var generator = Xoshiro256StarStar(seed: 11)
        let values = (0..<10_000).map { _ in 1e9 + generator.nextUniform() }
        let moments = RunningMoments(values)
        let mean = values.reduce(0, +) / Double(values.count)
        let twoPass = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        #expect(relativeError(moments.variance, twoPass) < 1e-7)
        #expect(abs(moments.variance - 1.0 / 12.0) < 0.01)
    }

    /// Chan–Golub–LeVeque merging agrees with sequential accumulation.
    @Test func mergeAgreesWithSequential() {
        var normal = BoxMuller(seed: 3)
        let values = normal.draws(1_000).map { 5 + 2 * $0 }
        let sequential = RunningMoments(values)
        var merged = RunningMoments()
        for chunk in stride(from: 0, to: values.count, by: 137) {
            merged.merge(RunningMoments(values[chunk..<min(chunk + 137, values.count)]))
        }
        #expect(merged.count == sequential.count)
        #expect(relativeError(merged.mean, sequential.mean) < 1e-13)
        #expect(relativeError(merged.variance, sequential.variance) < 1e-12)
        #expect(merged.minimum == sequential.minimum && merged.maximum == sequential.maximum)
        // Merging an empty accumulator changes nothing, either way round.
        #expect(sequential.merging(RunningMoments()) == sequential)
        #expect(RunningMoments().merging(sequential) == sequential)
    }

    @Test func degenerateCounts() {
        let empty = RunningMoments()
        #expect(empty.mean.isNaN && empty.variance.isNaN && empty.minimum.isNaN && empty.maximum.isNaN)
        let one = RunningMoments([4.0])
        #expect(one.mean == 4 && one.variance.isNaN && one.populationVariance == 0)
        #expect(one.confidenceInterval() == nil)
        #expect(empty.confidenceInterval() == nil)
        let constant = RunningMoments([2.5, 2.5, 2.5])
        #expect(constant.variance == 0)
        #expect(constant.confidenceInterval() == 2.5...2.5)
    }

    @Test func nonFiniteValuesAreCountedNotAbsorbed() {
        var moments = RunningMoments([1.0, 2.0, 3.0])
        moments.add(.infinity)
        #expect(moments.count == 4 && moments.finiteCount == 3 && moments.positiveInfinityCount == 1)
        #expect(moments.mean == .infinity)
        #expect(moments.variance.isNaN && moments.standardError.isNaN)
        #expect(moments.finiteMean == 2 && moments.finiteVariance == 1)
        #expect(moments.maximum == .infinity && moments.minimum == 1)
        #expect(moments.confidenceInterval() == .infinity ... .infinity)

        var negative = RunningMoments([1.0])
        negative.add(-.infinity)
        #expect(negative.mean == -.infinity && negative.minimum == -.infinity)
        negative.add(.infinity)
        #expect(negative.mean.isNaN && negative.nonFiniteCount == 2)
        #expect(negative.confidenceInterval() == nil)

        var withNaN = RunningMoments([1.0, 2.0])
        withNaN.add(.nan)
        #expect(withNaN.mean.isNaN && withNaN.nanCount == 1 && withNaN.finiteMean == 1.5)
        #expect(withNaN.minimum == 1 && withNaN.maximum == 2)
        #expect(RunningMoments([Double.nan]).minimum.isNaN)

        // Merging carries the counts.
        var merged = RunningMoments([5.0])
        merged.merge(moments)
        #expect(merged.positiveInfinityCount == 1 && merged.mean == .infinity && merged.finiteMean == 2.75)
    }

    /// Coverage of the 95 % t interval for normal samples of size 10 over 4000 replicates.
    /// SE of the coverage = √(0.95·0.05/4000) = 0.00345; tolerance 4.5 SE = 0.0155.
    @Test func confidenceIntervalCoverage() {
        var normal = BoxMuller(seed: 2_024)
        var covered = 0
        let replicates = 4_000
        for _ in 0..<replicates {
            let interval = RunningMoments(normal.draws(10).map { 1 + 3 * $0 }).confidenceInterval()
            if interval!.contains(1) { covered += 1 }
        }
        #expect(abs(Double(covered) / Double(replicates) - 0.95) < 0.0155)
    }
}
