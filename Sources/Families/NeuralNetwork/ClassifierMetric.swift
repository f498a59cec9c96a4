/// The metrics of the neural-network families, by their spec names. "Test" metrics are measured on
/// the held-out real test split, against the real labels.
public enum ClassifierMetric: String, Sendable, CaseIterable {
    /// The share of test inputs whose most probable class is the real label.
    case testAccuracy = "test-accuracy"
    /// The mean cross-entropy −ln p(real label | x) over the test inputs (nats).
    case testLoss = "test-loss"
    /// The share of test inputs on which this generation's most probable class equals generation
    /// 1's (the network trained on real labels); 1 at generation 1.
    case agreement
    /// The entropy (nats) of the distribution of predicted classes over the test inputs: ln K when
    /// the predictions are balanced over K classes, falling as predictions concentrate on fewer.
    case labelEntropy = "label-entropy"
    /// The mean entropy (nats) of the predicted class distribution p(· | x) over the test inputs:
    /// the network's uncertainty.
    case predictiveEntropy = "predictive-entropy"
    /// The share of training-pool inputs whose most probable class is the real label (what the
    /// network memorised of the truth; for refinement, the stacks' in-sample accuracy).
    case trainAccuracy = "train-accuracy"
    /// The epochs the last network trained (early stopping ends before max-epochs).
    case epochs
    /// Self-training: the weighted share of the unlabelled pool's pseudo-labels that are right,
    /// among those the next round keeps.
    case pseudoLabelAccuracy = "pseudo-label-accuracy"
    /// Self-training: the share of the unlabelled pool the next round keeps (the threshold's
    /// pass rate, or the mean soft weight).
    case keptFraction = "kept-fraction"
    /// Test accuracy minus generation 1's in the same replicate (paired): the gain over the
    /// labelled-only baseline for self-training, over stage 1 for refinement.
    case accuracyGain = "accuracy-gain"

    /// The metrics every family has.
    public static let common: [ClassifierMetric] = [.testAccuracy, .testLoss, .agreement, .labelEntropy, .predictiveEntropy, .trainAccuracy, .epochs, .accuracyGain]
}
