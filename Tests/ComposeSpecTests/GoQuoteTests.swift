import ComposeSpec
import Testing

/// `GoQuote.quoted` against Go's `strconv.Quote`: the cases of Go's own documentation, and code points whose
/// quoting the reference was seen to print in its `.env` messages (U+200B, U+E000, U+0378, U+1D173, U+10FFFF).
struct GoQuoteTests {
    @Test(arguments: [
        ("", #""""#),
        ("abc", #""abc""#),
        ("\u{07}\u{08}\u{0C}\r\n\t\u{0B}", #""\a\b\f\r\n\t\v""#),
        ("\\", #""\\""#),
        ("\"", #""\"""#),
        ("'", #""'""#),
        ("\u{00}", #""\x00""#),
        ("\u{04}", #""\x04""#),
        ("\u{7F}", #""\x7f""#),
        (" ", #"" ""#),
        ("\u{263A}", #""☺""#),
        ("héllo 世界", #""héllo 世界""#),
        ("A😀B", #""A😀B""#),
        ("!\u{00A0}!\u{2000}!\u{3000}!", #""!\u00a0!\u2000!\u3000!""#),
        ("\u{85}", #""\u0085""#),
        ("\u{200B}", #""\u200b""#),
        ("\u{FEFF}", #""\ufeff""#),
        ("\u{E000}", #""\ue000""#),
        ("\u{0378}", #""\u0378""#),
        ("\u{1D173}", #""\U0001d173""#),
        ("\u{10FFFF}", #""\U0010ffff""#),
    ])
    func quotesAsGo(text: String, expected: String) {
        #expect(GoQuote.quoted(text) == expected)
    }
}
