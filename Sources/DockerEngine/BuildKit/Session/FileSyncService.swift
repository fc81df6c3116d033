import Foundation

/// `moby.filesync.v1.FileSync/DiffCopy`, the sending side: the entries of the directory BuildKit names (with its
/// patterns applied), then the contents of each file it asks for. BuildKit keeps what earlier builds sent under
/// the session's shared key, so it asks only for files whose size or time changed.
struct FileSyncService: Sendable {
    static let method = "/moby.filesync.v1.FileSync/DiffCopy"
    /// Stat packets written at once.
    private static let statBatch = 256
    /// A data packet's size at most.
    static let chunkSize = 64 << 10

    let directories: [String: any SyncedDirectory]

    func diffCopy(_ call: GRPCServerCall) async throws {
        var call = call
        let name = call.metadata("dir-name").first ?? ""
        guard let directory = directories[name] else {
            throw GRPCStatus(.notFound, "the build asked for a directory named \"\(name)\", which Pier did not offer")
        }
        let filter = SyncFilter(
            includePatterns: call.metadata("include-patterns"), excludePatterns: call.metadata("exclude-patterns"),
            followPaths: call.metadata("followpaths"))
        let entries: [SyncedEntry]
        do {
            entries = try directory.entries(filter)
        } catch {
            try await call.send(Self.packet(.packetErr, data: Array("\(error)".utf8)))
            throw GRPCStatus(.internal, "cannot read the \(name) directory: \(error)")
        }
        var batch: [[UInt8]] = []
        for entry in entries {
            batch.append(try Self.packet(stat: entry).serializedBytes())
            if batch.count == Self.statBatch {
                try await call.responses.send(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        batch.append(try Self.packet(.packetStat).serializedBytes())
        try await call.responses.send(batch)
        while let packet = try await call.receive(FileSyncPacket.self) {
            switch packet.type {
            case .packetReq:
                guard Int(packet.id) < entries.count, entries[Int(packet.id)].isRegularFile else {
                    throw GRPCStatus(
                        .invalidArgument, "the build asked for entry \(packet.id), which is not a file sent")
                }
                try await directory.read(entries[Int(packet.id)]) { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(offset + Self.chunkSize, bytes.count)
                        try await call.send(Self.packet(.packetData, id: packet.id, data: Array(bytes[offset..<end])))
                        offset = end
                    }
                }
                try await call.send(Self.packet(.packetData, id: packet.id))
            case .packetFin:
                try await call.send(Self.packet(.packetFin))
                return
            case .packetErr:
                let message = String(decoding: packet.data, as: UTF8.self)
                throw GRPCStatus(.aborted, "the engine stopped receiving the \(name) directory: \(message)")
            default:
                throw GRPCStatus(.invalidArgument, "unexpected packet \(packet.type) from the engine")
            }
        }
    }

    static func packet(_ type: FileSyncPacket.PacketType, id: UInt32 = 0, data: [UInt8] = []) -> FileSyncPacket {
        var packet = FileSyncPacket()
        packet.type = type
        packet.id = id
        packet.data = Data(data)
        return packet
    }

    static func packet(stat entry: SyncedEntry) -> FileSyncPacket {
        var stat = FileSyncStat()
        stat.path = entry.path
        stat.mode = entry.mode
        stat.size = entry.size
        stat.modTime = entry.modificationTime
        stat.linkname = entry.linkTarget
        stat.devmajor = entry.deviceMajor
        stat.devminor = entry.deviceMinor
        var packet = FileSyncPacket()
        packet.stat = stat
        return packet
    }
}
