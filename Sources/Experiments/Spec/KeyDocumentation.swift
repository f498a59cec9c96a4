/// One spec key as `collapse families` lists it.
public struct KeyDocumentation: Sendable {
    public var key: String
    public var defaultValue: String
    public var allowed: String
    public var summary: String

    public init(_ key: String, default defaultValue: String, allowed: String, _ summary: String) {
        self.key = key
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.summary = summary
    }
}
