using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Build.Engine;

namespace Build.GitLab;

/// <summary>
/// Line coverage over one or more Cobertura reports, and the log line the generated test job's <c>coverage:</c>
/// regex reads (<see cref="GitLabPipelineSettings.CoverageRegex"/>), so the printed line and the regex live together.
/// </summary>
public sealed record LineCoverage(int CoveredLines, int ValidLines)
{
    public double Percent => ValidLines == 0 ? 0 : 100.0 * CoveredLines / ValidLines;

    /// <summary><c>Total line coverage: NN.NN%</c>, the line the Test target prints for GitLab.</summary>
    public string LogLine => $"Total line coverage: {Percent.ToString("0.00", CultureInfo.InvariantCulture)}%";

    /// <summary>
    /// Merges the reports line by line: a source line that several test projects cover (each writes its own report)
    /// counts once, and counts as covered when any report hit it.
    /// </summary>
    public static LineCoverage FromCobertura(IReadOnlyCollection<string> reportFiles)
    {
        if (reportFiles.Count == 0)
            throw new BuildException("No Cobertura coverage report was found, so the line coverage is unknown.",
                "Run the tests with coverage collection writing *.cobertura.xml files (e.g. --collect \"XPlat Code Coverage\") into artifacts/coverage.");

        var lines = new Dictionary<(string File, int Line), bool>();
        foreach (var file in reportFiles.Order(StringComparer.Ordinal))
        {
            XDocument document;
            try
            {
                document = XDocument.Load(file);
            }
            catch (Exception e) when (e is XmlException or IOException)
            {
                throw new BuildException($"The coverage report {file} cannot be read: {e.Message}",
                    "Delete the artifacts/coverage directory and run the tests again.", e);
            }

            if (document.Root?.Name.LocalName != "coverage")
                throw new BuildException($"The coverage report {file} is not in Cobertura format (root element <{document.Root?.Name.LocalName}>).",
                    "Collect coverage in Cobertura format (coverlet: Format=cobertura).");

            var source = document.Root.Element("sources")?.Elements("source").Select(s => s.Value).FirstOrDefault() ?? "";
            foreach (var @class in document.Descendants("class"))
            {
                var path = Path.Combine(source, (string?)@class.Attribute("filename") ?? "");
                // Class-level <lines> only: method-level <lines> repeat them.
                foreach (var line in @class.Elements("lines").Elements("line"))
                {
                    var key = (path, (int?)line.Attribute("number") ?? 0);
                    var hit = ((long?)line.Attribute("hits") ?? 0) > 0;
                    lines[key] = lines.GetValueOrDefault(key) || hit;
                }
            }
        }
        return new LineCoverage(lines.Values.Count(covered => covered), lines.Count);
    }
}
