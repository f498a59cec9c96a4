// Codable as {"rows": m, "columns": n, "elements": [row-major entries]}, for run manifests and specs.

extension Matrix: Codable {
    @usableFromInline
    enum CodingKeys: String, CodingKey {
        case rows, columns, elements
    }

    /// Decodes and validates the shape: a negative dimension or an element count other than
    /// rows × columns is a `DecodingError.dataCorrupted`, not a crash.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        let columns = try container.decode(Int.self, forKey: .columns)
        let elements = try container.decode([Double].self, forKey: .elements)
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, elements.count == count else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath,
                      debugDescription: "Matrix: \(elements.count) elements for \(rows) × \(columns)"))
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(elements, forKey: .elements)
    }
}
