import Foundation
import PierTestSupport
import Testing

@testable import PierTesting

/// Telling a stack whose process is gone from one whose process runs, without an engine.
@Suite struct StackOwnerTests {
    let here = StackOwner.current

    @Test func theLabelReadsBackAsWritten() {
        #expect(StackOwner(label: here.label) == here)
        #expect(here.pid == getpid())
        #expect(!here.host.isEmpty && !here.boot.isEmpty && !here.start.isEmpty)
        for label in ["", "a/b/c", "host/boot/notanumber/1", "a/b/1/2/3"] {
            #expect(StackOwner(label: label) == nil, "\(label)")
        }
    }

    @Test func thisProcessIsNotGone() {
        #expect(!here.isGone(on: here))
    }

    @Test func aProcessThatExitedIsGone() async throws {
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "echo $$"], in: TestSupport.repositoryRoot,
            environment: TestSupport.baseEnvironment)
        let pid = try #require(Int32(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        var exited = here
        exited.pid = pid
        #expect(exited.isGone(on: here))
    }

    @Test func anotherProcessGivenTheSameIDIsNotTakenForIt() {
        var reused = here
        reused.start = here.start + "0"
        #expect(reused.isGone(on: here))
    }

    @Test func aHostThatRestartedHasNoLiveProcessOfBefore() {
        var before = here
        before.boot = "another-boot"
        #expect(before.isGone(on: here))
    }

    @Test func processesOfAnotherHostAreLeftAlone() {
        var elsewhere = here
        elsewhere.host = here.host + "-other"
        elsewhere.pid = 1
        elsewhere.start = "0"
        #expect(!elsewhere.isGone(on: here))
    }
}

/// How a configuration becomes the loader's options and the project's name.
@Suite struct StackConfigurationTests {
    @Test func namesAreUniqueValidProjectNamesAfterTheDirectory() {
        let first = ComposeStack.uniqueName(for: URL(fileURLWithPath: "/srv/My App.v2"))
        let second = ComposeStack.uniqueName(for: URL(fileURLWithPath: "/srv/My App.v2"))
        #expect(first != second)
        #expect(first.hasPrefix("myappv2-"), "\(first)")
        #expect(ComposeStack.uniqueName(for: URL(fileURLWithPath: "/srv/_x")).hasPrefix("stack-"))
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(first.allSatisfy { allowed.contains($0) })
    }

    @Test func theConfigurationChoosesFilesProfilesAndName() {
        var configuration = ComposeStack.Configuration(
            files: [URL(fileURLWithPath: "/srv/app/compose.yaml")], profiles: ["jobs"],
            environment: ["TAG": "test", "COMPOSE_PROFILES": "given"])
        configuration.envFiles = [URL(fileURLWithPath: "/srv/app/test.env")]
        let process = ["PATH": "/bin", "TAG": "process", "COMPOSE_FILE": "other.yaml", "COMPOSE_PROJECT_NAME": "x"]
        let options = ComposeStack.options(configuration, name: "app-1", environment: process)
        #expect(options.files == ["/srv/app/compose.yaml"])
        #expect(options.envFiles == ["/srv/app/test.env"])
        #expect(options.workingDirectory == "/srv/app")
        #expect(options.projectDirectory == nil)
        #expect(options.projectName == "app-1")
        #expect(options.profiles == ["jobs"])
        // The configuration's variables win; the process's COMPOSE_* choices are not taken, given ones are.
        #expect(options.environment == ["PATH": "/bin", "TAG": "test", "COMPOSE_PROFILES": "given"])
    }

    @Test func durationsInWords() {
        #expect(ComposeStack.words(.seconds(30)) == "30 seconds")
        #expect(ComposeStack.words(.seconds(1)) == "1 second")
        #expect(ComposeStack.words(.milliseconds(1500)) == "1.5 seconds")
    }
}
