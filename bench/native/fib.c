/* Native twin of fib.pasm: the N-th Fibonacci number modulo 2^16, iteratively. */
#include "twin.h"

#define N 1000

static void setup(void) {}

static uint16_t work(void) {
    uint16_t n = N;
    OPAQUE(n);
    uint16_t x = 0, y = 1; /* F(0), F(1) */
    for (uint16_t k = 0; k < n; k++) {
        uint16_t t = (uint16_t) (x + y);
        x = y;
        y = t;
    }
    return x;
}
