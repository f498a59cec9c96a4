import Foundation
import Randomness
import Testing
@testable import Language

@Suite struct DetectionTests {
    /// Logistic data with P(y = 1 | x) = σ(0.5 + x₁ − 2x₂), x ~ N(0, I), n = 6000: fitted
    /// probabilities at a few points within 0.05 of the truth. The standard error of a fitted
    /// logit at |x| ≤ 1 is about √(3/(n · 0.15)) ≈ 0.058, so of a probability ≤ 0.015: 0.05 is
    /// more than 3 of them, at a fixed seed.
    @Test func logisticRegressionRecoversTheModel() {
        var random = RandomStream.generator(seed: 5, 1)
        var rows: [[Double]] = [], labels: [Bool] = []
        for _ in 0..<6000 {
            let x = [Normal().sample(using: &random), Normal().sample(using: &random)]
            let p = 1 / (1 + exp(-(0.5 + x[0] - 2 * x[1])))
            rows.append(x)
            labels.append(random.nextUniform() < p)
        }
        let model = LogisticRegression(features: rows, labels: labels, penalty: 1e-6)
        for x in [[0.0, 0.0], [1, 0], [0, 1], [-1, 0.5], [0.5, -0.5]] {
            let truth = 1 / (1 + exp(-(0.5 + x[0] - 2 * x[1])))
            #expect(abs(model.probability(x) - truth) < 0.05, "at \(x): \(model.probability(x)) vs \(truth)")
        }
    }

    @Test func separableClassesStayFinite() {
        let rows = (0..<50).map { [Double($0)] }
        let labels = (0..<50).map { $0 >= 25 }
        let model = LogisticRegression(features: rows, labels: labels)
        #expect(model.coefficients.allSatisfy { $0.isFinite })
        #expect(model.probability([0]) < 0.1 && model.probability([49]) > 0.9)
    }

    static let split = TestCorpus.split(documents: 12000)

    /// Greedy text of a generation-1 model against real text: measured validation accuracy 0.900
    /// and F1 0.899 (100 + 100 validation documents, seed 6); the test asks for 0.8, three binomial
    /// standard errors (√(0.9 · 0.1/200) ≈ 0.021) and more below.
    @Test func detectorSeparatesGreedyTextFromRealText() {
        var random = RandomStream.generator(seed: 6, 1)
        let v = Self.split.vocabulary.count
        let reference = Self.split.heldOut
        let sampler = DocumentSampler(strategy: .greedy(maxLength: 30), promptLength: 2, prompts: Self.split.training)
        let training = DetectorTraining(
            reference: reference, pool: Self.split.training, order: 3, vocabularySize: v, discounting: .modified,
            firstFitSize: 1500, documents: 500, sampler: sampler, using: &random)
        #expect(training.validationAccuracy > 0.8 && training.validationF1 > 0.8,
                "accuracy \(training.validationAccuracy), F1 \(training.validationF1)")
        let features = MachineTextDetector.features(of: Self.split.training[0], reference: training.detector.reference)
        #expect(features.count == MachineTextDetector.featureNames.count && features.allSatisfy { $0.isFinite })
        #expect(MachineTextDetector.features(of: [TokenID](), reference: training.detector.reference).allSatisfy { $0.isFinite })
    }

    /// Systematic resampling: document d gets ⌊e_d⌋ or ⌈e_d⌉ copies, e_d = M v_d / Σv, and a copy
    /// weighs 1/u.
    @Test func importanceCurationResamplesSystematically() {
        var random = RandomStream.generator(seed: 7, 1)
        let v = Self.split.vocabulary.count
        let sampler = DocumentSampler(strategy: .greedy(maxLength: 30), promptLength: 2, prompts: Self.split.training)
        let detector = DetectorTraining(
            reference: Self.split.heldOut, pool: Self.split.training, order: 3, vocabularySize: v, discounting: .modified,
            firstFitSize: 1000, documents: 200, sampler: sampler, using: &random).detector
        let pool = Self.split.training.selecting(0..<300)
        let partWeights = (0..<300).map { $0 < 100 ? 2.0 : 1.0 }
        for (power, upsample) in [(1.0, 1.0), (3.0, 2.5), (0.0, 1.0)] {
            let curation = ImportanceCuration(power: power, upsample: upsample, detector: detector)
            let (documents, weights) = curation.curate(pool, weights: partWeights, using: &random)
            let v = (0..<300).map { partWeights[$0] * pow(1 - detector.machineProbability(pool[$0]), power) }
            let total = v.reduce(0, +)
            let m = (upsample * 300).rounded()
            #expect(abs(weights.reduce(0, +) * upsample - m) < 1e-9)
            // Match the curated documents back to the pool by position (they keep pool order).
            var j = 0
            for d in 0..<300 {
                let expected = m * v[d] / total
                var copies = 0.0
                if j < documents.count, documents[j] == pool[d] {
                    copies = weights[j] * upsample
                    j += 1
                }
                #expect(copies >= expected.rounded(.down) - 1e-9 && copies <= expected.rounded(.up) + 1e-9, "document \(d): \(copies) copies, expected \(expected)")
            }
            #expect(j == documents.count)
        }
    }
}
