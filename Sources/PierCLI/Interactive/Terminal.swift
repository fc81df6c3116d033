import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal on standard input, switched to raw mode while a TTY session runs (every key, Ctrl+C included,
/// goes to the container unchanged) and restored when the session ends, however it ends (sessions restore it in
/// a `defer`; the process never exits from inside one).
enum Terminal {
    /// The settings before raw mode, while raw mode is on.
    private static let saved = Mutex<termios?>(nil)

    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// Rows and columns of the terminal on `descriptor`; nil when it is not a terminal.
    static func size(of descriptor: Int32) -> (rows: Int, columns: Int)? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// Raw mode on standard input, as `docker exec -it` sets it: no echo, no line editing, no signals from keys,
    /// no output processing (the container's terminal does that).
    static func enterRawMode() {
        guard isTerminal(0) else { return }
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return }
        let alreadyRaw = saved.withLock { saved in
            if saved != nil { return true }
            saved = original
            return false
        }
        guard !alreadyRaw else { return }
        var raw = original
        cfmakeraw(&raw)
        tcsetattr(0, TCSANOW, &raw)
    }

    /// Puts back the settings raw mode replaced; does nothing when raw mode is off.
    static func restore() {
        guard
            var original = saved.withLock({ saved in
                defer { saved = nil }; return saved
            })
        else { return }
        tcsetattr(0, TCSANOW, &original)
    }
}

extension Terminal {
    /// Key-by-key input on standard input, for a menu: no echo, no line editing, but Ctrl+C still interrupts.
    static func enterKeyMode() {
        guard isTerminal(0) else { return }
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return }
        let alreadySet = saved.withLock { saved in
            if saved != nil { return true }
            saved = original
            return false
        }
        guard !alreadySet else { return }
        var keys = original
        keys.c_lflag &= ~tcflag_t(ECHO | ICANON)
        tcsetattr(0, TCSANOW, &keys)
    }
}
