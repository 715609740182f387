// swift-tools-version:6.1
// Benchmarks, kept out of the main package so its build and tests never wait for them.
import PackageDescription

let package = Package(
    name: "shenbao-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "shenbao", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Documents",
            dependencies: [
                .product(name: "ShenbaoDocuments", package: "shenbao"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Documents",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Review",
            dependencies: [
                .product(name: "ShenbaoCore", package: "shenbao"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Review",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
