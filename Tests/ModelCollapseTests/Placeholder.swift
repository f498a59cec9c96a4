import Testing
@Test func placeholderModelCollapseTests() { #expect(Bool(true)) }
