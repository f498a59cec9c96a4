import Randomness

/// Calls `body` with `generator` seen as the concrete ``Xoshiro256StarStar`` when it is one, and
/// returns whether it was.
///
/// The engine's replicate loop is generic and compiled once in ModelCollapse, so a family's
/// `sample(…using:)` runs with an unknown generator type: every draw would go through witness
/// tables, and the standard library's generic `next(upperBound:)` through runtime type metadata
/// (about 40 ns a call). Calling the sampler from here, with the concrete type, lets the compiler
/// specialise it in this module. The rebinding is between identical types.
@inlinable
func withConcreteGenerator<G: RandomNumberGenerator>(_ generator: inout G, _ body: (inout Xoshiro256StarStar) -> Void) -> Bool {
    guard G.self == Xoshiro256StarStar.self else { return false }
    withUnsafeMutablePointer(to: &generator) { pointer in
        pointer.withMemoryRebound(to: Xoshiro256StarStar.self, capacity: 1) { body(&$0.pointee) }
    }
    return true
}
