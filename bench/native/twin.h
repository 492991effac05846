/*
 * The shared main of the native twins. Each twin defines `static void setup(void)` (what its
 * .pasm does once, before the repeat loop) and `static uint16_t work(void)` (one repetition): the
 * same algorithm as the .pasm file, with the same 16-bit arithmetic (uint16_t, wrapping modulo 2^16).
 *
 * Usage: ./twin REPEAT   prints the result of the last repetition, then the nanoseconds the
 * REPEAT repetitions took by the wall clock and in CPU time (one number per line). The bench
 * command runs it several times and takes the median, as it does for the interpreters.
 *
 * gcc -O2 would happily notice that every repetition computes the same thing and do it once.
 * OPAQUE() hides a value from the optimiser (it might have changed), and the memory clobber after
 * each repetition makes it assume every array might have changed: the work must really be redone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define OPAQUE(x) __asm__ volatile("" : "+r"(x))
#define CLOBBER() __asm__ volatile("" : : : "memory")

static void setup(void);
static uint16_t work(void);

static long long now_ns(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    long repeat = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
    if (repeat < 1 || repeat > 65535) {
        fprintf(stderr, "usage: %s REPEAT   (1..65535, like the .pasm's REPEAT)\n", argv[0]);
        return 2;
    }
    uint16_t result = 0;
    long long start = now_ns(CLOCK_MONOTONIC), start_cpu = now_ns(CLOCK_PROCESS_CPUTIME_ID);
    setup();
    for (long r = 0; r < repeat; r++) {
        result = work();
        OPAQUE(result);
        CLOBBER();
    }
    long long elapsed = now_ns(CLOCK_MONOTONIC) - start, cpu = now_ns(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
    printf("%u\n%lld\n%lld\n", (unsigned) result, elapsed, cpu);
    return 0;
}
