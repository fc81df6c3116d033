import Testing

@testable import Orchestration

/// What `up` does with what a recreate killed half-way left: each point a recreate can be killed at, by Pier or by
/// Docker Compose (both create the replacement as `<12 digits of the old ID>_<name>`, then stop and remove the old
/// container, then rename).
@Suite struct InterruptedRecreateTests {
    static let oldID = "0123456789abcdef0123456789abcdef"

    static func container(_ name: String, id: String, hash: String, service: String = "web") -> ObservedContainer {
        ObservedContainer(
            id: id, name: name, service: service, number: 1, configHash: hash, imageID: "i", state: "running")
    }

    static let old = container("p-web-1", id: oldID, hash: "old")
    static let fresh = container("0123456789ab_p-web-1", id: "fedcba", hash: "new")

    @Test func killedBeforeTheOldContainerWentTheReplacementFinishes() {
        // Killed after creating the replacement (before stopping the old one), or after stopping it.
        let recoveries = InterruptedRecreate.recoveries(observed: [Self.old, Self.fresh], configHashes: ["web": "new"])
        #expect(recoveries == [.finish(replacement: Self.fresh, replaced: Self.old, name: "p-web-1")])
    }

    @Test func killedBeforeTheRenameTheReplacementTakesTheName() {
        let recoveries = InterruptedRecreate.recoveries(observed: [Self.fresh], configHashes: ["web": "new"])
        #expect(recoveries == [.finish(replacement: Self.fresh, replaced: nil, name: "p-web-1")])
        // Even when the project changed again since: the plan then recreates it under its name.
        #expect(
            InterruptedRecreate.recoveries(observed: [Self.fresh], configHashes: ["web": "newer"])
                == [.finish(replacement: Self.fresh, replaced: nil, name: "p-web-1")])
    }

    @Test func anOutdatedReplacementBesideTheOldContainerIsUndone() {
        // The project changed back (or again) since the interrupted `up`: the old container stays for the plan.
        let recoveries = InterruptedRecreate.recoveries(observed: [Self.old, Self.fresh], configHashes: ["web": "old"])
        #expect(recoveries == [.undo(replacement: Self.fresh)])
    }

    @Test func ofSeveralReplacementsOneUpToDateFinishesAndTheOthersAreUndone() {
        let stale = Self.container("fedcba987654_p-web-1", id: "stale", hash: "older")
        let recoveries = InterruptedRecreate.recoveries(
            observed: [stale, Self.fresh], configHashes: ["web": "new"])
        #expect(
            Set(recoveries) == [
                .finish(replacement: Self.fresh, replaced: nil, name: "p-web-1"), .undo(replacement: stale),
            ])
    }

    @Test func nothingToDoWithoutTemporaryNames() {
        let other = Self.container("p-db-1", id: "db", hash: "h", service: "db")
        #expect(InterruptedRecreate.recoveries(observed: [Self.old, other], configHashes: ["web": "new"]).isEmpty)
    }

    @Test(arguments: [
        ("0123456789ab_p-web-1", "p-web-1"), ("0123456789ab_my-name", "my-name"), ("0123456789AB_p-web-1", nil),
        ("0123456789a_p-web-1", nil), ("0123456789ab-p-web-1", nil), ("0123456789ab_", nil), ("p-web-1", nil),
        ("x123456789ab_p-web-1", nil),
    ])
    func temporaryNames(name: String, final: String?) {
        #expect(InterruptedRecreate.finalName(of: name) == final)
    }
}
