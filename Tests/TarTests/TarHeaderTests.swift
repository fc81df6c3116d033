import Testing

@testable import Tar

/// Header blocks: PAX records where ustar's fields are too small, and an archive's entries start with them.
@Suite struct TarHeaderTests {
    @Test func filesOverEightGibibytesGetAPAXSize() {
        let size: UInt64 = 9 << 30
        let bytes = TarHeader(path: "huge", kind: .file(size: size)).bytes
        #expect(bytes.count == 1536)
        #expect(String(decoding: bytes[512..<1024], as: UTF8.self).contains(" size=\(size)\n"))
        #expect(bytes[1024 + 124..<1024 + 135].allSatisfy { $0 == UInt8(ascii: "0") })
        #expect(TarHeader(path: "small", kind: .file(size: TarHeader.maxUstarSize)).bytes.count == 512)
    }

    @Test func archiveEntriesStartWithTheirHeaders() {
        let long = String(repeating: "p", count: 150)
        for (header, content) in [
            (TarHeader(path: "a", kind: .file(size: 3), mode: 0o755, modified: 5), [1, 2, 3] as [UInt8]),
            (TarHeader(path: long, kind: .directory), []),
        ] {
            let archive = TarArchive([(header, content)]).bytes
            #expect(Array(archive.prefix(header.bytes.count)) == header.bytes)
        }
    }

    @Test func largeOwnersGetPAXRecordsAndReadBack() throws {
        let header = TarHeader(path: "owned", kind: .file(size: 0), uid: 100_000_000, gid: 3_000_000)
        #expect(header.bytes.count == 1536)
        var reader = TarReader()
        let events = try reader.append(TarArchive([(header, [])]).finished)
        #expect(events == [.entry(header), .end])
    }
}
