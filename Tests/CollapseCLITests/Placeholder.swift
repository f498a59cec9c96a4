import Testing
@Test func placeholderCollapseCLITests() { #expect(Bool(true)) }
