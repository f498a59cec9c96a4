/// How features are scaled before training, with statistics from the training pool only (the
/// held-out test rows are scaled with the pool's statistics, never their own).
public enum FeatureScaling: String, Sendable, CaseIterable, Equatable {
    /// x ↦ (x − min)/(max − min) per feature, so the pool's range becomes [0, 1]; a constant feature
    /// becomes 0. Keeps zeros (blank pixels) zero when the minimum is 0.
    case minMax = "min-max"
    /// x ↦ (x − mean)/sd per feature (population sd); a constant feature becomes 0.
    case standardize
    /// The features as given.
    case none

    /// The data set with every row scaled by statistics of `rows`.
    public func apply(to data: LabelledDataSet, fittedOn rows: [Int32]) -> LabelledDataSet {
        if self == .none || rows.isEmpty { return data }
        let d = data.featureCount
        var offset = [Double](repeating: 0, count: d), scale = [Double](repeating: 1, count: d)
        switch self {
        case .minMax:
            var low = [Double](repeating: .infinity, count: d), high = [Double](repeating: -.infinity, count: d)
            for row in rows {
                for j in 0..<d {
                    let x = data.features[Int(row) * d + j]
                    low[j] = min(low[j], x)
                    high[j] = max(high[j], x)
                }
            }
            for j in 0..<d {
                offset[j] = low[j]
                scale[j] = high[j] > low[j] ? 1 / (high[j] - low[j]) : 0
            }
        case .standardize:
            var sum = [Double](repeating: 0, count: d), squares = [Double](repeating: 0, count: d)
            for row in rows {
                for j in 0..<d { sum[j] += data.features[Int(row) * d + j] }
            }
            let n = Double(rows.count)
            for j in 0..<d { offset[j] = sum[j] / n }
            for row in rows {
                for j in 0..<d {
                    let e = data.features[Int(row) * d + j] - offset[j]
                    squares[j] += e * e
                }
            }
            for j in 0..<d {
                let sd = (squares[j] / n).squareRoot()
                scale[j] = sd > 0 ? 1 / sd : 0
            }
        case .none:
            break
        }
        var scaled = data
        for i in 0..<data.count {
            for j in 0..<d {
                scaled.features[i * d + j] = (data.features[i * d + j] - offset[j]) * scale[j]
            }
        }
        return scaled
    }
}
