// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that the main package's dependency graph stays light
// (as apple/swift-collections does). Run in release:
//   swift run -c release --package-path Benchmarks collapse-bench samplers
// With OpenBLAS as well (the main package's trait, forwarded):
//   swift run -c release --package-path Benchmarks --traits OpenBLAS collapse-bench ridge
let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    traits: [
        .trait(name: "OpenBLAS", description: "Build ModelCollapse with its OpenBLAS trait"),
    ],
    dependencies: [
        .package(
            name: "ModelCollapse", path: "..",
            traits: [.defaults, .trait(name: "OpenBLAS", condition: .when(traits: ["OpenBLAS"]))]),
    ],
    targets: [
        .executableTarget(
            name: "collapse-bench",
            dependencies: [
                .product(name: "Randomness", package: "ModelCollapse"),
                .product(name: "ModelCollapse", package: "ModelCollapse"),
                .product(name: "Families", package: "ModelCollapse"),
                .product(name: "LinearAlgebra", package: "ModelCollapse"),
                .product(name: "Language", package: "ModelCollapse"),
            ],
        ),
    ]
)
