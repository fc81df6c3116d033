// swift-tools-version: 6.0
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
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
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
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
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
        .testTarget(name: "EndToEndTests", dependencies: ["ComposeSpec", "DockerEngine"]),
    ]
)
