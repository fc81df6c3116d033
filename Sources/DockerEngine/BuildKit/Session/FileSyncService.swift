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
        // The engine's requests are read as they come while the entries and files go out: left unread, they
        // would use up the connection's flow-control window, and the engine's health checks of the session (which
        // it ends after 1.5 s without an answer, in BuildKit 0.8) could not reach Pier.
        let (requests, pending) = AsyncStream.makeStream(of: FileSyncPacket.self)
        let responses = call.responses
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await Self.send(entries, from: directory, named: name, answering: requests, to: responses)
                } catch {
                    // Ends Pier's side of the stream, so that the engine stops too and the reading below ends.
                    responses.reset()
                    throw error
                }
            }
            while let packet = try await call.receive(FileSyncPacket.self) {
                pending.yield(packet)
                if packet.type == .packetFin || packet.type == .packetErr { break }
            }
            pending.finish()
            try await group.waitForAll()
        }
    }

    /// Sends the entries, then the contents of each file the engine asks for, until it says it has everything.
    private static func send(
        _ entries: [SyncedEntry], from directory: any SyncedDirectory, named name: String,
        answering requests: AsyncStream<FileSyncPacket>, to responses: GRPCOutbound
    ) async throws {
        var batch: [[UInt8]] = []
        for entry in entries {
            batch.append(try packet(stat: entry).serializedBytes())
            if batch.count == statBatch {
                try await responses.send(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        batch.append(try packet(.packetStat).serializedBytes())
        try await responses.send(batch)
        for await request in requests {
            switch request.type {
            case .packetReq:
                guard Int(request.id) < entries.count, entries[Int(request.id)].isRegularFile else {
                    throw GRPCStatus(
                        .invalidArgument, "the build asked for entry \(request.id), which is not a file sent")
                }
                try await directory.read(entries[Int(request.id)]) { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(offset + chunkSize, bytes.count)
                        try await responses.send(
                            try packet(.packetData, id: request.id, data: Array(bytes[offset..<end])).serializedBytes())
                        offset = end
                    }
                }
                try await responses.send(try packet(.packetData, id: request.id).serializedBytes())
            case .packetFin:
                try await responses.send(try packet(.packetFin).serializedBytes())
                return
            case .packetErr:
                let message = String(decoding: request.data, as: UTF8.self)
                throw GRPCStatus(.aborted, "the engine stopped receiving the \(name) directory: \(message)")
            default:
                throw GRPCStatus(.invalidArgument, "unexpected packet \(request.type) from the engine")
            }
        }
        throw GRPCStatus(.aborted, "the engine ended the \(name) transfer without finishing it")
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
