import ArgumentParser
import ComposeSpec
import DockerEngine
import Orchestration
import Testing

@testable import PierCLI

/// The one mapping from a failure to what is printed and the exit status.
struct FailureReportTests {
    static let location = SourceLocation(file: "/p/compose.yaml", line: 3, column: 12)

    @Test func anExitCodeIsTheStatusAndPrintsNothing() {
        #expect(FailureReport(ExitCode(130)) == FailureReport(text: "", status: 130))
        // A container's own 64 is its status, not a usage error.
        #expect(FailureReport(ExitCode(64)) == FailureReport(text: "", status: 64))
        #expect(FailureReport(ExitCode(0)) == FailureReport(text: "", status: 0))
    }

    /// Docker Compose prints every failure as its message alone: so does Pier, whichever layer it comes from.
    @Test func everyFailureIsItsMessageAlone() {
        #expect(
            FailureReport(CommandFailure("no such service: web"))
                == FailureReport(text: "no such service: web", status: 1))
        let compose = ComposeError(.wrongType, "services.web.image must be a string", at: Self.location)
        #expect(
            FailureReport(compose)
                == FailureReport(text: "/p/compose.yaml:3:12: services.web.image must be a string", status: 1))
        let engine = EngineError(.notFound, status: 404, message: "No such container: abc")
        #expect(FailureReport(engine) == FailureReport(text: "No such container: abc", status: 1))
        let spec = OrchestrationError.service(
            "web", .conflict, "cpus cannot be combined with cpu_quota", at: Self.location)
        #expect(
            FailureReport(spec).text
                == "/p/compose.yaml:3:12: service \"web\": cpus cannot be combined with cpu_quota")
    }

    @Test func severalFailuresArePrintedOnePerLine() throws {
        let failures: [any Error] = [
            OrchestrationError(.engine, "port is already allocated", service: "web"),
            OrchestrationError.service("db", .missingImage, "no such image: db:1"),
        ]
        let aggregate = try #require(AggregateError.combining(failures))
        #expect(
            FailureReport(aggregate).text
                == "service \"db\": no such image: db:1\nservice \"web\": port is already allocated")
        #expect(FailureReport(aggregate).status == 1)
    }

    @Test func argumentParserErrorsKeepItsWording() {
        let validation = FailureReport(ValidationError("--build and --no-build are incompatible"))
        // A usage error's status is 1, as Docker Compose's.
        #expect(validation.status == 1)
        #expect(
            validation.text == "Error: --build and --no-build are incompatible\nUsage: pier <subcommand>\n"
                + "  See 'pier --help' for more information.")
        #expect(FailureReport(CleanExit.message("0.1.0")) == FailureReport(text: "0.1.0", status: 0))
    }

    @Test func aGlobalFlagErrorShowsTheGlobalUsage() {
        let error = GlobalFlagError(error: ValidationError("bad"))
        let report = FailureReport(error)
        #expect(report.status == 1)
        #expect(report.text.hasPrefix("Error: bad\nUsage: pier "))
    }
}
