// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "shenbao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shenbao", targets: ["shenbao"]),
        // For bench/, which measures the writers and the review rules on their own.
        .library(name: "ShenbaoCore", targets: ["ShenbaoCore"]),
        .library(name: "ShenbaoDocuments", targets: ["ShenbaoDocuments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
        // Tests only: reference copies of the official documents and pages, compared on every run.
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // The domain: values and rules of the guide, Foundation only, no I/O but its bundled data.
        .target(
            name: "ShenbaoCore",
            resources: [.process("Resources")]
        ),
        // The official documents: .xlsx (and later .docx) written as Office Open XML.
        .target(
            name: "ShenbaoDocuments",
            dependencies: ["ShenbaoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "ShenbaoServer",
            dependencies: [
                "ShenbaoCore",
                "ShenbaoDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(name: "shenbao", dependencies: ["ShenbaoServer"]),
        // What the three test targets share: one complete application form of each category.
        .target(name: "ShenbaoTestSupport", dependencies: ["ShenbaoCore"], path: "Tests/ShenbaoTestSupport"),
        .testTarget(
            name: "ShenbaoCoreTests",
            dependencies: ["ShenbaoCore", "ShenbaoTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ShenbaoDocumentsTests",
            dependencies: [
                "ShenbaoDocuments",
                "ShenbaoTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "ShenbaoServerTests",
            dependencies: [
                "ShenbaoServer",
                "ShenbaoDocuments",
                .product(name: "VaporTesting", package: "vapor"),
                "ShenbaoTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
