import Testing
@Test func placeholderFamiliesTests() { #expect(Bool(true)) }
