import Testing

@testable import ComposeSpec

/// Numbers users write: byte sizes, durations, ports, floats. Expected values are what Docker Compose v2.40.3
/// prints for them; where it wraps around or crashes, Pier refuses with an error instead.
@Suite struct NumericConversionTests {
    @Test(
        arguments: [
            ("1", 1), ("1b", 1), ("1K", 1024), ("1kb", 1024), ("1KiB", 1024), ("1kIb", 1024), ("1m", 1_048_576),
            ("1g", 1_073_741_824), ("1t", 1_099_511_627_776), ("1p", 1_125_899_906_842_624), ("1 k", 1024), ("1 ", 1),
            ("1.5k", 1536), (".5k", 512), ("5.k", 5120), ("1e3", 1000), ("1e3k", 1_024_000), ("+1k", 1024),
            ("1_000", 1000), ("1.9999999999", 1), ("-0", 0), ("8191p", 9_222_246_136_947_933_184),
        ] as [(String, Int64)])
    func byteSizes(text: String, bytes: Int64) throws {
        #expect(try ByteSize.bytes(text) == bytes)
    }

    @Test(arguments: [
        ("lots", ByteSize.Failure.noNumber), ("", .noNumber), ("k", .noNumber), ("inf", .noNumber),
        ("1x", .unknownUnit("x")), ("1Gi", .unknownUnit("gi")), ("1ki", .unknownUnit("ki")),
        ("1bb", .unknownUnit("bb")),
        ("1ib", .unknownUnit("ib")), ("1\tk", .unknownUnit("\tk")), ("1  k", .notANumber("1 ")),
        (" 1", .notANumber(" 1")),
        ("1k ", .notANumber("1k")), ("0x10", .notANumber("0x10")), ("1.5.5", .notANumber("1.5.5")),
        ("-1", .negative), ("-1k", .negative), ("8589934592g", .outOfRange), ("8192p", .outOfRange),
        ("9223372036854775808", .outOfRange), ("1e400", .outOfRange),
    ])
    func invalidByteSizes(text: String, failure: ByteSize.Failure) {
        #expect(throws: failure) { try ByteSize.bytes(text) }
    }

    @Test(arguments: [
        ("0", "0s"), ("-0", "0s"), ("1h", "1h0m0s"), ("90s", "1m30s"), ("1.5h", "1h30m0s"), (".5s", "500ms"),
        ("5.s", "5s"), ("1d1h", "25h0m0s"), ("1w1d", "192h0m0s"), ("1us", "1µs"), ("1\u{3BC}s", "1µs"),
        ("1ms1ns", "1.000001ms"), ("-1s", "-1s"), ("+1s", "1s"), ("106751.99d", "2562047h45m36s"),
        ("2562047h", "2562047h0m0s"), ("9223372036854775807ns", "2562047h47m16.854775807s"),
        ("-9223372036854775807ns", "-2562047h47m16.854775807s"), ("15250w", "2562000h0m0s"),
        ("0.00000000001ns", "0s"), ("1.00000000001s", "1s"),
    ])
    func durations(text: String, canonical: String) throws {
        #expect(GoDuration.format(try GoDuration.nanoseconds(text)) == canonical)
    }

    @Test(arguments: [
        ("", GoDuration.Failure.invalid), ("lots", .invalid), (".s", .invalid), (" 1s", .invalid), ("10", .missingUnit),
        ("00", .missingUnit), ("1e3s", .unknownUnit("e")), ("1H", .unknownUnit("H")), ("1 s", .unknownUnit(" s")),
        ("2562048h", .outOfRange), ("106752d", .outOfRange), ("15251w", .outOfRange),
        ("-9223372036854775808ns", .invalid), ("9223372036854775808ns", .invalid), ("99999999999999999999ns", .invalid),
        ("-2562048h", .outOfRange),
    ])
    func invalidDurations(text: String, failure: GoDuration.Failure) {
        #expect(throws: failure) { try GoDuration.nanoseconds(text) }
    }

