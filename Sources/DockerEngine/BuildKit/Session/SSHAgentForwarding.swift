import Foundation
import NIOCore
import NIOPosix

/// One connection of a build to an SSH agent: the bytes of `BytesMessage`s from the engine go to the agent's
/// socket, and the agent's answers come back the same way, until either side closes.
enum SSHAgentForwarding {
    static func forward(_ call: GRPCServerCall, to socketPath: String) async throws {
        let agent: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            agent = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(unixDomainSocketPath: socketPath) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true))
                    }
                }
        } catch {
            throw GRPCStatus(.unavailable, "cannot connect to the SSH agent at \(socketPath): \(error)")
        }
        var call = call
        try await agent.executeThenClose { fromAgent, toAgent in
            try await withThrowingTaskGroup(of: Void.self) { group in
                let responses = call.responses
                group.addTask {
                    for try await buffer in fromAgent {
                        var message = SessionBytesMessage()
                        message.data = Data(buffer.readableBytesView)
                        try await responses.send(try message.serializedBytes())
                    }
                }
                while let message = try await call.receive(SessionBytesMessage.self) {
                    try await toAgent.write(ByteBuffer(bytes: message.data))
                }
                toAgent.finish()
                try await group.waitForAll()
            }
        }
    }
}
