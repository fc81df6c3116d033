/// A tar archive in the POSIX ustar format, with PAX headers for paths too long for ustar. Enough for what
/// Pier sends the engine: files copied into containers, build contexts.
public struct TarArchive: Sendable {
    public struct Entry: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case file([UInt8])
            case directory
            case symlink(target: String)
        }

        /// Relative path inside the archive, `/`-separated, without a leading slash.
        public var path: String
        public var kind: Kind
        public var mode: Int
        public var uid: Int
        public var gid: Int
        /// Seconds since 1970.
        public var modified: Int

        public init(path: String, kind: Kind, mode: Int = 0o644, uid: Int = 0, gid: Int = 0, modified: Int = 0) {
            self.path = path
            self.kind = kind
            self.mode = mode
            self.uid = uid
            self.gid = gid
            self.modified = modified
        }
    }

    public private(set) var bytes: [UInt8] = []

    public init() {}

    public init(_ entries: [Entry]) {
        for entry in entries { append(entry) }
    }

    public mutating func append(_ entry: Entry) {
        var name = entry.path
        if case .directory = entry.kind, !name.hasSuffix("/") { name += "/" }
        var linkName = ""
        if case .symlink(let target) = entry.kind { linkName = target }
        if name.utf8.count > 100 || linkName.utf8.count > 100 {
            appendPAX(["path": name, "linkpath": linkName].filter { !$0.value.isEmpty })
        }
        let content: [UInt8]
        let type: UInt8
        switch entry.kind {
        case .file(let data): (content, type) = (data, UInt8(ascii: "0"))
        case .directory: (content, type) = ([], UInt8(ascii: "5"))
        case .symlink: (content, type) = ([], UInt8(ascii: "2"))
        }
        appendHeader(
            name: name, linkName: linkName, size: content.count, type: type, mode: entry.mode, uid: entry.uid,
            gid: entry.gid, modified: entry.modified)
        appendPadded(content)
    }

    /// The archive with its end-of-archive marker (two zero blocks).
    public var finished: [UInt8] {
        bytes + [UInt8](repeating: 0, count: 1024)
    }

    /// A PAX extended header: `length key=value\n` records for what ustar fields cannot hold.
    private mutating func appendPAX(_ records: [String: String]) {
        var data: [UInt8] = []
        for (key, value) in records.sorted(by: { $0.key < $1.key }) {
            let body = " \(key)=\(value)\n"
            var length = body.utf8.count + 1
            while String(length).utf8.count + body.utf8.count != length { length += 1 }
            data += Array("\(length)\(body)".utf8)
        }
        appendHeader(
            name: "PaxHeader", linkName: "", size: data.count, type: UInt8(ascii: "x"), mode: 0o644, uid: 0, gid: 0,
            modified: 0)
        appendPadded(data)
    }

    private mutating func appendHeader(
        name: String, linkName: String, size: Int, type: UInt8, mode: Int, uid: Int, gid: Int, modified: Int
    ) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(mode, at: 100, width: 8)
        octal(uid, at: 108, width: 8)
        octal(gid, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(modified, at: 136, width: 12)
        put("        ", at: 148, width: 8)  // the checksum counts its own field as spaces
        header[156] = type
        put(linkName, at: 157, width: 100)
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let checksum = header.reduce(0) { $0 + Int($1) }
        octal(checksum, at: 148, width: 7)
        header[155] = UInt8(ascii: " ")
        bytes += header
    }

    private mutating func appendPadded(_ data: [UInt8]) {
        bytes += data
        let remainder = data.count % 512
        if remainder != 0 { bytes += [UInt8](repeating: 0, count: 512 - remainder) }
    }
}
