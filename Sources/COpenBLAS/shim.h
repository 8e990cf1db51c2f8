#ifndef BACKBONE_COPENBLAS_SHIM_H
#define BACKBONE_COPENBLAS_SHIM_H
#include <stddef.h>
#include <cblas.h>

/* Debian's OpenBLAS ships no LAPACKE; these are its Fortran LAPACK symbols.
   gfortran ABI: every argument by pointer, and each character argument has a
   hidden size_t length appended at the end of the list. */
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info, size_t uplo_len);
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, double *work, const int *lwork, int *info, size_t trans_len);
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
             const int *lwork, int *info);
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
            double *work, const int *lwork, int *info, size_t jobz_len, size_t uplo_len);
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
/* OpenBLAS's pthread build starts a worker thread per core when it is
   loaded, and those spin in sched_yield for about 2^28 cycles before they
   sleep, beside the build's own threads. `blas_thread_shutdown_` (exported
   for fork handling) ends them; it is declared weak because builds of
   OpenBLAS without threads do not have it. After one thread is set, no BLAS
   call starts them again, but setting the count again does (0.3.21's
   goto_set_num_threads calls blas_thread_init when no workers are up):
   call this once, and never openblas_set_num_threads after it. */
extern int blas_thread_shutdown_(void) __attribute__((weak));

/* Whether OpenBLAS's worker threads are up (its exported flag); 0 where the
   build has no such flag. */
extern int blas_server_avail __attribute__((weak));

static inline int backbone_openblas_workers_up(void) {
    return &blas_server_avail != 0 && blas_server_avail != 0;
}

static inline void backbone_openblas_use_calling_thread(void) {
    openblas_set_num_threads(1);
    if (blas_thread_shutdown_) blas_thread_shutdown_();
}
#endif
