import Testing
@Test func placeholderExperimentsTests() { #expect(Bool(true)) }
