@echo off
rem The toyisa launcher for Windows: runs the application jar beside it. In a source checkout it
rem builds the jar first when it is missing (only the modules the toyisa command needs); after a change
rem to the sources, rebuild with: mvn -DskipTests -pl repl -am package
setlocal
set "root=%~dp0"
if exist "%root%toyisa.jar" if not exist "%root%pom.xml" (
  java -jar "%root%toyisa.jar" %*
  exit /b %ERRORLEVEL%
)
set "jar=%root%repl\target\toyisa.jar"
if not exist "%jar%" (
  echo toyisa: building ^(first use^)... 1>&2
  pushd "%root%"
  call mvn -q -B -ntp -DskipTests -pl repl -am package 1>&2
  if errorlevel 1 (
    popd
    echo toyisa: build failed ^(run: mvn -DskipTests -pl repl -am package^) 1>&2
    exit /b 2
  )
  popd
)
java -jar "%jar%" %*
exit /b %ERRORLEVEL%
