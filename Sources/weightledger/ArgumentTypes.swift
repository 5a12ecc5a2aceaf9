import ArgumentParser
import LedgerCore
import LedgerRender

// Typed options: ArgumentParser refuses an unknown value itself, listing the accepted ones.

extension TrainingKind: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension DeploymentKind: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension RehashMode: ExpressibleByArgument {}

extension Role: ExpressibleByArgument {}

extension ReviewFormat: ExpressibleByArgument {}
