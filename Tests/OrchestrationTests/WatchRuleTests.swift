import ComposeSpec
import Foundation
import Testing

@testable import Orchestration

/// Reading `develop.watch` from the loaded document: each attribute, and the rules refused or warned about with
/// the place they were written.
struct WatchRuleTests {
    static func rules(_ yaml: String, files: [String: String] = [:]) throws -> (
        rules: [WatchRule], warnings: [ComposeWarning], directory: String
    ) {
        let project = try ServiceFixture.project(yaml, files: files)
        var warnings: [ComposeWarning] = []
        let definition = try #require(project.document["services"]?["web"])
        let rules = try WatchRule.rules(of: "web", definition: definition) { warnings.append($0) }
        return (rules, warnings, project.workingDirectory)
    }

    @Test func everyAttributeIsRead() throws {
        let (rules, warnings, directory) = try Self.rules(
            """
            services:
              web:
                image: busybox
                develop:
                  watch:
                    - action: sync+exec
                      path: ./src
                      target: /src
                      include: ["*.js"]
                      ignore: node_modules/
                      initial_sync: true
                      exec: {command: kill -HUP 1, user: root, environment: {A: "1"}}
            """)
        #expect(warnings.isEmpty)
        let rule = try #require(rules.first)
        #expect(rule.action == .syncExec)
        #expect(rule.path == directory + "/src")
        #expect(rule.target == "/src")
        #expect(rule.include == ["*.js"])
        #expect(rule.ignore == ["node_modules/"])
        #expect(rule.initialSync)
        #expect(rule.exec == WatchRule.Exec(command: ["kill", "-HUP", "1"], user: "root", environment: ["A=1"]))
        #expect(rule.location?.line == 6)
    }

    @Test func aRuleABindMountCoversIsSkippedWithComposesWarningAndItsPlace() throws {
        let (rules, warnings, _) = try Self.rules(
            """
            services:
              web:
                image: busybox
                volumes: [./src:/src]
                develop:
                  watch:
                    - {action: sync, path: ./src/app, target: /src/app}
                    - {action: restart, path: ./conf, exec: {command: ls}}
            """)
        #expect(rules.map(\.action) == [.restart])
        #expect(warnings.count == 2)
        #expect(
            warnings.first?.message.hasSuffix("also declared by a bind mount volume, this path won't be monitored!")
                == true)
        #expect(warnings.first?.location?.line == 4)
        #expect(warnings.last?.message.contains("only run by the sync+exec action") == true)
        #expect(warnings.last?.location?.line == 8)
    }

    @Test func aRebuildWithoutABuildSectionIsRefused() throws {
        #expect(throws: OrchestrationError.self) {
            try Self.rules(
                """
                services:
                  web:
                    image: busybox
                    develop: {watch: [{action: rebuild, path: .}]}
                """)
        }
    }
}
