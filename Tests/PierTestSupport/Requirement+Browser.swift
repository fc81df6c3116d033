import Foundation
import Testing

/// The real browser the dashboard's tests drive, installed by `scripts/browser-install.sh`.
extension Trait where Self == Requirement {
    /// Debian's `chromium` and `chromium-driver`, and Selenium for Python.
    package static var requiresBrowser: Self {
        Requirement(
            missing: "Chromium, chromedriver or Python's selenium is not installed",
            remedy: "run scripts/browser-install.sh", isMet: { await Probe.browser.value })
    }
}

extension Probe {
    static let browser = Task<Bool, Never> {
        let environment = ProcessInfo.processInfo.environment
        let chromium = environment["PIER_CHROMIUM"] ?? "/usr/bin/chromium"
        let driver = environment["PIER_CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
        guard FileManager.default.isExecutableFile(atPath: chromium),
            FileManager.default.isExecutableFile(atPath: driver)
        else { return false }
        return await Probe.succeeds(["python3", "-c", "import selenium"])
    }
}
