import Families
import Foundation
import ModelCollapse
import Randomness

/// The spec keys the neural-network families share: the data (the bundled digits or a CSV file), the
/// held-out test split, feature scaling, and the network and its training (`network:`).
public struct NeuralNetworkSpec: Sendable {
    /// `data: digits` or a file.
    public enum DataSource: Sendable, Equatable {
        case digits
        case file(path: String, labelColumn: LabelledTable.LabelColumn)
    }

    public var source: DataSource
    /// The data as loaded (unscaled).
    public var data: LabelledDataSet
    public var testFraction: Double
    public var scaling: FeatureScaling
    public var training: TrainingConfiguration

    static let dataKeys: [KeyDocumentation] = [
        KeyDocumentation("data", default: "digits", allowed: "digits | PATH.csv", "the labelled data: the bundled handwritten digits (1,797 8×8 images, CC BY 4.0) or a CSV file of numeric features and a label column"),
        KeyDocumentation("label-column", default: "last", allowed: "last | column number (from 1) | header name", "CSV data: the column holding the labels (a name needs a header row)"),
        KeyDocumentation("test-fraction", default: "0.2", allowed: "a number in (0, 1)", "the held-out real test split (stratified, drawn once per run from the seed); no generation trains on it"),
        KeyDocumentation("scaling", default: "min-max", allowed: "min-max | standardize | none", "feature scaling, fitted on the training pool"),
        KeyDocumentation("network", default: "{hidden: [64], optimizer: adam, learning-rate: 0.01, weight-decay: 0.0001, batch-size: 32, max-epochs: 100, patience: 5, validation-fraction: 0.1, precision: float32}", allowed: "a mapping of those keys (momentum: 0.9 for optimizer: sgd)", "the MLP (ReLU hidden layers, softmax output) and its training: mini-batch SGD or Adam with weight decay, early stopping on a validation split of each training set"),
    ]

    static let networkKeys = ["hidden", "optimizer", "momentum", "learning-rate", "weight-decay", "batch-size", "max-epochs", "patience", "validation-fraction", "precision"]

    static func parse(_ reader: SpecReader) throws -> NeuralNetworkSpec {
        let source: DataSource
        let data: LabelledDataSet
        let dataText = try reader.string("data", default: "digits")
        if dataText == "digits" {
            if reader.value("label-column") != nil {
                throw SpecError(path: "label-column", message: "applies to CSV data only; the bundled digits have their labels in the last column")
            }
            do {
                data = try LabelledDataSet.digits()
            } catch {
                throw SpecError(path: "data", message: "the bundled digits could not be loaded: \(error)")
            }
            source = .digits
        } else {
            let labelColumn = try parseLabelColumn(reader.value("label-column"))
            let absolute = URL(fileURLWithPath: dataText).standardizedFileURL.path
            data = try LabelledCSV.read(absolute, labelColumn: labelColumn)
            source = .file(path: absolute, labelColumn: labelColumn)
        }
        let testFraction = try reader.double("test-fraction", default: 0.2, range: 0...1, rangeDescription: "a number in (0, 1)")
        if testFraction <= 0 || testFraction >= 1 {
            throw SpecError.outOfRange("test-fraction", given: SpecReader.format(testFraction), allowed: "a number in (0, 1)")
        }
        let scaling = FeatureScaling(rawValue: try reader.string("scaling", default: "min-max", allowed: FeatureScaling.allCases.map(\.rawValue)))!
        let training = try parseNetwork(reader.value("network"))
        return NeuralNetworkSpec(source: source, data: data, testFraction: testFraction, scaling: scaling, training: training)
    }

    static func parseLabelColumn(_ value: SpecValue?) throws -> LabelledTable.LabelColumn {
        guard let value else { return .last }
        let text = try SpecReader.string(value, path: "label-column")
        if text == "last" { return .last }
        if let number = Int(text) {
            guard number >= 1 else { throw SpecError.outOfRange("label-column", given: text, allowed: "last, a column number from 1, or a header name") }
            return .number(number)
        }
        guard !text.isEmpty else { throw SpecError(path: "label-column", message: "an empty name; allowed: last, a column number from 1, or a header name") }
        return .name(text)
    }

