import Foundation
import Testing

@testable import DockerEngine

@Suite struct RegistryAddressTests {
    @Test(arguments: [
        ("busybox", "docker.io"), ("library/busybox:1.36", "docker.io"), ("me/app", "docker.io"),
        ("docker.io/me/app", "docker.io"), ("index.docker.io/me/app", "docker.io"),
        ("127.0.0.1:5000/app:v1", "127.0.0.1:5000"), ("localhost/app", "localhost"),
        ("registry.example.com/team/app@sha256:abc", "registry.example.com"), ("Upper/app", "Upper"),
    ])
    func registryHostOfAnImage(reference: String, host: String) {
        #expect(RegistryAddress.host(ofImage: reference) == host)
    }

    @Test func configKeysAndTheHostsTheyName() {
        #expect(RegistryAddress.configKey(forHost: "docker.io") == "https://index.docker.io/v1/")
        #expect(RegistryAddress.configKey(forHost: "127.0.0.1:5000") == "127.0.0.1:5000")
        #expect(RegistryAddress.hostname(ofKey: "https://index.docker.io/v1/") == "docker.io")
        #expect(RegistryAddress.hostname(ofKey: "http://127.0.0.1:5000/v2/") == "127.0.0.1:5000")
        #expect(RegistryAddress.hostname(ofKey: "127.0.0.1:5000") == "127.0.0.1:5000")
    }

    @Test func theHeaderIsBase64URLJSONThatTheEngineDecodes() throws {
        // `?>` and `??` encode to `+` and `/` in standard base64: the header must use `-` and `_`.
        let credentials = RegistryCredentials(username: "a??>", password: "p>>?", serverAddress: "127.0.0.1:5000")
        let header = credentials.header
        #expect(!header.contains("+") && !header.contains("/"))
        let standard = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let decoded = try JSONDecoder().decode(JSONValue.self, from: try #require(Data(base64Encoded: standard)))
        #expect(decoded == ["username": "a??>", "password": "p>>?", "serveraddress": "127.0.0.1:5000"])
        #expect(Data(base64Encoded: RegistryCredentials.anonymousHeader) == Data("{}".utf8))
    }
}

@Suite struct CredentialStoreTests {
    /// A store reading `config` as `config.json`, with `bin` first in `PATH` for credential helpers.
    static func store(_ config: String, in directory: TemporaryDirectory) throws -> CredentialStore {
        try directory.write("config/config.json", config)
        return CredentialStore(environment: [
            "DOCKER_CONFIG": directory.path + "/config", "PATH": directory.path + "/bin:/usr/bin:/bin",
        ])
    }

    /// A credential helper speaking the real protocol: the server URL on standard input, JSON on standard output.
    static func writeHelper(_ name: String, in directory: TemporaryDirectory, answers: [String: String]) throws {
        let servers = answers.keys.sorted().map { "\"\($0)\": \"user\"" }.joined(separator: ", ")
        var script = "#!/bin/sh\n[ \"$1\" = list ] && { echo '{\(servers)}'; exit 0; }\n"
        script += "[ \"$1\" = get ] || exit 3\nread -r server\ncase \"$server\" in\n"
        for (server, json) in answers { script += "'\(server)') echo '\(json)' ;;\n" }
        script += "*) echo 'credentials not found in native keychain'; exit 1 ;;\nesac\n"
        try directory.write("bin/docker-credential-\(name)", script)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: directory.path + "/bin/docker-credential-\(name)")
    }

    @Test func authsGiveBase64UserAndPasswordUnderAnyKeySpelling() async throws {
        let directory = try TemporaryDirectory()
        let auth = Data("alice:pa:ss".utf8).base64EncodedString()
        let store = try Self.store(
            """
            {"auths": {"http://127.0.0.1:5000/v2/": {"auth": "\(auth)"},
                       "https://index.docker.io/v1/": {"username": "bob", "password": "hub"},
                       "tokens.example": {"identitytoken": "tok"}}}
            """, in: directory)
        let local = try #require(try await store.credentials(forImage: "127.0.0.1:5000/app:v1"))
        #expect(local.username == "alice" && local.password == "pa:ss")
        #expect(local.serverAddress == "http://127.0.0.1:5000/v2/")
        let hub = try #require(try await store.credentials(forImage: "busybox"))
        #expect(hub.username == "bob" && hub.password == "hub" && hub.serverAddress == "https://index.docker.io/v1/")
        #expect(try await store.credentials(forImage: "tokens.example/app")?.identityToken == "tok")
        #expect(try await store.credentials(forImage: "other.example/app") == nil)
    }

