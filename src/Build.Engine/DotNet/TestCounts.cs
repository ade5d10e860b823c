using System.Globalization;
using System.Xml.Linq;

namespace Nuke.Common.Tools.DotNet;

/// <summary>Test outcomes summed over JUnit XML files.</summary>
public sealed record TestCounts(int Passed, int Failed, int Skipped)
{
    public int Total => Passed + Failed + Skipped;

    /// <summary>The line CI reads: exactly "Tests: N passed, N failed, N skipped".</summary>
    public override string ToString() => $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped";

    public static TestCounts operator +(TestCounts a, TestCounts b) => new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    public static TestCounts FromJUnit(IEnumerable<string> files) =>
        files.Select(file => FromJUnitXml(File.ReadAllText(file))).Aggregate(new TestCounts(0, 0, 0), (a, b) => a + b);

    public static TestCounts FromJUnitXml(string xml)
    {
        var root = XDocument.Parse(xml).Root ?? throw new FormatException("empty JUnit file");
        var suites = root.Name.LocalName == "testsuite" ? [root] : root.Descendants("testsuite").ToList();
        int tests = 0, failed = 0, skipped = 0;
        foreach (var suite in suites)
        {
            tests += Number(suite, "tests");
            failed += Number(suite, "failures") + Number(suite, "errors");
            skipped += Number(suite, "skipped");
        }
        return new TestCounts(tests - failed - skipped, failed, skipped);
    }

    private static int Number(XElement element, string attribute) =>
        (string?)element.Attribute(attribute) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
}
