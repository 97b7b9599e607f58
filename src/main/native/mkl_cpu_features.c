/*
 * libthinktrace-mkl-cpu-features.so: one function that the oneMKL inside PyTorch's CPU build asks
 * before it picks its kernels. oneMKL uses its AVX2 / AVX-512 kernels only where this function
 * says the processor is Intel's; on an AMD processor with the same instruction sets it falls back
 * to generic kernels (a single-row FP32 product ran a core at 13-14 GB/s instead of 18-20 on an
 * AMD EPYC with AVX2, docs/benchmarks.md). Loaded into the global symbol scope before PyTorch
 * (org.thinktrace.model.MklCpuDispatch), this definition is the one PyTorch's library binds to, so
 * oneMKL then chooses by the processor's instruction sets, which it still checks itself.
 *
 * Built by build-mkl-cpu-features.sh; no C library needed, so it loads on any x86-64 Linux.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
