import Testing
@Test func placeholderStatisticsTests() { #expect(Bool(true)) }
