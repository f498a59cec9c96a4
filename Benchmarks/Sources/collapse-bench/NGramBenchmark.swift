import Foundation
import Language
import Randomness

/// `collapse-bench ngram`: issue 7's benchmark. One generation of the `ngram-lm` loop at the scale
/// of the issue: train a trigram interpolated Kneser–Ney model on 1 MB of the bundled WordNet text
/// (its documents in table order until 1,000,000 UTF-8 bytes; word tokens, lower-cased, every type
/// in the vocabulary), then generate 1 MB of text from it (documents from `<s>`, pure sampling,
/// until the generated tokens joined by spaces, one document per line, reach 1,000,000 bytes).
/// Prints the best of `--repetitions` runs (default 3) of each step, single-threaded. Compare with
/// `python3 Benchmarks/ngram_nltk.py` (NLTK's `KneserNeyInterpolated`) in the same sitting.
///
///     swift run -c release --package-path Benchmarks collapse-bench ngram [--bytes B] [--repetitions N]
func runNGramBenchmark(_ arguments: [String]) {
    var bytes = 1_000_000
    var repetitions = 3
    var index = 0
    while index < arguments.count {
        let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
        switch (arguments[index], value) {
        case ("--bytes", let v?): bytes = v
        case ("--repetitions", let v?): repetitions = max(1, v)
        default:
            print("usage: collapse-bench ngram [--bytes B] [--repetitions N]")
            exit(64)
        }
        index += 2
    }
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    func best<T>(_ body: () -> T) -> (seconds: Double, result: T) {
        var fastest = Double.infinity
        var result: T?
        for _ in 0..<repetitions {
            var value: T?
            let elapsed = seconds(clock.measure { value = body() })
            if elapsed < fastest { fastest = elapsed; result = value }
        }
        return (fastest, result!)
    }

    var texts: [String] = []
    var size = 0
    for document in LexicalTable.documents(LexicalTable.bundled()) where size < bytes {
        texts.append(document)
        size += document.utf8.count + 1
    }
    let tokenizer = Tokenizer()
    let (prepare, prepared) = best { () -> (Vocabulary, DocumentBatch) in
        let tokenized = texts.map { tokenizer.tokenize($0) }
        let vocabulary = Vocabulary(documents: tokenized, minimumCount: 1)
        return (vocabulary, DocumentBatch(documents: tokenized.map { vocabulary.encode($0) }))
    }
    let (vocabulary, corpus) = prepared
    print("ngram: \(texts.count) documents, \(size) bytes, \(corpus.tokenCount) tokens, vocabulary \(vocabulary.count)")
    print(BenchmarkTable.left("step", 52), BenchmarkTable.right("seconds", 10), BenchmarkTable.right("per token", 12))
    func row(_ step: String, _ s: Double, tokens: Int) {
        print(BenchmarkTable.left(step, 52), String(format: "%10.4f %9.1f ns", s, s * 1e9 / Double(tokens)))
    }
    row("tokenise + vocabulary + encode", prepare, tokens: corpus.tokenCount)
    var model: NGramModel?
    for discounting in [Discounting.plain, .modified] {
        let (train, trained) = best { NGramModel.train(order: 3, vocabularySize: vocabulary.count, discounting: discounting, documents: corpus) }
        row("train trigram KN (\(discounting.rawValue))", train, tokens: corpus.tokenCount)
        model = trained
    }
    let trained = model!
    print("model: n-grams \(trained.distinctNGrams), \(trained.memoryBytes / 1024) KiB")
    let tokenBytes = vocabulary.tokens.map { $0.utf8.count + 1 }
    for (name, strategy) in [("pure sampling", DecodingStrategy.sample(maxLength: 200)),
                             ("top-k 40, T 0.8", .sample(temperature: 0.8, topK: 40, maxLength: 200)),
                             ("greedy", .greedy(maxLength: 200))] {
        let (generate, counts) = best { () -> (Int, Int) in
            var random = RandomStream.generator(seed: 7, 1)
            var generator = TextGenerator(model: trained, strategy: strategy)
            var produced = 0, tokens = 0
            // Greedy from <s> writes one document over and over; prompts of one real token vary it.
            var d = 0
            while produced < bytes {
                let prompt = name == "greedy" ? corpus[d % corpus.count].prefix(1) : []
                d += 1
                let document = generator.generate(prompt: prompt, using: &random)
                tokens += document.tokens.count + 1
                produced += max(1, document.tokens.reduce(0) { $0 + tokenBytes[Int($1)] })
            }
            return (produced, tokens)
        }
        row("generate 1 MB, \(name) (\(counts.1) tokens)", generate, tokens: counts.1)
    }
}
