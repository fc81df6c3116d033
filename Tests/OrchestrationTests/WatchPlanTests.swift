import Testing

@testable import Orchestration

/// Which changes each `develop.watch` rule takes, where synced files land, and what one batch asks of each service.
struct WatchPlanTests {
    static func rule(
        _ service: String, _ action: WatchRule.Action, path: String = "/p/src", target: String? = "/app",
        include: [String] = [], ignore: [String] = []
    ) -> WatchRule {
        var rule = WatchRule(service: service, action: action, path: path)
        rule.target = action == .rebuild || action == .restart ? nil : target
        rule.include = include
        rule.ignore = ignore
        return rule
    }

    @Test func aRuleTakesItsPathAndWhatLiesUnderIt() throws {
        let matcher = try WatchRuleMatcher(Self.rule("web", .sync))
        #expect(matcher.takes("/p/src"))
        #expect(matcher.takes("/p/src/a/b.txt"))
        #expect(!matcher.takes("/p/srcs/a"))
        #expect(!matcher.takes("/p/other"))
        #expect(matcher.containerPath(for: "/p/src/a/b.txt") == "/app/a/b.txt")
        #expect(matcher.containerPath(for: "/p/src") == "/app")
    }

    @Test func ignoreIncludeAndEditorFilesAreHonoured() throws {
        let ignoring = try WatchRuleMatcher(Self.rule("web", .sync, ignore: ["*.tmp", "node_modules/"]))
        #expect(!ignoring.takes("/p/src/x.tmp"))
        #expect(!ignoring.takes("/p/src/node_modules/left-pad/index.js"))
        #expect(!ignoring.takes("/p/src/.main.swp"))
        #expect(!ignoring.takes("/p/src/.git/HEAD"))
        #expect(ignoring.takes("/p/src/main.js"))
        let including = try WatchRuleMatcher(Self.rule("web", .sync, include: ["*.js"]))
        #expect(including.takes("/p/src/main.js"))
        #expect(!including.takes("/p/src/readme.md"))
    }

    @Test func theBuildContextsDockerignoreApplies() throws {
        let rules = try DockerIgnore(parsing: "src/cache\n")
        let matcher = try WatchRuleMatcher(Self.rule("web", .sync), contextIgnore: (directory: "/p", rules: rules))
        #expect(!matcher.takes("/p/src/cache/blob"))
        #expect(matcher.takes("/p/src/main.js"))
    }

    @Test func theDockerfileAndComposeFilesAreNeverSyncedUnlessIncluded() throws {
        let protected: Set<String> = ["/p/src/Dockerfile", "/p/src/compose.yaml"]
        let sync = try WatchRuleMatcher(Self.rule("web", .sync), protectedFiles: protected)
        #expect(sync.takes("/p/src/Dockerfile"))
        #expect(!sync.syncs("/p/src/Dockerfile"))
        #expect(!sync.syncs("/p/src/compose.yaml"))
        #expect(sync.syncs("/p/src/main.js"))
        let included = try WatchRuleMatcher(
            Self.rule("web", .sync, include: ["Dockerfile"]), protectedFiles: protected)
        #expect(included.syncs("/p/src/Dockerfile"))
    }

    @Test func aBatchSyncsFilesAndDeletesWhatIsGone() throws {
        let matchers = [try WatchRuleMatcher(Self.rule("web", .sync))]
        let plan = WatchPlan.plan(
            [.init(path: "/p/src/b", exists: true), .init(path: "/p/src/a", exists: false)], matchers: matchers)
        #expect(
            plan.syncs["web"] == [
                SyncedFile(hostPath: "/p/src/a", containerPath: "/app/a", isDeletion: true),
                SyncedFile(hostPath: "/p/src/b", containerPath: "/app/b"),
            ])
        #expect(plan.rebuilds.isEmpty && plan.restarts.isEmpty)
    }

    @Test func servicesSharingASourceAreEachRebuiltOnceAndRestartsFollowSyncs() throws {
        let matchers = try [
            WatchRuleMatcher(Self.rule("api", .rebuild)), WatchRuleMatcher(Self.rule("worker", .rebuild)),
            WatchRuleMatcher(Self.rule("api", .rebuild, path: "/p/lib")),
            WatchRuleMatcher(Self.rule("web", .syncRestart, path: "/p/conf", target: "/etc/web")),
        ]
        let changes = ["/p/src/a", "/p/src/b", "/p/lib/c", "/p/conf/web.ini"].map {
            ObservedChange(path: $0, exists: true)
        }
        let plan = WatchPlan.plan(changes, matchers: matchers)
        #expect(plan.rebuilds == ["api", "worker"])
        #expect(plan.restarts == ["web"])
        #expect(plan.syncs["web"]?.map(\.containerPath) == ["/etc/web/web.ini"])
        #expect(BatchHandler.buildGroups(["worker", "api"], definitions: [:]) == [["api", "worker"]])
    }

    @Test func syncExecRunsItsCommandOncePerBatch() throws {
        var rule = Self.rule("web", .syncExec)
        rule.exec = WatchRule.Exec(command: ["kill", "-HUP", "1"])
        let plan = WatchPlan.plan(
            [.init(path: "/p/src/a", exists: true), .init(path: "/p/src/b", exists: true)],
            matchers: [try WatchRuleMatcher(rule)])
        #expect(plan.execs["web"] == [WatchRule.Exec(command: ["kill", "-HUP", "1"])])
        #expect(plan.syncs["web"]?.count == 2)
    }

    @Test func changesNoRuleTakesMakeAnEmptyPlan() throws {
        let plan = WatchPlan.plan(
            [.init(path: "/p/src/x.tmp", exists: true)],
            matchers: [try WatchRuleMatcher(Self.rule("web", .sync, ignore: ["*.tmp"]))])
        #expect(plan.isEmpty)
    }

    @Test func theScopeWatchesDirectoriesWholeAndFilesThroughTheirParent() {
        let scope = WatchScope(["/p/src/", "/p/conf/app.ini", "/p/src/lib", "/p/new/dir"])
        let kinds: [String: WatchScope.Kind] = [
            "/p": .directory, "/p/src": .directory, "/p/src/lib": .directory, "/p/conf": .directory,
            "/p/conf/app.ini": .file,
        ]
        let roots = scope.roots { kinds[$0] ?? .missing }
        #expect(
            Set(roots) == [
                .init(path: "/p/src", recursive: true), .init(path: "/p/conf", recursive: false),
                .init(path: "/p", recursive: false),
            ])
        #expect(scope.concerns("/p/new"))
        #expect(!scope.concerns("/p/other"))
    }
}
