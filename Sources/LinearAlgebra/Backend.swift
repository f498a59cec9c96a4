#if OpenBLAS
import COpenBLAS
#endif
import Synchronization

/// The implementation behind ``Matrix``'s products and factorisations.
///
/// The pure-Swift kernels are always compiled. Built with the package trait `OpenBLAS`
/// (`swift build --traits OpenBLAS`), the system OpenBLAS and LAPACKE are linked as well and become
/// the default: `dgemm`/`dsyrk` for products, `dpotrf`/`dpstrf` for Cholesky, `dtrsv`/`dtrsm`/`dtrmm`
/// for triangular solves and products, `dsyevd` for symmetric eigendecompositions, `dgelsd` for
/// minimum-norm least squares. The public API and its contracts (nil for a non-positive-definite
/// matrix, the pivot tolerance, the eigenvector sign convention, ascending eigenvalues) are the same on
/// both; results agree to rounding (the tests ask for 1e-10 relative on random problems). One
/// exception is a property of the algorithm, not of the API: the Jacobi eigensolver of the Swift
/// backend (its default up to order 12, and `symmetricEigen(using: .jacobi)` at any order) has
/// Demmel–Veselić relative accuracy for the tiny eigenvalues of graded positive definite matrices;
/// `dsyevd` and the Swift backend's tridiagonal QR are accurate relative to ‖A‖ only.
///
/// Selection: ``current`` is the backend of a ``with(_:_:)`` scope on this thread if there is one, else
/// the process-wide ``preferred`` one. Scopes are task-local: they do not reach threads that a
/// `DispatchQueue.concurrentPerform` starts, so a tool that wants a backend for a whole simulation sets
/// ``preferred`` before it starts.
public enum Backend: String, Sendable, CaseIterable {
    /// Pure Swift: cache-blocked products, Cholesky–Crout, tridiagonal QR eigensolver (Jacobi up to order 12).
    case swift
    /// OpenBLAS + LAPACKE (only with the `OpenBLAS` trait).
    case openBLAS = "openblas"

    /// Whether the OpenBLAS backend was compiled in (the `OpenBLAS` package trait).
    public static var isOpenBLASAvailable: Bool {
        #if OpenBLAS
        return true
        #else
        return false
        #endif
    }

    /// The backends that can be selected in this build.
    public static var available: [Backend] { isOpenBLASAvailable ? [.swift, .openBLAS] : [.swift] }

    @TaskLocal static var scoped: Backend?

    /// 0 = swift, 1 = openBLAS.
    private static let preferredStorage = Atomic<Int>(isOpenBLASAvailable ? 1 : 0)

    /// The process-wide backend outside ``with(_:_:)`` scopes: OpenBLAS when it was compiled in, else
    /// Swift. Meant to be set once by a tool (a benchmark, the CLI) before work starts.
    /// - Precondition: setting `.openBLAS` needs ``isOpenBLASAvailable``.
    public static var preferred: Backend {
        get { preferredStorage.load(ordering: .relaxed) == 1 ? .openBLAS : .swift }
        set {
            precondition(newValue == .swift || isOpenBLASAvailable, "Backend: built without the OpenBLAS trait")
            preferredStorage.store(newValue == .openBLAS ? 1 : 0, ordering: .relaxed)
        }
    }

    /// The backend that a call made now on this thread uses.
    public static var current: Backend { scoped ?? preferred }

    /// Runs `body` with `backend` as ``current`` on this thread (and in tasks it creates).
    /// - Precondition: `.openBLAS` needs ``isOpenBLASAvailable``.
    public static func with<R>(_ backend: Backend, _ body: () throws -> R) rethrows -> R {
        precondition(backend == .swift || isOpenBLASAvailable, "Backend: built without the OpenBLAS trait")
        return try $scoped.withValue(backend, operation: body)
    }

    /// Makes BLAS calls single-threaded, process-wide (`openblas_set_num_threads(1)`); a no-op in the
    /// pure-Swift build.
    ///
    /// Called at the start of every simulation (``Simulation`` runs replicates on its own threads):
    /// BLAS threads on top of replicate threads oversubscribe the cores, and a BLAS thread count
    /// that follows the replicate thread count would let results depend on `--threads`.
    public static func configureForParallelReplicates() {
        #if OpenBLAS
        if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
        #endif
    }

    /// The number of threads BLAS uses (1 in the pure-Swift build).
    public static var blasThreads: Int {
        #if OpenBLAS
        return Int(openblas_get_num_threads())
        #else
        return 1
        #endif
    }

    /// Whether calls now go to OpenBLAS: the one check every dispatch point makes.
    @usableFromInline
    static var usesOpenBLAS: Bool {
        #if OpenBLAS
        return current == .openBLAS
        #else
        return false
        #endif
    }
}