    @Test func credentialHelpersComeBeforeAuthsAndTokenUsersAreIdentityTokens() async throws {
        let directory = try TemporaryDirectory()
        try Self.writeHelper(
            "pertest", in: directory,
            answers: ["127.0.0.1:5000": #"{"ServerURL":"127.0.0.1:5000","Username":"carol","Secret":"c"}"#])
        try Self.writeHelper(
            "store", in: directory,
            answers: ["https://index.docker.io/v1/": #"{"Username":"<token>","Secret":"refresh"}"#])
        let store = try Self.store(
            """
            {"credsStore": "store", "credHelpers": {"127.0.0.1:5000": "pertest"},
             "auths": {"127.0.0.1:5000": {"auth": "\(Data("alice:a".utf8).base64EncodedString())"}}}
            """, in: directory)
        let local = try #require(try await store.credentials(forHost: "127.0.0.1:5000"))
        #expect(local.username == "carol" && local.password == "c")
        let hub = try #require(try await store.credentials(forImage: "me/app"))
        #expect(hub.identityToken == "refresh" && hub.username == nil)
        // The default store has nothing for this registry: anonymous.
        #expect(try await store.credentials(forHost: "elsewhere.example") == nil)
    }

    @Test func buildsGetEveryCredentialWithHelpersWinning() async throws {
        let directory = try TemporaryDirectory()
        try Self.writeHelper(
            "store", in: directory,
            answers: [
                "https://index.docker.io/v1/": #"{"Username":"hubuser","Secret":"hub"}"#,
                "127.0.0.1:5000": #"{"Username":"stored","Secret":"s"}"#,
            ])
        try Self.writeHelper(
            "pertest", in: directory, answers: ["127.0.0.1:5000": #"{"Username":"carol","Secret":"c"}"#])
        let store = try Self.store(
            """
            {"credsStore": "store", "credHelpers": {"127.0.0.1:5000": "pertest"},
             "auths": {"other.example": {"username": "dave", "password": "d"}, "127.0.0.1:5000": {}}}
            """, in: directory)
        let all = try await store.allCredentials()
        #expect(all.keys.sorted() == ["127.0.0.1:5000", "https://index.docker.io/v1/", "other.example"])
        #expect(all["127.0.0.1:5000"]?.username == "carol")
        #expect(all["https://index.docker.io/v1/"]?.password == "hub")
        #expect(all["other.example"]?.json == ["username": "dave", "password": "d", "serveraddress": "other.example"])
    }

    @Test func aMissingHelperOrABrokenFileSaysWhatToFix() async throws {
        let directory = try TemporaryDirectory()
        let missing = try Self.store(#"{"credsStore": "absent"}"#, in: directory)
        let error = try await #require(throws: EngineError.self) {
            try await missing.credentials(forHost: "127.0.0.1:5000")
        }
        #expect(error.message.contains("docker-credential-absent was not found in PATH"))
        let broken = try Self.store("{not json", in: directory)
        let parseError = try await #require(throws: EngineError.self) {
            try await broken.credentials(forHost: "x.example")
        }
        #expect(parseError.message.contains("config.json is not valid JSON"))
        let noFile = CredentialStore(environment: ["DOCKER_CONFIG": directory.path + "/nowhere"])
        #expect(try await noFile.credentials(forHost: "x.example") == nil)
    }

    /// A helper that says a lot on standard error before it answers is heard: both pipes are read as it writes.
    @Test(.timeLimit(.minutes(5))) func aHelperThatFloodsStandardErrorStillAnswers() async throws {
        let directory = try TemporaryDirectory()
        let script = """
            #!/bin/sh
            read -r server
            head -c 300000 /dev/zero | tr '\\0' x >&2
            echo '{"Username":"flood","Secret":"f"}'

            """
        try directory.write("bin/docker-credential-flood", script)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: directory.path + "/bin/docker-credential-flood")
        let store = try Self.store(#"{"credsStore": "flood"}"#, in: directory)
        #expect(try await store.credentials(forHost: "127.0.0.1:5000")?.username == "flood")
    }

    /// A helper that answers without reading its input: giving it the server address cannot fail (a write to its
    /// closed pipe would end the caller with SIGPIPE).
    @Test func aHelperThatIgnoresItsInputIsHeard() async throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "bin/docker-credential-deaf", "#!/bin/sh\necho '{\"Username\":\"deaf\",\"Secret\":\"d\"}'\n")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: directory.path + "/bin/docker-credential-deaf")
        let store = try Self.store(#"{"credsStore": "deaf"}"#, in: directory)
        for _ in 0..<50 {
            #expect(try await store.credentials(forHost: "127.0.0.1:5000")?.username == "deaf")
        }
    }
}
