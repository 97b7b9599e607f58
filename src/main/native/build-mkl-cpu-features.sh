#!/bin/sh
# Rebuilds the prebuilt library that MklCpuDispatch loads (x86-64 Linux), from mkl_cpu_features.c.
# Run from the project root: src/main/native/build-mkl-cpu-features.sh
set -eu
out=src/main/resources/org/thinktrace/model/native/linux-x86-64/libthinktrace-mkl-cpu-features.so
gcc -shared -fPIC -O2 -nostdlib -Wl,-soname,libthinktrace-mkl-cpu-features.so -Wl,-s \
    -o "$out" src/main/native/mkl_cpu_features.c
echo "wrote $out"
