using System.Globalization;
using System.Xml.Linq;

namespace Nuke.Common.Tools.DotNet;

/// <summary>
/// Converts the TRX file that <c>dotnet test --logger trx</c> writes natively into the JUnit XML GitLab reads, so a test
/// project needs no logger package of its own.
/// </summary>
public static class TrxToJUnit
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    // TRX outcomes VSTest writes; anything else (Aborted, Timeout, Error, …) is a failure, so nothing is lost silently.
    private static readonly HashSet<string> Skipped = ["NotExecuted", "Inconclusive", "Pending", "NotRunnable", "Disconnected", "Warning"];

    /// <summary>The summed time of a JUnit file's test cases by class.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> ClassDurations(string junitFile) =>
        XDocument.Load(junitFile).Descendants("testcase")
            .GroupBy(c => (string?)c.Attribute("classname") ?? "", StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .ToDictionary(g => g.Key, g => TimeSpan.FromSeconds(g.Sum(c =>
                double.TryParse((string?)c.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0)), StringComparer.Ordinal);

    /// <param name="suiteName">The test project's name: one &lt;testsuite&gt; per project.</param>
    public static XDocument Convert(XDocument trx, string suiteName)
    {
        var root = trx.Root ?? throw new FormatException("empty TRX file");
        var classes = root.Descendants(Trx + "UnitTest").ToDictionary(
            test => (string?)test.Attribute("id") ?? "",
            test => (string?)test.Element(Trx + "TestMethod")?.Attribute("className") ?? "");

        int failures = 0, skipped = 0;
        double total = 0;
        var cases = new List<XElement>();
        foreach (var result in root.Descendants(Trx + "UnitTestResult"))
        {
            var outcome = (string?)result.Attribute("outcome") ?? "";
            var testName = (string?)result.Attribute("testName") ?? "";
            var className = classes.GetValueOrDefault((string?)result.Attribute("testId") ?? "", "");
            var name = className.Length > 0 && testName.StartsWith(className + ".", StringComparison.Ordinal) ? testName[(className.Length + 1)..] : testName;
            var seconds = TimeSpan.TryParse((string?)result.Attribute("duration"), CultureInfo.InvariantCulture, out var duration) ? duration.TotalSeconds : 0;
            total += seconds;

            var testCase = new XElement("testcase",
                new XAttribute("classname", className),
                new XAttribute("name", name),
                new XAttribute("time", seconds.ToString("0.###", CultureInfo.InvariantCulture)));
            var output = result.Element(Trx + "Output");
            var error = output?.Element(Trx + "ErrorInfo");
            if (outcome == "Passed") { }
            else if (Skipped.Contains(outcome))
            {
                skipped++;
                testCase.Add(new XElement("skipped", new XAttribute("message", (string?)error?.Element(Trx + "Message") ?? outcome)));
            }
            else
            {
                failures++;
                var message = (string?)error?.Element(Trx + "Message") ?? outcome;
                testCase.Add(new XElement("failure", new XAttribute("message", message), new XAttribute("type", outcome),
                    $"{message}\n{(string?)error?.Element(Trx + "StackTrace")}".TrimEnd()));
            }
            if ((string?)output?.Element(Trx + "StdOut") is { Length: > 0 } stdout)
                testCase.Add(new XElement("system-out", stdout));
            cases.Add(testCase);
        }

        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", total.ToString("0.###", CultureInfo.InvariantCulture)),
            cases);
        return new XDocument(new XElement("testsuites", suite));
    }

    public static void ConvertFile(string trxFile, string junitFile, string suiteName) =>
        Convert(XDocument.Load(trxFile), suiteName).Save(junitFile);
}
