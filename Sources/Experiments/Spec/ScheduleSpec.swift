import ModelCollapse

/// `samples:` ⇄ ``SampleSchedule``.
///
/// `samples: 100` (constant), `samples: [100, 200, 400]` (explicit list, one entry per index
/// 0…T − 1), or `{schedule: constant|linear|power|geometric|list, initial, slope, exponent, ratio,
/// sizes}`.
enum ScheduleSpec {
    static let kinds = ["constant", "linear", "power", "geometric", "list"]

    static func parse(_ value: SpecValue?, path: String, generations: Int) throws -> SampleSchedule {
        guard let value else { return .constant(100) }
        let schedule: SampleSchedule
        switch value {
        case .scalar:
            schedule = .constant(try SpecReader.int(value, path: path, range: 1...Int.max))
        case .list(let items):
            schedule = .list(try items.enumerated().map { try SpecReader.int($1, path: "\(path)[\($0)]", range: 1...Int.max) })
        case .mapping:
            let reader = try SpecReader(value, path: path)
            let kind = try reader.string("schedule", default: "constant", allowed: kinds)
            switch kind {
            case "constant":
                schedule = .constant(try reader.int("initial", default: 100, range: 1...Int.max))
            case "linear":
                let initial = try reader.int("initial", default: 100, range: 1...Int.max)
                let slope = try reader.double("slope", default: Double(initial), range: 0...1e12, rangeDescription: "a number ≥ 0")
                schedule = .linear(initial: initial, slope: slope)
            case "power":
                schedule = .power(
                    initial: try reader.int("initial", default: 100, range: 1...Int.max),
                    exponent: try reader.double("exponent", default: 1, range: 0...10, rangeDescription: "a number in [0, 10]"))
            case "geometric":
                schedule = .geometric(
                    initial: try reader.int("initial", default: 100, range: 1...Int.max),
                    ratio: try reader.double("ratio", default: 1.1, range: 1e-6...100, rangeDescription: "a number in (0, 100]"))
            default:
                guard let sizes = reader.value("sizes") else {
                    throw SpecError(path: reader.keyPath("sizes"), message: "missing: a list schedule needs `sizes: [n0, n1, …]`")
                }
                guard case .list(let items) = sizes else {
                    throw SpecError.wrongType(reader.keyPath("sizes"), given: sizes, expected: "a list of integers ≥ 1")
                }
                schedule = .list(try items.enumerated().map { try SpecReader.int($1, path: "\(path).sizes[\($0)]", range: 1...Int.max) })
            }
            try reader.finish()
        case .null:
            schedule = .constant(100)
        }
        if case .list(let sizes) = schedule, sizes.count < generations {
            throw SpecError(
                path: path,
                message: "the list has \(sizes.count) sizes but generations: \(generations) needs \(generations) (n(0) … n(\(generations - 1)))")
        }
        if case .list(let sizes) = schedule, sizes.isEmpty {
            throw SpecError(path: path, message: "the list of sizes is empty")
        }
        return schedule
    }

    static func resolved(_ schedule: SampleSchedule) -> SpecValue {
        switch schedule {
        case .constant(let n): return .scalar(String(n))
        case .linear(let initial, let slope):
            return .mapping([("schedule", .scalar("linear")), ("initial", .scalar(String(initial))), ("slope", .scalar(SpecReader.format(slope)))])
        case .power(let initial, let exponent):
            return .mapping([("schedule", .scalar("power")), ("initial", .scalar(String(initial))), ("exponent", .scalar(SpecReader.format(exponent)))])
        case .geometric(let initial, let ratio):
            return .mapping([("schedule", .scalar("geometric")), ("initial", .scalar(String(initial))), ("ratio", .scalar(SpecReader.format(ratio)))])
        case .list(let sizes):
            return .mapping([("schedule", .scalar("list")), ("sizes", .list(sizes.map { .scalar(String($0)) }))])
        }
    }
}
