@echo off
rem Windows bootstrap. MSBuilds incremental build keeps a warm run short; build.sh has the faster stamp check.
setlocal
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
set DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
set "ROOT=%~dp0"
set "BIN=%ROOT%.nuke\temp\bin"
if not exist "%ROOT%.nuke\temp" mkdir "%ROOT%.nuke\temp"
where dotnet >nul 2>nul || (echo dotnet was not found on PATH. Install the .NET SDK named in global.json. 1>&2 & exit /b 1)
dotnet build "%ROOT%build\_build.csproj" --nologo -v quiet -clp:NoSummary -o "%BIN%" > "%ROOT%.nuke\temp\build-project.log" 2>&1
if errorlevel 1 (type "%ROOT%.nuke\temp\build-project.log" 1>&2 & echo Building the build project failed; the whole log is in .nuke\temp\build-project.log. 1>&2 & exit /b 1)
dotnet "%BIN%\_build.dll" %*
exit /b %ERRORLEVEL%
