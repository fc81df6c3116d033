/// Where containers' output goes while it is followed (`logs`, attached `up`): the command line writes it as
/// Docker Compose does (`web-1  | line`, status lines, warnings).
public protocol LogSink: Sendable {
    /// Makes a container's name known before its first line, so that prefixes are as wide as the widest.
    func register(_ name: String)
    /// One line of a container's output.
    func log(_ name: String, _ line: String)
    /// A line of Compose's own about a container: `exited with code 0`, `has been recreated`.
    func status(_ name: String, _ text: String)
    /// Something the user should know that is no line of output: a log driver that cannot be read.
    func warn(_ message: String)
}
