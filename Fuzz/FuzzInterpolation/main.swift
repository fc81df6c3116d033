import Foundation
import FuzzDriver

@testable import ComposeSpec

/// Interpolation of one value, and the variables `config --variables` lists for it. Variables whose name starts
/// with a vowel are set (to a value that is itself a template, so it must not be substituted again), `E` to the
/// empty string, the others unset.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzInterpolation(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lookup: (String) -> String? = { name in
        if name == "E" { return "" }
        return "AEIOUaeiou".contains(name.first ?? "x") ? "${\(name)}-value" : nil
    }
    var unset = 0
    _ = try? Interpolation.substitute(text, lookup: lookup) { _ in unset += 1 }
    _ = try? Interpolation.variables(in: text)
    return 0
}

exit(pier_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzInterpolation))
