import Foundation

extension LabelledDataSet {
    /// The handwritten digits bundled with the package (Resources/digits.csv): 1,797 8×8 images, 64
    /// pixel intensities 0…16 and a label 0…9 (E. Alpaydin, C. Kaynak, UCI "Optical Recognition of
    /// Handwritten Digits", 1998; CC BY 4.0, see Resources/digits-LICENSE.txt). Parsed once per
    /// process.
    public static func digits() throws -> LabelledDataSet {
        try bundledDigits.get()
    }

    private static let bundledDigits: Result<LabelledDataSet, any Error> = Result {
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "digits", withExtension: "csv") else {
            throw LabelledTableError(line: nil, "the bundled digits.csv is missing from the Families resources")
        }
        return try LabelledTable.parse(try String(contentsOf: url, encoding: .utf8))
    }
}
