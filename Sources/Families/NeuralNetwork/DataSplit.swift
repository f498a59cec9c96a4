import ModelCollapse
import Randomness

/// The rows of a data set split into a held-out real test set, which no generation ever trains on,
/// and the training pool every training set is drawn from.
///
/// Stratified: of each class's rows, a uniform random round(f·n_k) go to the test set, so the test
/// set has the data set's class proportions.
public struct DataSplit: Sendable, Equatable {
    /// Test rows, increasing.
    public var test: [Int32]
    /// Training-pool rows, increasing.
    public var pool: [Int32]

    public init(test: [Int32], pool: [Int32]) {
        self.test = test
        self.pool = pool
    }

    public init<G: RandomNumberGenerator>(_ data: LabelledDataSet, testFraction: Double, using generator: inout G) {
        precondition(testFraction > 0 && testFraction < 1, "DataSplit: test fraction in (0, 1)")
        var byClass = [[Int32]](repeating: [], count: data.classCount)
        for (row, label) in data.labels.enumerated() { byClass[Int(label)].append(Int32(row)) }
        var test: [Int32] = []
        for rows in byClass where !rows.isEmpty {
            let size = Int((testFraction * Double(rows.count)).rounded())
            for index in LabelledExamples.subsampleIndices(count: rows.count, size: size, using: &generator) {
                test.append(rows[index])
            }
        }
        test.sort()
        var isTest = [Bool](repeating: false, count: data.count)
        for row in test { isTest[Int(row)] = true }
        self.test = test
        self.pool = (0..<data.count).filter { !isTest[$0] }.map { Int32($0) }
    }

    /// A uniform subsample without replacement of `count` rows of `rows` (all of them, in order,
    /// when count ≥ rows.count).
    public static func subsample<G: RandomNumberGenerator>(_ rows: [Int32], count: Int, using generator: inout G) -> [Int32] {
        if count >= rows.count { return rows }
        return LabelledExamples.subsampleIndices(count: rows.count, size: count, using: &generator).map { rows[$0] }
    }

    /// `perClass` uniform rows of each class among `rows` (all of a class's rows when it has fewer),
    /// increasing: the labelled set of semi-supervised learning.
    public static func stratified<G: RandomNumberGenerator>(
        _ rows: [Int32], labels: [Int32], classCount: Int, perClass: Int, using generator: inout G
    ) -> [Int32] {
        var byClass = [[Int32]](repeating: [], count: classCount)
        for row in rows { byClass[Int(labels[Int(row)])].append(row) }
        var chosen: [Int32] = []
        for members in byClass {
            chosen += subsample(members, count: perClass, using: &generator)
        }
        return chosen.sorted()
    }
}
