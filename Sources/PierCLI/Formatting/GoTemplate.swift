/// A value a template field gives.
enum TemplateValue {
    case text(String)
    case integer(Int)
    case json(GoJSON)

    var asJSON: GoJSON {
        switch self {
        case .text(let text): .string(text)
        case .integer(let value): .integer(Int64(value))
        case .json(let value): value
        }
    }

    /// How Go's templates print the value (`%v`): slices as `[a b]`, structs as `{a b}`.
    var printed: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .json(let value): Self.goValue(value)
        }
    }

    private static func goValue(_ value: GoJSON) -> String {
        switch value {
        case .null: "<nil>"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .string(let text): text
        case .array(let items): "[" + items.map(goValue).joined(separator: " ") + "]"
        case .object(let members): "{" + members.map { goValue($0.1) }.joined(separator: " ") + "}"
        }
    }
}

/// What a template is executed against: `{{.Name}}`, `{{.Label "key"}}`, `{{json .}}`.
protocol TemplateContext {
    /// The Go type the reference names in errors (`*formatter.ContainerContext`).
    static var typeName: String { get }
    func field(_ name: String) -> TemplateValue?
    func label(_ name: String) -> String
    var json: GoJSON { get }
}

/// The part of Go's `text/template` the docker CLI's `--format` flags use: fields, `.Label "key"`, the
/// functions `json`, `upper`, `lower`, `title`, `truncate`, `pad`, `join`, pipes and `{{-`/`-}}` trimming.
struct GoTemplate {
    struct Failure: Error {
        var message: String
    }

    enum Word {
        case dot
        case field(String, offset: Int)
        case function(String)
        case literal(String)
        case number(Int)
    }

    enum Piece {
        case text(String)
        /// Commands joined by `|`, each a list of words.
        case action([[Word]])
    }

    let pieces: [Piece]
    static let functions: Set<String> = ["json", "upper", "lower", "title", "truncate", "pad", "join"]

    init(_ source: String) throws(Failure) {
        pieces = try GoTemplateParser.parse(source)
    }

    /// The template executed against `context`.
    func render<Context: TemplateContext>(_ context: Context) throws(Failure) -> String {
        var output = ""
        for piece in pieces {
            switch piece {
            case .text(let text): output += text
            case .action(let commands): output += try evaluate(commands, context).printed
            }
        }
        return output
    }

    /// The header line of a `table` template: each field replaced by its column title, `<no value>` for
    /// fields without one (as the docker CLI prints them), functions passing their argument through.
    func renderHeader(_ titles: [String: String]) -> String {
        var output = ""
        for piece in pieces {
            switch piece {
            case .text(let text): output += text
            case .action(let commands):
                let fields = commands.flatMap { $0 }.compactMap { word -> String? in
                    if case .field(let name, _) = word { return name }
                    return nil
                }
                output += fields.last.map { titles[$0] ?? "<no value>" } ?? ""
            }
        }
        return output
    }

    private func evaluate<Context: TemplateContext>(_ commands: [[Word]], _ context: Context) throws(Failure)
        -> TemplateValue
    {
        var previous: TemplateValue?
        for command in commands {
            previous = try evaluate(command, context, piped: previous)
        }
        return previous ?? .text("")
    }

    private func evaluate<Context: TemplateContext>(
        _ words: [Word], _ context: Context, piped: TemplateValue?
    ) throws(Failure) -> TemplateValue {
        guard let head = words.first else { return piped ?? .text("") }
        var arguments: [TemplateValue] = []
        for word in words.dropFirst() { arguments.append(try value(of: word, context)) }
        if let piped { arguments.append(piped) }
        switch head {
        case .function(let name): return try call(name, arguments)
        case .field("Label", _) where !arguments.isEmpty: return .text(context.label(arguments[0].printed))
        default: return try value(of: head, context)
        }
    }

    private func value<Context: TemplateContext>(of word: Word, _ context: Context) throws(Failure)
        -> TemplateValue
    {
        switch word {
        case .dot: return .json(context.json)
        case .field(let name, let offset):
            guard let value = context.field(name) else {
                throw Failure(
                    message: "template: :1:\(offset): executing \"\" at <.\(name)>: "
                        + "can't evaluate field \(name) in type \(Context.typeName)")
            }
            return value
        case .literal(let text): return .text(text)
        case .number(let number): return .integer(number)
        case .function(let name): return try call(name, [])
        }
    }

    private func call(_ name: String, _ arguments: [TemplateValue]) throws(Failure) -> TemplateValue {
        guard let first = arguments.first else {
            throw Failure(message: "template: :1: wrong number of args for \(name): want 1 got 0")
        }
        let text = first.printed
        func integer(_ index: Int) -> Int {
            guard index < arguments.count, case .integer(let value) = arguments[index] else { return 0 }
            return value
        }
        switch name {
        case "json": return .text(first.asJSON.encoded())
        case "upper": return .text(text.uppercased())
        case "lower": return .text(text.lowercased())
        case "title": return .text(text.capitalized)
        case "truncate": return .text(String(text.prefix(max(0, integer(1)))))
        case "pad":
            // The docker CLI pads only text that is not empty.
            guard !text.isEmpty else { return .text("") }
            return .text(String(repeating: " ", count: integer(1)) + text + String(repeating: " ", count: integer(2)))
        case "join":
            if case .json(.array(let items)) = first {
                let separator = arguments.count > 1 ? arguments[1].printed : ""
                return .text(items.map { TemplateValue.json($0).printed }.joined(separator: separator))
            }
            return first
        default: return first
        }
    }
}
