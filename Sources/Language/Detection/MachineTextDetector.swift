import Foundation
import Randomness

/// A machine-generated-text detector: logistic regression on five features of a document, after
/// Drayson & Lampos (EMNLP 2025), whose detector's confidence gives the importance weights.
///
/// Features of a document x₁…x_m, under a reference model trained on real text only:
/// 1. the mean of its m + 1 token log-probabilities (the closing `</s>` included),
/// 2. their standard deviation,
/// 3. repetition: 1 − distinct bigrams / bigrams (0 below two tokens),
/// 4. the type–token ratio: distinct tokens / m (1 for an empty document),
/// 5. ln(1 + m),
/// 6. the mean contextual gain ln P(x_i | history) − ln P₁(x_i) over the m + 1 predictions: how
///    much the reference model's contexts explain each token beyond its unigram frequency (text
///    that backs off to unigram draws, as a smoothed model's samples do, gains little).
/// Machine text from an n-gram model differs in how probable and how evenly probable it is under
/// another model, in repetition, and in length.
public struct MachineTextDetector: Sendable {
    public static let featureNames = ["mean-log-probability", "sd-log-probability", "repetition", "type-token-ratio", "log-length", "contextual-gain"]

    public let reference: NGramModel
    public let classifier: LogisticRegression

    /// The features of `document` under `reference`.
    public static func features<C: Collection>(of document: C, reference: NGramModel) -> [Double] where C.Element == TokenID {
        let logProbabilities = reference.logProbabilities(of: document)
        let k = Double(logProbabilities.count)
        let mean = logProbabilities.reduce(0, +) / k
        let variance = logProbabilities.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / k
        let tokens = Array(document)
        var gain = 0.0
        for (i, token) in (tokens + [Vocabulary.documentEnd]).enumerated() {
            gain += logProbabilities[i] - Foundation.log(reference.unigram[Int(token)])
        }
        var bigrams = Set<UInt64>()
        for i in 0..<max(tokens.count - 1, 0) { bigrams.insert(UInt64(tokens[i]) << 32 | UInt64(tokens[i + 1])) }
        let repetition = tokens.count >= 2 ? 1 - Double(bigrams.count) / Double(tokens.count - 1) : 0
        let typeTokenRatio = tokens.isEmpty ? 1 : Double(Set(tokens).count) / Double(tokens.count)
        return [mean, variance.squareRoot(), repetition, typeTokenRatio, Foundation.log1p(Double(tokens.count)), gain / k]
    }

    /// Trains the classifier on human (label 0) and machine (label 1) documents.
    public init(reference: NGramModel, human: DocumentBatch, machine: DocumentBatch, penalty: Double = 1) {
        self.reference = reference
        var rows: [[Double]] = [], labels: [Bool] = []
        for i in 0..<human.count {
            rows.append(Self.features(of: human[i], reference: reference))
            labels.append(false)
        }
        for i in 0..<machine.count {
            rows.append(Self.features(of: machine[i], reference: reference))
            labels.append(true)
        }
        classifier = LogisticRegression(features: rows, labels: labels, penalty: penalty)
    }

    /// P(machine | document).
    public func machineProbability<C: Collection>(_ document: C) -> Double where C.Element == TokenID {
        classifier.probability(Self.features(of: document, reference: reference))
    }

    /// Accuracy and F1 (machine the positive class) of the decision p > ½ on labelled documents.
    /// F1 is 0 when there is no true positive.
    public func score(human: DocumentBatch, machine: DocumentBatch) -> (accuracy: Double, f1: Double) {
        var truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0
        for i in 0..<human.count {
            if machineProbability(human[i]) > 0.5 { falsePositive += 1 } else { trueNegative += 1 }
        }
        for i in 0..<machine.count {
            if machineProbability(machine[i]) > 0.5 { truePositive += 1 } else { falseNegative += 1 }
        }
        let total = human.count + machine.count
        let accuracy = total == 0 ? 0 : Double(truePositive + trueNegative) / Double(total)
        let f1 = truePositive == 0 ? 0 : 2 * Double(truePositive) / Double(2 * truePositive + falsePositive + falseNegative)
        return (accuracy, f1)
    }
}

/// The detector of a recursive-training run and its validation scores.
public struct DetectorTraining: Sendable {
    public let detector: MachineTextDetector
    /// Accuracy and F1 on a fifth of the documents kept out of the classifier's fit.
    public let validationAccuracy: Double
    public let validationF1: Double

    /// Trains the detector as Drayson & Lampos do, on real text against the text of a
    /// generation-1 model: the reference model is trained on `reference` (real text that no
    /// scored document comes from); `documents` human documents are drawn from `pool`; a model
    /// like generation 1 (`order`, `discounting`, trained on `firstFitSize` documents drawn from the
    /// pool) generates `documents` machine documents with `sampler`. Four fifths of each class fit
    /// the classifier, the last fifth validates it. Deterministic given the generator.
    public init<G: RandomNumberGenerator>(
        reference: DocumentBatch, pool: DocumentBatch, order: Int, vocabularySize: Int, discounting: Discounting,
        firstFitSize: Int, documents: Int, sampler: DocumentSampler, using random: inout G
    ) {
        let referenceModel = NGramModel.train(order: order, vocabularySize: vocabularySize, discounting: discounting, documents: reference)
        let human = pool.subsample(min(documents, pool.count), using: &random)
        let firstFit = NGramModel.train(
            order: order, vocabularySize: vocabularySize, discounting: discounting,
            documents: pool.subsample(min(firstFitSize, pool.count), using: &random))
        let machine = sampler.generate(from: firstFit, count: documents, using: &random).documents
        let humanFit = human.count - human.count / 5, machineFit = machine.count - machine.count / 5
        let detector = MachineTextDetector(
            reference: referenceModel, human: human.selecting(0..<humanFit), machine: machine.selecting(0..<machineFit))
        let (accuracy, f1) = detector.score(
            human: human.selecting(humanFit..<human.count), machine: machine.selecting(machineFit..<machine.count))
        self.detector = detector
        validationAccuracy = accuracy
        validationF1 = f1
    }
}
