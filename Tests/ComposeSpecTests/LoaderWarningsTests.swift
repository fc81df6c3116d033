import Testing

@testable import ComposeSpec

/// Compose warns `The "X" variable is not set. Defaulting to a blank string.` for each plain reference to an unset
/// variable, in compose files, `.env` files and `env_file`/`label_file`s (checked against Docker Compose v2.40.3);
/// Pier says it once per place, with the place.
@Suite struct LoaderWarningsTests {
    static func unset(_ name: String, at place: String) -> String {
        "\(place): The \"\(name)\" variable is not set. Defaulting to a blank string."
    }

    @Test func everyPlainReferenceToAnUnsetVariableWarnsWhereItIs() throws {
        let project = try ScratchProject([
            ".env": "A=${NOPE_DOTENV}\n",
            "e.env": "B=${NOPE_ENVFILE}\n",
            "l.labels": "L=${NOPE_LABEL}\n",
            "compose.yaml": """
            services:
              a:
                image: "x${NOPE1}"
                environment: [X=$NOPE1, "Y=${NOPE2:-d}", "Z=${NOPE3-}"]
                env_file: e.env
                label_file: l.labels
              b: {image: "x$$NOPE4"}
            """,
        ])
        defer { project.remove() }
        let warnings = try project.load().warnings.map(\.description)
        #expect(
            warnings == [
                Self.unset("NOPE_DOTENV", at: project.path(".env:1:1")),
                Self.unset("NOPE1", at: project.path("compose.yaml:3:12")),
                Self.unset("NOPE1", at: project.path("compose.yaml:4:19")),
                Self.unset("NOPE_ENVFILE", at: project.path("e.env:1:1")),
                Self.unset("NOPE_LABEL", at: project.path("l.labels:1:1")),
            ])
    }

    @Test func warningsComeWithTheErrorThatFollowsThem() throws {
        let project = try ScratchProject(["compose.yaml": "services:\n  app:\n    image: \"${NOPE}\"\n"])
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(error.message == "service \"app\" has neither an image nor a build context specified")
        #expect(error.warnings.map(\.description) == [Self.unset("NOPE", at: project.path("compose.yaml:3:12"))])
    }

    @Test func noInterpolationNoWarning() throws {
        let project = try ScratchProject(["compose.yaml": "services:\n  app:\n    image: \"x${NOPE}\"\n"])
        defer { project.remove() }
        #expect(try project.load { $0.interpolate = false }.warnings.isEmpty)
    }
}
