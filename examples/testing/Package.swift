// swift-tools-version: 6.0
import Foundation
import PackageDescription

// Pier, by path: the repository this example lives in. SwiftPM names a package it finds by path after its folder
// (in lower case), which a clone may name as it likes, so the name is read from the path.
let pierPath = "../.."
let pier = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(pierPath)
    .standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "PierTestingExample",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: pierPath)],
    targets: [
        .testTarget(
            name: "NotesTests",
            dependencies: [
                .product(name: "PierTesting", package: pier),
                // Only to look at what the engine holds after a stack is gone.
                .product(name: "DockerEngine", package: pier),
            ]
        )
    ]
)
