import Foundation
import FuzzDriver

@testable import ComposeSpec

/// The whole loader, `include` and `extends` included, on files kept in memory (a directory under /dev/shm): the
/// input is a little archive of files, each starting with a line `#@ NAME` where NAME is one of `Layout.files`.
/// Everything up to the first such line is `compose.yaml`.
enum Layout {
    static let files = [
        "compose.yaml", "compose.override.yaml", "b.yaml", "c.yaml", ".env", "e.env", "sub/d.yaml", "sub/.env",
    ]
    static let root: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return base + "/pier-fuzz-loader-\(ProcessInfo.processInfo.processIdentifier)"
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    try? FileManager.default.removeItem(atPath: Layout.root)
    try? FileManager.default.createDirectory(atPath: Layout.root + "/sub", withIntermediateDirectories: true)
    var name = "compose.yaml"
    var contents: [String: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("#@ "), Layout.files.contains(String(line.dropFirst(3))) {
            name = String(line.dropFirst(3))
            continue
        }
        contents[name, default: ""] += line + "\n"
    }
    for (file, content) in contents {
        _ = FileManager.default.createFile(atPath: Layout.root + "/" + file, contents: Data(content.utf8))
    }
    var options = ProjectOptions(
        environment: ["HOME": "/home/fuzz", "PATH": "/usr/bin"], workingDirectory: Layout.root)
    options.profiles = contents["compose.yaml"]?.contains("profiles") == true ? ["*"] : []
    if let project = try? ProjectLoader.load(options) {
        _ = JSONWriter.write(project.document)
        for (_, service) in project.document["services"]?.mapping ?? [:] { _ = ServiceHash.of(service) }
    }
    return 0
}

exit(pier_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzLoader))
