class Build { static int Main() => 0; }
