import Foundation

/// Yes-or-no questions on the terminal, as Docker Compose asks them (`rm`, a changed volume in `up`, `publish`).
enum Prompt {
    /// Asks `question` on standard output and reads the answer from standard input: yes for `y` or `yes` (any
    /// case), no for anything else or the end of the input. `assumeYes` (`-y`) answers yes without asking.
    static func confirm(_ question: String, assumeYes: Bool = false) -> Bool {
        if assumeYes { return true }
        // On a terminal the choices are shown; elsewhere the question is printed as the reference prints it.
        Output.write(question + (Terminal.isTerminal(0) ? " (y/N) " : ""))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
