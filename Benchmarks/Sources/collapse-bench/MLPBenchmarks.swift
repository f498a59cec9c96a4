import Families
import Foundation
import ModelCollapse
import Randomness

/// `collapse-bench mlp [--epochs 30] [--hidden 64] [--batch-size 32] [--learning-rate 0.01]
/// [--precision float32|float64|all] [--repeat 5]`: issue 6. Training time of one generation of the
/// neural-network families on the bundled digits: an MLP 64 → hidden → 10 (ReLU, softmax
/// cross-entropy, Adam with decoupled weight decay 10⁻⁴), mini-batches of 32, trained on all 1,797
/// images (min-max scaled) for a fixed number of epochs with no validation split, so that the work
/// is exactly that of `Benchmarks/mlp_numpy.py` with the same options. Best of `--repeat` runs, one
/// core. The last row times a generation as `mlp-labels` runs it with its defaults: training on the
/// pool (80% of the rows) with early stopping (10% validation, patience 5), then relabelling the pool.
func runMLPBenchmarks(_ arguments: [String]) {
    func option(_ name: String) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
    let epochs = option("--epochs").flatMap(Int.init) ?? 30
    let hidden = option("--hidden").flatMap(Int.init) ?? 64
    let batchSize = option("--batch-size").flatMap(Int.init) ?? 32
    let learningRate = option("--learning-rate").flatMap(Double.init) ?? 0.01
    let repetitions = max(1, option("--repeat").flatMap(Int.init) ?? 5)
    let precisions: [NetworkPrecision] = option("--precision").flatMap(NetworkPrecision.init(rawValue:)).map { [$0] } ?? NetworkPrecision.allCases

    let raw: LabelledDataSet
    do { raw = try LabelledDataSet.digits() } catch {
        print("cannot load the bundled digits: \(error)")
        exit(1)
    }
    let allRows = (0..<raw.count).map { Int32($0) }
    let data = FeatureScaling.minMax.apply(to: raw, fittedOn: allRows)
    let n = data.count

    print("mlp digits n=\(n) 64→\(hidden)→10, adam lr=\(learningRate) wd=1e-4, batch \(batchSize), \(epochs) epochs, best of \(repetitions), one core")
    print(BenchmarkTable.left("precision", 12), BenchmarkTable.right("s/generation", 14), BenchmarkTable.right("ms/epoch", 10),
          BenchmarkTable.right("µs/example", 11), BenchmarkTable.right("train acc", 10))
    for precision in precisions {
        let configuration = TrainingConfiguration(
            hiddenWidths: [hidden], optimizer: .adam, learningRate: learningRate, weightDecay: 1e-4, batchSize: batchSize,
            maxEpochs: epochs, patience: epochs, validationFraction: 0, precision: precision)
        var seed: UInt64 = 1
        var lastAccuracy = 0.0
        let seconds = bestTime(repetitions) {
            var generator = Xoshiro256StarStar(seed: seed)
            seed += 1
            let model = MLPClassifier.train(
                features: data.features, count: n, labels: data.labels, weights: nil, classCount: data.classCount,
                configuration: configuration, using: &generator)
            let logP = model.logProbabilities(data.features, count: n)
            var correct = 0
            for i in 0..<n {
                var best = 0
                for k in 1..<10 where logP[i * 10 + k] > logP[i * 10 + best] { best = k }
                if best == Int(data.labels[i]) { correct += 1 }
            }
            lastAccuracy = Double(correct) / Double(n)
        }
        print(BenchmarkTable.left(precision.rawValue, 12), String(format: "%14.4f %10.3f %11.3f %10.4f",
              seconds, seconds * 1000 / Double(epochs), seconds * 1e6 / Double(epochs * n), lastAccuracy))
    }

    // A generation as the mlp-labels family runs it with its defaults.
    var splitGenerator = Xoshiro256StarStar(seed: 7)
    let split = DataSplit(raw, testFraction: 0.2, using: &splitGenerator)
    let scaled = FeatureScaling.minMax.apply(to: raw, fittedOn: split.pool)
    let learner = MLPLabelsLearner(data: scaled, pool: split.pool, configuration: TrainingConfiguration(), labelling: .sample)
    var generator = Xoshiro256StarStar(seed: 11)
    var batch = LabelledExamples()
    var totalEpochs = 0
    let seconds = bestTime(repetitions) {
        let model = learner.fit(TrainingSet(parts: [.init(batch: LabelledExamples(realRows: split.pool, of: scaled), origin: .real)]), using: &generator)
        learner.sample(from: model, count: split.pool.count, into: &batch, using: &generator)
        totalEpochs += model.report.epochs
    }
    print(String(format: "mlp-labels generation, defaults (float32, 64 hidden, pool %d, early stopping; %.1f epochs on average): %.4f s",
                 split.pool.count, Double(totalEpochs) / Double(repetitions), seconds))
}

/// The best wall time of `repetitions` runs of `body`, in seconds.
private func bestTime(_ repetitions: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<repetitions {
        let elapsed = clock.measure(body)
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return best
}
