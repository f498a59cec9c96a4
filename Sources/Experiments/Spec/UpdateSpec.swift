import ModelCollapse

/// `update:` ⇄ ``UpdateRule``: `refit`, or `{incremental: {step: a}}` with a constant step, or
/// `{incremental: {step: {initial: a0, decay: γ}}}` for a(t) = min(1, a0·t^(−γ)).
enum UpdateSpec {
    static func parse(_ value: SpecValue?, path: String) throws -> UpdateRule {
        guard let value else { return .refit }
        let allowed = "refit, {incremental: {step: A}} with A in (0, 1], or {incremental: {step: {initial: A0, decay: G}}}"
        switch value {
        case .scalar("refit"): return .refit
        case .mapping(let entries) where entries.count == 1 && entries[0].key == "incremental":
            let reader = try SpecReader(entries[0].value, path: "\(path).incremental")
            let stepPath = reader.keyPath("step")
            let step: StepSchedule
            switch reader.value("step") {
            case nil:
                step = .constant(0.1)
            case .some(.mapping(let inner)):
                let stepReader = try SpecReader(.mapping(inner), path: stepPath)
                step = .power(
                    initial: try stepReader.double("initial", default: 1, range: 1e-12...1, rangeDescription: "a number in (0, 1]"),
                    decay: try stepReader.double("decay", default: 0.6, range: 0...2, rangeDescription: "a number in [0, 2]"))
                try stepReader.finish()
            case .some(let scalar):
                step = .constant(try SpecReader.double(scalar, path: stepPath, range: 1e-12...1, rangeDescription: "a number in (0, 1]"))
            }
            try reader.finish()
            return .incremental(step)
        default:
            throw SpecError(path: path, message: "\(value.shortDescription) is not allowed; allowed: \(allowed)")
        }
    }

    static func resolved(_ update: UpdateRule) -> SpecValue {
        switch update {
        case .refit: return .scalar("refit")
        case .incremental(.constant(let a)):
            return .mapping([("incremental", .mapping([("step", .scalar(SpecReader.format(a)))]))])
        case .incremental(.power(let initial, let decay)):
            return .mapping([("incremental", .mapping([("step", .mapping([
                ("initial", .scalar(SpecReader.format(initial))), ("decay", .scalar(SpecReader.format(decay))),
            ]))]))])
        }
    }
}
