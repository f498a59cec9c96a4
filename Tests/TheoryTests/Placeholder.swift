import Testing
@Test func placeholderTheoryTests() { #expect(Bool(true)) }
