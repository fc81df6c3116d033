import DockerEngine
import Foundation
import Orchestration
import Testing

@testable import PierCLI

/// `stats` and `volumes` lines as the docker CLI writes them; the expected texts are the reference's.
struct PresentationTests {
    @Test func statsSizesAreTheDockerCLIs() {
        var sample = ContainerStatsSample()
        sample.memoryUsage = 323_584
        sample.memoryLimit = 25_329_061_478
        sample.networkReceived = 1440
        sample.networkSent = 0
        sample.pids = 1
        let line = StatsPresentation(
            containerID: String(repeating: "ab", count: 32), name: "demo-web-1", sample: sample)
        #expect(line.field("MemUsage")?.printed == "316KiB / 23.59GiB")
        #expect(line.field("NetIO")?.printed == "1.44kB / 0B")
        #expect(line.field("BlockIO")?.printed == "0B / 0B")
        #expect(line.field("CPUPerc")?.printed == "0.00%")
        #expect(line.field("ID")?.printed == "abababababab")
        #expect(line.field("PIDs")?.printed == "1")
        // Until its first sample, a container shows dashes.
        let waiting = StatsPresentation(containerID: "abc", name: "x", sample: nil)
        #expect(waiting.field("MemUsage")?.printed == "--")
    }

    @Test func aStatsTableIsTheDockerCLIs() throws {
        let listing = TemplateListFormat("", defaultTable: StatsPresentation.defaultTable)
        let text = try listing.render([StatsPresentation](), titles: StatsPresentation.titles)
        #expect(
            text == "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n")
    }

    @Test func volumesListAsTheDockerCLIListsThem() throws {
        let volume = try JSONDecoder().decode(
            Volume.self,
            from: Data(
                #"{"Name":"demo_data","Driver":"local","Scope":"local","Mountpoint":"/var/lib/docker/volumes/demo_data/_data","Labels":{"b":"2","a":"1"}}"#
                    .utf8))
        let listing = TemplateListFormat("", defaultTable: VolumePresentation.defaultTable)
        #expect(
            try listing.render([VolumePresentation(volume: volume)], titles: VolumePresentation.titles)
                == "DRIVER    VOLUME NAME\nlocal     demo_data\n")
        let json = TemplateListFormat("json", defaultTable: VolumePresentation.defaultTable)
        #expect(
            try json.render([VolumePresentation(volume: volume)], titles: VolumePresentation.titles)
                == #"{"Availability":"N/A","Driver":"local","Group":"N/A","Labels":"a=1,b=2","Links":"N/A","#
                + #""Mountpoint":"/var/lib/docker/volumes/demo_data/_data","Name":"demo_data","Scope":"local","#
                + #""Size":"N/A","Status":"N/A"}"# + "\n")
    }
}
