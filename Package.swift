// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Pier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pier", targets: ["pier"]),
        .library(name: "ComposeSpec", targets: ["ComposeSpec"]),
        .library(name: "PierCLI", targets: ["PierCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "ComposeSpec",
            dependencies: [
                "Yams",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "PierCLI",
            dependencies: [
                "ComposeSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pier", dependencies: ["PierCLI"]),
        .testTarget(name: "ComposeSpecTests", dependencies: ["ComposeSpec"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ComposeSpec"]),
    ]
)
