import DockerEngine
import Foundation
import Testing

/// The engine's RFC 3339 times, with the nanoseconds Go writes.
struct EngineTimeTests {
    @Test func nanosecondsAreKeptToTheMicrosecond() throws {
        let date = try #require(EngineTime.date("2026-12-07T23:53:50.123456789Z"))
        #expect(abs(date.timeIntervalSince1970 - 1_796_687_630.123457) < 1e-5)
    }

    @Test func wholeSecondsAndOffsetsAreRead() throws {
        #expect(EngineTime.date("2026-12-07T23:53:50Z")?.timeIntervalSince1970 == 1_796_687_630)
        let offset = try #require(EngineTime.date("2026-12-08T00:53:50.5+01:00"))
        #expect(offset.timeIntervalSince1970 == 1_796_687_630.5)
    }

    @Test func goZeroTimeAndNonsenseAreNoTime() {
        #expect(EngineTime.date("0001-01-01T00:00:00Z") == nil)
        #expect(EngineTime.date("") == nil)
        #expect(EngineTime.date("yesterday") == nil)
        #expect(EngineTime.date("2026-12-07T23:53:50.") == nil)
    }
}
