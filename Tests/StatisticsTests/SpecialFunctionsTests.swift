import Testing
import Statistics

// Reference values: mpmath 1.3.0 at 40 significant digits (`mpmath.digamma`, `loggamma`,
// `gammainc(a, …, regularized=True)`, `betainc(…, regularized=True)`, `ncdf`, `erfinv`/`findroot`,
// `binomial`), rounded to the nearest double. Script: Docs/Statistics/reference_special.py.

@Suite struct SpecialFunctionsTests {
    @Test func digammaMatchesMpmath() {
        let reference: [(Double, Double)] = [
            (1e-08, -100000000.57721564),
            (0.1, -10.423754940411076),
            (0.5, -1.9635100260214235),
            (1.0, -0.5772156649015329),
            (2.5, 0.7031566406452432),
            (7.3, 1.9178203356379862),
            (10.0, 2.251752589066721),
            (123.456, 4.811829323828985),
            (1000000.0, 13.815510057964191),
            (-0.5, 0.03648997397857652),
            (-2.7, -1.1153471291406896),
        ]
        for (x, expected) in reference {
            #expect(relativeError(SpecialFunctions.digamma(x), expected) < 1e-13, "ψ(\(x))")
        }
        // At the positive root the value is tiny: absolute accuracy.
        #expect(abs(SpecialFunctions.digamma(1.4616321449683622) - (-9.241265521729427e-17)) < 1e-15)
        #expect(SpecialFunctions.digamma(0).isNaN)
        #expect(SpecialFunctions.digamma(-3).isNaN)
    }

    @Test func logGammaMatchesMpmath() {
        let reference: [(Double, Double)] = [
            (1e-10, 23.025850929882736),
            (0.5, 0.5723649429247001),
            (1.5, -0.12078223763524522),
            (3.0, 0.6931471805599453),
            (10.5, 13.940625219403763),
            (1000.25, 5906.9472682711175),
            (100000000.0, 1742068066.1038346),
        ]
        for (x, expected) in reference {
            #expect(relativeError(SpecialFunctions.logGamma(x), expected) < 1e-14, "lnΓ(\(x))")
        }
    }

    @Test func incompleteGammaMatchesMpmath() {
        // (a, x, P(a, x), Q(a, x))
        let reference: [(Double, Double, Double, Double)] = [
            (0.5, 0.1, 0.345279153981423, 0.654720846018577),
            (1.0, 1.0, 0.6321205588285577, 0.36787944117144233),
            (3.0, 2.5, 0.45618688411667047, 0.5438131158833295),
            (3.0, 20.0, 0.9999995444850495, 4.555149505589213e-07),
            (10.0, 3.0, 0.0011024881301154798, 0.9988975118698845),
            (10.0, 10.0, 0.5420702855281478, 0.4579297144718522),
            (10.0, 60.0, 0.9999999999999997, 2.85150775555202e-16),
            (50.0, 49.0, 0.46210439360094024, 0.5378956063990598),
            (0.01, 0.9, 0.9973736567479489, 0.0026263432520511505),
            (10000.0, 10100.0, 0.8413487504471796, 0.15865124955282037),
            (10000.0, 9800.0, 0.022207543813969693, 0.9777924561860303),
            (2.5, 200.0, 1.0, 2.9666446590828848e-84),
            (100.0, 300.0, 1.0, 1.4110215102111522e-41),
            (1000000.0, 1000000.0, 0.5001329807608725, 0.4998670192391274),
            (1000000.0, 1003000.0, 0.9986382593537824, 0.0013617406462175915),
        ]
        for (a, x, p, q) in reference {
            #expect(relativeError(SpecialFunctions.regularizedGammaP(a, x), p) < 1e-12, "P(\(a), \(x))")
            // Q keeps relative accuracy in the far tail, except where Q = 1 − P with P ≈ 1
            // (small a, x < a + 1), where 10⁻¹² relative is the honest figure.
            #expect(relativeError(SpecialFunctions.regularizedGammaQ(a, x), q) < 1e-12, "Q(\(a), \(x))")
        }
        #expect(SpecialFunctions.regularizedGammaP(2, 0) == 0)
        #expect(SpecialFunctions.regularizedGammaQ(2, .infinity) == 0)
        #expect(SpecialFunctions.regularizedGammaP(0, 1).isNaN)
        #expect(SpecialFunctions.regularizedGammaQ(1, -1).isNaN)
    }

