import Testing
@Test func placeholderRandomnessTests() { #expect(Bool(true)) }
