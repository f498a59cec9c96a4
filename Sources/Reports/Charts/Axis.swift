import Foundation

/// A tick on an axis; only ticks with a label are drawn with one, the others are grid lines.
struct AxisTick: Equatable {
    var value: Double
    var label: String?
}

/// A resolved axis: scale, domain and nice ticks (1-2-5 steps, or decades on a log axis).
struct Axis: Equatable {
    var scale: AxisScale
    var lower: Double
    var upper: Double
    var ticks: [AxisTick]

    /// Where `value` falls, 0 at `lower` and 1 at `upper`; nil when it cannot be drawn
    /// (not finite, or ≤ 0 on a log axis).
    func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .log:
            guard value > 0 else { return nil }
            return (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        default:
            return (value - lower) / (upper - lower)
        }
    }

    func canDraw(_ value: Double) -> Bool { fraction(value) != nil }

    var labels: [String] { ticks.compactMap(\.label) }

    // MARK: linear

    /// Nice linear ticks: the smallest step of the form {1, 2, 5}·10^k giving at most `maxCount`
    /// ticks; the domain is widened to whole steps.
    static func linear(from low: Double, to high: Double, maxCount: Int, integerStep: Bool = false) -> Axis {
        var low = low, high = high
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if low > high { swap(&low, &high) }
        if low == high {
            let pad = low == 0 ? 1 : Swift.abs(low) * 0.1
            low -= pad; high += pad
            if integerStep { low = (low).rounded(.down); high = (high).rounded(.up) }
        }
        let maxCount = Swift.max(2, maxCount)
        let range = high - low
        var exponent = Int((Foundation.log10(range / Double(maxCount))).rounded(.down)) - 1
        var chosen: (step: Double, first: Double, last: Double)? = nil
        search: while exponent < 400 {
            for multiplier in [1.0, 2.0, 5.0] {
                let step = multiplier * Foundation.pow(10, Double(exponent))
                if integerStep && step < 1 { continue }
                let first = (low / step + 1e-9).rounded(.down)
                let last = (high / step - 1e-9).rounded(.up)
                if Int(last - first) + 1 <= maxCount {
                    chosen = (step, first, last)
                    break search
                }
            }
            exponent += 1
        }
        let (step, first, last) = chosen ?? (range, 0, 1)
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        let labels = linearLabels(values, step: step)
        return Axis(
            scale: .linear, lower: first * step, upper: last * step,
            ticks: zip(values, labels).map { AxisTick(value: $0, label: $1) })
    }

    static func linearLabels(_ values: [Double], step: Double) -> [String] {
        let largest = values.map { Swift.abs($0) }.max() ?? 0
        let decimals = step >= 1 ? 0 : Int((-Foundation.log10(step) - 1e-9).rounded(.up))
        if largest >= 1e6 || decimals > 4 {
            let digits = Swift.max(0, Int(Foundation.log10(largest).rounded(.down)) - Int(Foundation.log10(step).rounded(.down)))
            return values.map { value in
                if Swift.abs(value) < step * 1e-6 { return "0" }
                return trimMantissa(NumberFormatting.tidyExponent(String(format: "%.\(Swift.min(digits, 6))e", value)))
            }
        }
        return values.map { Swift.abs($0) < step * 1e-6 ? "0" : NumberFormatting.fixed($0, decimals: decimals) }
    }

    /// `5.0e-6` → `5e-6`, `1.50e3` → `1.5e3`.
    static func trimMantissa(_ label: String) -> String {
        guard let e = label.firstIndex(of: "e") else { return label }
        var mantissa = String(label[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return mantissa + label[e...]
    }

    // MARK: log

    /// Log ticks. Over more than two decades: decades, every `s`-th one labelled so that at most
    /// `maxCount` labels are drawn, the others (and 2…9 within a decade, when there are few
    /// decades) grid lines. Over two decades or fewer: 1, 2, 5 in each decade.
    static func log(from low: Double, to high: Double, maxCount: Int) -> Axis {
        var low = low, high = high
        if !(low > 0) || !low.isFinite || !high.isFinite || high < low { low = 1; high = 10 }
        var logLow = Foundation.log10(low), logHigh = Foundation.log10(high)
        if logHigh - logLow < 1e-9 { logLow -= 0.15; logHigh += 0.15 }
        let maxCount = Swift.max(2, maxCount)
        let firstDecade = Int(logLow.rounded(.down)), lastDecade = Int(logHigh.rounded(.up))
        let decades = lastDecade - firstDecade

        if decades <= 2 {
            var candidates: [Double] = []
            for k in (firstDecade - 1)...(lastDecade + 1) {
                for m in [1.0, 2.0, 5.0] { candidates.append(m * Foundation.pow(10, Double(k))) }
            }
            let lower = candidates.last(where: { Foundation.log10($0) <= logLow + 1e-12 }) ?? Foundation.pow(10, logLow)
            let upper = candidates.first(where: { Foundation.log10($0) >= logHigh - 1e-12 }) ?? Foundation.pow(10, logHigh)
            var inside = candidates.filter { $0 >= lower * (1 - 1e-12) && $0 <= upper * (1 + 1e-12) }
            if inside.count > maxCount { inside = inside.filter { isPowerOfTen($0) || mantissa($0) == 5 } }
            if inside.count > maxCount { inside = inside.filter(isPowerOfTen) }
            let ticks = inside.map { AxisTick(value: $0, label: logLabel($0)) }
            return Axis(scale: .log, lower: lower, upper: upper, ticks: ticks)
        }

        let every = Swift.max(1, Int((Double(decades) / Double(maxCount - 1)).rounded(.up)))
        var ticks: [AxisTick] = []
        for k in firstDecade...lastDecade {
            let value = Foundation.pow(10, Double(k))
            ticks.append(AxisTick(value: value, label: (k - firstDecade) % every == 0 ? logLabel(value) : nil))
            if decades <= 5 && k < lastDecade {
                for m in 2...9 { ticks.append(AxisTick(value: Double(m) * value, label: nil)) }
            }
        }
        return Axis(
            scale: .log, lower: Foundation.pow(10, Double(firstDecade)), upper: Foundation.pow(10, Double(lastDecade)),
            ticks: ticks)
    }

    private static func mantissa(_ value: Double) -> Int {
        Int((value / Foundation.pow(10, Foundation.log10(value).rounded(.down))).rounded())
    }

    private static func isPowerOfTen(_ value: Double) -> Bool { mantissa(value) == 1 }

    static func logLabel(_ value: Double) -> String { NumberFormatting.significant(value, digits: 3) }

    /// An axis for `values` on the given (resolved) scale.
    static func fitting(_ values: [Double], scale: AxisScale, maxCount: Int) -> Axis {
        let drawable = values.filter { $0.isFinite && (scale != .log || $0 > 0) }
        let low = drawable.min() ?? (scale == .log ? 1 : 0)
        let high = drawable.max() ?? (scale == .log ? 10 : 1)
        return scale == .log ? log(from: low, to: high, maxCount: maxCount) : linear(from: low, to: high, maxCount: maxCount)
    }
}
