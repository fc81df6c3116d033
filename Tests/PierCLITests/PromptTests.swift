import Testing

@testable import PierCLI

/// Answers to `rm`'s question, read as the reference reads them (checked with the reference on each answer).
struct PromptTests {
    @Test(arguments: ["y", "Y", "1", "t", "T", "true", "TRUE", "True", " y", "y y"])
    func yes(_ answer: String) {
        #expect(Prompt.isYes(answer))
    }

    @Test(arguments: ["", "n", "yes", "YES", "ye", "no", "false", "0"])
    func no(_ answer: String) {
        #expect(!Prompt.isYes(answer))
    }
}