    static func parseNetwork(_ value: SpecValue?) throws -> TrainingConfiguration {
        let defaults = TrainingConfiguration()
        guard let value else { return defaults }
        let reader = try SpecReader(value, path: "network")
        var hidden = defaults.hiddenWidths
        if let list = reader.value("hidden") {
            guard case .list(let items) = list else {
                throw SpecError.wrongType("network.hidden", given: list, expected: "a list of layer widths, e.g. [64] or [128, 64] ([] for none)")
            }
            guard items.count <= 8 else { throw SpecError(path: "network.hidden", message: "\(items.count) hidden layers; allowed: at most 8") }
            hidden = try items.enumerated().map { try SpecReader.int($1, path: "network.hidden[\($0)]", range: 1...4096) }
        }
        let optimizerName = try reader.string("optimizer", default: "adam", allowed: ["adam", "sgd"])
        let optimizer: TrainingConfiguration.Optimizer
        if optimizerName == "sgd" {
            optimizer = .sgd(momentum: try reader.double("momentum", default: 0.9, range: 0...0.999, rangeDescription: "a number in [0, 0.999]"))
        } else {
            if reader.has("momentum") {
                _ = reader.value("momentum")
                throw SpecError(path: "network.momentum", message: "applies to optimizer: sgd only (Adam's moments are fixed at β₁ = 0.9, β₂ = 0.999)")
            }
            optimizer = .adam
        }
        let learningRate = try reader.double("learning-rate", default: defaults.learningRate, range: 1e-8...10, rangeDescription: "a number in [1e-8, 10]")
        let weightDecay = try reader.double("weight-decay", default: defaults.weightDecay, range: 0...1, rangeDescription: "a number in [0, 1]")
        let batchSize = try reader.int("batch-size", default: defaults.batchSize, range: 1...100_000)
        let maxEpochs = try reader.int("max-epochs", default: defaults.maxEpochs, range: 1...100_000)
        let patience = try reader.int("patience", default: defaults.patience, range: 1...100_000)
        let validationFraction = try reader.double("validation-fraction", default: defaults.validationFraction, range: 0...0.9, rangeDescription: "a number in [0, 0.9] (0: no early stopping)")
        let precision = NetworkPrecision(rawValue: try reader.string("precision", default: "float32", allowed: NetworkPrecision.allCases.map(\.rawValue)))!
        try reader.finish()
        return TrainingConfiguration(
            hiddenWidths: hidden, optimizer: optimizer, learningRate: learningRate, weightDecay: weightDecay,
            batchSize: batchSize, maxEpochs: maxEpochs, patience: patience, validationFraction: validationFraction,
            precision: precision)
    }

    var resolvedKeys: [(key: String, value: SpecValue)] {
        var keys: [(key: String, value: SpecValue)] = []
        switch source {
        case .digits:
            keys.append(("data", .scalar("digits")))
        case .file(let path, let labelColumn):
            keys += [("data", .scalar(path)), ("label-column", .scalar(labelColumn.description))]
        }
        keys += [
            ("test-fraction", .scalar(SpecReader.format(testFraction))),
            ("scaling", .scalar(scaling.rawValue)),
        ]
        var network: [(key: String, value: SpecValue)] = [
            ("hidden", .list(training.hiddenWidths.map { .scalar(String($0)) })),
        ]
        switch training.optimizer {
        case .adam:
            network.append(("optimizer", .scalar("adam")))
        case .sgd(let momentum):
            network += [("optimizer", .scalar("sgd")), ("momentum", .scalar(SpecReader.format(momentum)))]
        }
        network += [
            ("learning-rate", .scalar(SpecReader.format(training.learningRate))),
            ("weight-decay", .scalar(SpecReader.format(training.weightDecay))),
            ("batch-size", .scalar(String(training.batchSize))),
            ("max-epochs", .scalar(String(training.maxEpochs))),
            ("patience", .scalar(String(training.patience))),
            ("validation-fraction", .scalar(SpecReader.format(training.validationFraction))),
            ("precision", .scalar(training.precision.rawValue)),
        ]
        keys.append(("network", .mapping(network)))
        return keys
    }

    /// Stream path of the draws made once per run (the test split), apart from every replicate's.
    static let runStream: UInt64 = 0x4D4C_5053  // "MLPS"

