import ModelCollapse

/// `regime:` ⇄ ``Regime``: the shorthands `replace`, `accumulate`, `accumulate-subsample`, or the
/// long form `{synthetic, real, real-weight}`.
enum RegimeSpec {
    static let shorthands = ["replace", "accumulate", "accumulate-subsample"]

    static func parse(_ value: SpecValue?, path: String, initialSampleSize: Int) throws -> Regime {
        guard let value else { return .replace }
        switch value {
        case .scalar(let text):
            switch text {
            case "replace": return .replace
            case "accumulate": return .accumulate
            case "accumulate-subsample": return .accumulateSubsample(initialSampleSize)
            default:
                throw SpecError(path: path, message: "'\(text)' is not a regime; allowed: \(shorthands.joined(separator: ", ")), or the long form {synthetic: …, real: …, real-weight: …}")
            }
        case .mapping:
            let reader = try SpecReader(value, path: path)
            let synthetic = try parseSynthetic(reader.value("synthetic"), path: reader.keyPath("synthetic"), initialSampleSize: initialSampleSize)
            let real = try parseReal(reader.value("real"), path: reader.keyPath("real"))
            var realWeight: Double?
            if reader.value("real-weight") != nil {
                realWeight = try reader.double("real-weight", default: 0.5, range: 0...1)
                if real == .none {
                    throw SpecError(path: reader.keyPath("real-weight"), message: "needs real data in the training set, but real is none; set real to keep, {fresh: COUNT} or {fraction: P}")
                }
            }
            try reader.finish()
            return Regime(synthetic: synthetic, real: real, realWeight: realWeight)
        default:
            throw SpecError.wrongType(path, given: value, expected: "one of \(shorthands.joined(separator: ", ")) or a mapping {synthetic, real, real-weight}")
        }
    }

    static func parseSynthetic(_ value: SpecValue?, path: String, initialSampleSize: Int) throws -> Regime.Synthetic {
        guard let value else { return .replace }
        let allowed = "replace, accumulate, or {accumulate-subsample: SIZE}"
        switch value {
        case .scalar("replace"): return .replace
        case .scalar("accumulate"): return .accumulate
        case .scalar("accumulate-subsample"): return .accumulateSubsample(initialSampleSize)
        case .mapping(let entries) where entries.count == 1 && entries[0].key == "accumulate-subsample":
            return .accumulateSubsample(try SpecReader.int(entries[0].value, path: "\(path).accumulate-subsample", range: 1...Int.max))
        default:
            throw SpecError(path: path, message: "\(value.shortDescription) is not allowed; allowed: \(allowed)")
        }
    }

    static func parseReal(_ value: SpecValue?, path: String) throws -> Regime.Real {
        guard let value else { return .none }
        let allowed = "none, keep, {fresh: COUNT}, or {fraction: P} with P in [0, 1)"
        switch value {
        case .scalar("none"): return .none
        case .scalar("keep"): return .keep
        case .mapping(let entries) where entries.count == 1 && entries[0].key == "fresh":
            return .fresh(try SpecReader.int(entries[0].value, path: "\(path).fresh", range: 1...Int.max))
        case .mapping(let entries) where entries.count == 1 && entries[0].key == "fraction":
            let p = try SpecReader.double(entries[0].value, path: "\(path).fraction", range: 0...1, rangeDescription: "a number in [0, 1)")
            if p >= 1 {
                throw SpecError.outOfRange("\(path).fraction", given: SpecReader.format(p), allowed: "a number in [0, 1) (1 would leave no synthetic data)")
            }
            return .fraction(p)
        default:
            throw SpecError(path: path, message: "\(value.shortDescription) is not allowed; allowed: \(allowed)")
        }
    }

    static func resolved(_ regime: Regime) -> SpecValue {
        let synthetic: SpecValue
        switch regime.synthetic {
        case .replace: synthetic = .scalar("replace")
        case .accumulate: synthetic = .scalar("accumulate")
        case .accumulateSubsample(let size): synthetic = .mapping([("accumulate-subsample", .scalar(String(size)))])
        }
        let real: SpecValue
        switch regime.real {
        case .none: real = .scalar("none")
        case .keep: real = .scalar("keep")
        case .fresh(let count): real = .mapping([("fresh", .scalar(String(count)))])
        case .fraction(let p): real = .mapping([("fraction", .scalar(SpecReader.format(p)))])
        }
        var entries: [(key: String, value: SpecValue)] = [("synthetic", synthetic), ("real", real)]
        if let weight = regime.realWeight { entries.append(("real-weight", .scalar(SpecReader.format(weight)))) }
        return .mapping(entries)
    }
}
