import Testing

@testable import PierCLI

/// The part of Go's `text/template` that `--format` flags use.
struct GoTemplateTests {
    struct Item: TemplateContext {
        static let typeName = "*formatter.Item"
        var name = "web"
        var labels = ["com.example.tier": "front"]
        var ports = [80, 443]

        func field(_ name: String) -> TemplateValue? {
            switch name {
            case "Name": .text(self.name)
            case "Count": .integer(2)
            case "Ports": .json(.array(ports.map { .integer(Int64($0)) }))
            default: nil
            }
        }

        func label(_ name: String) -> String { labels[name] ?? "" }

        var json: GoJSON { .object([("Name", .string(name)), ("Count", .integer(2))]) }
    }

    static func render(_ source: String, _ item: Item = Item()) throws -> String {
        try GoTemplate(source).render(item)
    }

    @Test(arguments: [
        ("{{.Name}}", "web"),
        ("name={{.Name}} count={{.Count}}", "name=web count=2"),
        ("{{.Label \"com.example.tier\"}}", "front"),
        ("{{.Label \"missing\"}}", ""),
        ("{{json .}}", #"{"Name":"web","Count":2}"#),
        ("{{json .Name}}", #""web""#),
        ("{{upper .Name}}", "WEB"),
        ("{{.Name | upper}}", "WEB"),
        ("{{.Name | upper | lower}}", "web"),
        ("{{title .Name}}", "Web"),
        ("{{truncate .Name 2}}", "we"),
        ("[{{pad .Name 1 2}}]", "[ web  ]"),
        ("{{.Ports}}", "[80 443]"),
        ("{{join .Ports \", \"}}", "80, 443"),
        ("{{\"a\\tb\"}}", "a\tb"),
        ("a  {{- .Name -}}  b", "awebb"),
        ("{{`raw {{`}}", "raw {{"),
    ])
    func renders(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test func padLeavesEmptyTextAlone() throws {
        #expect(try Self.render("[{{pad .Name 1 1}}]", Item(name: "")) == "[]")
    }

    @Test(arguments: [
        ("{{.Nope}}", "template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.Item"),
        ("{{bogus .Name}}", "template: :1: function \"bogus\" not defined"),
        ("{{.Name", "template: :1: unclosed action"),
        ("{{upper}}", "template: :1: wrong number of args for upper: want 1 got 0"),
    ])
    func failsAsGoDoes(source: String, message: String) {
        #expect {
            try Self.render(source)
        } throws: { error in
            (error as? GoTemplate.Failure)?.message == message
        }
    }

    @Test func aTableHeaderNamesEachColumn() throws {
        let template = try GoTemplate("{{.Name}}\t{{upper .Image}}\t{{.Other}}")
        #expect(template.renderHeader(["Name": "NAME", "Image": "IMAGE"]) == "NAME\tIMAGE\t<no value>")
    }
}
