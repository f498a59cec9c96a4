/// Series colours: Tableau 10, distinguishable in print and by most colour-blind readers.
public enum Palette {
    public static let series = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// The colour of the `index`-th series (cycling after ten).
    public static func colour(_ index: Int) -> String { series[index % series.count] }

    /// Viridis (perceptually uniform, readable in grey), nine stops from low to high.
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (253, 231, 37),
    ]

    /// The viridis colour at `t` ∈ [0, 1], as `#rrggbb`.
    static func viridis(_ t: Double) -> String {
        let (r, g, b) = viridisRGB(t)
        return hex(r, g, b)
    }

    static func viridisRGB(_ t: Double) -> (Int, Int, Int) {
        let t = t.isFinite ? Swift.min(1, Swift.max(0, t)) : 0
        let position = t * Double(viridis.count - 1)
        let i = Swift.min(viridis.count - 2, Int(position))
        let f = position - Double(i)
        let a = viridis[i], b = viridis[i + 1]
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for v in [r, g, b] {
            let v = Swift.min(255, Swift.max(0, v))
            out.append(digits[v / 16]); out.append(digits[v % 16])
        }
        return out
    }
}
