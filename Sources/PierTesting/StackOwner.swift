import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The labels PierTesting puts on everything a stack makes, beside Compose's: which stack it is part of, and which
/// process started it, so that a later run can tell what a killed test process left behind.
enum StackLabels {
    /// The stack's project name (images carry no Compose project label).
    static let stack = "pier.testing.stack"
    /// The process that started the stack: see ``StackOwner``.
    static let owner = "pier.testing.owner"

    static func labels(stack name: String) -> [String: String] {
        [stack: name, owner: StackOwner.current.label]
    }
}

/// A process that started stacks, as `host/boot/pid/start`: the host's name, the boot it runs in, the process ID and
/// when the process started (so that a later process given the same ID is not taken for it).
struct StackOwner: Sendable, Hashable {
    var host: String
    var boot: String
    var pid: Int32
    var start: String

    /// This process.
    static let current = StackOwner(
        host: hostName(), boot: bootID(), pid: getpid(), start: processStart(getpid()) ?? "")

    var label: String { "\(host)/\(boot)/\(pid)/\(start)" }

    init(host: String, boot: String, pid: Int32, start: String) {
        self.host = host
        self.boot = boot
        self.pid = pid
        self.start = start
    }

    /// Reads a label; nil when it is not one (written by something else).
    init?(label: String) {
        let parts = label.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let pid = Int32(parts[2]) else { return nil }
        self.init(host: parts[0], boot: parts[1], pid: pid, start: parts[3])
    }

    /// Whether the process is gone for sure: it ran on this host, and the host restarted since, or no process with
    /// its ID and start time runs. A process of another host (an engine shared over TCP) cannot be checked and is
    /// taken to live.
    func isGone(on here: StackOwner = .current) -> Bool {
        guard host == here.host else { return false }
        if boot != here.boot { return true }
        guard let start = Self.processStart(pid) else { return true }
        return start != self.start
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.replacingOccurrences(of: "/", with: "_")
    }

    #if os(Linux)
        private static func bootID() -> String {
            let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
            return text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }

        /// The process's start time in clock ticks since boot (field 22 of `/proc/PID/stat`, counted after the
        /// command name, which may hold spaces); nil when no such process runs.
        static func processStart(_ pid: Int32) -> String? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let nameEnd = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
            // After the name: state (field 3) … starttime (field 22).
            return fields.count > 19 ? String(fields[19]) : nil
        }
    #else
        private static func bootID() -> String { "" }

        /// Elsewhere only whether a process with the ID runs: an empty start time for a live one.
        static func processStart(_ pid: Int32) -> String? {
            kill(pid, 0) == 0 || errno == EPERM ? "" : nil
        }
    #endif
}
