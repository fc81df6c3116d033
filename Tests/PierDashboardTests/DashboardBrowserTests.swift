import Foundation
import PierTestSupport
import Testing

/// `pier dashboard` in a real browser (headless Chromium through Selenium): a stack started with `pier`, the page
/// opened, and what a person would check, with screenshots under `.build/dashboard-screenshots`.
@Suite(.requiresEngine, .requiresBrowser)
struct DashboardBrowserTests {
    static let compose = """
        services:
          web:
            image: pier-test/busybox
            command:
              - sh
              - -c
              - echo boot; mkdir -p /www; echo hello > /www/index.html; exec httpd -f -v -p 80 -h /www
            ports: ["80"]
            stop_signal: SIGKILL
            depends_on: {app: {condition: service_healthy}}
            healthcheck:
              test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost/"]
              interval: 1s
              retries: 10
          app:
            image: pier-test/busybox
            command: ["sh", "-c", "echo app ready; exec sleep 3600"]
            stop_signal: SIGKILL
            environment: {API_TOKEN: not-for-the-page, LOG_LEVEL: info}
            depends_on: [db]
            healthcheck: {test: ["CMD", "true"], interval: 1s}
          db:
            image: pier-test/busybox
            command: ["sleep", "3600"]
            stop_signal: SIGKILL
        """

    @Test func aPersonWatchesAndActsOnAStack() async throws {
        try await ScratchProject.with(Self.compose) { project in
            #expect(try await project.pier("up", "-d", "--wait").status == 0)
            try await project.launch(["dashboard", "--listen", "127.0.0.1:0"]) { dashboard in
                let printed = await dashboard.waitForOutput(containing: "/\n", seconds: 30)
                let url = try #require(
                    printed.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines),
                    "pier dashboard printed no URL: \(printed) \(dashboard.stderr)")
                try await BrowserSession.with { browser in
                    try await browser.open(url + "#project=\(project.name)")
                    try await check(browser, project: project)
                }
            }
        }
    }

    private func check(_ browser: BrowserSession, project: ScratchProject) async throws {
        // Its services and their health appear, the graph coloured by it.
        try await browser.wait(
            for: "the services, healthy", seconds: 30,
            """
            const health = (name) => document.querySelector(`tr[data-service="${name}"] [data-role=health]`);
            return ["web", "app"].every((name) => health(name) && health(name).textContent.startsWith("healthy"))
              && !!document.querySelector('tr[data-service="db"]')
              && document.querySelector("#graph-web")?.dataset.tone === "ok";
            """)
        try await browser.wait(
            for: "the CPU and memory from the stats stream", seconds: 10,
            """
            const cells = [...document.querySelectorAll("[data-memory]")];
            return cells.length === 3 && cells.every((cell) => /MiB|KiB/.test(cell.textContent));
            """)
        try await browser.screenshot("overview")

        // A line the container writes appears within a second of the engine's timestamp on it.
        let marker = "pier-mark-\(UInt32.random(in: 0...UInt32.max))"
        #expect(try await project.pier("exec", "web", "sh", "-c", "echo \(marker) > /proc/1/fd/1").status == 0)
        let (latency, _) = try await browser.wait(
            for: "the container's log line", seconds: 5,
            """
            const line = [...document.querySelectorAll("#logs .line")].find((l) => l.textContent.includes("\(marker)"));
            if (!line) return null;
            const written = Date.parse(line.dataset.time.replace(/(\\.\\d{3})\\d*/, "$1"));
            return String(Number(line.dataset.received) - written);
            """)
        let milliseconds = Double(latency as? String ?? "") ?? .infinity
        #expect(milliseconds < 1000, "the log line took \(milliseconds) ms to reach the page")
        print("dashboard: a log line reached the page \(milliseconds) ms after the container wrote it")
        try await browser.screenshot("logs")

        // A restart from the page restarts the container, after a confirmation.
        try await browser.click(#"tr[data-service="web"] button[data-action="restart"]"#)
        try await browser.wait(for: "the confirmation", #"return document.getElementById("confirm").open;"#)
        try await browser.screenshot("confirm-restart")
        try await browser.click("#confirm-ok")
        try await browser.wait(
            for: "the restart's progress and end", seconds: 30,
            """
            const result = document.getElementById("action-result");
            return result && result.textContent === "restart done"
              && document.getElementById("progress").textContent.includes("\(project.name)-web-1  Started");
            """)
        // Started is the process started: its `boot` line follows, soon.
        var logs = try await project.pier("logs", "web")
        for _ in 0..<50 where logs.stdout.components(separatedBy: "boot").count - 1 < 2 {
            try await Task.sleep(for: .milliseconds(200))
            logs = try await project.pier("logs", "web")
        }
        #expect(logs.stdout.components(separatedBy: "boot").count - 1 == 2, "web was not restarted: \(logs.stdout)")
        try await browser.screenshot("restarted")

        // The page is all Pier's: nothing from elsewhere, under 300 KB in all.
        let weight = try await browser.evaluate(
            """
            const entries = [...performance.getEntriesByType("navigation"),
              ...performance.getEntriesByType("resource")];
            const foreign = entries.filter((e) => !e.name.startsWith(location.origin));
            return [entries.reduce((sum, e) => sum + e.transferSize, 0), foreign.length];
            """)
        let figures = weight as? [Any] ?? []
        let bytes = (figures.first as? NSNumber)?.intValue ?? Int.max
        #expect(bytes > 0 && bytes < 300 * 1024, "the page weighs \(bytes) bytes")
        #expect((figures.last as? NSNumber)?.intValue == 0, "the page loaded something from another origin")
        print("dashboard: the page weighs \(bytes) bytes")

        // A `down` from a terminal shows on the page within a second.
        #expect(try await project.pier("down").status == 0)
        let (_, elapsed) = try await browser.wait(
            for: "the project down", seconds: 1,
            #"return document.getElementById("project-status")?.textContent === "no containers";"#)
        print("dashboard: pier down showed on the page \(elapsed) s after it returned")
        try await browser.screenshot("down")
    }
}
