import Foundation

/// `-e KEY=VALUE` entries; `-e KEY` takes the value of `KEY` in Pier's environment when it has one.
enum EnvironmentArguments {
    static func resolve(_ entries: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [String]
    {
        entries.map { entry in
            guard !entry.contains("="), let value = environment[entry] else { return entry }
            return "\(entry)=\(value)"
        }
    }
}