    /// Every byte-size and duration attribute refuses what is not one, naming it.
    @Test(arguments: [
        ("mem_limit: lots", "services.a.mem_limit: invalid size \"lots\""),
        ("mem_reservation: lots", "services.a.mem_reservation: invalid size \"lots\""),
        ("memswap_limit: lots", "services.a.memswap_limit: invalid size \"lots\""),
        ("shm_size: lots", "services.a.shm_size: invalid size \"lots\""),
        ("build: {context: ., shm_size: lots}", "services.a.build.shm_size: invalid size \"lots\""),
        ("deploy: {resources: {limits: {memory: lots}}}", "services.a.deploy.resources.limits.memory: invalid size"),
        ("deploy: {resources: {reservations: {memory: lots}}}", "services.a.deploy.resources.reservations.memory"),
        ("volumes: [{type: tmpfs, target: /t, tmpfs: {size: lots}}]", "services.a.volumes[0].tmpfs.size: invalid"),
        ("blkio_config: {device_write_bps: [{path: /d, rate: lots}]}", "services.a.blkio_config.device_write_bps[0]"),
        ("blkio_config: {device_read_iops: [{path: /d, rate: lots}]}", "services.a.blkio_config.device_read_iops[0]"),
        ("stop_grace_period: lots", "services.a.stop_grace_period: invalid duration \"lots\""),
        ("healthcheck: {start_interval: lots}", "services.a.healthcheck.start_interval: invalid duration"),
        ("deploy: {restart_policy: {window: lots}}", "services.a.deploy.restart_policy.window: invalid duration"),
        ("deploy: {update_config: {monitor: lots}}", "services.a.deploy.update_config.monitor: invalid duration"),
        ("deploy: {rollback_config: {delay: 1e3s}}", "services.a.deploy.rollback_config.delay: invalid duration"),
        ("mem_limit: 8589934592g", "services.a.mem_limit: invalid size \"8589934592g\": more than 8 EiB"),
        ("scale: 1e20", "services.a.scale: 1e+20 is out of range for an integer"),
        ("cpus: 1e20", "services.a.cpus: 1e+20 CPUs are more than a 64-bit count of nano-CPUs holds"),
        ("deploy: {resources: {limits: {cpus: '1e10'}}}", "services.a.deploy.resources.limits.cpus: 1e+10 CPUs are"),
        ("pull_policy: every_99999999999999w", "services.a.pull_policy: \"every_99999999999999w\" is longer than"),
        ("ports: [{target: 1e20}]", "services.a.ports.0.target: 1e+20 is out of range for an integer"),
        ("ports: ['1-4294967296:80']", "invalid port \"1-4294967296:80\": invalid hostPort: 1-4294967296"),
        ("ports: ['80:1-4294967296']", "invalid port \"80:1-4294967296\": invalid containerPort: 1-4294967296"),
    ])
    func attributesRefuseWhatIsNotANumber(attribute: String, message: String) throws {
        let project = try ScratchProject(["compose.yaml": "services:\n  a: {image: x, \(attribute)}\n"])
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(error.message.hasPrefix(message), "\(error)")
        #expect(error.location?.line == 2, "\(error)")
    }

    @Test(arguments: [
        (1e20, "100000000000000000000"), (1e21, "1e+21"), (9_223_372_036_854_775_808.0, "9223372036854776000"),
        (-9_223_372_036_854_775_809.0, "-9223372036854776000"), (1.8446744073709552e19, "18446744073709552000"),
        (0.00001, "0.00001"), (1e-7, "1e-7"), (1234567.5, "1234567.5"), (1.5e300, "1.5e+300"), (0, "0"),
    ])
    func wholeFloatsOfAnySizeAreWrittenAsGoWritesThem(number: Double, json: String) {
        #expect(JSONWriter.write(Node(.double(number))) == json)
    }

    @Test func controlCharactersAreReportedAtTheirPlace() {
        let error = #expect(throws: ComposeError.self) {
            try YAMLReader.documents("services:\n  a: {image: \"x\u{1}\"}\n", file: "f")
        }
        #expect(error?.description == "f:2:16: invalid YAML: control characters are not allowed")
    }
}
