import Testing
import Statistics

// Reference values: `½ I_{ν/(ν+t²)}(ν/2, ½)` in 50-digit mpmath 1.3.0, and its root by
// `mpmath.findroot` for the quantiles (Docs/Statistics/reference_student_t.py).

@Suite struct StudentTTests {
    @Test func cdfMatchesMpmath() {
        let reference: [(Double, Double, Double)] = [
            (-3.0, 1.0, 0.10241638234956672),
            (0.5, 1.0, 0.6475836176504333),
            (-2.0, 2.0, 0.09175170953613698),
            (1.7, 3.0, 0.906154679223295),
            (-2.5, 4.5, 0.029952843251100272),
            (0.1, 10.0, 0.5388396407177959),
            (-40.0, 5.0, 9.205981085886477e-08),
            (3.0, 30.0, 0.9973050179671741),
            (-1.0, 1000.0, 0.15877620904233616),
            (2.0, 99999.0, 0.9772485182577487),
            (-2.0, 1000000.0, 0.022750266925659603),
            (4.0, 1000000000.0, 0.9999683287558918),
            (-10000000000.0, 3.0, 1.102657790843584e-30),
            (-3.0, 200000.0, 0.0013500642313883954),
        ]
        for (t, nu, expected) in reference {
            let value = SpecialFunctions.studentTCDF(t, degreesOfFreedom: nu)
            #expect(relativeError(value, expected) < 1e-12, "F_\(nu)(\(t)) = \(value)")
        }
        #expect(SpecialFunctions.studentTCDF(0, degreesOfFreedom: 7) == 0.5)
        #expect(SpecialFunctions.studentTCDF(1.3, degreesOfFreedom: .infinity) == SpecialFunctions.normalCDF(1.3))
        #expect(SpecialFunctions.studentTCDF(1, degreesOfFreedom: 0).isNaN)
    }

    /// Large ν, where the continued fraction and the normal expansion share the work: ≤ 10⁻¹¹
    /// relative (Docs/Statistics/reference_student_t_large.py, same method as above).
    @Test func cdfForLargeDegreesOfFreedom() {
        let reference: [(Double, Double, Double)] = [
            (-1.6448536269514722, 10000.0, 0.050015715342992165),
            (-4.0, 30000.0, 3.1747143498329775e-05),
            (-8.0, 100000.0, 6.286959938128186e-16),
            (-10.0, 1000000.0, 7.639305384089125e-24),
            (-30.0, 10000000.0, 5.0073068454089e-198),
            (-5.0, 1000000000.0, 2.8665162019758144e-07),
            (-30.0, 1000000000.0, 4.9077098439837305e-198),
            (-2.0, 1000000000000.0, 0.022750131948314184),
        ]
        for (t, nu, expected) in reference {
            #expect(relativeError(SpecialFunctions.studentTCDF(t, degreesOfFreedom: nu), expected) < 1e-11, "F_\(nu)(\(t))")
            #expect(relativeError(1 - SpecialFunctions.studentTCDF(-t, degreesOfFreedom: nu), expected) < 1e-11 || expected < 1e-5)
        }
    }

    @Test func quantileMatchesMpmath() {
        let reference: [(Double, Double, Double)] = [
            (0.975, 1.0, 12.706204736174694),
            (0.975, 2.0, 4.302652729749462),
            (0.975, 3.0, 3.1824463052837086),
            (0.025, 4.0, -2.7764451051977943),
            (0.995, 5.0, 4.032142983555227),
            (0.9, 7.5, 1.405211846415953),
            (0.5000001, 10.0, 2.5699780335778006e-07),
            (1e-10, 3.0, -2225.7692846830932),
            (1e-30, 10.0, -2564.5239317426153),
            (0.975, 29.0, 2.045229642132704),
            (0.975, 999.0, 1.9623414611334495),
            (0.95, 99999.0, 1.6448688649373506),
            (0.975, 1000000.0, 1.9599663568141066),
            (0.999, 20.0, 3.5518083432033327),
            (0.6, 0.5, 0.3979754267847906),
            (1e-300, 50.0, -6675289.062943936),
        ]
        for (p, nu, expected) in reference {
            let value = SpecialFunctions.studentTQuantile(p, degreesOfFreedom: nu)
            #expect(relativeError(value, expected) < 1e-12, "t_\(nu)(\(p)) = \(value)")
        }
        #expect(SpecialFunctions.studentTQuantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(SpecialFunctions.studentTQuantile(1, degreesOfFreedom: 3) == .infinity)
        #expect(SpecialFunctions.studentTQuantile(0.3, degreesOfFreedom: .infinity) == SpecialFunctions.normalQuantile(0.3))
    }

    @Test func quantileInvertsTheCDF() {
        for nu in [1.5, 3.0, 8.0, 25.0, 300.0, 5_000.0] {
            for p in [1e-12, 1e-6, 0.01, 0.2, 0.45, 0.55, 0.8, 0.99, 0.999999] {
                let t = SpecialFunctions.studentTQuantile(p, degreesOfFreedom: nu)
                let back = SpecialFunctions.studentTCDF(t, degreesOfFreedom: nu)
                // Relative accuracy of the smaller tail, which is what the inversion controls.
                let expectedTail = min(p, 1 - p)
                let tail = p < 0.5 ? back : 1 - back
                #expect(relativeError(tail, expectedTail) < 1e-11, "ν = \(nu), p = \(p)")
            }
        }
    }
}
