import ComposeSpec

/// Secrets written into compose files, command lines, labels and images.
extension LintRule {
    static let secretRules: [LintRule] = [
        LintRule(
            "secret-in-environment", .security, .warning, title: "Secrets must not be written in environment",
            explanation: """
                A password, token or key written as a literal `environment` value ends up in the compose file's \
                history, in `docker inspect` and in every copy of the file; so does a literal default \
                (`${DB_PASSWORD:-hunter2}`). Read it from the environment or an untracked env file \
                (`KEY: ${KEY}`, `KEY: ${KEY:?}`, `env_file`), or use `secrets:`.
                """
        ) { context in
            context.eachService { service in
                service.environment.compactMap { key, value, location in
                    guard Self.isSecretName(key) else { return nil }
                    if context.isLiteral(value, at: location, key: key) {
                        return .about(service, "environment \(key) holds a literal secret", at: location)
                    }
                    guard context.literalDefault(at: location, key: key) != nil else { return nil }
                    return .about(service, "environment \(key) falls back to a literal secret", at: location)
                }
            }
        },
        LintRule(
            "secret-in-command", .security, .warning, title: "Secrets must not be written in command lines",
            explanation: """
                A secret passed as a literal command-line flag (`--password=…`, `--cookie-secret=…`) is visible \
                to anyone who can list processes or inspect the container. Pass it through the environment from \
                a variable, or a secret file the program reads.
                """
        ) { context in
            context.eachService { service in
                ["command", "entrypoint"].flatMap { key in
                    let words = service.list(key)
                    return words.enumerated().compactMap { index, word -> LintIssue? in
                        guard let text = word.scalarText, let flag = Self.secretFlag(text, next: words, at: index),
                            !context.sources.isInterpolated(word.location)
                        else { return nil }
                        return .about(service, "\(key) passes a literal secret (\(flag))", at: word.location)
                    }
                }
            }
        },
        LintRule(
            "secret-in-label", .security, .warning, title: "Secrets must not be written in labels",
            explanation: """
                Labels are metadata anyone with read access to the engine can list. A label whose name says \
                password, token or key must not hold the secret itself.
                """
        ) { context in
            context.eachService { service in
                (service.field("labels")?.mapping ?? [:]).compactMap { key, value in
                    guard Self.isSecretName(key), let text = value.scalarText,
                        context.isLiteral(text, at: value.location, key: key)
                    else { return nil }
                    return .about(service, "label \(key) holds a literal secret", at: value.location)
                }
            }
        },
        LintRule(
            "credentials-in-url", .security, .warning, title: "Connection strings must not hold literal passwords",
            explanation: """
                A URL such as `postgresql://user:password@db/app` in `environment` or `command` carries the \
                password in clear text. Build it from variables (`postgresql://user:${DB_PASSWORD}@db/app`) or \
                let the program read the password from a secret file.
                """
        ) { context in
            context.eachService { service in
                var issues: [LintIssue] = []
                for (key, value, location) in service.environment where Self.urlPassword(in: value) != nil {
                    if context.isLiteral(value, at: location, key: key) {
                        issues.append(.about(service, "environment \(key) holds a URL with a password", at: location))
                    }
                }
                for key in ["command", "entrypoint"] {
                    for (text, location) in service.strings(key) where Self.urlPassword(in: text) != nil {
                        if !context.sources.isInterpolated(location) {
                            issues.append(.about(service, "\(key) holds a URL with a password", at: location))
                        }
                    }
                }
                return issues
            }
        },
        LintRule(
            "build-secret-args", .security, .warning, title: "Secrets must not be passed as build arguments",
            explanation: """
                Build arguments are recorded in the image's history: anyone who pulls the image reads them. Pass \
                secrets to a build with `build.secrets` (mounted only while a step runs) instead.
                """
        ) { context in
            context.eachService { service in
                (service.build?["args"]?.mapping ?? [:]).compactMap { key, value in
                    guard Self.isSecretName(key), let text = value.scalarText, !text.isEmpty else { return nil }
                    return .about(service, "build argument \(key) bakes a secret into the image", at: value.location)
                }
            }
        },
    ]

    static let secretWords = [
        "PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL",
        "AUTH_KEY", "ENCRYPTION_KEY", "SIGNING_KEY",
    ]

    /// A variable or label name that says it holds a secret (`DB_PASSWORD`, `api-token`), but not one naming a
    /// file or path that holds it (`POSTGRES_PASSWORD_FILE`).
    static func isSecretName(_ name: String) -> Bool {
        let upper = String(name.uppercased().map { $0 == "-" || $0 == "." ? "_" : $0 })
        guard !upper.hasSuffix("_FILE"), !upper.hasSuffix("_PATH"), !upper.hasSuffix("_DIR") else { return false }
        return secretWords.contains { upper.contains($0) }
    }

    /// The flag of a `--secret-name=value` word (or `--secret-name value`), when it passes a value.
    static func secretFlag(_ word: String, next words: [Node], at index: Int) -> String? {
        guard word.hasPrefix("-") else { return nil }
        let trimmed = word.drop { $0 == "-" }
        if let equals = trimmed.firstIndex(of: "=") {
            let name = String(trimmed[..<equals])
            let value = trimmed[trimmed.index(after: equals)...]
            return isSecretName(name) && !value.isEmpty && !value.hasPrefix("$") ? "--" + name : nil
        }
        guard isSecretName(String(trimmed)), index + 1 < words.count, let value = words[index + 1].scalarText,
            !value.hasPrefix("-"), !value.hasPrefix("$"), !value.isEmpty
        else { return nil }
        return "--" + trimmed
    }

    /// The password of a `scheme://user:password@host` URL in `text`.
    static func urlPassword(in text: String) -> Substring? {
        guard let scheme = text.range(of: "://") else { return nil }
        let rest = text[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        let userInfo = rest[..<at]
        guard !userInfo.contains("/"), let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = userInfo[userInfo.index(after: colon)...]
        return password.isEmpty || password.hasPrefix("$") ? nil : password
    }
}

extension LintContext {
    /// The literal default of a `${VAR:-default}` (or `${VAR-default}`) written for `key` at `location`.
    func literalDefault(at location: SourceLocation?, key: String) -> Substring? {
        guard let text = sources.text(at: location), let line = sources.line(location!.file, location!.line),
            line.contains(key), let open = text.range(of: "${")
        else { return nil }
        let expression = text[open.upperBound...].prefix { $0 != "}" }
        guard let dash = expression.firstIndex(of: "-") else { return nil }
        let value = expression[expression.index(after: dash)...]
        return value.isEmpty || value.contains("$") ? nil : value
    }

    /// Whether `value` of `key` was written literally where it is found: not from a variable, an env file or the
    /// environment Pier runs in.
    func isLiteral(_ value: String, at location: SourceLocation?, key: String) -> Bool {
        guard !value.isEmpty, let text = sources.text(at: location) else { return false }
        guard let line = sources.line(location!.file, location!.line), line.contains(key) else { return false }
        return !text.contains("$") && text.contains(value)
    }
}
