/// Writing headers: ustar, preceded by a PAX extended header when a path, link target, size or owner does not fit.
extension TarHeader {
    /// The largest size the ustar size field holds (11 octal digits); larger files need a PAX `size` record.
    public static let maxUstarSize: UInt64 = 0o77777777777

    /// The largest owner id the ustar fields hold (7 octal digits); larger ones need a PAX `uid`/`gid` record.
    public static let maxUstarID = 0o7777777

    /// Zero bytes that pad `size` bytes of content up to a whole 512-byte block.
    public static func padding(forContentSize size: UInt64) -> [UInt8] {
        let remainder = Int(size % 512)
        return remainder == 0 ? [] : [UInt8](repeating: 0, count: 512 - remainder)
    }

    /// Two zero blocks ending an archive.
    public static let endOfArchive = [UInt8](repeating: 0, count: 1024)

    /// The header blocks (PAX header and its records when needed, then the ustar header).
    public var bytes: [UInt8] {
        var name = path
        if case .directory = kind, !name.hasSuffix("/") { name += "/" }
        var linkName = ""
        var type = UInt8(ascii: "0")
        switch kind {
        case .file: break
        case .directory: type = UInt8(ascii: "5")
        case .symlink(let target): (linkName, type) = (target, UInt8(ascii: "2"))
        case .hardlink(let target): (linkName, type) = (target, UInt8(ascii: "1"))
        case .other(let flag): type = flag
        }
        var records: [String: String] = [:]
        if name.utf8.count > 100 { records["path"] = name }
        if linkName.utf8.count > 100 { records["linkpath"] = linkName }
        let size = contentSize
        if size > Self.maxUstarSize { records["size"] = String(size) }
        if uid > Self.maxUstarID { records["uid"] = String(uid) }
        if gid > Self.maxUstarID { records["gid"] = String(gid) }
        var result: [UInt8] = []
        if !records.isEmpty {
            var data: [UInt8] = []
            for (key, value) in records.sorted(by: { $0.key < $1.key }) {
                let body = " \(key)=\(value)\n"
                // The length counts its own digits.
                var length = body.utf8.count + 1
                while String(length).utf8.count + body.utf8.count != length { length += 1 }
                data += Array("\(length)\(body)".utf8)
            }
            result += Self.block(
                name: "PaxHeader", linkName: "", size: UInt64(data.count), type: UInt8(ascii: "x"), mode: 0o644,
                uid: 0, gid: 0, modified: 0)
            result += data + Self.padding(forContentSize: UInt64(data.count))
        }
        result += Self.block(
            name: name, linkName: linkName, size: size > Self.maxUstarSize ? 0 : size, type: type, mode: mode,
            uid: uid > Self.maxUstarID ? 0 : uid, gid: gid > Self.maxUstarID ? 0 : gid, modified: modified)
        return result
    }

    private static func block(
        name: String, linkName: String, size: UInt64, type: UInt8, mode: Int, uid: Int, gid: Int, modified: Int
    ) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: some Sequence<UInt8>, at offset: Int, width: Int) {
            for (index, byte) in text.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: UInt64, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            let text = String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
            put(text.utf8, at: offset, width: width - 1)
        }
        put(name.utf8, at: 0, width: 100)
        octal(UInt64(max(0, mode)), at: 100, width: 8)
        octal(UInt64(max(0, uid)), at: 108, width: 8)
        octal(UInt64(max(0, gid)), at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(UInt64(max(0, modified)), at: 136, width: 12)
        put("        ".utf8, at: 148, width: 8)  // the checksum counts its own field as spaces
        header[156] = type
        put(linkName.utf8, at: 157, width: 100)
        put("ustar".utf8, at: 257, width: 6)
        put("00".utf8, at: 263, width: 2)
        let checksum = header.reduce(UInt64(0)) { $0 + UInt64($1) }
        octal(checksum, at: 148, width: 7)
        header[155] = UInt8(ascii: " ")
        return header
    }
}
