import Foundation
import Synchronization

/// A headless Chromium that a test drives through Selenium (`Tests/Browser/selenium_bridge.py`): open a page, run
/// JavaScript in it, wait until a script says yes, click, take screenshots. Made by ``with(_:)``, which quits the
/// browser when the test ends. Needs `.requiresBrowser`.
package final class BrowserSession: Sendable {
    private let command: RunningCommand
    private let nextID = Mutex(1)

    /// Where screenshots go: `.build/dashboard-screenshots` (CI keeps `.build`; nothing there is committed).
    package static let screenshots = TestSupport.repositoryRoot.appendingPathComponent(".build/dashboard-screenshots")

    private init(command: RunningCommand) {
        self.command = command
    }

    /// Runs `body` with a new browser.
    package static func with<Result: Sendable>(_ body: (BrowserSession) async throws -> Result) async throws -> Result {
        let bridge = TestSupport.repositoryRoot.appendingPathComponent("Tests/Browser/selenium_bridge.py")
        var result: Result?
        let outcome = try await TestSupport.launch(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", bridge.path], in: TestSupport.repositoryRoot,
            environment: ProcessInfo.processInfo.environment, input: .open
        ) { command in
            let session = BrowserSession(command: command)
            _ = try await session.answer(to: 0, seconds: 60)
            result = try await body(session)
            try? await command.closeInput()
            await command.waitForExit(seconds: 10)
        }
        guard let result else { throw TestSetupError("the browser did not start: \(outcome.stderr)") }
        return result
    }

    /// Loads `url`.
    package func open(_ url: String) async throws {
        _ = try await send(["cmd": "open", "url": url])
    }

    /// Runs `script` (a function body: `return …`) in the page; its value as JSON.
    @discardableResult
    package func evaluate(_ script: String) async throws -> Any? {
        try await send(["cmd": "js", "script": script])
    }

    /// Runs `script` until it returns something truthy, at most `seconds`: that value, and how long it took.
    /// Fails (naming `what`) when it never does.
    @discardableResult
    package func wait(for what: String, seconds: Double = 10, _ script: String) async throws -> (
        value: Any, elapsed: Double
    ) {
        do {
            let answer = try await send(["cmd": "wait", "script": script, "timeout": seconds], seconds: seconds + 30)
            let fields = answer as? [String: Any]
            return (fields?["value"] ?? NSNull(), fields?["elapsed"] as? Double ?? 0)
        } catch {
            throw TestSetupError("the page never showed \(what): \(error)")
        }
    }

    package func click(_ css: String) async throws {
        _ = try await send(["cmd": "click", "css": css])
    }

    /// Saves the page as `.build/dashboard-screenshots/NAME.png`; its path.
    @discardableResult
    package func screenshot(_ name: String) async throws -> URL {
        let path = Self.screenshots.appendingPathComponent(name + ".png")
        _ = try await send(["cmd": "screenshot", "path": path.path])
        return path
    }

    private func send(_ fields: [String: Any], seconds: Double = 60) async throws -> Any? {
        let id = nextID.withLock { id in
            defer { id += 1 }
            return id
        }
        var message = fields
        message["id"] = id
        var line = try JSONSerialization.data(withJSONObject: message)
        line.append(UInt8(ascii: "\n"))
        try await command.write(line)
        return try await answer(to: id, seconds: seconds)
    }

    /// The bridge's answer with `id`: its value, or its error thrown.
    private func answer(to id: Int, seconds: Double) async throws -> Any? {
        let marker = "{\"id\": \(id), "
        let output = await command.waitForOutput(containing: marker, seconds: seconds)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(marker) }),
            let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            throw TestSetupError("no answer from the browser within \(Int(seconds)) s; it said: \(command.stderr)")
        }
        guard answer["ok"] as? Bool == true else {
            throw TestSetupError(answer["error"] as? String ?? "the browser failed")
        }
        return answer["value"]
    }
}
