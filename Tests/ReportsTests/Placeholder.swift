import Testing
@Test func placeholderReportsTests() { #expect(Bool(true)) }
