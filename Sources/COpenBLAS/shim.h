#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H
// CBLAS (OpenBLAS's header: it also declares openblas_set_num_threads / openblas_get_num_threads)
// and the C interface to LAPACK. Routines with complex arguments do not import into Swift and are
// not used.
#include <cblas.h>
#include <lapacke.h>
#endif
