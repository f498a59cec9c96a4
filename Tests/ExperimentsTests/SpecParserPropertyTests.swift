import Experiments
import PropertyBased
import Testing

/// Property: the spec parser never crashes. A mutated spec (characters deleted, inserted or
/// replaced; YAML values replaced by random values of random types; random keys inserted; entries
/// deleted) either parses or throws a `SpecError`: no trap, no other error.
///
/// Inputs come from swift-property-based generators run on fixed Xoshiro seeds (not
/// `propertyCheck`, which draws a fresh seed each run), so CI sees the same mutations every time;
/// a failure names the seed, the case and the mutated text to reproduce it.
@Suite struct SpecParserPropertyTests {
    /// Every bundled preset, plus specs that reach the parts presets leave out.
    static let bases: [String] = Presets.names.compactMap(Presets.text(named:)) + [
        "family: categorical\ntruth: {counts-file: /nonexistent/counts.csv, as: distribution}\n",
        "family: next-token\ntruth: {contexts: 3, tokens: 4, dirichlet: 0.5, seed: 3}\nvisits: [0.2, 0.3, 0.5]\nallocation: multinomial\n",
        "family: gaussian\ntruth: {mean: [0, 1], covariance: [[1, 0.5], [0.5, 2]]}\nestimator: unbiased\nfit: mean-only\n",
        "family: kde\ntruth: {weights: [0.5, 0.5], means: [-1, 1], variances: [1, 1]}\nbandwidth: 0.3\n",
        "family: poisson\nestimator: map\nprior: {a: 2, b: 1}\n",
        "samples: {schedule: power, initial: 10, exponent: 1.5}\nregime: {synthetic: {accumulate-subsample: 50}, real: {fraction: 0.2}, real-weight: 0.7}\nupdate: {incremental: {step: {initial: 0.5, decay: 0.7}}}\n",
        "generations: 5\nsweep:\n  samples: [10, 100]\n  zip: {estimator: [mle, unbiased], truth.variance: [1.0, 2.0]}\n  resources: {cpus: 2, memory: 4G, time: \"1:00:00\"}\n",
        "stream: [1, 2]\ntrajectories: true\npath: samples\nmetrics: all\n",
    ]

    /// Scalars that probe ranges, types and number parsing.
    static let scalars: [String] = [
        "0", "1", "-1", "2", "2.5", "-0.0", "1e308", "-1e308", "1e309", "1e-320", "nan", ".nan", "inf", ".inf", "-.inf",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616", "1000001",
        "4294967296", "0x10", "1_000", "true", "false", "null", "~", "", " ", "mle", "unbiased", "replace", "accumulate",
        "keep", "all", "uniform", "scott", "a", "é", "\u{0}", "[", "{", ":", "- x", "# c", "&a", "*a", "!!str",
    ]

    /// Keys: every key any family or the shared spec knows, and some it does not.
    static let keys: [String] = {
        var all = SpecParser.commonKeys.map(\.key)
        for family in FamilyRegistry.families { all += family.keys.map(\.key) }
        all += ["synthetic", "real", "real-weight", "fresh", "fraction", "accumulate-subsample", "schedule", "initial",
                "exponent", "sizes", "incremental", "step", "zip", "resources", "mean", "variance", "covariance",
                "probabilities", "zipf", "contexts", "tokens", "weights", "means", "variances", "", "x", "é", "a.b", "0"]
        return all
    }()

    // MARK: generators

    static let yamlCharacters = Array(":{}[],-#&*!|>'\"%@?` \n\n\t0123456789.eE+_xyzé\u{0}\u{7F}")

    /// An element of `items`, uniformly.
    static func pick<T: Sendable>(_ items: [T]) -> Generator<T, some SendableSequenceType> {
        Gen<Int>.int(in: 0...(items.count - 1)).withoutShrink().map { items[$0] }
    }

    static var fragment: Generator<String, some SendableSequenceType> { pick(yamlCharacters).array(of: 1...6).withoutShrink().map { String($0) } }

    /// A random value: a scalar, a list, a mapping or null, one level deep.
    static var value: Generator<SpecValue, some SendableSequenceType> { zip(
        Gen<Int>.int(in: 0...5), pick(scalars), pick(scalars), pick(keys), Gen<Int>.int()
    ).withoutShrink().map { (kind: Int, a: String, b: String, key: String, number: Int) -> SpecValue in
        switch kind {
        case 0: return .scalar(a)
        case 1: return .scalar(String(number))
        case 2: return .list([.scalar(a), .scalar(b)])
        case 3: return .mapping([(key, .scalar(a))])
        case 4: return .null
        default: return number % 2 == 0 ? .list([]) : .mapping([])
        }
    } }

