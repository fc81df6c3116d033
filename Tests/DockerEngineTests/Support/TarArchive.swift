/// A minimal ustar writer for build contexts in tests (regular files only).
enum TarArchive {
    static func make(_ files: [(path: String, contents: String)]) -> [UInt8] {
        var archive: [UInt8] = []
        for file in files {
            let contents = Array(file.contents.utf8)
            archive += header(path: file.path, size: contents.count)
            archive += contents
            archive += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
        }
        return archive + [UInt8](repeating: 0, count: 1024)
    }

    private static func header(path: String, size: Int) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: width - 1 - digits.count) + digits
        }
        put(path, at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(1_700_000_000, width: 12), at: 136)
        put("        ", at: 148)
        put("0", at: 156)
        put("ustar\u{0}00", at: 257)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7), at: 148)
        return header
    }
}
