import Foundation
import PierTestSupport
import Testing

extension WatchTests {
    /// `--dry-run watch` reports the `up` it would run, then each sync, restart and rebuild the changes call for, as
    /// the reference's dry watch reports them; through the logging proxy, only reads reach the engine, and nothing
    /// is left running.
    @Test(arguments: [
        ("watch/syncing", "app/new.txt", "service(s) [\"web\"] restarted", "web"),
        ("watch/rebuild", "src/v", "service(s) [\"api\"] successfully built", "api"),
    ])
    func aDryWatchReportsWhatItWouldDoAndChangesNothing(
        fixture: String, changed: String, expected: String, service: String
    ) async throws {
        try await ScratchProject.with(fixture: fixture) { project in
            var output = ""
            let methods = try await PlanTests.methods { environment in
                try await project.launch(["--dry-run", "watch"], mergesErrors: true, environment: environment) {
                    watch in
                    let enabled = await watch.waitForOutput(containing: "Watch enabled", seconds: 60)
                    #expect(enabled.contains(" DRY-RUN MODE -  Container \(project.name)-\(service)-1  Started"))
                    try "changed\n".write(
                        to: project.directory.appendingPathComponent(changed), atomically: true, encoding: .utf8)
                    if fixture == "watch/syncing" {
                        try "c\n".write(
                            to: project.directory.appendingPathComponent("conf/c.ini"), atomically: true,
                            encoding: .utf8)
                    }
                    output = await watch.waitForOutput(containing: expected, seconds: 60)
                    watch.send(SIGINT)
                    #expect(await watch.waitForExit(seconds: 10), "a dry watch did not stop on Ctrl+C")
                }
            }
            #expect(output.contains(expected), "\(output)")
            #expect(!output.contains("Error"), "\(output)")
            #expect(methods.allSatisfy { $0 == "GET" || $0 == "HEAD" }, "\(methods)")
            let containers = try await project.pier("ps", "-a", "-q")
            #expect(containers.status == 0 && containers.stdout.isEmpty, "\(containers.stdout)")
        }
    }
}
