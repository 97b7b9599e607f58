@echo off
rem Starts ThinkTrace from the folder this script is in (the desktop app with no arguments, a command otherwise)
rem with the java of JAVA_HOME, else the one on the PATH, adding the Vector API module the int8 kernel needs.
setlocal
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
rem Every command but train: PyTorch's OpenMP threads sleep between a prompt's products instead of spinning.
if /I not "%~1"=="train" if not defined OMP_WAIT_POLICY set "OMP_WAIT_POLICY=PASSIVE"
"%JAVA%" --add-modules jdk.incubator.vector %THINKTRACE_JAVA_OPTS% -jar "%~dp0thinktrace.jar" %*
