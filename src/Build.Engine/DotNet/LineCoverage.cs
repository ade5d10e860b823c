using System.Globalization;
using System.Xml.Linq;

namespace Build.Engine.DotNet;

/// <summary>Line coverage summed over Cobertura files (lines-covered / lines-valid).</summary>
public sealed record LineCoverage(long Covered, long Valid)
{
    public double Percent => Valid == 0 ? 0 : 100.0 * Covered / Valid;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Total line coverage: {Percent:0.00}%");

    public static LineCoverage FromCobertura(IEnumerable<string> files)
    {
        long covered = 0, valid = 0;
        foreach (var file in files)
        {
            var root = XDocument.Load(file).Root!;
            covered += long.Parse((string?)root.Attribute("lines-covered") ?? "0", CultureInfo.InvariantCulture);
            valid += long.Parse((string?)root.Attribute("lines-valid") ?? "0", CultureInfo.InvariantCulture);
        }
        return new LineCoverage(covered, valid);
    }
}
