import Foundation

/// Where the dashboard listens and who may use it: loopback by default; on any other address only a client that
/// presents the token.
public struct DashboardConfiguration: Sendable {
    /// The address to bind: `127.0.0.1`, `::1`, `0.0.0.0`, a host name…
    public var host: String
    /// The port; 0 lets the system choose (the URL printed names the one chosen).
    public var port: Int
    /// Required on every request when set. Always set when `host` is not a loopback address.
    public var token: String?
    /// Required in the `X-Pier-CSRF` header of every request that changes something: the page reads it from its
    /// own HTML, which another site cannot.
    public var requestKey: String
    /// The variables projects are loaded with (for `${VAR}` in their files), as the command line loads them.
    public var environment: [String: String]

    /// `listen` is `HOST:PORT` (`[::1]:8765` for IPv6). A token is generated when `host` is not loopback and no
    /// token is given.
    public init(listen: String, token: String?, environment: [String: String]) throws(DashboardError) {
        (host, port) = try Self.parseListen(listen)
        if let token, token.isEmpty || !token.allSatisfy(Self.isTokenCharacter) {
            throw DashboardError("--token must be letters, digits and . _ ~ - only (it goes in a URL and a cookie)")
        }
        self.token = token ?? (Self.isLoopback(host) ? nil : Self.randomKey())
        requestKey = Self.randomKey()
        self.environment = environment
    }

    /// `HOST:PORT`, `[IPV6]:PORT` or `:PORT` (all addresses).
    static func parseListen(_ text: String) throws(DashboardError) -> (host: String, port: Int) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else {
                throw DashboardError("invalid --listen \"\(text)\": expected [HOST]:PORT")
            }
            port = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        } else {
            throw DashboardError("invalid --listen \"\(text)\": expected HOST:PORT")
        }
        guard let number = Int(port), (0...65535).contains(number) else {
            throw DashboardError("invalid --listen \"\(text)\": the port must be a number from 0 to 65535")
        }
        return (host.isEmpty ? "0.0.0.0" : String(host), number)
    }

    /// Whether `host` is only reachable from this machine: `localhost`, 127.0.0.0/8 or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._~-".contains(character))
    }

    /// 32 random bytes as hex.
    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The address to open, with the token when there is one; `port` is the one bound.
    public func url(port: Int) -> String {
        let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let authority = shown.contains(":") ? "[\(shown)]:\(port)" : "\(shown):\(port)"
        return "http://\(authority)/" + (token.map { "?token=\($0)" } ?? "")
    }
}

/// A dashboard failure: bad options, or an address that cannot be bound.
public struct DashboardError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
