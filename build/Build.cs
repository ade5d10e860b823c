class Build { static int Main(string[] a) { System.Console.WriteLine("hello " + string.Join(" ", a)); return 0; } }
