import Foundation

/// Numbers in output files: 12 significant digits, `inf`, `-inf`, `nan`; the same bytes for the
/// same value on every run.
public enum NumberFormat {
    public static func csv(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        return String(format: "%.12g", value)
    }
}
