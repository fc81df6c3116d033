import ComposeSpec
import DockerEngine

/// Everything creating one container takes: the `POST /containers/create` call, then the calls Compose makes
/// before starting it.
public struct ContainerCreateRequest: Sendable {
    /// The `name` query parameter.
    public var name: String
    /// The `platform` query parameter (`platform:`), which the create body has no field for.
    public var platform: String?
    public var body: JSONValue
    /// What the engine cannot honour and Pier leaves out, for the user.
    public var warnings: [ComposeWarning]
    /// Networks to join after create, in order: engines before API 1.44 take one network in the create body.
    public var networkConnections: [NetworkConnection]
    /// Files to copy into the container before it starts (`environment`/`content` secrets and configs).
    public var files: [ContainerFile]
}

/// One `POST /networks/{network}/connect` call.
public struct NetworkConnection: Sendable, Hashable {
    /// The engine-side network name.
    public var network: String
    public var endpointConfig: JSONValue

    /// The request body, once the container exists.
    public func body(containerID: String) -> JSONValue {
        .object(["Container": .string(containerID), "EndpointConfig": endpointConfig])
    }
}

/// A file Compose writes into a created container (`PUT /containers/{id}/archive?path=/` with a one-file tar).
public struct ContainerFile: Sendable, Hashable {
    /// Absolute path in the container.
    public var path: String
    public var content: [UInt8]
    /// Permission bits; Compose's default is 0o444.
    public var mode: Int
    public var uid: Int?
    public var gid: Int?

    public init(path: String, content: [UInt8], mode: Int = 0o444, uid: Int? = nil, gid: Int? = nil) {
        self.path = path
        self.content = content
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }

    /// Compose adds `copyUIDGID=true` to the archive call when an owner is set.
    public var copiesOwner: Bool { uid != nil || gid != nil }
}

/// A file's content is often a secret: descriptions, dumps and mirrors show its size only.
extension ContainerFile: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let owner = copiesOwner ? ", owner \(uid.map(String.init) ?? "-"):\(gid.map(String.init) ?? "-")" : ""
        return "\(path) (\(content.count) bytes, mode \(String(mode, radix: 8))\(owner))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self, children: ["path": path, "size": content.count, "mode": mode, "uid": uid as Any, "gid": gid as Any])
    }
}
