/// A distribution that can be sampled with an injected generator.
///
/// Conforming types are small immutable values (parameters and precomputed constants) that hold no
/// generator: randomness comes from the `inout` generator of each call, so one sampler can be shared
/// across threads while every replicate keeps its own stream (see ``RandomStream``).
///
/// `fill(_:using:)` draws into a caller-owned buffer; it is a requirement with a default
/// implementation so that samplers with a faster batch path (``Normal``, ``Exponential``) use it
/// also from generic code.
public protocol Sampler {
    associatedtype Value

    /// One draw.
    func sample<G: RandomNumberGenerator>(using generator: inout G) -> Value

    /// Overwrites every element of `buffer` with an independent draw, in index order.
    ///
    /// The values are those of `buffer.count` successive calls to ``sample(using:)`` unless a
    /// conforming type documents otherwise.
    func fill<G: RandomNumberGenerator>(_ buffer: UnsafeMutableBufferPointer<Value>, using generator: inout G)
}

extension Sampler {
    @inlinable
    public func fill<G: RandomNumberGenerator>(
        _ buffer: UnsafeMutableBufferPointer<Value>, using generator: inout G
    ) {
        // A local copy of the generator lets the optimiser keep its state in registers.
        var local = generator
        defer { generator = local }
        for index in buffer.indices {
            buffer[index] = sample(using: &local)
        }
    }

    /// Overwrites every element of `array` with an independent draw; its count is unchanged and
    /// nothing is allocated (unless the array's storage is shared and must be copied first).
    @inlinable
    public func fill<G: RandomNumberGenerator>(_ array: inout [Value], using generator: inout G) {
        array.withUnsafeMutableBufferPointer { buffer in
            fill(buffer, using: &generator)
        }
    }
}
