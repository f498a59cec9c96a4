// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way (DESIGN.md):
// Randomness, Statistics, LinearAlgebra ← ModelCollapse ← Families, Language ← Theory, Experiments ← Reports ← collapse
let package = Package(
    name: "ModelCollapse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "collapse", targets: ["collapse"]),
        .library(name: "ModelCollapse", targets: ["ModelCollapse"]),
        .library(name: "Randomness", targets: ["Randomness"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Families", targets: ["Families"]),
        .library(name: "Language", targets: ["Language"]),
        .library(name: "Theory", targets: ["Theory"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    // `swift build --traits OpenBLAS` (or `swift test --traits OpenBLAS`): LinearAlgebra's products and
    // factorisations through the system OpenBLAS and LAPACKE (Debian/Ubuntu: apt-get install
    // libopenblas-dev liblapacke-dev). Without it everything is pure Swift (Docs/LinearAlgebra.md).
    traits: [
        .trait(name: "OpenBLAS", description: "LinearAlgebra on the system OpenBLAS + LAPACKE (pkg-config openblas, lapacke)"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Test-only: property-based tests of the spec parser and the regimes (issue 11).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "Randomness"),
        .target(name: "Statistics", dependencies: ["LinearAlgebra"]),
        .target(
            name: "LinearAlgebra",
            dependencies: [.target(name: "COpenBLAS", condition: .when(traits: ["OpenBLAS"]))]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"]), .brew(["openblas"])]
        ),
        .target(name: "ModelCollapse", dependencies: ["Randomness", "Statistics", "LinearAlgebra"]),
        .target(
            name: "Families",
            dependencies: ["ModelCollapse", "Randomness", "Statistics", "LinearAlgebra"],
            // Resources/digits.csv (CC BY 4.0, Resources/digits-LICENSE.txt) for the neural-network families.
            resources: [.copy("Resources")]
        ),
        .target(
            name: "Language",
            dependencies: ["ModelCollapse", "Randomness", "Statistics"],
            exclude: ["Resources/make_subset.py"],
            resources: [.copy("Resources/wordnet-nouns-subset.tsv"), .copy("Resources/WORDNET-LICENSE.txt")]
        ),
        .target(name: "Theory", dependencies: ["Families", "ModelCollapse", "Statistics"]),
        .target(
            name: "Experiments",
            dependencies: [
                "Families", "Language", "Theory", "ModelCollapse", "Randomness", "Statistics", "LinearAlgebra",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Presets")]
        ),
        .target(
            name: "Reports",
            dependencies: [
                "Experiments", "ModelCollapse", "Statistics",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "collapse",
            dependencies: [
                "Reports", "Experiments", "ModelCollapse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness", "Statistics"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "Randomness", "LinearAlgebra"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "Randomness"]),
        .testTarget(
            name: "ModelCollapseTests",
            dependencies: ["ModelCollapse", "Randomness", "Statistics", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "FamiliesTests", dependencies: ["Families", "Theory", "ModelCollapse", "Randomness", "Statistics", "LinearAlgebra"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "Experiments", "ModelCollapse", "Randomness", "Statistics"]),
        .testTarget(name: "TheoryTests", dependencies: ["Theory", "Families", "ModelCollapse", "Statistics"]),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: [
                "Experiments", "Families", "Language", "Theory", "ModelCollapse", "Statistics",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "ModelCollapse"]),
        .testTarget(name: "CollapseCLITests", dependencies: ["collapse"]),
    ]
)
