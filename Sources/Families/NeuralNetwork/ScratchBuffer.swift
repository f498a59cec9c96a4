/// A fixed-size buffer of scalars, zero-initialised, freed with its handle: the training and
/// inference loops work on raw pointers into a few of these instead of on arrays (no copy-on-write
/// checks or bounds checks in the inner loops). Bounds are `assert`ed in debug builds.
final class ScratchBuffer<Scalar: NetworkScalar> {
    let count: Int
    let base: UnsafeMutablePointer<Scalar>

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: 0, count: max(1, count))
    }

    init(_ values: [Scalar]) {
        count = values.count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: 0, count: max(1, count))
        values.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { base.update(from: address, count: count) }
        }
    }

    deinit { base.deallocate() }

    /// A pointer to element `offset`.
    @inline(__always)
    func pointer(at offset: Int) -> UnsafeMutablePointer<Scalar> {
        assert(offset >= 0 && offset <= count, "ScratchBuffer: offset \(offset) outside 0…\(count)")
        return base + offset
    }

    func zero() { base.update(repeating: 0, count: count) }

    func copy(from other: ScratchBuffer<Scalar>) {
        assert(other.count == count)
        base.update(from: other.base, count: count)
    }

    var array: [Scalar] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
