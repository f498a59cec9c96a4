import Randomness

/// Runs sampling code specialised for the engine's generator.
///
/// The engine calls ``Learner/sample(from:count:into:using:)`` from generic code compiled in
/// ModelCollapse, so the learner's implementation runs unspecialised over `G` and every random
/// number goes through a protocol witness call — a large share of the cost of a binomial. Every
/// replicate's generator is a ``Xoshiro256StarStar`` (``ReplicateChain/generator(replicate:)``):
/// checking that once per batch and calling code compiled for it removes the indirection from the
/// inner loops. Other generators take the generic path.
public enum EngineGenerator {
    /// Calls `body` on `generator` as a ``Xoshiro256StarStar`` and returns true when it is one;
    /// returns false (without calling `body`) otherwise.
    @inlinable
    public static func withConcrete<G: RandomNumberGenerator>(
        _ generator: inout G, _ body: (inout Xoshiro256StarStar) -> Void
    ) -> Bool {
        guard G.self == Xoshiro256StarStar.self else { return false }
        withUnsafeMutablePointer(to: &generator) { pointer in
            pointer.withMemoryRebound(to: Xoshiro256StarStar.self, capacity: 1) { body(&$0.pointee) }
        }
        return true
    }
}
