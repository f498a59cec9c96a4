import ArgumentParser
import Experiments

struct FamiliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "families",
        abstract: "List the model families, their spec keys (defaults, allowed values) and metrics.")

    @Argument(help: "Show only this family.")
    var family: String?

    func validate() throws {
        if let family, FamilyRegistry.family(named: family) == nil {
            throw ValidationError("unknown family '\(family)'; known: \(FamilyRegistry.names.joined(separator: ", "))")
        }
    }

    func run() {
        print("Keys of every spec:")
        printKeys(SpecParser.commonKeys)
        for type in FamilyRegistry.families where family == nil || type.name == family {
            print("")
            print("family: \(type.name) — \(type.summary)")
            print("  keys:")
            printKeys(type.keys, indent: 4)
            print("  metrics (default: \(type.defaultMetrics.joined(separator: ", "))):")
            for metric in type.metrics {
                print("    " + pad(metric.name, 14) + metric.summary)
            }
        }
    }

    func printKeys(_ keys: [KeyDocumentation], indent: Int = 2) {
        let space = String(repeating: " ", count: indent)
        for key in keys {
            print(space + pad(key.key, 20) + key.summary)
            print(space + String(repeating: " ", count: 20) + "default: \(key.defaultValue); allowed: \(key.allowed)")
        }
    }
}
