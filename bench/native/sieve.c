/* Native twin of sieve.pasm: counts the primes below 8192 with the sieve of Eratosthenes. */
#include "twin.h"

#define N 8192
static uint8_t flags[N];

static void setup(void) {}

static uint16_t work(void) {
    uint16_t n = N;
    OPAQUE(n);
    for (uint16_t i = 2; i < n; i++) flags[i] = 1;
    uint16_t count = 0;
    for (uint16_t i = 2; i < n; i++) {
        if (flags[i] == 0) continue;
        count++;
        if (i >= 91) continue; /* i*i would not be below N (and would not fit in 16 bits) */
        for (uint16_t m = (uint16_t) (i * i); m < n; m = (uint16_t) (m + i)) flags[m] = 0;
    }
    return count;
}
