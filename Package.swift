// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "Pier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pier", targets: ["pier"]),
        .library(name: "ComposeSpec", targets: ["ComposeSpec"]),
        .library(name: "DockerEngine", targets: ["DockerEngine"]),
        .library(name: "Orchestration", targets: ["Orchestration"]),
        .library(name: "ComposeAnalysis", targets: ["ComposeAnalysis"]),
        .library(name: "ScaleOut", targets: ["ScaleOut"]),
        .library(name: "PierCLI", targets: ["PierCLI"]),
        .library(name: "PierTesting", targets: ["PierTesting"]),
        .library(name: "PierDashboard", targets: ["PierDashboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        .target(name: "Digest"),
        .target(name: "Tar"),
        .target(
            name: "ComposeSpec",
            dependencies: [
                "Digest",
                "Yams",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "DockerEngine",
            dependencies: [
                "Digest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .target(name: "ComposeAnalysis", dependencies: ["ComposeSpec"]),
        .target(
            name: "Orchestration",
            dependencies: [
                "ComposeSpec", "ComposeAnalysis", "DockerEngine", "Tar",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // Beyond one engine: Kubernetes and Swarm conversion (pure), Swarm deploy (the only part that needs an engine).
        .target(name: "ScaleOut", dependencies: ["ComposeSpec", "DockerEngine", "Digest"]),
        // The web dashboard (`pier dashboard`): the page, its assets (embedded in the binary) and its live streams,
        // served by Hummingbird.
        .target(
            name: "PierDashboard",
            dependencies: [
                "ComposeSpec", "ComposeAnalysis", "DockerEngine", "Orchestration",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            resources: [
                .embedInCode("Assets/index.html"), .embedInCode("Assets/app.js"), .embedInCode("Assets/app.css"),
                .embedInCode("Assets/icon.svg"),
            ]
        ),
        .target(
            name: "PierCLI",
            dependencies: [
                "ComposeSpec", "ComposeAnalysis", "DockerEngine", "Orchestration", "ScaleOut", "PierDashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pier", dependencies: ["PierCLI"]),
        // Compose stacks inside Swift tests: on Orchestration, without the command line.
        .target(
            name: "PierTesting",
            dependencies: [
                "ComposeSpec", "DockerEngine", "Orchestration",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // What the test targets share: child processes, one trait per real dependency, scratch projects, an
        // in-process HTTP server and the fake engine on it.
        .target(
            name: "PierTestSupport",
            dependencies: [
                "DockerEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            path: "Tests/PierTestSupport"
        ),
        .testTarget(name: "ComposeSpecTests", dependencies: ["ComposeSpec", "Digest"]),
        .testTarget(name: "ComposeAnalysisTests", dependencies: ["ComposeAnalysis", "ComposeSpec", "PierTestSupport"]),
        .testTarget(name: "TarTests", dependencies: ["Tar", "PierTestSupport"]),
        .testTarget(
            name: "DockerEngineTests",
            dependencies: [
                "DockerEngine",
                "Digest",
                "Tar",
                "PierTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "OrchestrationTests",
            dependencies: ["Orchestration", "ComposeSpec", "DockerEngine", "Tar", "PierTestSupport"]
        ),
        .testTarget(
            name: "PierCLITests",
            dependencies: [
                "PierCLI", "ComposeSpec", "Orchestration", "DockerEngine", "PierTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PierTestingTests", dependencies: ["PierTesting", "PierTestSupport", "DockerEngine", "Tar"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ComposeSpec", "Digest", "DockerEngine", "PierTesting", "PierTestSupport"]),
        .testTarget(
            name: "PierDashboardTests",
            dependencies: [
                "PierDashboard", "ComposeSpec", "DockerEngine", "Orchestration", "PierTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(
            name: "ScaleOutTests", dependencies: ["ScaleOut", "ComposeSpec", "DockerEngine", "PierTestSupport"]),
    ]
)

// The libFuzzer targets of `make fuzz` (Fuzz/): only with PIER_FUZZ=1, built with `-sanitize=fuzzer`. Each runs
// libFuzzer's driver from its own `main` (FuzzDriver), and reaches the loader's internals with `@testable import`
// (the Makefile passes `-enable-testing`).
if ProcessInfo.processInfo.environment["PIER_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"))
    for name in ["FuzzYAML", "FuzzInterpolation", "FuzzDotEnv", "FuzzMerge", "FuzzLoader"] {
        package.targets.append(
            .executableTarget(name: name, dependencies: ["ComposeSpec", "FuzzDriver"], path: "Fuzz/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
