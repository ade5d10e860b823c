namespace Build.EndToEnd.Tests; public class SmokeTests { [Fact] public void BuildExecutableIsBesideTheTests() => Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "_build.dll"))); }