    enum TextEdit {
        case delete(position: Double, length: Int)
        case insert(position: Double, text: String)
        case replace(position: Double, text: String)
    }

    static var textEdit: Generator<TextEdit, some SendableSequenceType> { zip(
        Gen<Int>.int(in: 0...2), Gen<Double>.double(in: 0..<1), Gen<Int>.int(in: 1...12), fragment
    ).withoutShrink()
        .map { (kind: Int, position: Double, length: Int, text: String) -> TextEdit in
            switch kind {
            case 0: return .delete(position: position, length: length)
            case 1: return .insert(position: position, text: text)
            default: return .replace(position: position, text: text)
            }
        } }

    enum ValueEdit {
        case replace(node: Int, with: SpecValue)
        case insertKey(node: Int, key: String, value: SpecValue)
        case delete(node: Int)
    }

    static var valueEdit: Generator<ValueEdit, some SendableSequenceType> { zip(
        Gen<Int>.int(in: 0...2), Gen<Int>.int(in: 0...10_000), pick(keys), value
    ).withoutShrink()
        .map { (kind: Int, node: Int, key: String, value: SpecValue) -> ValueEdit in
            switch kind {
            case 0: return .replace(node: node, with: value)
            case 1: return .insertKey(node: node, key: key, value: value)
            default: return .delete(node: node)
            }
        } }

    // MARK: applying edits

    static func apply(_ edit: TextEdit, to text: String) -> String {
        var characters = Array(text)
        let index = min(characters.count, Int(Double(characters.count) * editPosition(edit)))
        switch edit {
        case .delete(_, let length):
            characters.removeSubrange(index..<min(characters.count, index + length))
        case .insert(_, let fragment):
            characters.insert(contentsOf: fragment, at: index)
        case .replace(_, let fragment):
            characters.replaceSubrange(index..<min(characters.count, index + fragment.count), with: fragment)
        }
        return String(characters)
    }

    static func editPosition(_ edit: TextEdit) -> Double {
        switch edit {
        case .delete(let p, _), .insert(let p, _), .replace(let p, _): return p
        }
    }

    /// The number of nodes (the root, every mapping value, every list element), depth first.
    static func nodeCount(_ value: SpecValue) -> Int {
        switch value {
        case .scalar, .null: return 1
        case .list(let items): return 1 + items.reduce(0) { $0 + nodeCount($1) }
        case .mapping(let entries): return 1 + entries.reduce(0) { $0 + nodeCount($1.value) }
        }
    }

    /// Applies `transform` to node number `target` (depth first); nil from `transform` deletes it.
    static func edit(_ value: SpecValue, target: Int, counter: inout Int, _ transform: (SpecValue) -> SpecValue?) -> SpecValue? {
        if counter == target {
            counter += 1
            return transform(value)
        }
        counter += 1
        switch value {
        case .scalar, .null: return value
        case .list(let items):
            return .list(items.compactMap { edit($0, target: target, counter: &counter, transform) })
        case .mapping(let entries):
            return .mapping(entries.compactMap { entry in
                edit(entry.value, target: target, counter: &counter, transform).map { (entry.key, $0) }
            })
        }
    }

    static func apply(_ valueEdit: ValueEdit, to document: SpecValue) -> SpecValue {
        let count = nodeCount(document)
        var counter = 0
        switch valueEdit {
        case .replace(let node, let replacement):
            return edit(document, target: node % count, counter: &counter) { _ in replacement } ?? .null
        case .insertKey(let node, let key, let inserted):
            return edit(document, target: node % count, counter: &counter) { old in
                if case .mapping(let entries) = old { return .mapping(entries + [(key, inserted)]) }
                return .mapping([(key, inserted)])
            } ?? .null
        case .delete(let node):
            // Deleting the root leaves it as it was.
            if node % count == 0 { return document }
            return edit(document, target: node % count, counter: &counter) { _ in nil } ?? .null
        }
    }

