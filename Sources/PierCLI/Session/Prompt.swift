import Foundation

/// Yes-or-no questions, as Docker Compose asks them (`rm` without `-f`, a changed volume in `up`, `publish`).
enum Prompt {
    /// Asks `question` on standard output and reads the answer from standard input; the end of the input is no.
    /// On a terminal the question shows its choices (`? Going to remove web-1 (y/N) `); elsewhere it is printed as
    /// is, without a newline, as the reference prints it. `assumeYes` (`-y`) answers yes without asking.
    static func confirm(_ question: String, assumeYes: Bool = false) -> Bool {
        if assumeYes { return true }
        Output.write(Terminal.isTerminal(0) ? "? \(question) (y/N) " : question)
        return readLine().map(isYes) ?? false
    }

    /// Whether an answer is yes as the reference reads it: its first word is `y`, `Y`, or true as Go's `ParseBool`
    /// reads it (`1`, `t`, `T`, `true`, `TRUE`, `True`). `yes` is no.
    static func isYes(_ answer: String) -> Bool {
        let word = answer.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        return ["y", "Y", "1", "t", "T", "true", "TRUE", "True"].contains(word)
    }
}
