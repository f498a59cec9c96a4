// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that the main package's dependency graph stays light
// (as apple/swift-collections does). Run in release:
//   swift run -c release --package-path Benchmarks collapse-bench samplers
let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ModelCollapse", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "collapse-bench",
            dependencies: [
                .product(name: "Randomness", package: "ModelCollapse"),
                .product(name: "ModelCollapse", package: "ModelCollapse"),
                .product(name: "Families", package: "ModelCollapse"),
            ],
        ),
    ]
)
