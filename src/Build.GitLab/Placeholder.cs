namespace Build.GitLab; internal static class Placeholder { }
