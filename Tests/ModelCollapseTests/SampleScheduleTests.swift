import ModelCollapse
import Testing

@Test func scheduleSizes() {
    #expect(SampleSchedule.constant(100).sizes(count: 3) == [100, 100, 100])
    #expect(SampleSchedule.linear(initial: 100, slope: 100).sizes(count: 3) == [100, 200, 300])
    #expect(SampleSchedule.power(initial: 100, exponent: 2).sizes(count: 3) == [100, 400, 900])
    #expect(SampleSchedule.power(initial: 10, exponent: 1.5).size(at: 3) == 80)
    #expect(SampleSchedule.geometric(initial: 10, ratio: 2).sizes(count: 4) == [10, 20, 40, 80])
    #expect(SampleSchedule.list([5, 6, 7]).sizes(count: 3) == [5, 6, 7])
    #expect(SampleSchedule.constant(0).size(at: 0) == 1)
    #expect(SampleSchedule.geometric(initial: 10, ratio: 10).size(at: 400) == Int.max / 2)
}

@Test func stepSchedules() {
    #expect(StepSchedule.constant(0.25).step(at: 9) == 0.25)
    #expect(StepSchedule.power(initial: 1, decay: 1).step(at: 4) == 0.25)
    #expect(StepSchedule.power(initial: 2, decay: 1).step(at: 1) == 1)
}
