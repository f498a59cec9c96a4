import Foundation
import Randomness

/// How a network labels inputs for the next generation (spec key `labels`).
public enum SyntheticLabelling: String, Sendable, CaseIterable, Equatable {
    /// The most probable class: deterministic, a self-distillation that drifts slowly.
    case argmax
    /// A class drawn from the network's softmax: the label noise of the network's own uncertainty
    /// enters every generation, as sampling from a generative model does (Shumailov et al. 2024).
    case sample

    /// Labels for `count` rows of log-probabilities (count × classes).
    func labels<G: RandomNumberGenerator>(
        _ logProbabilities: [Double], count: Int, classes: Int, using generator: inout G
    ) -> [Int32] {
        var labels = [Int32](repeating: 0, count: count)
        for r in 0..<count {
            let offset = r * classes
            switch self {
            case .argmax:
                labels[r] = Int32(logProbabilities.argmax(from: offset, count: classes))
            case .sample:
                // Inverse CDF on one uniform; the last class takes any rounding remainder.
                let u = generator.nextUniform()
                var cumulative = 0.0
                var chosen = classes - 1
                for j in 0..<classes {
                    cumulative += exp(logProbabilities[offset + j])
                    if u < cumulative {
                        chosen = j
                        break
                    }
                }
                labels[r] = Int32(chosen)
            }
        }
        return labels
    }
}
