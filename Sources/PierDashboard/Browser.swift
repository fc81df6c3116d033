import Subprocess

/// The desktop's browser.
public enum Browser {
    /// Hands `url` to `xdg-open`; false when there is none, or it failed.
    public static func open(_ url: String) async -> Bool {
        let result = try? await Subprocess.run(
            .name("xdg-open"), arguments: [url], output: .discarded, error: .discarded)
        return result?.terminationStatus.isSuccess == true
    }
}
