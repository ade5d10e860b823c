namespace Build.Engine.Tests; public class SmokeTests { [Fact] public void Runs() => Assert.True(true); }
