import Foundation
import LinearAlgebra
import Randomness

/// `collapse-bench eigen [--sizes 100,200,400,800] [--budget 2] [--methods jacobi,tridiagonal-qr,dsyevd]`: seconds per symmetric
/// eigendecomposition (values and vectors) of a Wigner matrix (entries N(0, 1), symmetrised) of each
/// order, by each pure-Swift algorithm (cyclic Jacobi, the previous default; Householder + implicit QR,
/// the new one) and by `dsyevd` when the build has the OpenBLAS trait. Best of as many runs as fit in
/// `--budget` seconds (at least one, at most 10). Also prints the QR result's ‖A − VΛVᵀ‖_max/‖A‖_max and
/// ‖VᵀV − I‖_max. `Benchmarks/eigen_numpy.py` times `numpy.linalg.eigh` on the same kind of matrix.
func runEigenBenchmarks(_ arguments: [String]) {
    var sizes = [100, 200, 400, 800]
    if let index = arguments.firstIndex(of: "--sizes"), index + 1 < arguments.count {
        sizes = arguments[index + 1].split(separator: ",").compactMap { Int($0) }
    }
    var budget = 2.0
    if let index = arguments.firstIndex(of: "--budget"), index + 1 < arguments.count, let value = Double(arguments[index + 1]) {
        budget = value
    }
    var methods: [(name: String, run: (Matrix) -> SymmetricEigen)] = [
        ("jacobi", { $0.symmetricEigen(using: .jacobi) }),
        ("tridiagonal-qr", { $0.symmetricEigen(using: .tridiagonalQR) }),
    ]
    if Backend.isOpenBLASAvailable {
        methods.append(("dsyevd", { a in Backend.with(.openBLAS) { a.symmetricEigen() } }))
    }
    if let index = arguments.firstIndex(of: "--methods"), index + 1 < arguments.count {
        let chosen = arguments[index + 1].split(separator: ",").map(String.init)
        methods = methods.filter { chosen.contains($0.name) }
    }
    var generator = Xoshiro256StarStar(seed: 7)
    let clock = ContinuousClock()
    print(BenchmarkTable.left("method", 16), BenchmarkTable.right("n", 6), BenchmarkTable.right("runs", 6),
          BenchmarkTable.right("seconds", 12), BenchmarkTable.right("n³/s (1e9)", 12),
          BenchmarkTable.right("residual", 10), BenchmarkTable.right("orthog.", 10))
    var checksum = 0.0
    for n in sizes {
        var entries = [Double](repeating: 0, count: n * n)
        entries.withUnsafeMutableBufferPointer { Normal().fill($0, using: &generator) }
        let g = Matrix(rows: n, columns: n, elements: entries)
        let a = Matrix(rows: n, columns: n) { i, j in (g[i, j] + g[j, i]) / 2 }
        for method in methods {
            var best = Double.infinity, total = 0.0, runs = 0
            var result: SymmetricEigen? = nil
            while runs < 10 && (runs == 0 || total + best <= budget) {
                let elapsed = clock.measure { result = method.run(a) }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                best = min(best, seconds)
                total += seconds
                runs += 1
            }
            let e = result!
            checksum += e.values.reduce(0, +)
            let v = e.vectors
            let scaled = Matrix(rows: n, columns: n) { i, k in v[i, k] * e.values[k] }
            let residual = maxAbs((scaled * v.transposed() - a).elements) / maxAbs(a.elements)
            let orthogonality = maxAbs((v.transposedTimes(v) - Matrix.identity(n)).elements)
            print(BenchmarkTable.left(method.name, 16), String(format: "%6d %6d %12.4e %12.3f %10.1e %10.1e",
                  n, runs, best, Double(n * n * n) / best / 1e9, residual, orthogonality))
        }
    }
    print(String(format: "checksum %.6e", checksum))
}

private func maxAbs(_ values: [Double]) -> Double { values.reduce(0) { max($0, abs($1)) } }