    /// The dotted paths of a document's scalars (list elements excluded: --set cannot reach them).
    static func leafPaths(_ value: SpecValue, prefix: String = "") -> [String] {
        guard case .mapping(let entries) = value else { return prefix.isEmpty ? ["name"] : [prefix] }
        let paths = entries.flatMap { leafPaths($0.value, prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        return paths.isEmpty ? [prefix.isEmpty ? "name" : prefix] : paths
    }

    // MARK: the property

    /// How mutated specs fared: parsed, refused with a SpecError (as malformed YAML or later).
    struct Outcomes {
        var parsed = 0, malformed = 0, refused = 0
    }

    /// Parses a spec (as one run or, with `sweep:`, as a sweep) and records anything but success
    /// or a SpecError.
    static func expectParsesOrSpecError(_ text: String, _ label: String, _ outcomes: inout Outcomes) {
        do {
            let document = try SpecParser.document(text)
            if SpecParser.isSweep(document) {
                // Skip grids no one could mean to run here (each point is parsed).
                if let plan = try? SweepGrid(parsing: document["sweep"]), plan.pointCount > 200 { return }
                _ = try SweepPlan(document: document)
            } else {
                _ = try SpecParser.parse(document)
            }
            outcomes.parsed += 1
        } catch let error as SpecError {
            if error.message.hasPrefix("malformed YAML") { outcomes.malformed += 1 } else { outcomes.refused += 1 }
        } catch {
            Issue.record("\(label): \(type(of: error)) \(error) for\n\(text)")
        }
    }

    @Test func characterMutationsParseOrThrowSpecError() {
        var rng = Xoshiro(seed: (0x5EED_0001, 0x0BAD_5EED, 0x1234_5678, 0x9ABC_DEF0))
        let edits = Self.textEdit.array(of: 1...4)
        var outcomes = Outcomes()
        for round in 0..<600 {
            let base = Self.bases[round % Self.bases.count]
            let mutated = edits.run(using: &rng).reduce(base) { Self.apply($1, to: $0) }
            Self.expectParsesOrSpecError(mutated, "character mutation \(round)", &outcomes)
        }
        // Both sides of the property are exercised (at these seeds: 94 parse, 368 are malformed YAML, 138 are refused later).
        #expect(outcomes.parsed > 0 && outcomes.refused > 0, "\(outcomes)")
    }

    @Test func valueMutationsParseOrThrowSpecError() throws {
        var rng = Xoshiro(seed: (0x5EED_0002, 0x0BAD_5EED, 0x1234_5678, 0x9ABC_DEF0))
        let edits = Self.valueEdit.array(of: 1...3)
        var outcomes = Outcomes()
        for round in 0..<600 {
            let base = try SpecParser.document(Self.bases[round % Self.bases.count])
            let mutated = edits.run(using: &rng).reduce(base) { Self.apply($1, to: $0) }
            // Both ways in: the document itself, and its YAML text (as --set and files arrive).
            let text = SpecYAML.emit(mutated)
            Self.expectParsesOrSpecError(text, "value mutation \(round)", &outcomes)
            do {
                if !SpecParser.isSweep(mutated) { _ = try SpecParser.parse(mutated) }
            } catch is SpecError {
            } catch {
                Issue.record("value mutation \(round): \(type(of: error)) \(error)")
            }
        }
        // Both sides of the property are exercised (at these seeds: 107 parse, 12 malformed, 481 refused).
        #expect(outcomes.parsed > 0 && outcomes.refused > 0, "\(outcomes)")
    }

    /// `--set` overrides with random keys and values.
    @Test func overrideMutationsParseOrThrowSpecError() {
        var rng = Xoshiro(seed: (0x5EED_0003, 0x0BAD_5EED, 0x1234_5678, 0x9ABC_DEF0))
        let values = Self.scalars + ["[1, 2]", "{a: 1}", "[", "{synthetic: "]
        // Half the time a key path the base spec has (so that some overrides are valid), else
        // 1–3 random keys joined with dots.
        let randomPath = Self.pick(Self.keys).array(of: 1...3).withoutShrink().map { $0.joined(separator: ".") }
        var outcomes = Outcomes()
        for round in 0..<300 {
            let base = Self.bases[round % Self.bases.count]
            let paths = Self.leafPaths(try! SpecParser.document(base))
            let override = zip(
                Gen<Bool>.bool(), Self.pick(paths), randomPath, Self.pick(values), Gen<Int>.int(in: 0...9)
            ).withoutShrink()
                .map { (known: Bool, path: String, random: String, value: String, form: Int) -> String in
                    (known ? path : random) + (form == 0 ? "" : "=") + value
                }
            let overrides = override.array(of: 1...3).run(using: &rng)
            do {
                _ = try SpecParser.parse(base, overrides: overrides)
                outcomes.parsed += 1
            } catch let error as SpecError {
                if error.message.hasPrefix("malformed YAML") { outcomes.malformed += 1 } else { outcomes.refused += 1 }
            } catch {
                Issue.record("override mutation \(round) \(overrides): \(type(of: error)) \(error)")
            }
        }
        // Both sides of the property are exercised (at these seeds: 7 parse, 26 malformed, 267 refused).
        #expect(outcomes.parsed > 0 && outcomes.refused > 0, "\(outcomes)")
    }
}
