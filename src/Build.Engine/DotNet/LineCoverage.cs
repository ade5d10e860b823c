using System.Globalization;
using System.Xml.Linq;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Line coverage over Cobertura files, merged per source line (a line counts once, covered if any run hit it).</summary>
public sealed record LineCoverage(long Covered, long Valid)
{
    public double Percent => Valid == 0 ? 0 : 100.0 * Covered / Valid;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Total line coverage: {Percent:0.00}%");

    /// <summary>
    /// Each test project reports every assembly it loads, so a library tested by one project shows up uncovered in the
    /// others; merging by file and line instead of summing keeps that from diluting the total.
    /// </summary>
    public static LineCoverage FromCobertura(IEnumerable<string> files)
    {
        var lines = new Dictionary<(string File, int Line), bool>();
        foreach (var file in files)
        {
            var root = XDocument.Load(file).Root!;
            var source = root.Element("sources")?.Elements("source").Select(s => s.Value).FirstOrDefault() ?? "";
            foreach (var @class in root.Descendants("class"))
            {
                var path = Path.Combine(source, (string?)@class.Attribute("filename") ?? "");
                foreach (var line in @class.Elements("lines").Elements("line"))
                {
                    var key = (path, int.Parse((string)line.Attribute("number")!, CultureInfo.InvariantCulture));
                    var hit = long.Parse((string?)line.Attribute("hits") ?? "0", CultureInfo.InvariantCulture) > 0;
                    lines[key] = lines.GetValueOrDefault(key) || hit;
                }
            }
        }
        return new LineCoverage(lines.Values.Count(hit => hit), lines.Count);
    }
}
