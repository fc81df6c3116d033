import Testing

@testable import PierDashboard

/// `--listen` and `--token`: loopback by default, a token wherever else.
struct DashboardConfigurationTests {
    @Test(arguments: [
        ("127.0.0.1:8765", "127.0.0.1", 8765), ("localhost:0", "localhost", 0), ("[::1]:9000", "::1", 9000),
        (":8080", "0.0.0.0", 8080), ("0.0.0.0:1", "0.0.0.0", 1),
    ])
    func listenAddresses(text: String, host: String, port: Int) throws {
        let parsed = try DashboardConfiguration.parseListen(text)
        #expect(parsed.host == host && parsed.port == port)
    }

    @Test(arguments: ["8765", "127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000", "[::1]8765", "::1:8765"])
    func badListenAddressesAreRefused(text: String) {
        #expect(throws: DashboardError.self) { try DashboardConfiguration.parseListen(text) }
    }

    @Test func loopbackNeedsNoToken() throws {
        for listen in ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.3.4.5:1"] {
            let configuration = try DashboardConfiguration(listen: listen, token: nil, environment: [:])
            #expect(configuration.token == nil, "\(listen)")
        }
    }

    /// Forbidden: serving another address without a token. One is generated, and the URL printed carries it.
    @Test func anyOtherAddressGetsAToken() throws {
        for listen in ["0.0.0.0:8765", ":8765", "192.0.2.10:80", "example.com:80", "[::]:80"] {
            let configuration = try DashboardConfiguration(listen: listen, token: nil, environment: [:])
            let token = try #require(configuration.token, "\(listen)")
            #expect(token.count == 64)
            #expect(configuration.url(port: 8765).hasSuffix("/?token=\(token)"))
        }
        let given = try DashboardConfiguration(listen: "0.0.0.0:80", token: "s3cret-token", environment: [:])
        #expect(given.token == "s3cret-token")
        #expect(try DashboardConfiguration(listen: "127.0.0.1:80", token: "abc", environment: [:]).token == "abc")
    }

    @Test(arguments: ["", "has space", "semi;colon", "quote\"", "ünicode"])
    func tokensThatCannotTravelAreRefused(token: String) {
        #expect(throws: DashboardError.self) {
            try DashboardConfiguration(listen: "0.0.0.0:80", token: token, environment: [:])
        }
    }

    @Test func eachRunHasItsOwnRequestKey() throws {
        let first = try DashboardConfiguration(listen: "127.0.0.1:0", token: nil, environment: [:])
        let second = try DashboardConfiguration(listen: "127.0.0.1:0", token: nil, environment: [:])
        #expect(first.requestKey.count == 64 && first.requestKey != second.requestKey)
    }

    @Test func urls() throws {
        #expect(
            try DashboardConfiguration(listen: "127.0.0.1:0", token: nil, environment: [:]).url(port: 4000)
                == "http://127.0.0.1:4000/")
        #expect(
            try DashboardConfiguration(listen: "[::1]:0", token: nil, environment: [:]).url(port: 4000)
                == "http://[::1]:4000/")
    }

    @Test func loopbackHostHeaders() {
        for host in ["127.0.0.1:8765", "localhost:1", "[::1]:80", "LOCALHOST", "127.0.0.1"] {
            #expect(AccessRules.isLoopbackHost(host), "\(host)")
        }
        for host in ["evil.example:8765", "127.0.0.1.evil.example", "192.168.1.2:80", "[::2]:80", ""] {
            #expect(!AccessRules.isLoopbackHost(host), "\(host)")
        }
        #expect(!AccessRules.isLoopbackHost(nil))
    }
}
