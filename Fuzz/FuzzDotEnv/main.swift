import Foundation
import FuzzDriver

@testable import ComposeSpec

/// Env files in Compose's dotenv syntax and in the raw format of `env_file`. `HOME` is set in the environment;
/// values may refer to it and to the keys before them.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDotEnv(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? DotEnv.parse(text, file: "fuzz.env") { $0 == "HOME" ? "/home/fuzz" : nil }
    _ = try? DotEnv.parseRaw(text, file: "fuzz.env")
    return 0
}

exit(pier_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzDotEnv))
