/// Helpers for writing SVG by hand: text width estimates and element strings.
enum SVGText {
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"

    /// A generous estimate of the rendered width of `text` at `fontSize` px in a sans-serif font
    /// (0.62 em per character, wider than the average of digits and lower-case letters), used to
    /// keep labels from overlapping.
    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.62
    }

    /// `text` cut to at most `maxCharacters`, with an ellipsis when cut.
    static func truncate(_ text: String, maxCharacters: Int) -> String {
        guard text.count > maxCharacters, maxCharacters > 1 else { return text }
        return String(text.prefix(maxCharacters - 1)) + "…"
    }

    static func n(_ value: Double) -> String { NumberFormatting.coordinate(value) }

    static func text(
        _ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
        weight: String? = nil, fill: String = "#222", extra: String = ""
    ) -> String {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if fill != "#222" { attributes += " fill=\"\(fill)\"" }
        if !extra.isEmpty { attributes += " " + extra }
        return "<text \(attributes)>\(Markup.escape(content))</text>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, extra: String = "") -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(extra.isEmpty ? "" : " " + extra)/>"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, extra: String = "") -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)/>"
    }

    /// The opening tag of a chart's root `<svg>`.
    static func open(width: Double, height: Double, className: String, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(Markup.escape(label))\" class=\"\(className)\" font-family=\"\(fontFamily)\">"
    }

    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
}
