import Foundation
import Randomness

/// |actual − expected| / |expected| (or the absolute difference when expected is 0).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if expected == 0 { return abs(actual) }
    return abs(actual - expected) / abs(expected)
}

/// Standard normal draws by the Box–Muller transform (Box & Muller 1958): the test target's own
/// sampler, independent of the Randomness target's samplers.
struct BoxMuller {
    var generator: Xoshiro256StarStar
    var spare: Double?

    init(seed: UInt64) { generator = Xoshiro256StarStar(seed: seed) }

    mutating func next() -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        let radius = (-2 * log(generator.nextOpenUniform())).squareRoot()
        let angle = 2 * Double.pi * generator.nextUniform()
        spare = radius * sin(angle)
        return radius * cos(angle)
    }

    mutating func draws(_ count: Int) -> [Double] { (0..<count).map { _ in next() } }
}
