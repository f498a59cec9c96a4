extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits: `(next() >> 11) · 2⁻⁵³`.
    ///
    /// Every value is a multiple of 2⁻⁵³, each with probability 2⁻⁵³ (Vigna, "xoshiro / xoroshiro
    /// generators and the PRNG shootout", section "Generating uniform doubles in the unit interval").
    @inlinable
    @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() &>> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1]: `((next() >> 11) + 1) · 2⁻⁵³`; safe to take the logarithm of.
    @inlinable
    @inline(__always)
    public mutating func nextOpenUniform() -> Double {
        Double((next() &>> 11) &+ 1) * 0x1.0p-53
    }
}
