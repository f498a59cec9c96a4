/// Sorting of doubles by least-significant-digit radix sort on an order-preserving integer key.
///
/// The key of x maps the IEEE-754 bit pattern so that unsigned order is numeric order: negative
/// numbers have every bit flipped, non-negative ones the sign bit set (−∞ < … < −0 < +0 < … < +∞).
/// Eight passes over bytes (a pass is skipped when every key has the same byte there), each a
/// counting sort: O(8n) with no comparisons and no branches to mispredict (Knuth, TAOCP vol. 3,
/// §5.2.5). Used by ``QuantileSketch``, whose compactions sort buffers of about a thousand values.
/// The keys are formed in place and the scratch space is on the stack below 4096 values.
/// NaN must not be present (the sketch counts NaN apart).
public enum RadixSort {
    /// Below this size the standard library's sort is faster.
    public static let threshold = 96

    public static func sort(_ values: inout [Double]) {
        let n = values.count
        if n < threshold {
            values.sort()
            return
        }
        values.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt64.self) { keys in
                if n <= 4096 {
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { scratch in
                        sortKeys(keys, scratch: scratch)
                    }
                } else {
                    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
                    defer { scratch.deallocate() }
                    sortKeys(keys, scratch: scratch)
                }
            }
        }
    }

    /// Sorts doubles stored as their bit patterns in `keys` (transformed in place and back).
    static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>) {
        let n = keys.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 8 * 256) { counts in
            counts.initialize(repeating: 0)
            for i in 0..<n {
                let bits = keys[i]
                let key = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
                keys[i] = key
                for digit in 0..<8 {
                    counts[digit << 8 | Int(truncatingIfNeeded: (key >> UInt64(8 * digit)) & 0xFF)] &+= 1
                }
            }
            var from = keys, to = scratch
            for digit in 0..<8 {
                let shift = UInt64(8 * digit)
                let base = digit << 8
                if Int(counts[base | Int(truncatingIfNeeded: (from[0] >> shift) & 0xFF)]) == n { continue }
                var offset: Int32 = 0
                for bucket in 0..<256 {
                    let count = counts[base | bucket]
                    counts[base | bucket] = offset
                    offset &+= count
                }
                for i in 0..<n {
                    let key = from[i]
                    let bucket = base | Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                    to[Int(counts[bucket])] = key
                    counts[bucket] &+= 1
                }
                swap(&from, &to)
            }
            for i in 0..<n {
                let key = from[i]
                keys[i] = key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key
            }
        }
    }
}