    /// The run's split of the data: from the stream (seed, [runStream, 1]), shared by every replicate
    /// (and by every point of a sweep with the same seed and data, so points compare on one test set).
    func split(seed: UInt64) -> DataSplit {
        var generator = RandomStream.generator(seed: seed, path: [Self.runStream, 1])
        return DataSplit(data, testFraction: testFraction, using: &generator)
    }

    /// The data scaled by the pool's statistics.
    func scaledData(_ split: DataSplit) -> LabelledDataSet {
        scaling.apply(to: data, fittedOn: split.pool)
    }

    /// The pool size of a run (the split is stratified, so it does not depend on the seed).
    public var poolSize: Int {
        data.classCounts.reduce(0) { $0 + $1 - Int((testFraction * Double($1)).rounded()) }
    }

    /// Checks that the test split and the pool are non-empty.
    func validateSplit() throws {
        let pool = poolSize
        guard pool >= 2, pool < data.count else {
            throw SpecError(path: "test-fraction", message: "test-fraction \(SpecReader.format(testFraction)) of \(data.count) rows leaves \(data.count - pool) test rows and \(pool) training rows; both need at least 1 (2 in training)")
        }
    }

    /// The size of the synthetic part at each generation 2…T under the regime, each batch being
    /// min(n(t − 1), `available`) examples.
    static func syntheticPartSizes(_ spec: ExperimentSpec, available: Int) -> [Int] {
        var sizes: [Int] = []
        var accumulated = 0
        if spec.generations < 2 { return [] }
        for t in 2...spec.generations {
            let batch = min(spec.schedule.size(at: t - 1), available)
            switch spec.regime.synthetic {
            case .replace: sizes.append(batch)
            case .accumulate:
                accumulated += batch
                sizes.append(accumulated)
            case .accumulateSubsample(let size):
                accumulated += batch
                sizes.append(min(size, accumulated))
            }
        }
        return sizes
    }

    /// Real draws come from the finite pool: a fraction or a fresh count that asks for more than the
    /// pool holds would silently change the mix, so it is an error.
    func validateRealDraws(_ spec: ExperimentSpec, syntheticAvailable: Int) throws {
        let pool = poolSize
        switch spec.regime.real {
        case .none, .keep:
            return
        case .fresh(let count):
            if count > pool {
                throw SpecError(path: "regime.real.fresh", message: "\(count) real examples per generation, but the training pool has \(pool); allowed: at most \(pool)")
            }
        case .fraction(let p):
            for (offset, synthetic) in Self.syntheticPartSizes(spec, available: syntheticAvailable).enumerated() {
                let asked = spec.regime.realCount(syntheticCount: synthetic, keptCount: 0)
                if asked > pool {
                    throw SpecError(path: "regime.real.fraction", message: "\(SpecReader.format(p)) asks for \(asked) real examples at generation \(offset + 2) (P/(1 − P) × \(synthetic) synthetic), but the training pool has \(pool); lower the fraction or samples")
                }
            }
        }
    }

    static func metricList(_ names: [String]) -> [ClassifierMetric] {
        names.map { ClassifierMetric(rawValue: $0)! }
    }

    static func summary(of metric: ClassifierMetric) -> String {
        switch metric {
        case .testAccuracy: return "share of held-out real test inputs whose most probable class is the real label"
        case .testLoss: return "mean cross-entropy −ln p(real label | x) on the test inputs (nats)"
        case .agreement: return "share of test inputs on which the prediction equals generation 1's (the network trained on real labels)"
        case .labelEntropy: return "entropy (nats) of the predicted classes over the test inputs; ln K when balanced"
        case .predictiveEntropy: return "mean entropy (nats) of p(· | x) over the test inputs: the network's uncertainty"
        case .trainAccuracy: return "share of training-pool inputs whose most probable class is the real label"
        case .epochs: return "epochs the last network trained (early stopping)"
        case .pseudoLabelAccuracy: return "weighted share of right pseudo-labels among those the next round keeps (all of them when none is kept)"
        case .keptFraction: return "share of the unlabelled pool the next round keeps (the mean weight for soft and learned weights)"
        case .accuracyGain: return "test accuracy minus generation 1's in the same replicate (paired)"
        }
    }
}
