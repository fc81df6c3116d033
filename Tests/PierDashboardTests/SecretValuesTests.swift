import Testing

@testable import PierDashboard

/// Values the page must not see unless the user asks.
struct SecretValuesTests {
    @Test(arguments: [
        "POSTGRES_PASSWORD", "DB_PASS", "api_token", "SECRET_KEY_BASE", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN",
        "PRIVATE_KEY", "MYSQL_ROOT_PASSWORD", "AUTH_HEADER", "SESSION_COOKIE", "PGPASSWORD", "JWT_SIGNATURE",
    ])
    func secretLookingNamesAreMasked(name: String) {
        #expect(SecretValues.looksSecret(name: name))
        #expect(SecretValues.variables(["\(name)=hunter2"]) == [.init(name: name, value: nil, masked: true)])
    }

    @Test(arguments: ["PATH", "HOME", "POSTGRES_USER", "POSTGRES_DB", "LANG", "PORT", "NODE_ENV", "HOSTNAME"])
    func otherNamesAreShown(name: String) {
        #expect(!SecretValues.looksSecret(name: name))
        #expect(SecretValues.variables(["\(name)=value"]) == [.init(name: name, value: "value", masked: false)])
    }

    /// `DATABASE_URL` says nothing secret, but its value holds a password.
    @Test func urlsWithPasswordsAreMasked() {
        #expect(SecretValues.holdsCredentials("postgresql://notes:hunter2@db:5432/notes"))
        #expect(SecretValues.holdsCredentials("https://user:pw@example.com"))
        #expect(!SecretValues.holdsCredentials("https://example.com/a@b:c"))
        #expect(!SecretValues.holdsCredentials("redis://cache:6379"))
        #expect(!SecretValues.holdsCredentials("https://user@example.com"))
        #expect(SecretValues.variables(["DATABASE_URL=postgresql://u:p@db/x"]).first?.masked == true)
    }

    @Test func revealingGivesTheWholeValue() {
        let environment = ["A=1", "POSTGRES_PASSWORD=pa=ss", "EMPTY="]
        #expect(SecretValues.reveal("POSTGRES_PASSWORD", in: environment) == "pa=ss")
        #expect(SecretValues.reveal("EMPTY", in: environment) == "")
        #expect(SecretValues.reveal("MISSING", in: environment) == nil)
    }
}
