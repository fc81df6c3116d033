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
        .library(name: "PierCLI", targets: ["PierCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .target(name: "Digest"),
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
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "Orchestration", dependencies: ["ComposeSpec", "DockerEngine"]),
        .target(
            name: "PierCLI",
            dependencies: [
                "ComposeSpec", "DockerEngine", "Orchestration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pier", dependencies: ["PierCLI"]),
        .testTarget(name: "ComposeSpecTests", dependencies: ["ComposeSpec", "Digest"]),
        .testTarget(
            name: "DockerEngineTests",
            dependencies: [
                "DockerEngine",
                "Digest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "OrchestrationTests", dependencies: ["Orchestration", "ComposeSpec", "DockerEngine"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ComposeSpec"]),
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
