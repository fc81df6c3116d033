import Foundation
import FuzzDriver

@testable import ComposeSpec

/// YAML reading with positions: any bytes are a compose file, or a located error. What is read is then written back
/// as JSON and YAML, as `config` prints it (the writers once crashed on whole numbers of 2^63 and more).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let documents = try? YAMLReader.documents(text, file: "fuzz.yaml") else { return 0 }
    for document in documents {
        _ = JSONWriter.write(document)
        _ = YAMLWriter.write(document)
    }
    return 0
}

exit(pier_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzYAML))
