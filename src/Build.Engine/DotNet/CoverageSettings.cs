using Nuke.Common.IO;

namespace Nuke.Common.Tools.DotNet;

/// <summary>
/// Run settings for Microsoft.CodeCoverage (which Microsoft.NET.Test.Sdk brings): Cobertura of the code under test.
/// Child processes are left alone: a test that starts tools (dotnet, git, the built build) would otherwise run every
/// one of them instrumented, many times slower, for coverage the test run does not report.
/// </summary>
internal static class CoverageSettings
{
    private const string Content = """
        <?xml version="1.0" encoding="utf-8"?>
        <RunSettings>
          <DataCollectionRunSettings>
            <DataCollectors>
              <DataCollector friendlyName="Code Coverage">
                <Configuration>
                  <Format>cobertura</Format>
                  <IncludeTestAssembly>false</IncludeTestAssembly>
                  <CodeCoverage>
                    <CollectFromChildProcesses>False</CollectFromChildProcesses>
                  </CodeCoverage>
                </Configuration>
              </DataCollector>
            </DataCollectors>
          </DataCollectionRunSettings>
        </RunSettings>
        """;

    /// <summary>Writes the settings into <paramref name="directory"/> and returns the file.</summary>
    public static AbsolutePath Write(AbsolutePath directory)
    {
        Directory.CreateDirectory(directory);
        var file = directory / "coverage.runsettings";
        File.WriteAllText(file, Content);
        return file;
    }
}
