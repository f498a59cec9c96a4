/// One point of a series: the mean at generation `x`, the band around it, the theory there.
public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// The lower and upper edges of the shaded band (q05 and q95 across replicates); nil: no band.
    public var low: Double?
    public var high: Double?
    /// The closed-form prediction at `x`; nil where none applies.
    public var theory: Double?

    public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil, theory: Double? = nil) {
        self.x = x; self.y = y; self.low = low; self.high = high; self.theory = theory
    }
}

/// A series of a line chart: one run, or one sweep point.
public struct ChartSeries: Sendable, Equatable {
    public var label: String
    public var points: [ChartPoint]

    public init(label: String, points: [ChartPoint]) {
        self.label = label
        self.points = points.sorted { $0.x < $1.x }
    }

    /// A metric of a run: the mean, the q05–q95 band and the theory, from its summary rows.
    public init(label: String, rows: [SummaryRow]) {
        self.init(
            label: label,
            points: rows.map {
                ChartPoint(x: Double($0.generation), y: $0.mean, low: $0.q05, high: $0.q95, theory: $0.theory)
            })
    }

    /// One series per distinct value of `keys` in a sweep table (`sweep.csv`: the point's keys as
    /// columns, then `generation,metric,mean,sd,se,q05,q50,q95,theory`), for one metric.
    ///
    /// Series are labelled `key=value, …` and keep the table's order of first appearance.
    public static func sweepSeries(table: DataTable, metric: String, keys: [String]) throws -> [ChartSeries] {
        let required = ["generation", "metric", "mean", "q05", "q95", "theory"] + keys
        let columns = try required.map { name -> Int in
            guard let index = table.index(of: name) else { throw ChartDataError.missingColumn(name) }
            return index
        }
        var order: [String] = []
        var points: [String: [ChartPoint]] = [:]
        for row in table.rows where row[columns[1]] == metric {
            let label = keys.enumerated().map { "\($0.element)=\(row[columns[6 + $0.offset]])" }.joined(separator: ", ")
            func number(_ i: Int) throws -> Double {
                guard let value = SummaryTable.parseNumber(row[columns[i]]) else {
                    throw ChartDataError.notANumber(column: required[i], value: row[columns[i]])
                }
                return value
            }
            guard let generation = Double(row[columns[0]]) else {
                throw ChartDataError.notANumber(column: "generation", value: row[columns[0]])
            }
            let theoryText = row[columns[5]]
            let point = ChartPoint(
                x: generation, y: try number(2), low: try number(3), high: try number(4),
                theory: theoryText.isEmpty ? nil : try number(5))
            if points[label] == nil { order.append(label) }
            points[label, default: []].append(point)
        }
        return order.map { ChartSeries(label: $0, points: points[$0] ?? []) }
    }
}

/// A table that cannot be turned into a chart.
public enum ChartDataError: Error, Equatable, CustomStringConvertible {
    case missingColumn(String)
    case notANumber(column: String, value: String)
    case duplicateCell(x: String, y: String)
    case noRows

    public var description: String {
        switch self {
        case .missingColumn(let name): "no column \"\(name)\" in the table"
        case .notANumber(let column, let value): "\(column) \"\(value)\" is not a number"
        case .duplicateCell(let x, let y): "two rows for the cell (\(x), \(y)): filter the table on the other keys first"
        case .noRows: "no rows left to draw"
        }
    }
}
