import Foundation
import FuzzDriver

@testable import ComposeSpec

/// Merging a later compose file into an earlier one, as `-f a.yaml -f b.yaml` does, and one service over another
/// as `extends` does. The input is the two files, as two YAML documents (`---` between them).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMerge(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let documents = try? YAMLReader.documents(text, file: "fuzz.yaml"), documents.count >= 2 else { return 0 }
    guard let merged = try? Merge.documents(Merge.documents(.mapping([:]), documents[0]), documents[1]) else {
        return 0
    }
    _ = JSONWriter.write(merged)
    for (name, service) in documents[1]["services"]?.mapping ?? [:] {
        if let base = documents[0]["services"]?[name] { _ = try? Merge.service(base, service) }
    }
    return 0
}

exit(pier_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzMerge))
