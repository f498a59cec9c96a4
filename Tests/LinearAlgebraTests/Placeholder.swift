import Testing
@Test func placeholderLinearAlgebraTests() { #expect(Bool(true)) }
