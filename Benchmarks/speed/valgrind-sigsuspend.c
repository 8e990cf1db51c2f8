/* Preloaded under valgrind by default-build.sh (CALLGRIND=1); not part of
   Backbone. An async @main program parks its main thread in libdispatch's
   dispatch_main, which calls sigsuspend with a mask in read-only memory;
   valgrind 3.19 rewrites that mask in place and crashes. This passes a
   writable copy instead; the main thread only sleeps there, so the
   instruction count is unchanged. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);   /* the kernel's sigset size */
}
