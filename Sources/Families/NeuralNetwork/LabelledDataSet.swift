/// A labelled data set in memory: n rows of d numeric features and a class label in 0..<K each.
///
/// The neural-network families share one per run (arrays are copy-on-write, so every replicate reads
/// the same storage); batches refer to its rows by index.
public struct LabelledDataSet: Sendable, Equatable {
    /// Row-major, count × featureCount.
    public var features: [Double]
    /// In 0..<classCount.
    public var labels: [Int32]
    public var featureCount: Int
    public var classCount: Int
    /// The class names, in class order (for a CSV file, its label values).
    public var classNames: [String]

    public init(features: [Double], labels: [Int32], featureCount: Int, classNames: [String]) {
        precondition(featureCount >= 1 && features.count == labels.count * featureCount,
                     "LabelledDataSet: \(features.count) features for \(labels.count) rows of \(featureCount)")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classNames.count }, "LabelledDataSet: a label outside the \(classNames.count) classes")
        self.features = features
        self.labels = labels
        self.featureCount = featureCount
        self.classCount = classNames.count
        self.classNames = classNames
    }

    public var count: Int { labels.count }

    /// The features of `rows`, row-major (rows.count × featureCount).
    public func features(of rows: [Int32]) -> [Double] {
        var result = [Double](repeating: 0, count: rows.count * featureCount)
        features.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for (r, row) in rows.enumerated() {
                    (target.baseAddress! + r * featureCount).update(from: source.baseAddress! + Int(row) * featureCount, count: featureCount)
                }
            }
        }
        return result
    }

    /// The first `count` rows (a smaller data set for quick experiments and tests).
    public func prefix(_ count: Int) -> LabelledDataSet {
        let n = min(count, self.count)
        return LabelledDataSet(
            features: Array(features[0..<(n * featureCount)]), labels: Array(labels[0..<n]),
            featureCount: featureCount, classNames: classNames)
    }

    /// The number of rows of each class.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }
}
