@echo off
rem Starts ThinkTrace from the folder this script is in (the desktop app with no arguments, a command otherwise)
rem with the java of JAVA_HOME, else the one on the PATH, adding the Vector API module the int8 kernel needs.
setlocal
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" --add-modules jdk.incubator.vector %THINKTRACE_JAVA_OPTS% -jar "%~dp0thinktrace.jar" %*
