import PierCLI

await Pier.run()
