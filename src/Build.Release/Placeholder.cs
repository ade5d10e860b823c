namespace Build.Release; internal static class Placeholder { }
