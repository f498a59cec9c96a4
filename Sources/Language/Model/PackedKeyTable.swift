/// An open-addressing hash table from packed 64-bit keys to 32-bit values: linear probing in a
/// power-of-two array at most half full, Fibonacci hashing (the key times 2⁶⁴/φ, top bits).
///
/// Keys pack two 32-bit numbers, ``pack(_:_:)``: an n-gram table keys (context index, token), so
/// an n-gram of any order is one 64-bit key and no string or array is ever hashed. The key
/// `UInt64.max` marks an empty slot, so neither half may be `UInt32.max`.
public struct PackedKeyTable: Sendable {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [UInt32]
    @usableFromInline var shift: UInt64
    @usableFromInline var storedCount: Int
    /// The number of keys.
    public var count: Int { storedCount }

    @usableFromInline static var empty: UInt64 { UInt64.max }

    public init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < 2 * minimumCapacity { capacity <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: capacity)
        values = [UInt32](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        storedCount = 0
    }

    /// The key of the pair (high, low).
    @inlinable @inline(__always)
    public static func pack(_ high: UInt32, _ low: UInt32) -> UInt64 { UInt64(high) << 32 | UInt64(low) }

    @inlinable @inline(__always)
    func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift) }

    /// The value of `key`, or nil.
    @inlinable
    public func value(for key: UInt64) -> UInt32? {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var i = slot(key)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// The value of `key`; inserts `newValue` first when the key is absent.
    @inlinable
    public mutating func value(for key: UInt64, inserting newValue: UInt32) -> (value: UInt32, inserted: Bool) {
        assert(key != Self.empty)
        if 2 * (storedCount + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return (values[i], false) }
            if k == Self.empty {
                keys[i] = key
                values[i] = newValue
                storedCount += 1
                return (newValue, true)
            }
            i = (i + 1) & mask
        }
    }

    @usableFromInline
    mutating func grow() {
        let oldKeys = keys, oldValues = values
        let capacity = keys.count * 2
        keys = [UInt64](repeating: Self.empty, count: capacity)
        values = [UInt32](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for (j, key) in oldKeys.enumerated() where key != Self.empty {
            var i = slot(key)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = key
            values[i] = oldValues[j]
        }
    }

    /// Bytes held by the table's arrays.
    public var memoryBytes: Int { keys.count * 12 }
}
