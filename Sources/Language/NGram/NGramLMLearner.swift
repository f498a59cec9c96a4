import ModelCollapse
import Randomness

/// The learner of the `ngram-lm` family: fits an interpolated Kneser–Ney model on a weighted
/// training set of documents, and generates a generation's synthetic documents from it with the
/// configured decoding and prompts.
///
/// With ``curation``, every fit on a training set that holds synthetic documents first
/// importance-samples the whole set by the detector (``ImportanceCuration``), ignoring which
/// documents are real and which synthetic; otherwise each document carries its part's weight
/// (`real-weight`). The first fit, on the real sample before any synthetic text exists, is the
/// same in every arm of an experiment (Drayson & Lampos's initial model is trained on human text),
/// so curated and uncurated runs share generation 1.
public struct NGramLMLearner: Learner {
    public typealias Batch = DocumentBatch
    public typealias Model = NGramModel

    public let order: Int
    public let vocabularySize: Int
    public let discounting: Discounting
    public let sampler: DocumentSampler
    public let curation: ImportanceCuration?

    public init(order: Int, vocabularySize: Int, discounting: Discounting, sampler: DocumentSampler, curation: ImportanceCuration? = nil) {
        self.order = order
        self.vocabularySize = vocabularySize
        self.discounting = discounting
        self.sampler = sampler
        self.curation = curation
    }

    /// A fit without a random stream: curation resamples with a fixed stream.
    public func fit(_ trainingSet: TrainingSet<DocumentBatch>) -> NGramModel {
        var generator = Xoshiro256StarStar(seed: 0)
        return fit(trainingSet, using: &generator)
    }

    public func fit<G: RandomNumberGenerator>(_ trainingSet: TrainingSet<DocumentBatch>, using generator: inout G) -> NGramModel {
        var counter = NGramCounter(order: order, vocabularySize: vocabularySize)
        if let curation, trainingSet.count(of: .synthetic) > 0 {
            var pool = DocumentBatch()
            var weights: [Double] = []
            for part in trainingSet.parts {
                pool.append(part.batch)
                weights.append(contentsOf: repeatElement(part.weight, count: part.batch.count))
            }
            let curated = curation.curate(pool, weights: weights, using: &generator)
            counter.add(curated.documents, weights: curated.weights)
        } else {
            for part in trainingSet.parts { counter.add(part.batch, weight: part.weight) }
        }
        return counter.build(discounting: discounting)
    }

    public func sample<G: RandomNumberGenerator>(
        from model: NGramModel, count: Int, into batch: inout DocumentBatch, using generator: inout G
    ) {
        batch = sampler.generate(from: model, count: count, using: &generator).documents
    }
}
