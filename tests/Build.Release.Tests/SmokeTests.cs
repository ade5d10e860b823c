namespace Build.Release.Tests; public class SmokeTests { [Fact] public void Runs() => Assert.True(true); }