    @Test func incompleteBetaMatchesMpmath() {
        let reference: [(Double, Double, Double, Double)] = [
            (0.5, 0.5, 0.3, 0.36901011956554536),
            (2.0, 3.0, 0.4, 0.5248),
            (5.0, 0.5, 0.99, 0.7571581091015624),
            (0.5, 5.0, 0.001, 0.0777180078990332),
            (10.0, 20.0, 0.3, 0.3640040810719442),
            (100.0, 200.0, 0.4, 0.9916844649260861),
            (1.0, 1.0, 0.77, 0.77),
            (2.5, 0.5, 0.999999, 0.9983023481224883),
            (50.0, 0.5, 0.1, 8.380332558688315e-52),
            (1000.0, 1000.0, 0.49, 0.18555265943151145),
        ]
        for (a, b, x, expected) in reference {
            #expect(relativeError(SpecialFunctions.regularizedBeta(a: a, b: b, x: x), expected) < 1e-12,
                    "I_\(x)(\(a), \(b))")
        }
        #expect(SpecialFunctions.regularizedBeta(a: 2, b: 3, x: 0) == 0)
        #expect(SpecialFunctions.regularizedBeta(a: 2, b: 3, x: 1) == 1)
        #expect(SpecialFunctions.regularizedBeta(a: 2, b: 3, x: 1.5).isNaN)
    }

    @Test func normalCDFIsAccurateInTheTails() {
        let reference: [(Double, Double)] = [
            (-30.0, 4.906713927148187e-198),
            (-20.0, 2.7536241186062337e-89),
            (-10.0, 7.619853024160525e-24),
            (-5.0, 2.866515718791939e-07),
            (-1.96, 0.024997895148220435),
            (-0.5, 0.3085375387259869),
            (0.0, 0.5),
            (0.3, 0.6179114221889527),
            (1.0, 0.8413447460685429),
            (3.0, 0.9986501019683699),
            (8.0, 0.9999999999999993),
        ]
        for (x, expected) in reference {
            #expect(relativeError(SpecialFunctions.normalCDF(x), expected) < 1e-13, "Φ(\(x))")
        }
        // mpmath.ncdf(-38) = 2.88542835…e-316, a subnormal: only a few significant digits survive.
        #expect(relativeError(SpecialFunctions.normalCDF(-38), 2.88542835e-300 * 1e-16) < 1e-6)
    }

    @Test func normalQuantileMatchesMpmath() {
        let reference: [(Double, Double)] = [
            (1e-300, -37.0470962993612),
            (1e-100, -21.273453560965326),
            (1e-20, -9.262340089798407),
            (1e-10, -6.361340902404057),
            (1e-05, -4.264890793922825),
            (0.001, -3.0902323061678136),
            (0.025, -1.9599639845400543),
            (0.075, -1.439531470938456),
            (0.2, -0.8416212335729142),
            (0.6, 0.2533471031357997),
            (0.9, 1.2815515655446006),
            (0.975, 1.9599639845400538),
            (0.999, 3.090232306167813),
            (0.9999999999, 6.361340889697422),
        ]
        for (p, expected) in reference {
            #expect(relativeError(SpecialFunctions.normalQuantile(p), expected) < 1e-15, "Φ⁻¹(\(p))")
        }
        #expect(SpecialFunctions.normalQuantile(0.5) == 0)
        #expect(SpecialFunctions.normalQuantile(0) == -.infinity)
        #expect(SpecialFunctions.normalQuantile(1) == .infinity)
        #expect(SpecialFunctions.normalQuantile(-0.1).isNaN)
    }

    @Test func normalQuantileInvertsTheCDF() {
        for p in stride(from: 0.0005, to: 1, by: 0.0005) {
            #expect(relativeError(SpecialFunctions.normalCDF(SpecialFunctions.normalQuantile(p)), p) < 1e-14)
        }
    }

    @Test func logFactorialAndBinomial() {
        #expect(SpecialFunctions.logFactorial(0) == 0)
        #expect(relativeError(SpecialFunctions.logFactorial(10), 15.104412573075516) < 1e-15)
        // ln 100! (mpmath)
        #expect(relativeError(SpecialFunctions.logFactorial(100), 363.73937555556347) < 1e-14)
        #expect(SpecialFunctions.logFactorial(-1).isNaN)
        let reference: [(Int, Int, Double)] = [
            (10, 3, 4.787491742782046),
            (100, 50, 66.78384165201743),
            (1000, 1, 6.907755278982137),
            (1000000000, 2, 40.75338449233288),
            (1000000, 500000, 693140.0470130637),
            (1000000000000000, 40, 1271.2304160816693),
            (60, 31, 39.27891090318827),
        ]
        for (n, k, expected) in reference {
            #expect(relativeError(SpecialFunctions.logBinomialCoefficient(n, k), expected) < 1e-14, "ln C(\(n), \(k))")
        }
        #expect(SpecialFunctions.logBinomialCoefficient(5, 6) == -.infinity)
        #expect(SpecialFunctions.logBinomialCoefficient(5, 0) == 0)
    }

    @Test func logBetaAgreesWithLogGamma() {
        for (a, b) in [(0.5, 0.7), (3.0, 12.0), (15.0, 40.0), (2.5, 300.0), (1e3, 1e3)] {
            let direct = SpecialFunctions.logGamma(a) + SpecialFunctions.logGamma(b) - SpecialFunctions.logGamma(a + b)
            #expect(abs(SpecialFunctions.logBeta(a, b) - direct) < 1e-11 * max(1, abs(direct)))
        }
    }
}
