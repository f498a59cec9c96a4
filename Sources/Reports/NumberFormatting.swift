import Foundation

/// Fixed, locale-free number formatting, so the same data always gives the same bytes.
///
/// Every printed number in a chart, a table or an export goes through here. `String(format:)` with
/// the C conversions is used because it does not depend on the user's locale.
public enum NumberFormatting {
    /// The way `summary.csv` spells a number: up to 12 significant digits, `inf`, `-inf`, `nan`.
    public static func full(_ value: Double) -> String {
        if let special = nonFinite(value) { return special }
        return tidyExponent(String(format: "%.12g", value))
    }

    /// A number for a table cell: `digits` significant digits, exponent form outside 1e-4…1e6.
    public static func significant(_ value: Double, digits: Int = 6) -> String {
        if let special = nonFinite(value) { return special }
        return tidyExponent(String(format: "%.\(max(1, digits))g", value))
    }

    /// A coordinate in an SVG: two decimals, trailing zeros dropped, never `-0`.
    public static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.2f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A fixed number of decimals (used for tick labels whose step fixes the precision).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        if let special = nonFinite(value) { return special }
        let text = String(format: "%.\(max(0, decimals))f", value)
        return isNegativeZero(text) ? String(text.dropFirst()) : text
    }

    static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value == .infinity { return "inf" }
        if value == -.infinity { return "-inf" }
        return nil
    }

    /// `1e-05` → `1e-5`, `2.5e+07` → `2.5e7`: C's two-digit exponent is noise to a reader.
    static func tidyExponent(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return isNegativeZero(text) ? String(text.dropFirst()) : text
        }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "+" { exponent = exponent.dropFirst() }
        else if exponent.first == "-" { sign = "-"; exponent = exponent.dropFirst() }
        let digits = exponent.drop(while: { $0 == "0" })
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
    }

    private static func isNegativeZero(_ text: String) -> Bool {
        text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
    }
}
